// engine_fixtures.h — records and temporary index directories shared by
// index_test.cpp and search_test.cpp.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "palveluhaku/index.h"
#include "palveluhaku/record.h"
#include "palveluhaku/search.h"
#include "palveluhaku/sources.h"

namespace engine_test {

using namespace palveluhaku;

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static std::atomic<int> n{0};
    path = std::filesystem::temp_directory_path() /
           ("palveluhaku-engine-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string str() const { return path.string(); }
  std::string index() const { return (path / "index").string(); }
};

inline IndexOptions index_options() {
  IndexOptions o;
  o.config_dir = PALVELUHAKU_SOURCE_DIR "/index-config";
  o.codes_dir = PALVELUHAKU_SOURCE_DIR "/data/codes";
  o.threads = 2;
  return o;
}

inline EngineOptions engine_options() {
  EngineOptions o;
  o.config_dir = PALVELUHAKU_SOURCE_DIR "/index-config";
  o.codes_dir = PALVELUHAKU_SOURCE_DIR "/data/codes";
  o.reload_interval_ms = 0;
  return o;
}

// Known places.
inline const GeoPoint kTampere{61.4978, 23.7610};  // Tampere centre (Keskustori)
inline const GeoPoint kNokia{61.4786, 23.5083};    // Nokia centre, ~13.6 km west
inline const GeoPoint kOrivesi{61.6772, 24.3572};  // Orivesi centre, ~36 km north-east

inline ServiceRecord make(const std::string& id, const std::string& name_fi) {
  ServiceRecord r;
  r.id = id;
  r.source = "test";
  r.source_id = id;
  r.name.fi = name_fi;
  r.last_modified = "2026-05-01T12:00:00Z";
  return r;
}

inline Location location(const std::string& muni, GeoPoint p) {
  Location l;
  l.address.municipality_code = muni;
  l.address.postcode = "33100";
  l.coord = p;
  return l;
}

// Weekdays 8-16 regular hours.
inline HoursEntry weekday_hours() {
  HoursEntry h;
  h.kind = HoursEntry::Kind::regular;
  for (std::uint8_t d = 0; d < 5; ++d) h.days.push_back({d, 8 * 60, 16 * 60});
  return h;
}

// A small, varied directory: providers of every type in Tampere, Nokia and
// Orivesi, hierarchical classes, ages, costs, channels, languages, hours.
inline std::vector<ServiceRecord> sample_records() {
  std::vector<ServiceRecord> v;
  {
    auto r = make("tre-lastenneuvola", "Hervannan lastenneuvola");
    r.summary.fi = "Lastenneuvola seuraa lapsen kasvua ja kehitystä.";
    r.description.fi = "Neuvolassa tuetaan koko perhettä. Terveydenhoitaja tapaa lapsen säännöllisesti.";
    r.provider.name.fi = "Pirkanmaan hyvinvointialue";
    r.provider.type = ProviderType::wellbeing_county;
    r.service_classes = {"P5.2"};
    r.target_groups = {"KR1.2"};
    r.life_events = {"KE1"};
    r.age_min = 0;
    r.age_max = 6;
    r.languages = {"fi", "sv"};
    r.cost = Cost::free;
    r.area.municipalities = {"837"};
    auto loc = location("837", kTampere);
    loc.hours.push_back(weekday_hours());
    r.locations.push_back(loc);
    r.phones.push_back({"+358401234567", {}, ""});
    v.push_back(r);
  }
  {
    auto r = make("nokia-aitiysneuvola", "Nokian äitiysneuvola");
    r.summary.fi = "Äitiysneuvola raskaana oleville ja vauvaa odottaville perheille.";
    r.provider.name.fi = "Pirkanmaan hyvinvointialue";
    r.provider.type = ProviderType::wellbeing_county;
    r.service_classes = {"P5.2"};
    r.target_groups = {"KR1.2"};
    r.life_events = {"KE1"};
    r.languages = {"fi"};
    r.cost = Cost::free;
    r.area.municipalities = {"536"};
    r.locations.push_back(location("536", kNokia));
    r.web_pages.push_back({"https://example.fi/nokia", {}});
    v.push_back(r);
  }
  {
    auto r = make("orivesi-perheneuvola", "Oriveden kasvatus- ja perheneuvola");
    r.summary.fi = "Perheneuvola auttaa lasten kasvatukseen ja perheen vuorovaikutukseen liittyvissä asioissa.";
    r.provider.name.fi = "Pirkanmaan hyvinvointialue";
    r.provider.type = ProviderType::wellbeing_county;
    r.service_classes = {"P3.7"};
    r.target_groups = {"KR1.2"};
    r.age_min = 0;
    r.age_max = 17;
    r.languages = {"fi"};
    r.cost = Cost::free;
    r.area.municipalities = {"562"};
    r.locations.push_back(location("562", kOrivesi));
    v.push_back(r);
  }
  {
    auto r = make("mll-perhekahvila", "MLL:n perhekahvila Hervanta");
    r.summary.fi = "Perhekahvila on avoin kohtaamispaikka vauvaperheille ja taaperoille.";
    r.description.fi = "Tule tapaamaan muita vanhempia. <script>alert(1)</script> Kahvila & leikkinurkka.";
    r.provider.name.fi = "Mannerheimin Lastensuojeluliiton Tampereen yhdistys";
    r.provider.type = ProviderType::ngo;
    r.service_classes = {"P3"};
    r.target_groups = {"KR1.2"};
    r.age_min = 0;
    r.age_max = 3;
    r.languages = {"fi", "en"};
    r.cost = Cost::free;
    r.area.municipalities = {"837"};
    r.locations.push_back(location("837", GeoPoint{61.4500, 23.8500}));
    v.push_back(r);
  }
  {
    auto r = make("srk-perhekerho", "Nokian seurakunnan perhekerho");
    r.summary.fi = "Perhekerho kokoontuu viikoittain seurakuntatalolla.";
    r.provider.name.fi = "Nokian seurakunta";
    r.provider.type = ProviderType::parish;
    r.service_classes = {"P3"};
    r.age_min = 1;
    r.age_max = 6;
    r.languages = {"fi"};
    r.cost = Cost::partly_free;
    r.area.municipalities = {"536"};
    r.locations.push_back(location("536", GeoPoint{61.4800, 23.5000}));
    v.push_back(r);
  }
  {
    auto r = make("tre-perhekeskus", "Tampereen perhekeskus");
    r.summary.fi = "Perhekeskus kokoaa lapsiperheiden palvelut yhteen.";
    r.provider.name.fi = "Tampereen kaupunki";
    r.provider.type = ProviderType::municipality;
    r.service_classes = {"P3.7"};
    r.target_groups = {"KR1.2"};
    r.languages = {"fi", "sv", "en"};
    r.cost = Cost::paid;
    r.area.municipalities = {"837"};
    r.locations.push_back(location("837", GeoPoint{61.4990, 23.7700}));
    r.eservices.push_back({"https://example.fi/asiointi", {}});
    v.push_back(r);
  }
  {
    auto r = make("kela-lapsilisa", "Lapsilisä");
    r.summary.fi = "Kela maksaa lapsilisää jokaisesta Suomessa asuvasta alle 17-vuotiaasta lapsesta.";
    r.summary.sv = "FPA betalar barnbidrag för varje barn under 17 år.";
    r.name.sv = "Barnbidrag";
    r.provider.name.fi = "Kansaneläkelaitos";
    r.provider.type = ProviderType::state;
    r.service_classes = {"P3"};
    r.target_groups = {"KR1.2"};
    r.life_events = {"KE1"};
    r.age_min = 0;
    r.age_max = 16;
    r.languages = {"fi", "sv", "en"};
    r.cost = Cost::free;
    r.area.whole_country = true;
    r.web_pages.push_back({"https://www.kela.fi/lapsilisa", {}});
    r.phones.push_back({"+358201692206", {}, ""});
    v.push_back(r);
  }
  {
    auto r = make("yritys-perhetyo", "Perhetyö Kotiapu Oy");
    r.summary.fi = "Yksityinen perhetyö ja lastenhoitoapu kotiin.";
    r.provider.name.fi = "Kotiapu Oy";
    r.provider.type = ProviderType::private_company;
    r.service_classes = {"P3.6"};
    r.languages = {"fi"};
    r.cost = Cost::paid;
    r.area.regions = {"06"};
    v.push_back(r);
  }
  return v;
}

// The 107 real PTV services of tests/fixtures/quality/ptv-services.jsonl
// (result fill and query building tests).
inline std::vector<palveluhaku::ServiceRecord> ptv_fixture_records() {
  const std::string path = PALVELUHAKU_SOURCE_DIR "/tests/fixtures/quality/ptv-services.jsonl";
  std::ifstream in(path);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  auto imp = palveluhaku::import_jsonl(ss.str(), path);
  REQUIRE(imp.problems.empty());
  REQUIRE(imp.records.size() == 107);
  return imp.records;
}

}  // namespace engine_test
