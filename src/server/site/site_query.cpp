#include "site/site_query.h"

#include <algorithm>
#include <charconv>

#include "palveluhaku/geo.h"
#include "site/html.h"

namespace palveluhaku::site {

namespace {

const std::vector<std::string> kListFilters = {"municipality", "region",   "provider_type",
                                               "service_class", "target_group", "life_event",
                                               "language",     "cost",     "channel"};

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

std::optional<double> to_double(std::string_view s) {
  // from_chars for double is available in GCC 12.
  double v = 0;
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

}  // namespace

const std::vector<std::string>& site_filter_fields() {
  static const std::vector<std::string> fields = {
      "open_now", "municipality", "service_class", "target_group", "life_event", "age",
      "provider_type", "language", "cost", "channel"};
  return fields;
}

SiteQuery::SiteQuery(std::vector<std::pair<std::string, std::string>> params) : params_(std::move(params)) {}

std::vector<std::string> SiteQuery::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : params_)
    if (k == name && !v.empty()) out.push_back(v);
  return out;
}

std::string SiteQuery::get(std::string_view name) const {
  for (const auto& [k, v] : params_)
    if (k == name && !v.empty()) return v;
  return {};
}

bool SiteQuery::has(std::string_view name, std::string_view value) const {
  return std::any_of(params_.begin(), params_.end(),
                     [&](const auto& kv) { return kv.first == name && kv.second == value; });
}

Lang SiteQuery::lang() const { return parse_lang(get("lang")).value_or(Lang::fi); }

SiteQuery SiteQuery::with(std::string_view name, std::string_view value) const {
  // Replaces the first value in place (so URLs keep their order), drops the rest.
  SiteQuery q;
  bool done = false;
  for (const auto& kv : params_) {
    if (kv.first == "page") continue;
    if (kv.first != name) {
      q.params_.push_back(kv);
    } else if (!done) {
      q.params_.emplace_back(kv.first, std::string(value));
      done = true;
    }
  }
  if (!done) q.params_.emplace_back(std::string(name), std::string(value));
  return q;
}

SiteQuery SiteQuery::with_added(std::string_view name, std::string_view value) const {
  SiteQuery q = without("page");
  if (!q.has(name, value)) q.params_.emplace_back(std::string(name), std::string(value));
  return q;
}

SiteQuery SiteQuery::without(std::string_view name) const {
  SiteQuery q;
  for (const auto& kv : params_)
    if (kv.first != name && kv.first != "page") q.params_.push_back(kv);
  return q;
}

SiteQuery SiteQuery::without(std::string_view name, std::string_view value) const {
  SiteQuery q;
  for (const auto& kv : params_)
    if (!(kv.first == name && kv.second == value) && kv.first != "page") q.params_.push_back(kv);
  return q;
}

SiteQuery SiteQuery::with_page(int page) const {
  SiteQuery q;
  for (const auto& kv : params_)
    if (kv.first != "page") q.params_.push_back(kv);
  if (page > 1) q.params_.emplace_back("page", std::to_string(page));
  return q;
}

std::string SiteQuery::url(std::string_view path) const {
  std::string out(path);
  char sep = '?';
  for (const auto& [k, v] : params_) {
    if (v.empty()) continue;
    if (k == "lang" && v == "fi") continue;
    out += sep;
    out += url_encode(k);
    out += '=';
    out += url_encode(v);
    sep = '&';
  }
  return out;
}

bool SiteQuery::has_search() const {
  for (const auto& [k, v] : params_) {
    if (v.empty()) continue;
    if (k == "q" || k == "near" || k == "postcode" || k == "near_municipality" || k == "age" ||
        k == "open_now")
      return true;
    if (std::find(kListFilters.begin(), kListFilters.end(), k) != kListFilters.end()) return true;
  }
  return false;
}

SearchRequest SiteQuery::to_request(const CodeLists* codes, std::vector<ParamProblem>& problems) const {
  SearchRequest req;
  req.q = get("q");
  req.lang = lang();
  for (const auto& field : kListFilters) {
    auto values = all(field);
    if (!values.empty()) req.filters[field] = std::move(values);
  }
  if (const std::string age = get("age"); !age.empty()) {
    auto v = to_int(age);
    if (v && *v >= 0 && *v <= 120) req.age = *v;
    else problems.push_back({"age", age});
  }
  req.open_now = get("open_now") == "true";
  if (const std::string near = get("near"); !near.empty()) {
    if (auto p = parse_lat_lon(near)) req.near = *p;
    else problems.push_back({"near", near});
  } else if (const std::string pc = get("postcode"); !pc.empty() && is_valid_postcode(pc)) {
    const PostcodeArea* area = codes ? codes->postcode(pc) : nullptr;
    if (area && area->centroid) req.near = *area->centroid;
    else problems.push_back({"postcode", pc});
  } else if (std::string nm = get("near_municipality"); !nm.empty() || !get("postcode").empty()) {
    // The "where" box sends postcode=; a name there means a municipality.
    if (nm.empty()) nm = get("postcode");
    const Municipality* m = nullptr;
    if (codes) {
      m = codes->municipality(nm);
      if (!m) m = codes->municipality_by_name(nm);
    }
    if (m && m->centre) req.near = *m->centre;
    else problems.push_back({"near_municipality", nm});
  }
  if (const std::string r = get("radius_km"); !r.empty()) {
    auto v = to_double(r);
    if (v && *v > 0 && *v <= 1000) req.radius_km = *v;
    else problems.push_back({"radius_km", r});
  }
  const std::string sort = get("sort");
  if (sort == "distance" && req.near) req.sort = SortOrder::distance;
  else if (sort == "name") req.sort = SortOrder::name;
  else if (!sort.empty() && sort != "relevance" && sort != "distance") problems.push_back({"sort", sort});
  if (const std::string p = get("page"); !p.empty()) {
    auto v = to_int(p);
    if (v && *v >= 1 && *v <= 10000) req.page = *v;
    else problems.push_back({"page", p});
  }
  if (const std::string pp = get("per_page"); !pp.empty()) {
    auto v = to_int(pp);
    if (v) req.per_page = std::clamp(*v, 1, 100);
    else problems.push_back({"per_page", pp});
  }
  return req;
}

}  // namespace palveluhaku::site
