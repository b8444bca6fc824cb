// service_page.cpp — one service: description, every location with address,
// opening hours, accessibility and a map link, contacts, how to apply,
// provider and the last update. Works printed (web/static/print.css).
#include <algorithm>
#include <cstdio>

#include "site/html.h"
#include "site/pages.h"

namespace palveluhaku::site {

namespace {

std::string hhmm(Lang lang, int minutes) {
  minutes %= 1440;
  char buf[16];
  std::snprintf(buf, sizeof buf, lang == Lang::en ? "%d:%02d" : "%d.%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string day_name(const PageEnv& env, int weekday) {
  return env.msg->get(env.lang, "day." + std::to_string(weekday));
}

std::string intervals_text(const PageEnv& env, const std::vector<DayHours>& days, int weekday) {
  std::string out;
  for (const auto& d : days) {
    if (d.weekday != weekday) continue;
    if (!out.empty()) out += ", ";
    out += hhmm(env.lang, d.open_min) + "\xE2\x80\x93" + hhmm(env.lang, d.close_min);
  }
  return out;
}

std::string validity(const PageEnv& env, const HoursEntry& e) {
  if (e.valid_from.empty() && e.valid_to.empty()) return {};
  if (e.valid_from == e.valid_to) return format_date(env.lang, e.valid_from);
  return format_date(env.lang, e.valid_from) + "\xE2\x80\x93" + format_date(env.lang, e.valid_to);
}

std::string render_hours(const PageEnv& env, const std::vector<HoursEntry>& hours, const std::string& id) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  if (hours.empty()) return {};
  std::string h = "<div class=\"hours\">\n<h4 id=\"" + id + "\">" + escape(m.get(L, "service.hours")) + "</h4>\n";
  for (const HoursEntry& e : hours) {
    const std::string valid = validity(env, e);
    const std::string note = e.note.best(L);
    std::string caption;
    if (e.kind == HoursEntry::Kind::exception) caption = m.get(L, "service.hours_exception");
    else if (e.kind == HoursEntry::Kind::special) caption = m.get(L, "service.hours_special");
    if (!valid.empty()) caption += (caption.empty() ? "" : " ") + valid;
    if (!caption.empty()) h += "<p class=\"hours-caption\">" + escape(caption) + "</p>\n";
    if (e.always_open) {
      h += "<p>" + escape(m.get(L, "service.always_open")) + "</p>\n";
    } else if (e.closed) {
      h += "<p>" + escape(m.get(L, "service.closed")) + "</p>\n";
    } else if (!e.days.empty()) {
      h += "<table class=\"hours-table\" aria-labelledby=\"" + id + "\">\n<tbody>\n";
      for (int wd = 0; wd < 7; ++wd) {
        const std::string t = intervals_text(env, e.days, wd);
        if (t.empty() && e.kind != HoursEntry::Kind::regular) continue;
        h += "<tr><th scope=\"row\">" + escape(day_name(env, wd)) + "</th><td>" +
             escape(t.empty() ? m.get(L, "service.closed_day") : t) + "</td></tr>\n";
      }
      h += "</tbody>\n</table>\n";
    }
    if (!note.empty()) h += "<p class=\"hours-note\">" + escape(note) + "</p>\n";
  }
  h += "</div>\n";
  return h;
}

std::string render_phone(const PageEnv& env, const Phone& p) {
  std::string tel;
  for (char c : p.number)
    if ((c >= '0' && c <= '9') || c == '+') tel += c;
  std::string h = "<li>";
  const std::string desc = p.description.best(env.lang);
  if (!desc.empty()) h += "<span class=\"contact-label\">" + escape(desc) + ": </span>";
  if (!tel.empty()) h += "<a href=\"tel:" + escape_attr(tel) + "\">" + escape(p.number) + "</a>";
  else h += escape(p.number);
  if (!p.charge.empty()) h += " <span class=\"muted\">(" + escape(p.charge) + ")</span>";
  h += "</li>\n";
  return h;
}

std::string render_email(const std::string& e) {
  const std::string href = safe_href("mailto:" + e);
  if (href.empty() || e.find('@') == std::string::npos) return "<li>" + escape(e) + "</li>\n";
  return "<li><a href=\"" + escape_attr(href) + "\">" + escape(e) + "</a></li>\n";
}

std::string render_link(const PageEnv& env, const Link& l) {
  const std::string href = safe_href(l.url);
  std::string name = l.name.best(env.lang);
  if (name.empty()) name = l.url;
  if (href.empty()) return "<li>" + escape(name) + "</li>\n";
  return "<li><a href=\"" + escape_attr(href) + "\" rel=\"noopener\">" + escape(name) + "</a></li>\n";
}

std::string render_location(const PageEnv& env, const Location& loc, std::size_t index, const ServiceRecord& r) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const std::string id = "loc-" + std::to_string(index);
  std::string name = loc.name.best(L);
  if (name.empty()) name = r.name.best(L);
  std::string h = "<li class=\"location\">\n<article aria-labelledby=\"" + id + "-name\">\n";
  h += "<h3 id=\"" + id + "-name\">" + escape(name) + "</h3>\n";
  const std::string street = loc.address.street.best(L);
  const std::string office = loc.address.post_office.best(L);
  if (!street.empty() || !loc.address.postcode.empty()) {
    h += "<p class=\"address\"><span class=\"visually-hidden\">" + escape(m.get(L, "service.address")) +
         ": </span>";
    if (!street.empty()) h += escape(street);
    if (!street.empty() && (!loc.address.postcode.empty() || !office.empty())) h += "<br>";
    h += escape(loc.address.postcode) + (office.empty() ? "" : " " + escape(office));
    h += "</p>\n";
  }
  if (loc.coord) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f",
                  loc.coord->lat, loc.coord->lon, loc.coord->lat, loc.coord->lon);
    h += "<p><a class=\"map-link\" href=\"" + escape_attr(buf) + "\" rel=\"noopener\">" +
         escape(m.get(L, "service.map")) + "<span class=\"visually-hidden\"> (" + escape(name) + ")</span></a></p>\n";
  }
  h += render_hours(env, loc.hours, id + "-hours");
  const std::string acc = loc.accessibility.best(L);
  if (!acc.empty())
    h += "<div class=\"accessibility\">\n<h4>" + escape(m.get(L, "service.accessibility")) + "</h4>\n" +
         text_to_html(acc) + "</div>\n";
  if (!loc.phones.empty() || !loc.emails.empty()) {
    h += "<ul class=\"contact-list\">\n";
    for (const auto& p : loc.phones) h += render_phone(env, p);
    for (const auto& e : loc.emails) h += render_email(e);
    h += "</ul>\n";
  }
  h += "</article>\n</li>\n";
  return h;
}

void fact(std::string& h, const std::string& term, const std::string& value_html) {
  if (value_html.empty()) return;
  h += "<div><dt>" + escape(term) + "</dt><dd>" + value_html + "</dd></div>\n";
}

}  // namespace

std::string render_service(const PageEnv& env, const ServiceRecord& r) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const std::string lc(lang_code(L));
  const std::string name = r.name.best(L);
  std::string h;
  h += "<div class=\"wrap service\">\n";
  h += "<nav class=\"breadcrumb\" aria-label=\"" + escape_attr(m.get(L, "nav.breadcrumb")) + "\"><ol>";
  h += "<li><a href=\"" + escape_attr(SiteQuery{}.with("lang", lc).url("/")) + "\">" + escape(m.get(L, "nav.home")) +
       "</a></li>";
  h += "<li><a href=\"" + escape_attr(SiteQuery{}.with("lang", lc).url("/haku")) + "\">" +
       escape(m.get(L, "nav.all_services")) + "</a></li>";
  h += "<li><span aria-current=\"page\">" + escape(name) + "</span></li></ol></nav>\n";

  h += "<article class=\"service-main\" aria-labelledby=\"service-title\">\n";
  h += "<div class=\"service-grid\">\n<div class=\"service-body\">\n<header class=\"service-header\">\n";
  h += "<h1 id=\"service-title\">" + escape(name) + "</h1>\n";
  const std::string provider = r.provider.name.best(L);
  if (!provider.empty()) {
    h += "<p class=\"service-provider\">" + escape(provider);
    if (r.provider.type != ProviderType::unknown)
      h += " <span class=\"pill\">" +
           escape(value_label(env, "provider_type", std::string(provider_type_code(r.provider.type)))) + "</span>";
    h += "</p>\n";
  }
  const std::string summary = r.summary.best(L);
  if (!summary.empty()) h += "<p class=\"lead\">" + escape(summary) + "</p>\n";
  h += "</header>\n";

  // Key facts.
  std::string facts;
  {
    std::string cost;
    if (r.cost != Cost::unknown) cost = escape(value_label(env, "cost", std::string(cost_code(r.cost))));
    const std::string note = r.cost_note.best(L);
    if (!note.empty()) cost += (cost.empty() ? "" : "<br>") + escape(note);
    fact(facts, m.get(L, "service.cost"), cost);
    std::string who;
    for (const auto& tg : r.target_groups) who += (who.empty() ? "" : ", ") + value_label(env, "target_group", tg);
    std::string age;
    if (r.age_min && r.age_max) age = m.format(L, "service.age_range", {{"min", std::to_string(*r.age_min)}, {"max", std::to_string(*r.age_max)}});
    else if (r.age_min) age = m.format(L, "service.age_from", {{"min", std::to_string(*r.age_min)}});
    else if (r.age_max) age = m.format(L, "service.age_to", {{"max", std::to_string(*r.age_max)}});
    if (!age.empty()) who += (who.empty() ? "" : "; ") + age;
    fact(facts, m.get(L, "service.for_whom"), escape(who));
    std::string langs;
    for (const auto& lg : r.languages) langs += (langs.empty() ? "" : ", ") + value_label(env, "language", lg);
    fact(facts, m.get(L, "service.languages"), escape(langs));
    if (r.referral_required)
      fact(facts, m.get(L, "service.referral"), escape(m.get(L, *r.referral_required ? "service.yes" : "service.no")));
    std::string area;
    if (r.area.whole_country) area = m.get(L, "service.whole_country");
    for (const auto& mc : r.area.municipalities) area += (area.empty() ? "" : ", ") + value_label(env, "municipality", mc);
    for (const auto& rc : r.area.regions) area += (area.empty() ? "" : ", ") + value_label(env, "region", rc);
    fact(facts, m.get(L, "service.area"), escape(area));
  }
  if (!facts.empty()) h += "<dl class=\"facts\">\n" + facts + "</dl>\n";

  const std::string desc = r.description.best(L);
  if (!desc.empty())
    h += "<section aria-labelledby=\"s-desc\">\n<h2 id=\"s-desc\">" + escape(m.get(L, "service.description")) +
         "</h2>\n<div class=\"prose\">\n" + text_to_html(desc) + "</div>\n</section>\n";

  const std::string apply = r.how_to_apply.best(L);
  if (!apply.empty() || !r.eservices.empty()) {
    h += "<section aria-labelledby=\"s-apply\">\n<h2 id=\"s-apply\">" + escape(m.get(L, "service.how_to_apply")) + "</h2>\n";
    if (!apply.empty()) h += "<div class=\"prose\">\n" + text_to_html(apply) + "</div>\n";
    if (!r.eservices.empty()) {
      h += "<h3>" + escape(m.get(L, "service.eservices")) + "</h3>\n<ul class=\"link-list\">\n";
      for (const auto& l : r.eservices) h += render_link(env, l);
      h += "</ul>\n";
    }
    h += "</section>\n";
  }

  if (!r.locations.empty()) {
    h += "<section aria-labelledby=\"s-loc\">\n<h2 id=\"s-loc\">" +
         escape(m.format(L, "service.locations", {{"n", std::to_string(r.locations.size())}})) + "</h2>\n";
    h += "<ul class=\"locations\">\n";
    for (std::size_t i = 0; i < r.locations.size(); ++i) h += render_location(env, r.locations[i], i, r);
    h += "</ul>\n</section>\n";
  }

  // Contact column: the service's own phones, else those of its places
  // (at most three, each number once) so a caller finds one at a glance.
  std::vector<Phone> phones = r.phones;
  if (phones.empty()) {
    for (const auto& loc : r.locations)
      for (const auto& p : loc.phones)
        if (phones.size() < 3 && std::none_of(phones.begin(), phones.end(),
                                              [&](const Phone& q) { return q.number == p.number; }))
          phones.push_back(p);
  }
  std::string contact;
  if (!phones.empty() || !r.emails.empty() || !r.web_pages.empty()) {
    contact += "<section aria-labelledby=\"s-contact\">\n<h2 id=\"s-contact\">" + escape(m.get(L, "service.contact")) + "</h2>\n";
    if (!phones.empty() || !r.emails.empty()) {
      contact += "<ul class=\"contact-list\">\n";
      for (const auto& p : phones) contact += render_phone(env, p);
      for (const auto& e : r.emails) contact += render_email(e);
      contact += "</ul>\n";
    }
    if (!r.web_pages.empty()) {
      contact += "<h3>" + escape(m.get(L, "service.web")) + "</h3>\n<ul class=\"link-list\">\n";
      for (const auto& l : r.web_pages) contact += render_link(env, l);
      contact += "</ul>\n";
    }
    contact += "</section>\n";
  }

  if (!r.service_classes.empty() || !r.life_events.empty()) {
    h += "<section aria-labelledby=\"s-class\">\n<h2 id=\"s-class\">" + escape(m.get(L, "service.classes")) + "</h2>\n";
    h += "<ul class=\"tags tags-links\">\n";
    for (const auto& c : r.service_classes)
      h += "<li><a href=\"" + escape_attr(SiteQuery{}.with("service_class", c).with("lang", lc).url("/haku")) + "\">" +
           escape(value_label(env, "service_class", c)) + "</a></li>\n";
    for (const auto& c : r.life_events)
      h += "<li><a href=\"" + escape_attr(SiteQuery{}.with("life_event", c).with("lang", lc).url("/haku")) + "\">" +
           escape(value_label(env, "life_event", c)) + "</a></li>\n";
    h += "</ul>\n</section>\n";
  }

  h += "</div>\n";  // service-body
  if (!contact.empty())
    h += "<aside class=\"service-aside\" aria-labelledby=\"s-contact\">\n" + contact + "</aside>\n";
  h += "</div>\n";  // service-grid
  h += "<footer class=\"service-footer\">\n";
  if (!r.last_modified.empty())
    h += "<p>" + escape(m.get(L, "service.updated")) + ": <time datetime=\"" + escape_attr(r.last_modified) + "\">" +
         escape(format_date(L, r.last_modified)) + "</time></p>\n";
  // Where the information comes from, in words a reader knows: the national
  // catalogue, or the provider's own list (csv:/json: sources are files that
  // providers such as NGOs and parishes send); the source key is for the API.
  std::string source = m.get(L, r.source == "ptv" ? "service.source_ptv" : "service.source_provider");
  if (r.source != "ptv") {
    if (const std::string& who = r.provider.name.best(L); !who.empty()) source += " (" + who + ")";
  }
  h += "<p>" + escape(m.get(L, "service.source")) + ": " + escape(source) + "</p>\n";
  h += "</footer>\n</article>\n</div>\n";

  LayoutOptions opts;
  opts.title = name;
  opts.description = truncate_text(summary.empty() ? desc : summary, 160);
  opts.body_class = "page-service";
  return render_layout(env, opts, h);
}

std::string render_error(const PageEnv& env, int status, const std::string& title, const std::string& message) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  std::string h = "<div class=\"wrap error-page\">\n<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n";
  h += "<p><a href=\"" + escape_attr(SiteQuery{}.with("lang", std::string(lang_code(L))).url("/")) + "\">" +
       escape(m.get(L, "nav.back_home")) + "</a></p>\n";
  h += render_search_form(env, true);
  h += "</div>\n";
  LayoutOptions opts;
  opts.title = title;
  opts.body_class = "page-error status-" + std::to_string(status);
  opts.noindex = true;
  return render_layout(env, opts, h);
}

}  // namespace palveluhaku::site
