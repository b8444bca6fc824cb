// layout.cpp — the page frame shared by every page: <head>, the skip link,
// the header with the language switch, <main>, the footer.
#include <cstdio>

#include "site/html.h"
#include "site/pages.h"

namespace palveluhaku::site {

const char* const kPageCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; "
    "base-uri 'none'; object-src 'none'";

namespace {

const char* lang_name(Lang l) {
  switch (l) {
    case Lang::fi: return "Suomeksi";
    case Lang::sv: return "P\xC3\xA5 svenska";
    case Lang::en: return "In English";
  }
  return "";
}

}  // namespace

std::string render_layout(const PageEnv& env, const LayoutOptions& opts, const std::string& main_html) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const std::string lc(lang_code(L));
  const std::string site_name = m.get(L, "site.name");
  const std::string title = opts.title.empty() ? site_name : opts.title + " \xE2\x80\x93 " + site_name;
  const std::string v = "?v=" + url_encode(env.asset_version);
  const SiteQuery home_q = SiteQuery{}.with("lang", lc);

  std::string h;
  h.reserve(main_html.size() + 4096);
  h += "<!DOCTYPE html>\n<html lang=\"" + lc + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + escape(title) + "</title>\n";
  if (!opts.description.empty())
    h += "<meta name=\"description\" content=\"" + escape_attr(opts.description) + "\">\n";
  if (opts.noindex) h += "<meta name=\"robots\" content=\"noindex\">\n";
  h += "<meta name=\"theme-color\" content=\"#00347a\">\n";
  h += "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n";
  h += "<link rel=\"stylesheet\" href=\"/static/site.css" + v + "\">\n";
  h += "<link rel=\"stylesheet\" href=\"/static/print.css" + v + "\" media=\"print\">\n";
  for (Lang other : kAllLangs) {
    const std::string oc(lang_code(other));
    h += "<link rel=\"alternate\" hreflang=\"" + oc + "\" href=\"" +
         escape_attr(env.query.with("lang", oc).url(env.path)) + "\">\n";
  }
  h += "<script src=\"/static/site.js" + v + "\" defer></script>\n";
  if (opts.load_widget) h += "<script src=\"/widget.js" + v + "\" data-mount=\"none\" defer></script>\n";
  h += "</head>\n<body";
  if (!opts.body_class.empty()) h += " class=\"" + escape_attr(opts.body_class) + "\"";
  h += " data-lang=\"" + lc + "\">\n";
  h += "<a class=\"skip-link\" href=\"#main\">" + escape(m.get(L, "a11y.skip")) + "</a>\n";

  // Header: brand + language switch.
  h += "<header class=\"site-header\">\n<div class=\"wrap header-row\">\n";
  h += "<a class=\"brand\" href=\"" + escape_attr(home_q.url("/")) + "\">";
  h += "<svg class=\"brand-mark\" viewBox=\"0 0 32 32\" aria-hidden=\"true\" focusable=\"false\">"
       "<circle cx=\"11\" cy=\"11\" r=\"5\"/><circle cx=\"22\" cy=\"13\" r=\"3.5\"/>"
       "<path d=\"M3 28c0-5.5 3.6-9 8-9s8 3.5 8 9z\"/><path d=\"M17 28c0-4 2.2-7 5-7s5 3 5 7z\"/></svg>";
  h += "<span class=\"brand-text\"><span class=\"brand-name\">" + escape(site_name) +
       "</span><span class=\"brand-tagline\">" + escape(m.get(L, "site.tagline")) + "</span></span></a>\n";
  h += "<nav class=\"lang-switch\" aria-label=\"" + escape_attr(m.get(L, "nav.language")) + "\">\n<ul>\n";
  for (Lang other : kAllLangs) {
    const std::string oc(lang_code(other));
    h += "<li><a href=\"" + escape_attr(env.query.with("lang", oc).url(env.path)) + "\" lang=\"" + oc +
         "\" hreflang=\"" + oc + "\"";
    if (other == L) h += " aria-current=\"true\"";
    h += ">" + escape(lang_name(other)) + "</a></li>\n";
  }
  h += "</ul>\n</nav>\n</div>\n</header>\n";

  // Announcements from site.js (result counts after an update without reload).
  h += "<div id=\"live-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\" "
       "aria-atomic=\"true\"></div>\n";
  h += "<main id=\"main\" tabindex=\"-1\">\n";
  h += main_html;
  h += "</main>\n";

  h += "<footer class=\"site-footer\">\n<div class=\"wrap footer-grid\">\n";
  h += "<div><p class=\"footer-name\">" + escape(site_name) + "</p><p>" + escape(m.get(L, "footer.about")) +
       "</p></div>\n";
  h += "<nav aria-label=\"" + escape_attr(m.get(L, "footer.nav")) + "\"><ul>\n";
  h += "<li><a href=\"" + escape_attr(home_q.url("/")) + "\">" + escape(m.get(L, "nav.home")) + "</a></li>\n";
  h += "<li><a href=\"" + escape_attr(home_q.url("/haku")) + "\">" + escape(m.get(L, "nav.all_services")) +
       "</a></li>\n";
  h += "<li><a href=\"" + escape_attr(home_q.url("/upota")) + "\">" + escape(m.get(L, "nav.embed")) +
       "</a></li>\n";
  h += "<li><a href=\"/api/v1/openapi.json\">" + escape(m.get(L, "nav.api")) + "</a></li>\n";
  h += "</ul></nav>\n";
  h += "<p class=\"footer-data\">" + escape(m.get(L, "footer.data")) + "</p>\n";
  h += "</div>\n</footer>\n</body>\n</html>\n";
  return h;
}

std::string render_search_form(const PageEnv& env, bool big) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const SiteQuery& q = env.query;
  std::string h;
  h += "<form class=\"search-form" + std::string(big ? " search-form--big" : "") +
       "\" role=\"search\" action=\"/haku\" method=\"get\" data-suggest=\"/api/v1/suggest\">\n";
  if (L != Lang::fi) h += "<input type=\"hidden\" name=\"lang\" value=\"" + std::string(lang_code(L)) + "\">\n";
  // Keep the active filters when the text changes (results page).
  if (!big) {
    for (const auto& [k, val] : q.params()) {
      if (k == "q" || k == "lang" || k == "page" || k == "postcode" || k == "near_municipality" ||
          k == "near" || val.empty())
        continue;
      h += "<input type=\"hidden\" name=\"" + escape_attr(k) + "\" value=\"" + escape_attr(val) + "\">\n";
    }
  }
  h += "<div class=\"field field-q\">\n<label for=\"q\">" + escape(m.get(L, "search.label")) + "</label>\n";
  h += "<div class=\"suggest-wrap\"><input id=\"q\" name=\"q\" type=\"search\" value=\"" + escape_attr(q.get("q")) +
       "\" placeholder=\"" + escape_attr(m.get(L, "search.placeholder")) +
       "\" autocomplete=\"off\" maxlength=\"200\" spellcheck=\"false\"></div>\n</div>\n";
  // Near me: postcode or municipality (name or code).
  std::string where = q.get("postcode");
  if (where.empty()) where = q.get("near_municipality");
  h += "<div class=\"field field-where\">\n<label for=\"where\">" + escape(m.get(L, "search.where")) + "</label>\n";
  h += "<input id=\"where\" name=\"postcode\" type=\"text\" value=\"" + escape_attr(where) +
       "\" inputmode=\"text\" autocomplete=\"postal-code\" maxlength=\"60\" aria-describedby=\"where-hint\">\n";
  h += "<p class=\"hint\" id=\"where-hint\">" + escape(m.get(L, "search.where_hint")) + "</p>\n</div>\n";
  h += "<div class=\"form-actions\">\n<button type=\"submit\" class=\"btn btn-primary\">";
  h += "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"10.5\" cy=\"10.5\" r=\"6.5\"/>"
       "<path d=\"M15.5 15.5 21 21\"/></svg>";
  h += escape(m.get(L, "search.submit")) + "</button>\n";
  h += "<button type=\"button\" class=\"btn btn-secondary js-geolocate\" hidden data-msg-denied=\"" +
       escape_attr(m.get(L, "geo.denied")) + "\">" + escape(m.get(L, "geo.button")) + "</button>\n";
  h += "</div>\n<p class=\"geo-status\" role=\"status\" aria-live=\"polite\"></p>\n";
  h += "</form>\n";
  return h;
}

std::string format_date(Lang lang, const std::string& iso) {
  int y = 0, mo = 0, d = 0;
  if (iso.size() < 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3) return iso;
  char buf[64];
  if (lang == Lang::en) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    if (mo < 1 || mo > 12) return iso;
    std::snprintf(buf, sizeof buf, "%d %s %d", d, months[mo - 1], y);
  } else {
    std::snprintf(buf, sizeof buf, "%d.%d.%d", d, mo, y);
  }
  return buf;
}

}  // namespace palveluhaku::site
