// results.cpp — the results page: search box, facet sidebar with counts,
// result cards, sorting and pagination. Every control is a plain GET form
// or link; /static/site.js only makes them apply without a reload.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "site/html.h"
#include "site/pages.h"

namespace palveluhaku::site {

namespace {

constexpr std::size_t kFacetVisible = 8;  // values shown before "show all"

std::string format_km(Lang lang, double km) {
  char buf[32];
  if (km < 10) std::snprintf(buf, sizeof buf, "%.1f", km);
  else std::snprintf(buf, sizeof buf, "%.0f", km);
  std::string s = buf;
  if (lang != Lang::en)
    for (char& c : s)
      if (c == '.') c = ',';
  return s + "\xC2\xA0km";
}

std::string count_text(const PageEnv& env, std::size_t n) {
  const Messages& m = *env.msg;
  if (n == 0) return m.get(env.lang, "results.count_zero");
  if (n == 1) return m.get(env.lang, "results.count_one");
  return m.format(env.lang, "results.count_many", {{"n", std::to_string(n)}});
}

// The label of a facet value: the engine's label, else ours.
std::string facet_value_label(const PageEnv& env, const std::string& field, const FacetCount& fc) {
  if (!fc.label.empty() && fc.label != fc.value) return fc.label;
  return value_label(env, field, fc.value);
}

const std::vector<FacetCount>* facet_of(const SearchResult* r, const std::string& field) {
  if (!r) return nullptr;
  auto it = r->facets.find(field);
  return it == r->facets.end() ? nullptr : &it->second;
}

std::string id_safe(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '-');
  return out;
}

// Hidden inputs carrying everything except the facet fields (and page).
std::string hidden_state(const SiteQuery& q) {
  std::string h;
  const auto& fields = site_filter_fields();
  for (const auto& [k, v] : q.params()) {
    if (v.empty() || k == "page") continue;
    if (std::find(fields.begin(), fields.end(), k) != fields.end()) continue;
    h += "<input type=\"hidden\" name=\"" + escape_attr(k) + "\" value=\"" + escape_attr(v) + "\">\n";
  }
  return h;
}

std::string render_checkbox_facet(const PageEnv& env, const SearchResult* r, const std::string& field) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  std::vector<FacetCount> values;
  if (const auto* f = facet_of(r, field)) values = *f;
  // Selected values always appear, even with a zero count.
  for (const std::string& sel : env.query.all(field)) {
    if (std::none_of(values.begin(), values.end(), [&](const FacetCount& fc) { return fc.value == sel; }))
      values.push_back({sel, value_label(env, field, sel), 0});
  }
  std::vector<FacetCount> shown;
  for (const auto& fc : values)
    if (fc.count > 0 || env.query.has(field, fc.value)) shown.push_back(fc);
  if (shown.empty()) return {};
  std::stable_sort(shown.begin(), shown.end(), [&](const FacetCount& a, const FacetCount& b) {
    const bool sa = env.query.has(field, a.value), sb = env.query.has(field, b.value);
    if (sa != sb) return sa;
    return a.count > b.count;
  });

  std::string h;
  h += "<fieldset class=\"facet\" id=\"facet-" + field + "\">\n<legend>" + escape(m.get(L, "facet." + field)) +
       "</legend>\n<ul>\n";
  auto item = [&](const FacetCount& fc, std::size_t i) {
    const std::string id = "f-" + field + "-" + std::to_string(i) + "-" + id_safe(fc.value);
    const bool checked = env.query.has(field, fc.value);
    std::string li = "<li><input type=\"checkbox\" id=\"" + escape_attr(id) + "\" name=\"" + escape_attr(field) +
                     "\" value=\"" + escape_attr(fc.value) + "\"" + (checked ? " checked" : "") + ">";
    li += "<label for=\"" + escape_attr(id) + "\">" + escape(facet_value_label(env, field, fc)) +
          " <span class=\"count\">" + std::to_string(fc.count) + "</span></label></li>\n";
    return li;
  };
  for (std::size_t i = 0; i < shown.size() && i < kFacetVisible; ++i) h += item(shown[i], i);
  h += "</ul>\n";
  if (shown.size() > kFacetVisible) {
    h += "<details class=\"facet-more\"><summary>" +
         escape(m.format(L, "facet.show_all", {{"n", std::to_string(shown.size())}})) + "</summary>\n<ul>\n";
    for (std::size_t i = kFacetVisible; i < shown.size(); ++i) h += item(shown[i], i);
    h += "</ul>\n</details>\n";
  }
  h += "</fieldset>\n";
  return h;
}

std::string render_open_now(const PageEnv& env, const SearchResult* r) {
  const Messages& m = *env.msg;
  std::size_t count = 0;
  bool known = false;
  if (const auto* f = facet_of(r, "open_now")) {
    for (const auto& fc : *f)
      if (fc.value == "true") { count = fc.count; known = true; }
  }
  const bool checked = env.query.get("open_now") == "true";
  std::string h = "<fieldset class=\"facet facet-open\" id=\"facet-open_now\">\n<legend>" +
                  escape(m.get(env.lang, "facet.open_now")) + "</legend>\n<ul><li>";
  h += "<input type=\"checkbox\" id=\"f-open_now\" name=\"open_now\" value=\"true\"" +
       std::string(checked ? " checked" : "") + ">";
  h += "<label for=\"f-open_now\">" + escape(m.get(env.lang, "facet.open_now.true"));
  if (known) h += " <span class=\"count\">" + std::to_string(count) + "</span>";
  h += "</label></li></ul>\n</fieldset>\n";
  return h;
}

std::string render_age(const PageEnv& env, const SearchResult* r) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const std::string current = env.query.get("age");
  std::map<std::string, std::size_t> counts;
  if (const auto* f = facet_of(r, "age"))
    for (const auto& fc : *f) counts[fc.value] = fc.count;
  std::string h = "<div class=\"facet facet-age\" id=\"facet-age\">\n<label class=\"facet-title\" for=\"f-age\">" +
                  escape(m.get(L, "facet.age")) + "</label>\n";
  h += "<select id=\"f-age\" name=\"age\">\n<option value=\"\">" + escape(m.get(L, "facet.age.any")) +
       "</option>\n";
  for (int a = 0; a <= 18; ++a) {
    const std::string v = std::to_string(a);
    h += "<option value=\"" + v + "\"" + (current == v ? " selected" : "") + ">" +
         escape(m.format(L, "facet.age.value", {{"n", v}}));
    if (auto it = counts.find(v); it != counts.end()) h += " (" + std::to_string(it->second) + ")";
    h += "</option>\n";
  }
  h += "</select>\n</div>\n";
  return h;
}

std::string render_facets(const PageEnv& env, const SearchResult* r) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  std::string h;
  h += "<aside class=\"sidebar\" aria-labelledby=\"facets-title\">\n";
  h += "<h2 id=\"facets-title\" class=\"facets-title\">" + escape(m.get(L, "facets.title")) + "</h2>\n";
  h += "<form class=\"facets-form\" id=\"facets-form\" action=\"/haku\" method=\"get\">\n";
  h += hidden_state(env.query);
  for (const std::string& field : site_filter_fields()) {
    if (field == "open_now") h += render_open_now(env, r);
    else if (field == "age") h += render_age(env, r);
    else h += render_checkbox_facet(env, r, field);
  }
  h += "<div class=\"facet-actions\"><button type=\"submit\" class=\"btn btn-primary js-hide\">" +
       escape(m.get(L, "facets.apply")) + "</button></div>\n";
  h += "</form>\n</aside>\n";
  return h;
}

std::string render_active_filters(const PageEnv& env) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  std::string chips;
  for (const std::string& field : site_filter_fields()) {
    for (const std::string& v : env.query.all(field)) {
      if (field == "open_now" && v != "true") continue;
      const std::string label = value_label(env, field, v);
      chips += "<li><a class=\"chip\" href=\"" + escape_attr(env.query.without(field, v).url("/haku")) +
               "\"><span class=\"visually-hidden\">" + escape(m.get(L, "filters.remove")) + " </span>" +
               escape(m.get(L, "facet." + field)) + ": " + escape(label) +
               "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M6 6l12 12M18 6 6 18\"/></svg></a></li>\n";
    }
  }
  if (chips.empty()) return {};
  SiteQuery cleared;
  for (const auto& [k, v] : env.query.params()) {
    const auto& f = site_filter_fields();
    if (std::find(f.begin(), f.end(), k) == f.end()) cleared = cleared.with_added(k, v);
  }
  std::string h = "<div class=\"active-filters\">\n<h2 class=\"visually-hidden\">" +
                  escape(m.get(L, "filters.active")) + "</h2>\n<ul>\n" + chips;
  h += "<li><a class=\"clear-all\" href=\"" + escape_attr(cleared.url("/haku")) + "\">" +
       escape(m.get(L, "filters.clear")) + "</a></li>\n</ul>\n</div>\n";
  return h;
}

// The heading over the hits that fill a short result (see SearchResult::filled).
std::string render_group_heading(const PageEnv& env, MatchKind kind) {
  const char* key = kind == MatchKind::related ? "results.more_related" : "results.more_some";
  return "<h2 class=\"results-group\">" + escape(env.msg->get(env.lang, key)) + "</h2>\n";
}

std::string render_card(const PageEnv& env, const SearchHit& hit) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const ServiceRecord& r = *hit.record;
  const std::string href = SiteQuery{}.with("lang", std::string(lang_code(L))).url("/palvelu/" + url_encode(hit.id));
  std::string h = "<li class=\"card\">\n<article>\n";
  h += "<h2 class=\"card-title\"><a href=\"" + escape_attr(href) + "\">" + escape(r.name.best(L)) + "</a></h2>\n";
  // Meta line: provider, municipality, distance.
  std::string provider = r.provider.name.best(L);
  std::string municipality;
  std::string mcode;  // the first location's municipality, else the first of the area (as the API)
  for (const auto& loc : r.locations)
    if (mcode.empty() && !loc.address.municipality_code.empty()) mcode = loc.address.municipality_code;
  if (mcode.empty() && !r.area.municipalities.empty()) mcode = r.area.municipalities.front();
  if (!mcode.empty()) municipality = value_label(env, "municipality", mcode);
  h += "<p class=\"card-meta\">";
  if (!provider.empty())
    h += "<span class=\"provider\"><span class=\"visually-hidden\">" + escape(m.get(L, "card.provider")) +
         ": </span>" + escape(provider) + "</span>";
  if (!municipality.empty())
    h += "<span class=\"municipality\"><span class=\"visually-hidden\">" + escape(m.get(L, "card.municipality")) +
         ": </span>" + escape(municipality) + "</span>";
  if (hit.distance_km)
    h += "<span class=\"distance\"><span class=\"visually-hidden\">" + escape(m.get(L, "card.distance")) +
         ": </span>" + escape(format_km(L, *hit.distance_km)) + "</span>";
  h += "</p>\n";
  if (hit.open_now) {
    if (*hit.open_now)
      h += "<p class=\"badge badge-open\">" + escape(m.get(L, "card.open_now")) + "</p>\n";
    else
      h += "<p class=\"badge badge-closed\">" + escape(m.get(L, "card.closed_now")) + "</p>\n";
  }
  if (!hit.snippet.empty()) h += "<p class=\"snippet\">" + sanitize_snippet(hit.snippet) + "</p>\n";
  else if (!r.summary.best(L).empty()) h += "<p class=\"snippet\">" + escape(truncate_text(r.summary.best(L), 240)) + "</p>\n";
  // A few category tags.
  if (!r.service_classes.empty()) {
    h += "<ul class=\"tags\" aria-label=\"" + escape_attr(m.get(L, "card.categories")) + "\">";
    for (std::size_t i = 0; i < r.service_classes.size() && i < 3; ++i)
      h += "<li>" + escape(value_label(env, "service_class", r.service_classes[i])) + "</li>";
    h += "</ul>\n";
  }
  h += "</article>\n</li>\n";
  return h;
}

std::string render_sort(const PageEnv& env, bool has_place) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  std::string current = env.query.get("sort");
  if (current.empty()) current = "relevance";
  std::string h = "<form class=\"sort-form\" action=\"/haku\" method=\"get\">\n";
  for (const auto& [k, v] : env.query.params())
    if (k != "sort" && k != "page" && !v.empty())
      h += "<input type=\"hidden\" name=\"" + escape_attr(k) + "\" value=\"" + escape_attr(v) + "\">\n";
  h += "<label for=\"sort\">" + escape(m.get(L, "sort.label")) + "</label>\n<select id=\"sort\" name=\"sort\">\n";
  std::vector<std::string> options = {"relevance", "name"};
  if (has_place) options.insert(options.begin() + 1, "distance");
  for (const auto& o : options)
    h += "<option value=\"" + o + "\"" + (o == current ? " selected" : "") + ">" + escape(m.get(L, "sort." + o)) +
         "</option>\n";
  h += "</select>\n<button type=\"submit\" class=\"btn btn-small js-hide\">" + escape(m.get(L, "sort.apply")) +
       "</button>\n</form>\n";
  return h;
}

std::string render_pagination(const PageEnv& env, const SearchResult& r) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  if (r.per_page <= 0) return {};
  const int pages = static_cast<int>((r.total + static_cast<std::size_t>(r.per_page) - 1) / static_cast<std::size_t>(r.per_page));
  if (pages <= 1) return {};
  const int cur = std::clamp(r.page, 1, std::max(pages, 1));
  std::string h = "<nav class=\"pagination\" aria-label=\"" + escape_attr(m.get(L, "pagination.label")) + "\">\n<ul>\n";
  if (cur > 1)
    h += "<li><a rel=\"prev\" href=\"" + escape_attr(env.query.with_page(cur - 1).url("/haku")) + "\">" +
         escape(m.get(L, "pagination.prev")) + "</a></li>\n";
  // Window of pages: 1, cur-2..cur+2, last.
  int last_shown = 0;
  for (int p = 1; p <= pages; ++p) {
    if (p != 1 && p != pages && std::abs(p - cur) > 2) continue;
    if (last_shown && p > last_shown + 1) h += "<li class=\"gap\" aria-hidden=\"true\">\xE2\x80\xA6</li>\n";
    last_shown = p;
    const std::string label = m.format(L, "pagination.page", {{"n", std::to_string(p)}});
    if (p == cur)
      h += "<li><a aria-current=\"page\" aria-label=\"" + escape_attr(label) + "\" href=\"" +
           escape_attr(env.query.with_page(p).url("/haku")) + "\">" + std::to_string(p) + "</a></li>\n";
    else
      h += "<li><a aria-label=\"" + escape_attr(label) + "\" href=\"" +
           escape_attr(env.query.with_page(p).url("/haku")) + "\">" + std::to_string(p) + "</a></li>\n";
  }
  if (cur < pages)
    h += "<li><a rel=\"next\" href=\"" + escape_attr(env.query.with_page(cur + 1).url("/haku")) + "\">" +
         escape(m.get(L, "pagination.next")) + "</a></li>\n";
  h += "</ul>\n</nav>\n";
  return h;
}

}  // namespace

std::string render_results(const PageEnv& env, const SearchResult* result,
                           const std::vector<ParamProblem>& problems, const std::string& error_message) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const std::string q = env.query.get("q");
  const bool has_place = !env.query.get("near").empty() || !env.query.get("postcode").empty() ||
                         !env.query.get("near_municipality").empty();
  std::string h;
  h += "<div class=\"search-band\">\n<div class=\"wrap\">\n";
  h += render_search_form(env, false);
  h += "</div>\n</div>\n";
  h += "<div class=\"wrap results-head\">\n";
  const std::string title =
      q.empty() ? m.get(L, "results.title") : m.format(L, "results.title_q", {{"q", q}});
  h += "<h1 id=\"results-title\">" + escape(title) + "</h1>\n";
  // Announced to screen readers when site.js swaps the results in.
  h += "<p class=\"result-count\" id=\"result-count\" role=\"status\" aria-live=\"polite\">";
  if (result) h += escape(count_text(env, result->total));
  h += "</p>\n";
  for (const auto& p : problems)
    h += "<p class=\"notice notice-warning\">" +
         escape(m.format(L, "problem.param", {{"param", m.get(L, "param." + p.parameter)}, {"value", p.value}})) +
         "</p>\n";
  if (!error_message.empty()) h += "<p class=\"notice notice-error\" role=\"alert\">" + escape(error_message) + "</p>\n";
  if (result && result->did_you_mean) {
    const std::string dym_url = env.query.with("q", *result->did_you_mean).url("/haku");
    const std::string key = result->corrected ? "results.corrected" : "results.did_you_mean";
    const std::string text = m.get(L, key);
    const auto pos = text.find("{q}");
    h += "<p class=\"notice notice-info\">";
    if (pos == std::string::npos) {
      h += escape(text) + " <a href=\"" + escape_attr(dym_url) + "\">" + escape(*result->did_you_mean) + "</a>";
    } else {
      h += escape(text.substr(0, pos)) + "<a href=\"" + escape_attr(dym_url) + "\">" +
           escape(*result->did_you_mean) + "</a>" + escape(text.substr(pos + 3));
    }
    h += "</p>\n";
  }
  if (result && result->relaxed) h += "<p class=\"notice notice-info\">" + escape(m.get(L, "results.relaxed")) + "</p>\n";
  h += render_active_filters(env);
  h += "</div>\n";

  h += "<div class=\"wrap results-layout\">\n";
  h += render_facets(env, result);
  h += "<section class=\"results\" aria-labelledby=\"results-title\">\n";
  if (result) {
    h += "<div class=\"results-toolbar\">\n" + render_sort(env, has_place) + "</div>\n";
    if (result->hits.empty()) {
      h += "<div class=\"empty\">\n<p><strong>" + escape(m.get(L, "results.none")) + "</strong></p>\n<p>" +
           escape(m.get(L, "results.none_hint")) + "</p>\n</div>\n";
    } else {
      // A short result is filled after its matches with services matching
      // some words, then related services: each group under its own heading.
      const int first = (result->page - 1) * result->per_page + 1;
      MatchKind group = result->hits.front().match;
      if (group != MatchKind::all_words && !(result->relaxed && group == MatchKind::some_words))
        h += render_group_heading(env, group);
      h += "<ol class=\"cards\" start=\"" + std::to_string(first) + "\">\n";
      for (std::size_t i = 0; i < result->hits.size(); ++i) {
        const SearchHit& hit = result->hits[i];
        if (hit.match != group) {
          group = hit.match;
          h += "</ol>\n" + render_group_heading(env, group) + "<ol class=\"cards\" start=\"" +
               std::to_string(first + static_cast<int>(i)) + "\">\n";
        }
        h += render_card(env, hit);
      }
      h += "</ol>\n";
    }
    h += render_pagination(env, *result);
  }
  h += "</section>\n</div>\n";

  LayoutOptions opts;
  opts.title = title;
  opts.body_class = "page-results";
  opts.noindex = true;
  return render_layout(env, opts, h);
}

}  // namespace palveluhaku::site
