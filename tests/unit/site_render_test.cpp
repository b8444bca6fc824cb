// Tests of the website's server-side rendering (src/server/site/): escaping,
// URLs, the UI texts and the pages, with the real code lists and messages.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "palveluhaku/codes.h"
#include "palveluhaku/record.h"
#include "palveluhaku/search.h"
#include "site/html.h"
#include "site/messages.h"
#include "site/pages.h"
#include "site/site_query.h"

using namespace palveluhaku;
using namespace palveluhaku::site;

using P = std::vector<std::pair<std::string, std::string>>;

namespace {

std::shared_ptr<const CodeLists> codes() {
  static auto c = CodeLists::load(std::string(PALVELUHAKU_SOURCE_DIR) + "/data/codes");
  return c;
}
std::shared_ptr<const Messages> messages() {
  static auto m = Messages::load(std::string(PALVELUHAKU_SOURCE_DIR) + "/web/i18n");
  return m;
}

PageEnv env_for(Lang lang, std::vector<std::pair<std::string, std::string>> params = {},
                std::string path = "/haku") {
  PageEnv env;
  env.query = SiteQuery(std::move(params));
  env.lang = lang;
  env.msg = messages().get();
  env.codes = codes().get();
  env.path = std::move(path);
  env.origin = "https://palvelut.example";
  return env;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A message key left in the output means a missing translation.
void check_no_raw_keys(const std::string& html) {
  static const std::regex key(R"(>[^<]*\b(facet|facets|service|results|search|nav|embed|card|sort|pagination|home|life|filters|value|error|footer|a11y|site|geo)\.[a-z_.0-9]+)");
  std::smatch m;
  INFO((std::regex_search(html, m, key) ? m.str() : std::string()));
  CHECK_FALSE(std::regex_search(html, key));
}

// Tags that must never come from a source.
void check_no_active_content(const std::string& html) {
  CHECK_FALSE(contains(html, "<script>"));
  CHECK_FALSE(contains(html, "<img"));
  CHECK_FALSE(contains(html, "<iframe"));
  CHECK_FALSE(contains(html, "<svg onload"));
  CHECK_FALSE(contains(html, "href=\"javascript:"));
  CHECK_FALSE(std::regex_search(html, std::regex(R"(<[a-z][^>]*\son[a-z]+=)")));
}

ServiceRecord hostile_record() {
  ServiceRecord r;
  r.id = "test-xss";
  r.source = "json:test";
  r.name.fi = "Kahvila <img src=x onerror=\"alert(1)\">";
  r.provider.name.fi = "Yhdistys <b>ry</b>";
  r.provider.type = ProviderType::ngo;
  r.summary.fi = "Yhteenveto <script>alert(2)</script>";
  r.description.fi = "Ensimmäinen kappale.\n\n<script>alert(3)</script>\n- kohta <a href=\"javascript:x\">yksi</a>\n- kohta kaksi";
  r.how_to_apply.fi = "Soita & tule.";
  r.service_classes = {"P3.6"};
  r.target_groups = {"KR1.2"};
  r.life_events = {"KE1"};
  r.age_min = 0;
  r.age_max = 6;
  r.languages = {"fi", "sv"};
  r.cost = Cost::free;
  Location loc;
  loc.name.fi = "Paikka <svg onload=alert(4)>";
  loc.address.street.fi = "Hämeenkatu 1";
  loc.address.postcode = "33100";
  loc.address.post_office.fi = "TAMPERE";
  loc.address.municipality_code = "837";
  loc.coord = GeoPoint{61.4981, 23.7608};
  loc.accessibility.fi = "Esteetön <iframe src=x>";
  HoursEntry h;
  h.days = {{0, 8 * 60, 16 * 60}, {1, 8 * 60, 12 * 60}, {1, 13 * 60, 16 * 60}};
  loc.hours.push_back(h);
  loc.phones.push_back({"+358 40 123 4567\" onclick=\"x", {}, ""});
  r.locations.push_back(loc);
  r.web_pages.push_back({"javascript:alert(5)", {"Vaarallinen", "", ""}});
  r.web_pages.push_back({"https://example.org/a?b=1&c=\"><script>", {"Koti", "", ""}});
  r.emails.push_back("info@example.org\"><script>");
  r.last_modified = "2026-05-01T12:00:00Z";
  return r;
}

SearchResult sample_result() {
  SearchResult res;
  res.total = 45;
  res.page = 1;
  res.per_page = 20;
  for (int i = 0; i < 3; ++i) {
    SearchHit hit;
    hit.id = "svc-" + std::to_string(i);
    ServiceRecord rec;
    rec.id = hit.id;
    rec.name.fi = "Neuvola " + std::to_string(i);
    rec.name.sv = "Rådgivning " + std::to_string(i);
    rec.provider.name.fi = "Pirkanmaan hyvinvointialue";
    rec.area.municipalities = {"837"};
    rec.service_classes = {"P5.2"};
    hit.record = std::make_shared<const ServiceRecord>(std::move(rec));
    hit.snippet = "Lasten <mark>neuvola</mark> &amp; perhe";
    if (i == 0) hit.distance_km = 1.26;
    if (i == 1) hit.open_now = true;
    res.hits.push_back(hit);
  }
  res.facets["provider_type"] = {{"wellbeing_county", "Hyvinvointialue", 30}, {"ngo", "Järjestö", 15}};
  res.facets["municipality"] = {{"837", "Tampere", 40}, {"536", "Nokia", 5}};
  res.facets["open_now"] = {{"true", "Auki nyt", 12}};
  res.did_you_mean = "neuvola";
  return res;
}

}  // namespace

TEST_CASE("site: escape() makes any text safe in content and attributes", "[site]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain", "plain"},
      {"<script>", "&lt;script&gt;"},
      {"a & b", "a &amp; b"},
      {"\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"},
      {"äöå €", "äöå €"},
      {std::string("bad \xC3( utf8"), "bad \xEF\xBF\xBD( utf8"},
      {std::string("ctl\x01x"), "ctl x"},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(escape(in) == out);
  }
}

TEST_CASE("site: safe_href() lets only web, mail and phone links through", "[site]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"https://www.tampere.fi/neuvola", "https://www.tampere.fi/neuvola"},
      {"  http://example.org/a  ", "http://example.org/a"},
      {"mailto:info@example.org", "mailto:info@example.org"},
      {"tel:+358401234567", "tel:+358401234567"},
      {"javascript:alert(1)", ""},
      {"JaVaScRiPt:alert(1)", ""},
      {"data:text/html,<script>", ""},
      {"https://example.org/\"><script>", ""},
      {"https://exa mple.org", ""},
      {"//example.org", ""},
      {"", ""},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(safe_href(in) == out);
  }
}

TEST_CASE("site: text_to_html() builds paragraphs and lists from plain text", "[site]") {
  CHECK(text_to_html("Yksi.\nKaksi.\n\nKolme.") == "<p>Yksi.<br>\nKaksi.</p>\n<p>Kolme.</p>\n");
  CHECK(text_to_html("Ennen:\n- a\n- b\n\nJälkeen") == "<p>Ennen:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>Jälkeen</p>\n");
  CHECK(text_to_html("\xE2\x80\xA2 bullet") == "<ul>\n<li>bullet</li>\n</ul>\n");
  CHECK(text_to_html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  CHECK(text_to_html("").empty());
}

TEST_CASE("site: sanitize_snippet() keeps <mark> and nothing else", "[site]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a <mark>neuvola</mark> b", "a <mark>neuvola</mark> b"},
      {"&lt;b&gt; &amp; <mark>x</mark>", "&lt;b&gt; &amp; <mark>x</mark>"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"<mark onclick=x>y</mark>", "&lt;mark onclick=x&gt;y</mark>"},
      {"open <mark>never closed", "open <mark>never closed</mark>"},
      {"bare & amp", "bare &amp; amp"},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(sanitize_snippet(in) == out);
  }
}

TEST_CASE("site: truncate_text() cuts on a word boundary", "[site]") {
  CHECK(truncate_text("lyhyt", 10) == "lyhyt");
  CHECK(truncate_text("yksi kaksi kolme", 12) == "yksi kaksi\xE2\x80\xA6");
  CHECK(truncate_text("äääää", 3) == "äää\xE2\x80\xA6");
}

TEST_CASE("site: SiteQuery builds shareable URLs and resets the page on changes", "[site]") {
  const SiteQuery q({{"q", "neuvola & perhe"}, {"municipality", "837"}, {"page", "3"}, {"lang", "fi"}});
  CHECK(q.url("/haku") == "/haku?q=neuvola%20%26%20perhe&municipality=837&page=3");
  CHECK(q.with_added("municipality", "536").url("/haku") ==
        "/haku?q=neuvola%20%26%20perhe&municipality=837&municipality=536");
  CHECK(q.without("municipality", "837").url("/haku") == "/haku?q=neuvola%20%26%20perhe");
  CHECK(q.with_page(4).url("/haku") == "/haku?q=neuvola%20%26%20perhe&municipality=837&page=4");
  CHECK(q.with("lang", "sv").url("/haku") == "/haku?q=neuvola%20%26%20perhe&municipality=837&lang=sv");
  CHECK(q.lang() == Lang::fi);
  CHECK(SiteQuery(P{{"lang", "SV"}}).lang() == Lang::sv);
  CHECK(SiteQuery(P{{"lang", "de"}}).lang() == Lang::fi);
  CHECK(q.has_search());
  CHECK_FALSE(SiteQuery(P{{"lang", "sv"}}).has_search());
}

TEST_CASE("site: SiteQuery::to_request maps page parameters and reports unusable ones", "[site]") {
  struct Case {
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> problems;  // parameters reported
    bool near;
  };
  const std::vector<Case> cases = {
      {{{"q", "neuvola"}, {"age", "3"}}, {}, false},
      {{{"age", "kolme"}}, {"age"}, false},
      {{{"postcode", "33100"}}, {}, true},
      {{{"postcode", "Tampere"}}, {}, true},          // a name in the "where" box
      {{{"postcode", "Tammerfors"}}, {}, true},
      {{{"postcode", "99999"}}, {"postcode"}, false},  // no such postcode
      {{{"near_municipality", "837"}}, {}, true},
      {{{"near", "61.5,23.76"}}, {}, true},
      {{{"near", "abc"}}, {"near"}, false},
      {{{"page", "0"}}, {"page"}, false},
      {{{"sort", "random"}}, {"sort"}, false},
  };
  for (const auto& c : cases) {
    INFO(SiteQuery(c.params).url("/haku"));
    std::vector<ParamProblem> problems;
    const SearchRequest r = SiteQuery(c.params).to_request(codes().get(), problems);
    std::vector<std::string> got;
    for (const auto& p : problems) got.push_back(p.parameter);
    CHECK(got == c.problems);
    CHECK(r.near.has_value() == c.near);
  }
  std::vector<ParamProblem> problems;
  const SearchRequest r = SiteQuery(P{{"municipality", "837"}, {"municipality", "536"}, {"open_now", "true"},
                                     {"per_page", "500"}, {"sort", "distance"}, {"lang", "en"}})
                              .to_request(codes().get(), problems);
  CHECK(r.filters.at("municipality") == std::vector<std::string>{"837", "536"});
  CHECK(r.open_now);
  CHECK(r.per_page == 100);
  CHECK(r.sort == SortOrder::relevance);  // distance needs a place
  CHECK(r.lang == Lang::en);
}

TEST_CASE("site: the fi, sv and en UI texts have the same keys and placeholders", "[site]") {
  const auto m = messages();
  for (const char* key : {"site.name", "results.count_many", "facet.municipality", "life.expecting", "day.6"}) {
    INFO(key);
    CHECK(m->has(key));
    CHECK(m->get(Lang::fi, key) != m->get(Lang::sv, key));
    CHECK(m->get(Lang::sv, key) != m->get(Lang::en, key));
  }
  CHECK(m->format(Lang::sv, "results.count_many", {{"n", "12"}}) == "12 tjänster");
  CHECK(m->get(Lang::en, "no.such.key") == "no.such.key");
  const Messages partial({{"a", "fi-a"}, {"b", "fi-b"}}, {{"a", "sv-a"}});
  CHECK(partial.get(Lang::sv, "b") == "fi-b");  // falls back to Finnish
}

TEST_CASE("site: the service page shows every part of the record, all escaped", "[site]") {
  const ServiceRecord r = hostile_record();
  for (Lang lang : kAllLangs) {
    const std::string html = render_service(env_for(lang, {}, "/palvelu/test-xss"), r);
    INFO(lang_code(lang));
    check_no_active_content(html);
    check_no_raw_keys(html);
    CHECK(contains(html, "<html lang=\"" + std::string(lang_code(lang)) + "\">"));
  }
  const std::string html = render_service(env_for(Lang::fi, {}, "/palvelu/test-xss"), r);
  CHECK(contains(html, "Kahvila &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"));
  CHECK(contains(html, "<li>kohta &lt;a href=&quot;javascript:x&quot;&gt;yksi&lt;/a&gt;</li>"));
  CHECK(contains(html, "Soita &amp; tule."));
  CHECK(contains(html, "https://www.openstreetmap.org/?mlat=61.498100&amp;mlon=23.760800#map=17/61.498100/23.760800"));
  CHECK(contains(html, "<th scope=\"row\">tiistai</th><td>8.00–12.00, 13.00–16.00</td>"));
  CHECK(contains(html, "<th scope=\"row\">sunnuntai</th><td>suljettu</td>"));
  CHECK(contains(html, "0–6-vuotiaat"));
  CHECK(contains(html, "Maksuton"));
  CHECK(contains(html, "suomi, ruotsi"));
  CHECK(contains(html, "<time datetime=\"2026-05-01T12:00:00Z\">1.5.2026</time>"));
  CHECK(contains(html, "<li>Vaarallinen</li>"));  // the javascript: link became text
  CHECK(contains(html, "href=\"tel:+358401234567\""));
  CHECK(contains(html, "href=\"/haku?service_class=P3.6\""));
  // A provider's own file is named as such, not by its source key.
  CHECK(contains(html, "<p>Lähde: palveluntuottajan ilmoittama (Yhdistys &lt;b&gt;ry&lt;/b&gt;)</p>"));
  CHECK_FALSE(contains(html, "json:test"));
  ServiceRecord ptv = r;
  ptv.source = "ptv";
  CHECK(contains(render_service(env_for(Lang::fi, {}, "/palvelu/test-xss"), ptv),
                 "<p>Lähde: Suomi.fi-palvelutietovaranto</p>"));
  const std::string en = render_service(env_for(Lang::en, {{"lang", "en"}}, "/palvelu/test-xss"), r);
  CHECK(contains(en, "Tuesday"));
  CHECK(contains(en, "8:00–12:00"));
  CHECK(contains(en, "1 May 2026"));
  CHECK(contains(en, "href=\"/palvelu/test-xss?lang=sv\""));  // language switch keeps the page
}

TEST_CASE("site: the results page has facets with counts, cards, paging and an announced count", "[site]") {
  const SearchResult res = sample_result();
  const auto env = env_for(Lang::fi, {{"q", "neuvola"}, {"provider_type", "wellbeing_county"}});
  const std::string html = render_results(env, &res, {}, "");
  check_no_raw_keys(html);
  CHECK(contains(html, "id=\"result-count\" role=\"status\" aria-live=\"polite\">45 palvelua</p>"));
  // The selected facet value is checked; counts are shown.
  CHECK(contains(html, "name=\"provider_type\" value=\"wellbeing_county\" checked>"));
  CHECK(contains(html, "Hyvinvointialue <span class=\"count\">30</span>"));
  CHECK(contains(html, "Järjestö <span class=\"count\">15</span>"));
  CHECK(contains(html, "Avoinna nyt <span class=\"count\">12</span>"));
  // A chip removes the filter and keeps the text.
  CHECK(contains(html, "class=\"chip\" href=\"/haku?q=neuvola\""));
  // Cards: link, snippet with <mark>, distance, open badge, municipality label.
  CHECK(contains(html, "<a href=\"/palvelu/svc-0\">Neuvola 0</a>"));
  CHECK(contains(html, "Lasten <mark>neuvola</mark> &amp; perhe"));
  CHECK(contains(html, "1,3\xC2\xA0km"));
  CHECK(contains(html, "Avoinna nyt</p>"));
  CHECK(contains(html, "Tampere"));
  // Paging keeps the filters: 45 results, 20 a page -> 3 pages.
  CHECK(contains(html, "href=\"/haku?q=neuvola&amp;provider_type=wellbeing_county&amp;page=2\""));
  CHECK(contains(html, "aria-label=\"Sivu 3\""));
  CHECK_FALSE(contains(html, "aria-label=\"Sivu 4\""));
  // Did you mean is a link.
  CHECK(contains(html, "Tarkoititko <a href=\"/haku?q=neuvola&amp;provider_type=wellbeing_county\">neuvola</a>?"));
  // Swedish: labels translated, cards use the Swedish name.
  const std::string sv = render_results(env_for(Lang::sv, {{"q", "neuvola"}, {"lang", "sv"}}), &res, {}, "");
  check_no_raw_keys(sv);
  CHECK(contains(sv, "45 tjänster"));
  CHECK(contains(sv, "Rådgivning 0"));
  CHECK(contains(sv, "href=\"/palvelu/svc-0?lang=sv\""));
  CHECK(contains(sv, "<input type=\"hidden\" name=\"lang\" value=\"sv\">"));
}

TEST_CASE("site: the hits that fill a short result come under their own headings, numbered on", "[site]") {
  SearchResult res = sample_result();
  res.total = 2;
  res.hits.resize(5);
  for (std::size_t i = 3; i < 5; ++i) {  // a hit always has its record
    res.hits[i].id = "svc-" + std::to_string(i);
    res.hits[i].record = res.hits[i - 3].record;
  }
  res.hits[2].match = MatchKind::some_words;
  res.hits[3].match = MatchKind::related;
  res.hits[4].match = MatchKind::related;
  res.filled = 3;
  for (Lang lang : {Lang::fi, Lang::sv, Lang::en}) {
    const std::string html = render_results(env_for(lang, {{"q", "neuvola perhe"}}), &res, {}, "");
    check_no_raw_keys(html);
    const auto some = html.find("<h2 class=\"results-group\">");
    REQUIRE(some != std::string::npos);
    const auto related = html.find("<h2 class=\"results-group\">", some + 1);
    REQUIRE(related != std::string::npos);
    CHECK(html.find("<h2 class=\"results-group\">", related + 1) == std::string::npos);
    // The matches, then the some-words hit from number 3, the related ones from 4.
    CHECK(html.find("<ol class=\"cards\" start=\"1\">") < some);
    CHECK(html.find("<ol class=\"cards\" start=\"3\">", some) < related);
    CHECK(html.find("<ol class=\"cards\" start=\"4\">", related) != std::string::npos);
  }
  const std::string fi = render_results(env_for(Lang::fi, {{"q", "neuvola perhe"}}), &res, {}, "");
  CHECK(contains(fi, ">Palveluja, joissa on osa hakusanoista</h2>"));
  CHECK(contains(fi, ">Samaan aiheeseen liittyviä palveluja</h2>"));
  // A relaxed result is all some-words hits: the notice says so, no heading.
  SearchResult relaxed = sample_result();
  relaxed.relaxed = true;
  for (auto& h : relaxed.hits) h.match = MatchKind::some_words;
  const std::string r = render_results(env_for(Lang::fi, {{"q", "neuvola perhe"}}), &relaxed, {}, "");
  CHECK_FALSE(contains(r, "results-group"));
  CHECK(contains(r, "notice-info"));
}

TEST_CASE("site: a failed search and bad parameters are shown on the page", "[site]") {
  const auto env = env_for(Lang::en, {{"q", "<b>x</b>"}, {"age", "old"}, {"lang", "en"}});
  const std::string html = render_results(env, nullptr, {{"age", "old"}}, "The search could not be made");
  check_no_raw_keys(html);
  CHECK(contains(html, "role=\"alert\">The search could not be made</p>"));
  CHECK(contains(html, "The filter age = &quot;old&quot; could not be used"));
  CHECK(contains(html, "Search results: &lt;b&gt;x&lt;/b&gt;"));
}

TEST_CASE("site: the home page links every life situation to a search with real codes", "[site]") {
  for (Lang lang : kAllLangs) {
    const std::string html = render_home(env_for(lang, {{"lang", std::string(lang_code(lang))}}, "/"));
    INFO(lang_code(lang));
    check_no_raw_keys(html);
    CHECK(contains(html, "class=\"skip-link\" href=\"#main\""));
    CHECK(contains(html, "<main id=\"main\""));
  }
  REQUIRE(life_situations().size() == 7);
  for (const EntryPoint& e : life_situations()) {
    INFO(e.key);
    CHECK((!e.params.empty() || !e.q_fi.empty()));
    for (const auto& [field, value] : e.params) {
      if (field == "life_event" || field == "target_group") CHECK(codes()->find(field, value) != nullptr);
    }
  }
  for (const std::string& c : home_categories()) {
    INFO(c);
    CHECK(codes()->find("service_class", c) != nullptr);
  }
  const std::string html = render_home(env_for(Lang::fi, {}, "/"));
  CHECK(contains(html, "href=\"/haku?life_event=KE7\""));
  CHECK(contains(html, "href=\"/haku?service_class=P5.2\">Neuvolapalvelut</a>"));
}

TEST_CASE("site: the embed page builds the snippet from the chosen options", "[site]") {
  const auto env = env_for(Lang::fi,
                           {{"w_municipality", "837"}, {"w_municipality", "536"}, {"w_service_class", "P3.7"},
                            {"w_lang", "sv"}, {"w_primary", "#123abc"}, {"w_text", "red;}"}, {"w_radius", "4"}},
                           "/upota");
  const std::string html = render_embed(env);
  check_no_raw_keys(html);
  CHECK(contains(html, "&lt;script src=&quot;https://palvelut.example/widget.js&quot; data-municipality=&quot;837,536&quot; "
                       "data-lang=&quot;sv&quot; data-service-class=&quot;P3.7&quot; data-color-primary=&quot;#123abc&quot; "
                       "data-color-text=&quot;#1f2a37&quot;"));  // a bad colour falls back to the default
  CHECK(contains(html, "data-radius=&quot;4px&quot; async&gt;&lt;/script&gt;"));
  CHECK(contains(html, "<palveluhaku-search data-municipality=\"837,536\""));
  CHECK(contains(html, "<option value=\"837\" selected>Tampere</option>"));
  CHECK(contains(html, "src=\"/widget.js?v=1\" data-mount=\"none\" defer"));
}

TEST_CASE("site: the page CSP allows no inline script or style", "[site]") {
  const std::string csp = kPageCsp;
  CHECK(contains(csp, "script-src 'self'"));
  CHECK(contains(csp, "style-src 'self'"));
  CHECK(contains(csp, "object-src 'none'"));
  CHECK_FALSE(contains(csp, "unsafe-inline"));
  CHECK_FALSE(contains(csp, "unsafe-eval"));
}
