// Tests of the CSV importer: the shipped template, a broken file with one bad
// row per error path, encodings, separators, quoting and opening hours.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "palveluhaku/sources.h"
#include "sources/hours_util.h"

using namespace palveluhaku;

namespace {

std::string slurp(const std::string& rel) {
  std::ifstream in(std::string(PALVELUHAKU_SOURCE_DIR) + "/" + rel, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Problem* find(const ImportResult& r, const std::string& needle) {
  for (const auto& p : r.problems)
    if (p.to_string().find(needle) != std::string::npos) return &p;
  return nullptr;
}

const ServiceRecord* by_id(const ImportResult& r, const std::string& id) {
  for (const auto& rec : r.records)
    if (rec.id == id) return &rec;
  return nullptr;
}

}  // namespace

TEST_CASE("csv: the shipped template imports without problems") {
  const auto r = import_csv(slurp("data/templates/services-template.csv"), "services-template.csv");
  for (const auto& p : r.problems) INFO(p.to_string());
  CHECK(r.problems.empty());
  REQUIRE(r.records.size() == 2);
  const ServiceRecord& s = r.records[0];
  CHECK(s.id == "esimerkki-perhekahvila");
  CHECK(s.source == "csv:services-template");
  CHECK(s.source_id == "esimerkki-perhekahvila");
  CHECK(s.name.sv == "Familjecafé Muksula");
  CHECK(s.description.fi.find("\nKahvia") != std::string::npos);  // newline inside a quoted cell
  CHECK(s.provider.type == ProviderType::ngo);
  CHECK(s.provider.business_id == "1234567-8");
  CHECK(s.service_classes == std::vector<std::string>{"P3.7", "P3.1"});
  CHECK(s.keywords.fi.size() == 3);
  CHECK(s.age_min == 0);
  CHECK(s.age_max == 6);
  CHECK(s.languages == std::vector<std::string>{"fi", "sv"});
  CHECK(s.cost == Cost::free);
  CHECK(s.referral_required == false);
  CHECK(s.area.municipalities == std::vector<std::string>{"837", "604"});  // names resolved to codes
  CHECK(s.area.regions == std::vector<std::string>{"06"});
  REQUIRE(s.locations.size() == 2);  // two rows, one service
  const Location& l = s.locations[0];
  CHECK(l.address.postcode == "33100");
  CHECK(l.address.municipality_code == "837");
  REQUIRE(l.coord);
  CHECK(l.coord->lat == Approx(61.4981));
  REQUIRE(l.hours.size() == 1);
  CHECK(l.hours[0].days.size() == 5);  // ma-to + pe
  CHECK(l.hours[0].days[4] == DayHours{4, 9 * 60, 11 * 60});
  CHECK(l.phones.size() == 1);
  CHECK(l.emails == std::vector<std::string>{"muksula@example.fi"});
  CHECK(s.locations[1].hours[0].days == std::vector<DayHours>{DayHours{1, 13 * 60, 15 * 60}});
  CHECK(s.web_pages.size() == 1);
  const ServiceRecord& t = r.records[1];
  CHECK(t.area.whole_country);
  CHECK(t.locations.empty());
  CHECK(t.phones.size() == 1);  // no location on the row: the phone belongs to the service
  CHECK(t.eservices.size() == 1);
}

TEST_CASE("csv: broken rows are named by line and field; the good rows load") {
  const auto r = import_csv(slurp("tests/fixtures/csv/broken-rows.csv"), "services.csv");
  for (const auto& p : r.problems) INFO(p.to_string());
  // The example of the issue, verbatim.
  const Problem* pc = find(r, "services.csv:14: postcode: \"3310\" is not a 5-digit Finnish postcode");
  REQUIRE(pc);
  CHECK(pc->severity == Problem::Severity::error);
  struct Case {
    const char* text;
    Problem::Severity sev;
  };
  const auto E = Problem::Severity::error, W = Problem::Severity::warning;
  const Case cases[] = {
      {"services.csv:1: warning: colour: unknown column", W},
      {"services.csv:4: name_fi: missing", E},
      {"services.csv:5: id: missing", E},
      {"services.csv:6: provider_name: missing", E},
      {"services.csv:7: latitude: (161.5, 23.7) is not a WGS84 point in Finland", E},
      {"services.csv:8: warning: provider_type: \"club\"", W},
      {"services.csv:8: warning: opening_hours: \"25-26\" is not a time range", W},
      {"services.csv:8: warning: age_min: \"-3\" is not an age", W},
      {"services.csv:8: warning: cost: \"cheap\"", W},
      {"services.csv:9: warning: service-level cells (name_fi) differ from the first row of this id (line 3)", W},
      {"services.csv:12: warning: municipality: \"Atlantis\" is not a Finnish municipality", W},
      {"services.csv:13: longitude: missing", E},
      {"services.csv:15: warning: service-level cells (provider_type) differ", W},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Problem* p = find(r, c.text);
    REQUIRE(p);
    CHECK(p->severity == c.sev);
  }
  CHECK(r.errors() == 6);
  CHECK(r.skipped == 6);
  // Loaded: mll-1 (2 locations), mll-2 (2 locations), mll-7, mll-9, mll-10, mll-16.
  CHECK(r.records.size() == 6);
  const ServiceRecord* a = by_id(r, "mll-1");
  REQUIRE(a);
  CHECK(a->provider.type == ProviderType::ngo);  // "järjestö"
  CHECK(a->cost == Cost::free);                  // "maksuton"
  REQUIRE(a->locations.size() == 2);
  REQUIRE(a->locations[0].coord);
  CHECK(a->locations[0].coord->lat == Approx(61.487));  // decimal comma
  CHECK(a->locations[1].address.postcode == "33500");
  const ServiceRecord* b = by_id(r, "mll-2");
  REQUIRE(b);
  CHECK(b->name.fi == "Vauvakerho");  // the first row's value wins
  CHECK(b->locations.size() == 2);
  const ServiceRecord* k = by_id(r, "mll-7");
  REQUIRE(k);
  CHECK(k->provider.type == ProviderType::unknown);
  CHECK_FALSE(k->age_min);
  CHECK(k->locations[0].hours.empty());
  const ServiceRecord* q = by_id(r, "mll-9");
  REQUIRE(q);
  CHECK(q->name.fi == "Kerho \"Pikku\" rivinvaihto");  // names are one line
  CHECK(by_id(r, "mll-10")->locations[0].address.municipality_code.empty());
  CHECK(by_id(r, "mll-12") == nullptr);
}

TEST_CASE("csv: a header without the required columns loads nothing and says why") {
  const auto r = import_csv("name_fi,phone\nKerho,123\n", "x.csv");
  CHECK(r.records.empty());
  CHECK(find(r, "x.csv:1: id: required column is missing"));
  CHECK(find(r, "x.csv:1: provider_name: required column is missing"));
  CHECK(import_csv("", "empty.csv").errors() == 1);
  const auto n = import_csv("id,provider_name\n1,x\n", "n.csv");
  CHECK(find(n, "the header needs one of name_fi, name_sv, name_en"));
}

TEST_CASE("csv: Windows-1252 files are read with a warning") {
  // "Päiväkerho" and "Hämeenkatu" in Windows-1252.
  const std::string content = "id;name_fi;provider_name;street_address\r\nk1;P\xE4iv\xE4kerho;Seurakunta;H\xE4meenkatu 1\r\n";
  const auto r = import_csv(content, "ansi.csv");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].name.fi == "P\xC3\xA4iv\xC3\xA4kerho");
  CHECK(r.records[0].locations[0].address.street.fi == "H\xC3\xA4meenkatu 1");
  CHECK(find(r, "ansi.csv: warning: file is not UTF-8; read as Windows-1252"));
}

TEST_CASE("csv: an unterminated quote stops the file at that row") {
  const auto r = import_csv("id,name_fi,provider_name\na,A,P\nb,\"B,P\nc,C,P\n", "q.csv");
  REQUIRE(r.records.size() == 1);
  CHECK(find(r, "q.csv:3: a quoted cell is not closed"));
}

TEST_CASE("csv: duplicate municipality codes lose no zeros; ids are checked") {
  const auto r = import_csv("id,name_fi,provider_name,municipality,street_address\n"
                            "a,A,P,91,Katu 1\n"
                            "with space,B,P,,\n",
                            "z.csv");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].locations[0].address.municipality_code == "091");
  CHECK(find(r, "z.csv:2: warning: municipality: \"91\" taken as municipality code \"091\""));
  CHECK(find(r, "z.csv:3: id: \"with space\" contains a space"));
}

TEST_CASE("opening_hours: the documented forms") {
  struct Case {
    const char* text;
    bool ok;
    std::vector<DayHours> days;
  };
  const Case cases[] = {
      {"ma-pe 09:00-16:00", true, {{0, 540, 960}, {1, 540, 960}, {2, 540, 960}, {3, 540, 960}, {4, 540, 960}}},
      {"ma 9-16|la 10.00-14.00", true, {{0, 540, 960}, {5, 600, 840}}},
      {"må-ti 9-11; sö 12-13", true, {{0, 540, 660}, {1, 540, 660}, {6, 720, 780}}},
      {"Mon 8:30-9:15", true, {{0, 510, 555}}},
      {"pe 22-02", true, {{4, 1320, 120 + 1440}}},  // past midnight
      {"la-ma 10-12", true, {{0, 600, 720}, {5, 600, 720}, {6, 600, 720}}},  // wraps over the week
      {"ma,ke 9-11, 12-14", true, {{0, 540, 660}, {0, 720, 840}, {2, 540, 660}, {2, 720, 840}}},
      {"ma-pe 9-16|ke suljettu", true, {{0, 540, 960}, {1, 540, 960}, {3, 540, 960}, {4, 540, 960}}},
      {"ma \xE2\x80\x93 pe 9\xE2\x80\x93" "10", true, {{0, 540, 600}, {1, 540, 600}, {2, 540, 600}, {3, 540, 600}, {4, 540, 600}}},
      {"joka päivä 9-16", false, {}},
      {"ma 9", false, {}},
      {"ma 25-26", false, {}},
      {"9-16", false, {}},
      {"xx 9-16", false, {}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    HoursEntry h;
    std::string error;
    CHECK(sources::parse_opening_hours(c.text, h, error) == c.ok);
    if (c.ok) CHECK(h.days == c.days);
    else CHECK_FALSE(error.empty());
  }
}

TEST_CASE("csv: random bytes never crash the reader") {
  std::mt19937 rng(12345);
  const std::string alphabet = "id,name_fi;provider_name\"\n\r|\xC3\xA4\xFF 9-16ma-pe.,;0123456789";
  const std::string header = "id,name_fi,provider_name,postcode,latitude,longitude,opening_hours,age_min,municipality\n";
  for (int i = 0; i < 3000; ++i) {
    std::string s = (i % 2) ? header : std::string();
    const std::size_t n = rng() % 200;
    for (std::size_t k = 0; k < n; ++k) s += alphabet[rng() % alphabet.size()];
    const auto r = import_csv(s, "fuzz.csv");
    for (const auto& rec : r.records) CHECK_FALSE(rec.id.empty());
  }
}

TEST_CASE("csv: hostile sizes are bounded, not fatal") {
  std::string pad;
  for (int i = 0; i < 300000; ++i) pad += (i % 2) ? " " : "\xC2\xA0";
  std::string content = "id,name_fi,provider_name,description_fi\n";
  content += pad + "big-1" + pad + ",Nimi,P,\"" + std::string(1 << 20, 'a') + "\"\n";
  content += "wide-1,Leveä,P";
  for (int i = 0; i < 5000; ++i) content += ",x";
  content += "\n";
  const auto r = import_csv(content, "h.csv");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].id == "big-1");  // no-break spaces trimmed
  CHECK(r.records[0].description.fi.size() == 64 * 1024);
  CHECK(find(r, "h.csv:2: warning: description_fi: text is too long"));
  CHECK(find(r, "h.csv:3: warning: row has 1000 cells but the header has 4"));
  CHECK(find(r, "h.csv:3: warning: row has more than 1000 cells"));
}
