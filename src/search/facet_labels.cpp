#include "search/facet_labels.h"

#include <map>
#include <string_view>

namespace palveluhaku::search {

namespace {

struct Tri {
  const char* fi;
  const char* sv;
  const char* en;
};

const std::map<std::string, std::map<std::string, Tri>, std::less<>>& tables() {
  static const std::map<std::string, std::map<std::string, Tri>, std::less<>> t = {
      {"provider_type",
       {{"municipality", {"Kunta", "Kommun", "Municipality"}},
        {"wellbeing_county", {"Hyvinvointialue", "Välfärdsområde", "Wellbeing services county"}},
        {"state", {"Valtio", "Staten", "State"}},
        {"ngo", {"Järjestö", "Organisation", "Non-profit organisation"}},
        {"parish", {"Seurakunta", "Församling", "Parish"}},
        {"private_company", {"Yritys", "Företag", "Company"}},
        {"unknown", {"Muu", "Annan", "Other"}}}},
      {"cost",
       {{"free", {"Maksuton", "Avgiftsfri", "Free of charge"}},
        {"paid", {"Maksullinen", "Avgiftsbelagd", "Chargeable"}},
        {"partly", {"Osittain maksullinen", "Delvis avgiftsbelagd", "Partly chargeable"}},
        {"unknown", {"Ei tietoa", "Ingen uppgift", "Not known"}}}},
      {"channel",
       {{"location", {"Asiointipaikka", "Serviceställe", "Service location"}},
        {"phone", {"Puhelin", "Telefon", "Phone"}},
        {"web", {"Verkkosivu", "Webbsida", "Web page"}},
        {"eservice", {"Verkkoasiointi", "E-tjänst", "E-service"}}}},
      {"language",
       {{"fi", {"suomi", "finska", "Finnish"}},
        {"sv", {"ruotsi", "svenska", "Swedish"}},
        {"en", {"englanti", "engelska", "English"}},
        {"se", {"pohjoissaame", "nordsamiska", "Northern Sami"}},
        {"ru", {"venäjä", "ryska", "Russian"}},
        {"et", {"viro", "estniska", "Estonian"}},
        {"ar", {"arabia", "arabiska", "Arabic"}},
        {"so", {"somali", "somaliska", "Somali"}},
        {"fa", {"persia", "persiska", "Persian"}},
        {"uk", {"ukraina", "ukrainska", "Ukrainian"}},
        {"ku", {"kurdi", "kurdiska", "Kurdish"}},
        {"sgn", {"viittomakieli", "teckenspråk", "Sign language"}},
        {"fse", {"suomalainen viittomakieli", "finskt teckenspråk", "Finnish Sign Language"}},
        {"de", {"saksa", "tyska", "German"}},
        {"fr", {"ranska", "franska", "French"}},
        {"es", {"espanja", "spanska", "Spanish"}},
        {"zh", {"kiina", "kinesiska", "Chinese"}},
        {"tr", {"turkki", "turkiska", "Turkish"}},
        {"sq", {"albania", "albanska", "Albanian"}},
        {"vi", {"vietnam", "vietnamesiska", "Vietnamese"}},
        {"th", {"thai", "thailändska", "Thai"}}}},
      {"open_now", {{"true", {"Auki nyt", "Öppet nu", "Open now"}}}},
  };
  return t;
}

const char* pick(const Tri& t, Lang l) {
  switch (l) {
    case Lang::sv: return t.sv;
    case Lang::en: return t.en;
    case Lang::fi: break;
  }
  return t.fi;
}

}  // namespace

std::string facet_label(const CodeLists& codes, const std::string& field, const std::string& value,
                        Lang lang) {
  if (field == "municipality") {
    if (const Municipality* m = codes.municipality(value)) {
      const std::string& n = m->name.best(lang);
      if (!n.empty()) return n;
    }
    return value;
  }
  if (field == "region" || field == "service_class" || field == "target_group" ||
      field == "life_event")
    return codes.label(field, value, lang);
  if (field == "age") {
    switch (lang) {
      case Lang::sv: return value + " år";
      case Lang::en: return value + (value == "1" ? " year" : " years");
      case Lang::fi: break;
    }
    return value + " v";
  }
  const auto& t = tables();
  if (auto it = t.find(field); it != t.end())
    if (auto v = it->second.find(value); v != it->second.end()) return pick(v->second, lang);
  return value;
}

}  // namespace palveluhaku::search
