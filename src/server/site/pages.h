// pages.h — server-side rendering of the website's pages.
//
// Pure functions from engine values (SearchResult, ServiceRecord, CodeLists)
// and the request's SiteQuery to a complete HTML document. They do no I/O and
// hold no state, so they are unit-tested directly (tests/unit/site_render_test.cpp);
// the HTTP handlers (site_routes.cpp) only fetch the data and call them.
//
// URL scheme (documented in web/README.md):
//   /                      home            ?lang=fi|sv|en (default fi)
//   /haku?q=..&...         results         same parameters as /api/v1/search
//   /palvelu/{id}          service page    ?lang=
//   /upota                 embed page      ?lang= and the widget options
// Every page sends the Content-Security-Policy kPageCsp: no inline script
// or style anywhere, all behaviour lives in /static/site.js.
//
// Threading: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "palveluhaku/codes.h"
#include "palveluhaku/record.h"
#include "palveluhaku/search.h"
#include "site/messages.h"
#include "site/site_query.h"

namespace palveluhaku::site {

// The Content-Security-Policy header value sent with every page.
extern const char* const kPageCsp;

// What every page needs: the language, the texts, the code lists, the
// request's query (for the language switch) and its path.
struct PageEnv {
  Lang lang = Lang::fi;
  const Messages* msg = nullptr;    // not owned; must outlive the call
  const CodeLists* codes = nullptr; // not owned; may be null (labels fall back to codes)
  SiteQuery query;
  std::string path = "/";
  std::string asset_version = "1";  // appended to /static URLs to bust caches
  // Scheme and host of this site as the browser sees it ("https://palvelut.example"),
  // for absolute URLs in the embed snippet. Default: "" (relative URLs).
  std::string origin;
};

// A life-situation entry point on the home page: a query and/or filters.
struct EntryPoint {
  std::string key;  // message key suffix: "life.<key>" / "life.<key>.hint"
  std::string icon; // file name under /static/icons/ (decorative)
  std::vector<std::pair<std::string, std::string>> params;  // query parameters (without lang)
  std::string q_fi, q_sv, q_en;  // free text per language, may be empty
};
const std::vector<EntryPoint>& life_situations();
// Category entry points: service classes (PTV codes) shown on the home page.
const std::vector<std::string>& home_categories();

std::string render_home(const PageEnv& env);

// The results page. `result` is null when the search failed; then
// `error_message` (already translated, plain text) is shown.
std::string render_results(const PageEnv& env, const SearchResult* result,
                           const std::vector<ParamProblem>& problems, const std::string& error_message);

std::string render_service(const PageEnv& env, const ServiceRecord& record);

std::string render_embed(const PageEnv& env);

// A plain page for 404 / 400 / 500 with a title and a message (plain text).
std::string render_error(const PageEnv& env, int status, const std::string& title, const std::string& message);

// Helpers shared by the page files (defined in layout.cpp).
struct LayoutOptions {
  std::string title;             // plain text, goes into <title> with the site name
  std::string description;       // meta description, plain text
  std::string body_class;        // class on <body>
  bool load_widget = false;      // also load /widget.js (embed page preview)
  bool noindex = false;
};
std::string render_layout(const PageEnv& env, const LayoutOptions& opts, const std::string& main_html);

// The search form used on home and results pages.
std::string render_search_form(const PageEnv& env, bool big);

// Label of a facet value for display, from the code lists or messages.
std::string value_label(const PageEnv& env, const std::string& field, const std::string& value);

// "1.5.2026" / "2026-05-01" / "1 May 2026" style date for the language.
std::string format_date(Lang lang, const std::string& iso);

}  // namespace palveluhaku::site
