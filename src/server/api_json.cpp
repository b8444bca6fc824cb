// api_json.cpp — engine values to API JSON.
#include "api_json.h"

#include <cmath>

#include "http_util.h"
#include "palveluhaku/record_json.h"

namespace palveluhaku::server {

namespace {

std::string_view match_kind_code(MatchKind k) {
  switch (k) {
    case MatchKind::all_words: return "all";
    case MatchKind::some_words: return "some";
    case MatchKind::related: return "related";
  }
  return "all";
}

struct Label3 {
  std::string_view code, fi, sv, en;
};

constexpr Label3 kProviderTypes[] = {
    {"municipality", "Kunta", "Kommun", "Municipality"},
    {"wellbeing_county", "Hyvinvointialue", "Välfärdsområde", "Wellbeing services county"},
    {"state", "Valtio", "Staten", "State"},
    {"ngo", "Järjestö", "Organisation", "Non-profit organisation"},
    {"parish", "Seurakunta", "Församling", "Parish"},
    {"private_company", "Yritys", "Företag", "Company"},
    {"unknown", "Muu", "Annan", "Other"},
};
constexpr Label3 kCosts[] = {
    {"free", "Maksuton", "Avgiftsfri", "Free of charge"},
    {"paid", "Maksullinen", "Avgiftsbelagd", "Chargeable"},
    {"partly", "Osittain maksullinen", "Delvis avgiftsbelagd", "Partly chargeable"},
    {"unknown", "Ei tietoa", "Okänt", "Unknown"},
};
constexpr Label3 kChannels[] = {
    {"location", "Palvelupiste", "Serviceställe", "Service location"},
    {"phone", "Puhelin", "Telefon", "Phone"},
    {"web", "Verkkosivu", "Webbplats", "Web page"},
    {"eservice", "Verkkoasiointi", "E-tjänst", "E-service"},
};

template <std::size_t N>
std::string label_in(const Label3 (&table)[N], std::string_view code, Lang lang) {
  for (const auto& l : table) {
    if (l.code == code) {
      switch (lang) {
        case Lang::fi: return std::string(l.fi);
        case Lang::sv: return std::string(l.sv);
        case Lang::en: return std::string(l.en);
      }
    }
  }
  return std::string(code);
}

template <std::size_t N>
nlohmann::json label_list(const Label3 (&table)[N], Lang lang, bool skip_unknown) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& l : table) {
    if (skip_unknown && l.code == "unknown") continue;
    a.push_back({{"value", l.code}, {"label", label_in(table, l.code, lang)}});
  }
  return a;
}

nlohmann::json municipality_json(const CodeLists& codes, const std::string& code, Lang lang) {
  if (code.empty()) return nullptr;
  const Municipality* m = codes.municipality(code);
  return {{"code", code}, {"name", m ? m->name.best(lang) : code}};
}

double round_to(double v, double step) { return std::round(v / step) * step; }

}  // namespace

std::string service_page_url(std::string_view base, std::string_view id, Lang lang) {
  std::string url = std::string(base) + "/palvelu/" + url_encode_segment(id);
  if (lang != Lang::fi) url += "?lang=" + std::string(lang_code(lang));
  return url;
}

std::string provider_type_label(std::string_view code, Lang lang) {
  return label_in(kProviderTypes, code, lang);
}
std::string cost_label(std::string_view code, Lang lang) { return label_in(kCosts, code, lang); }
std::string channel_label(std::string_view code, Lang lang) {
  return label_in(kChannels, code, lang);
}

std::string record_municipality(const ServiceRecord& r) {
  for (const auto& loc : r.locations)
    if (!loc.address.municipality_code.empty()) return loc.address.municipality_code;
  if (!r.area.municipalities.empty()) return r.area.municipalities.front();
  return {};
}

nlohmann::json hit_to_json(const SearchHit& hit, const CodeLists& codes, Lang lang,
                           std::string_view base_url) {
  const ServiceRecord& r = *hit.record;
  nlohmann::json j;
  j["id"] = r.id;
  j["source"] = r.source;
  j["source_id"] = r.source_id;
  j["name"] = r.name.best(lang);
  const std::string ptype(provider_type_code(r.provider.type));
  j["provider"] = {{"name", r.provider.name.best(lang)},
                   {"type", ptype},
                   {"type_label", provider_type_label(ptype, lang)}};
  j["municipality"] = municipality_json(codes, record_municipality(r), lang);
  j["summary"] = r.summary.best(lang);
  j["snippet"] = hit.snippet;
  j["url"] = service_page_url(base_url, r.id, lang);
  if (hit.distance_km) j["distance_km"] = round_to(*hit.distance_km, 0.01);
  if (hit.open_now) j["open_now"] = *hit.open_now;
  nlohmann::json classes = nlohmann::json::array();
  for (const auto& c : r.service_classes)
    classes.push_back({{"code", c}, {"label", codes.label("service_class", c, lang)}});
  j["service_classes"] = classes;
  j["cost"] = std::string(cost_code(r.cost));
  j["languages"] = r.languages;
  if (r.age_min) j["age_min"] = *r.age_min;
  if (r.age_max) j["age_max"] = *r.age_max;
  j["score"] = hit.score;
  j["match"] = match_kind_code(hit.match);
  return j;
}

nlohmann::json search_result_to_json(const SearchResult& result, const CodeLists& codes,
                                     Lang lang, std::string_view base_url) {
  nlohmann::json j;
  j["total"] = result.total;
  j["page"] = result.page;
  j["per_page"] = result.per_page;
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : result.hits) hits.push_back(hit_to_json(h, codes, lang, base_url));
  j["hits"] = std::move(hits);
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [field, counts] : result.facets) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& c : counts) a.push_back({{"value", c.value}, {"label", c.label}, {"count", c.count}});
    facets[field] = std::move(a);
  }
  j["facets"] = std::move(facets);
  if (result.did_you_mean)
    j["did_you_mean"] = *result.did_you_mean;
  else
    j["did_you_mean"] = nullptr;
  j["corrected"] = result.corrected;
  j["relaxed"] = result.relaxed;
  j["filled"] = result.filled;
  return j;
}

nlohmann::json service_to_json(const ServiceRecord& r, const CodeLists& codes, Lang lang,
                               std::string_view base_url) {
  nlohmann::json j = record_to_json(r);
  nlohmann::json labels;
  auto add = [&](const char* key, std::string_view kind, const std::vector<std::string>& list) {
    nlohmann::json m = nlohmann::json::object();
    for (const auto& c : list) m[c] = codes.label(kind, c, lang);
    labels[key] = std::move(m);
  };
  add("service_classes", "service_class", r.service_classes);
  add("target_groups", "target_group", r.target_groups);
  add("life_events", "life_event", r.life_events);
  add("regions", "region", r.area.regions);
  std::vector<std::string> munis = r.area.municipalities;
  for (const auto& loc : r.locations)
    if (!loc.address.municipality_code.empty()) munis.push_back(loc.address.municipality_code);
  nlohmann::json m = nlohmann::json::object();
  for (const auto& c : munis) {
    const Municipality* mu = codes.municipality(c);
    m[c] = mu ? mu->name.best(lang) : c;
  }
  labels["municipalities"] = std::move(m);
  const std::string ptype(provider_type_code(r.provider.type));
  labels["provider_type"] = provider_type_label(ptype, lang);
  labels["cost"] = cost_label(cost_code(r.cost), lang);
  j["labels"] = std::move(labels);
  j["lang"] = lang_code(lang);
  j["url"] = service_page_url(base_url, r.id, lang);
  return j;
}

nlohmann::json facet_lists_to_json(const CodeLists& codes, Lang lang) {
  nlohmann::json lists;
  for (const char* kind : {"municipality", "region", "service_class", "target_group", "life_event"}) {
    nlohmann::json a = nlohmann::json::array();
    for (const Code& c : codes.all(kind)) {
      nlohmann::json e = {{"value", c.code}, {"label", c.label.best(lang)}};
      if (!c.parent.empty()) e["parent"] = c.parent;
      if (std::string_view(kind) == "municipality") {
        if (const Municipality* m = codes.municipality(c.code); m && !m->region.empty())
          e["region"] = m->region;
      }
      a.push_back(std::move(e));
    }
    lists[kind] = std::move(a);
  }
  lists["provider_type"] = label_list(kProviderTypes, lang, true);
  lists["cost"] = label_list(kCosts, lang, true);
  lists["channel"] = label_list(kChannels, lang, false);
  return {{"lang", lang_code(lang)}, {"facets", lists}};
}

}  // namespace palveluhaku::server
