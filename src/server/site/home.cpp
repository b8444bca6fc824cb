// home.cpp — the home page: the search box, entry points by life situation
// and by category.
#include "site/html.h"
#include "site/pages.h"

namespace palveluhaku::site {

namespace {

// Simple line icons (decorative, aria-hidden); drawn with stroke in CSS.
std::string icon(const std::string& name) {
  std::string paths;
  if (name == "expecting")
    paths = "<circle cx=\"12\" cy=\"5\" r=\"2.5\"/><path d=\"M9.5 21v-6l-1-4c0-2 1.5-3 3.5-3s3 1 3.5 2.5"
            "c2 .5 2.5 2.5 1.5 4.5-.8 1.5-2.5 2-4 2V21\"/>";
  else if (name == "baby")
    paths = "<circle cx=\"12\" cy=\"9\" r=\"5\"/><path d=\"M10 8.5h.01M14 8.5h.01M10.5 11.5c1 .7 2 .7 3 0\"/>"
            "<path d=\"M6 21c.5-3 3-4.5 6-4.5s5.5 1.5 6 4.5\"/>";
  else if (name == "school")
    paths = "<path d=\"M3 8l9-4 9 4-9 4z\"/><path d=\"M7 10v5c0 1.5 2.5 3 5 3s5-1.5 5-3v-5\"/><path d=\"M21 8v6\"/>";
  else if (name == "teen")
    paths = "<circle cx=\"12\" cy=\"6\" r=\"3\"/><path d=\"M6 21v-4a6 6 0 0 1 12 0v4\"/><path d=\"M9 13l3 3 3-3\"/>";
  else if (name == "separation")
    paths = "<circle cx=\"6.5\" cy=\"6\" r=\"2.5\"/><circle cx=\"17.5\" cy=\"6\" r=\"2.5\"/>"
            "<path d=\"M3 20v-4a3.5 3.5 0 0 1 7 0v4M14 20v-4a3.5 3.5 0 0 1 7 0v4M12 4v16\"/>";
  else if (name == "crisis")
    paths = "<path d=\"M12 21s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.6-7 10-7 10z\"/>"
            "<path d=\"M12 9v4M12 15.5h.01\"/>";
  else if (name == "special")
    paths = "<circle cx=\"12\" cy=\"4.5\" r=\"2\"/><path d=\"M12 7v6h5l2 6\"/><path d=\"M8.5 10.5a6 6 0 1 0 7 8\"/>";
  else
    paths = "<circle cx=\"12\" cy=\"12\" r=\"8\"/>";
  return "<svg class=\"icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">" + paths + "</svg>";
}

}  // namespace

const std::vector<EntryPoint>& life_situations() {
  // Real PTV codes (data/codes/): life events KE1 "Lapsen saaminen" (having
  // a child) and KE7 "Avioero" (divorce); target groups KR1.2 "Lapset ja
  // lapsiperheet" and KR1.3 "Nuoret". Where no code says it (pregnancy,
  // crisis, special needs) a query in the UI language narrows the results.
  static const std::vector<EntryPoint> list = {
      {"expecting", "expecting", {{"life_event", "KE1"}}, "raskaus", "graviditet", "pregnancy"},
      {"baby", "baby", {{"target_group", "KR1.2"}, {"age", "0"}}, "", "", ""},
      {"school", "school", {{"target_group", "KR1.2"}, {"age", "9"}}, "", "", ""},
      {"teen", "teen", {{"target_group", "KR1.3"}}, "", "", ""},
      {"separation", "separation", {{"life_event", "KE7"}}, "", "", ""},
      {"crisis", "crisis", {}, "kriisi", "kris", "crisis"},
      {"special", "special", {{"target_group", "KR1.2"}}, "erityistä tukea", "särskilt stöd", "special support"},
  };
  return list;
}

const std::vector<std::string>& home_categories() {
  // Family-related PTV service classes that the regional data uses.
  static const std::vector<std::string> list = {"P5.2", "P3.4", "P6.1", "P3.6", "P3.7", "P3.5",
                                                "P3.8", "P4.12", "P5.9", "P28", "P5.7", "P25.5"};
  return list;
}

std::string render_home(const PageEnv& env) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const std::string lc(lang_code(L));
  std::string h;
  h += "<section class=\"hero\" aria-labelledby=\"hero-title\">\n<div class=\"wrap\">\n";
  h += "<h1 id=\"hero-title\">" + escape(m.get(L, "home.title")) + "</h1>\n";
  h += "<p class=\"lead\">" + escape(m.get(L, "home.lead")) + "</p>\n";
  h += render_search_form(env, true);
  h += "</div>\n</section>\n";

  h += "<section class=\"wrap section\" aria-labelledby=\"life-title\">\n";
  h += "<h2 id=\"life-title\">" + escape(m.get(L, "home.life_title")) + "</h2>\n";
  h += "<ul class=\"tiles\">\n";
  for (const EntryPoint& e : life_situations()) {
    SiteQuery q;
    for (const auto& [k, v] : e.params) q = q.with_added(k, v);
    const std::string& text = L == Lang::sv ? e.q_sv : L == Lang::en ? e.q_en : e.q_fi;
    if (!text.empty()) q = q.with("q", text);
    q = q.with("lang", lc);
    h += "<li><a class=\"tile\" href=\"" + escape_attr(q.url("/haku")) + "\">" + icon(e.icon) +
         "<span class=\"tile-text\"><span class=\"tile-title\">" + escape(m.get(L, "life." + e.key)) +
         "</span><span class=\"tile-hint\">" + escape(m.get(L, "life." + e.key + ".hint")) +
         "</span></span></a></li>\n";
  }
  h += "</ul>\n</section>\n";

  h += "<section class=\"wrap section\" aria-labelledby=\"cat-title\">\n";
  h += "<h2 id=\"cat-title\">" + escape(m.get(L, "home.categories_title")) + "</h2>\n";
  h += "<ul class=\"categories\">\n";
  for (const std::string& code : home_categories()) {
    const SiteQuery q = SiteQuery{}.with("service_class", code).with("lang", lc);
    h += "<li><a href=\"" + escape_attr(q.url("/haku")) + "\">" + escape(value_label(env, "service_class", code)) +
         "</a></li>\n";
  }
  h += "</ul>\n";
  h += "<p class=\"more-link\"><a href=\"" + escape_attr(SiteQuery{}.with("lang", lc).url("/haku")) + "\">" +
       escape(m.get(L, "home.browse_all")) + "</a></p>\n";
  h += "</section>\n";

  h += "<section class=\"wrap section\" aria-labelledby=\"help-title\">\n<div class=\"help-box\">\n";
  h += "<h2 id=\"help-title\">" + escape(m.get(L, "home.help_title")) + "</h2>\n";
  h += "<p>" + escape(m.get(L, "home.help_text")) + "</p>\n</div>\n</section>\n";

  LayoutOptions opts;
  opts.description = m.get(L, "home.lead");
  opts.body_class = "page-home";
  return render_layout(env, opts, h);
}

}  // namespace palveluhaku::site
