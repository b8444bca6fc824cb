// embed.cpp — the embed page: a municipality picks municipalities,
// categories, language and colours, sees a live preview of the widget and
// copies the snippet. Without JavaScript the form is a GET form that
// re-renders the snippet on the server.
#include <algorithm>

#include "site/html.h"
#include "site/pages.h"

namespace palveluhaku::site {

namespace {

bool valid_colour(const std::string& c) {
  if (c.size() != 7 || c[0] != '#') return false;
  return std::all_of(c.begin() + 1, c.end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
}

struct EmbedOptions {
  std::vector<std::string> municipalities, classes;
  std::string lang = "fi", primary = "#00347a", text = "#1f2a37", background = "#ffffff";
  std::string radius = "8";
};

EmbedOptions read_options(const PageEnv& env) {
  EmbedOptions o;
  const SiteQuery& q = env.query;
  for (const auto& v : q.all("w_municipality"))
    if (v.size() == 3 && std::all_of(v.begin(), v.end(), ::isdigit)) o.municipalities.push_back(v);
  for (const auto& v : q.all("w_service_class"))
    if (std::find(home_categories().begin(), home_categories().end(), v) != home_categories().end())
      o.classes.push_back(v);
  if (auto l = parse_lang(q.get("w_lang"))) o.lang = std::string(lang_code(*l));
  else o.lang = std::string(lang_code(env.lang));
  if (valid_colour(q.get("w_primary"))) o.primary = q.get("w_primary");
  if (valid_colour(q.get("w_text"))) o.text = q.get("w_text");
  if (valid_colour(q.get("w_background"))) o.background = q.get("w_background");
  const std::string r = q.get("w_radius");
  if (!r.empty() && r.size() <= 2 && std::all_of(r.begin(), r.end(), ::isdigit)) o.radius = r;
  return o;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

// The data-* attributes shared by the snippet and the preview element.
std::string widget_attributes(const EmbedOptions& o) {
  std::string a;
  if (!o.municipalities.empty()) a += " data-municipality=\"" + join(o.municipalities) + "\"";
  a += " data-lang=\"" + o.lang + "\"";
  if (!o.classes.empty()) a += " data-service-class=\"" + join(o.classes) + "\"";
  a += " data-color-primary=\"" + o.primary + "\"";
  a += " data-color-text=\"" + o.text + "\"";
  a += " data-color-background=\"" + o.background + "\"";
  a += " data-radius=\"" + o.radius + "px\"";
  return a;
}

}  // namespace

std::string render_embed(const PageEnv& env) {
  const Messages& m = *env.msg;
  const Lang L = env.lang;
  const EmbedOptions o = read_options(env);
  const std::string snippet =
      "<script src=\"" + env.origin + "/widget.js\"" + widget_attributes(o) + " async></script>";

  std::string h = "<div class=\"wrap embed\">\n";
  h += "<h1>" + escape(m.get(L, "embed.title")) + "</h1>\n<p class=\"lead\">" + escape(m.get(L, "embed.lead")) + "</p>\n";
  h += "<div class=\"embed-layout\">\n";
  h += "<form class=\"embed-form\" id=\"embed-form\" action=\"/upota\" method=\"get\" data-origin=\"" +
       escape_attr(env.origin) + "\">\n";
  if (L != Lang::fi) h += "<input type=\"hidden\" name=\"lang\" value=\"" + std::string(lang_code(L)) + "\">\n";
  h += "<h2>" + escape(m.get(L, "embed.settings")) + "</h2>\n";
  // Municipalities.
  h += "<div class=\"field\">\n<label for=\"w-municipality\">" + escape(m.get(L, "embed.municipality")) + "</label>\n";
  h += "<p class=\"hint\" id=\"w-municipality-hint\">" + escape(m.get(L, "embed.municipality_hint")) + "</p>\n";
  h += "<select id=\"w-municipality\" name=\"w_municipality\" multiple size=\"6\" aria-describedby=\"w-municipality-hint\">\n";
  if (env.codes) {
    std::vector<std::pair<std::string, std::string>> munis;
    for (const Code& c : env.codes->all("municipality")) munis.emplace_back(c.label.best(L), c.code);
    std::sort(munis.begin(), munis.end());
    for (const auto& [label, code] : munis) {
      const bool sel = std::find(o.municipalities.begin(), o.municipalities.end(), code) != o.municipalities.end();
      h += "<option value=\"" + escape_attr(code) + "\"" + (sel ? " selected" : "") + ">" + escape(label) + "</option>\n";
    }
  }
  h += "</select>\n</div>\n";
  // Categories.
  h += "<fieldset class=\"field\">\n<legend>" + escape(m.get(L, "embed.categories")) + "</legend>\n<ul class=\"check-list\">\n";
  std::size_t i = 0;
  for (const std::string& c : home_categories()) {
    const std::string id = "w-class-" + std::to_string(i++);
    const bool sel = std::find(o.classes.begin(), o.classes.end(), c) != o.classes.end();
    h += "<li><input type=\"checkbox\" id=\"" + id + "\" name=\"w_service_class\" value=\"" + escape_attr(c) + "\"" +
         (sel ? " checked" : "") + "><label for=\"" + id + "\">" + escape(value_label(env, "service_class", c)) +
         "</label></li>\n";
  }
  h += "</ul>\n</fieldset>\n";
  // Language.
  h += "<fieldset class=\"field\">\n<legend>" + escape(m.get(L, "embed.language")) + "</legend>\n<ul class=\"check-list inline\">\n";
  for (Lang wl : kAllLangs) {
    const std::string c(lang_code(wl));
    h += "<li><input type=\"radio\" id=\"w-lang-" + c + "\" name=\"w_lang\" value=\"" + c + "\"" +
         (o.lang == c ? " checked" : "") + "><label for=\"w-lang-" + c + "\">" + escape(m.get(L, "embed.lang_" + c)) +
         "</label></li>\n";
  }
  h += "</ul>\n</fieldset>\n";
  // Colours and radius.
  h += "<fieldset class=\"field\">\n<legend>" + escape(m.get(L, "embed.appearance")) + "</legend>\n<div class=\"colour-grid\">\n";
  auto colour = [&](const std::string& key, const std::string& value) {
    return "<div><label for=\"w-" + key + "\">" + escape(m.get(L, "embed.colour_" + key)) + "</label>\n<input type=\"color\" id=\"w-" +
           key + "\" name=\"w_" + key + "\" value=\"" + escape_attr(value) + "\"></div>\n";
  };
  h += colour("primary", o.primary) + colour("text", o.text) + colour("background", o.background);
  h += "<div><label for=\"w-radius\">" + escape(m.get(L, "embed.radius")) + "</label>\n<input type=\"number\" id=\"w-radius\" name=\"w_radius\" min=\"0\" max=\"24\" value=\"" +
       escape_attr(o.radius) + "\"></div>\n";
  h += "</div>\n</fieldset>\n";
  h += "<button type=\"submit\" class=\"btn btn-primary js-hide\">" + escape(m.get(L, "embed.update")) + "</button>\n";
  h += "</form>\n";

  h += "<div class=\"embed-output\">\n<h2>" + escape(m.get(L, "embed.snippet")) + "</h2>\n";
  h += "<label for=\"w-snippet\" class=\"visually-hidden\">" + escape(m.get(L, "embed.snippet")) + "</label>\n";
  h += "<textarea id=\"w-snippet\" class=\"snippet-code\" readonly rows=\"5\" spellcheck=\"false\">" + escape(snippet) +
       "</textarea>\n";
  h += "<p><button type=\"button\" class=\"btn btn-secondary js-copy\" data-copy-target=\"w-snippet\" data-msg-copied=\"" +
       escape_attr(m.get(L, "embed.copied")) + "\" hidden>" + escape(m.get(L, "embed.copy")) +
       "</button> <span class=\"copy-status\" role=\"status\" aria-live=\"polite\"></span></p>\n";
  h += "<p class=\"hint\">" + escape(m.get(L, "embed.theming_hint")) + "</p>\n";
  h += "<h2>" + escape(m.get(L, "embed.preview")) + "</h2>\n";
  h += "<div class=\"embed-preview\" id=\"widget-preview\">\n<palveluhaku-search" + widget_attributes(o) +
       " data-base=\"" + escape_attr(env.origin) + "\"></palveluhaku-search>\n";
  h += "<noscript><p>" + escape(m.get(L, "embed.needs_js")) + "</p></noscript>\n</div>\n";
  h += "</div>\n</div>\n</div>\n";

  LayoutOptions opts;
  opts.title = m.get(L, "embed.title");
  opts.description = m.get(L, "embed.lead");
  opts.body_class = "page-embed";
  opts.load_widget = true;
  return render_layout(env, opts, h);
}

}  // namespace palveluhaku::site
