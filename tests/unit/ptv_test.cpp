// Tests of the PTV importer with the real responses, the v11 list pages and
// shapes, and the general descriptions (tests/fixtures/ptv/).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "palveluhaku/record_json.h"
#include "palveluhaku/sources.h"
#include "sources/draftjs.h"

using namespace palveluhaku;
namespace fs = std::filesystem;

namespace {

const std::string kDir = std::string(PALVELUHAKU_SOURCE_DIR) + "/tests/fixtures/ptv";

std::vector<PtvFile> files_under(const std::string& rel) {
  std::vector<PtvFile> out;
  std::vector<fs::path> paths;
  const fs::path root = fs::path(kDir) / rel;
  if (fs::is_directory(root)) {
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file() && e.path().extension() == ".json") paths.push_back(e.path());
  } else {
    paths.push_back(root);
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(PtvFile{fs::relative(p, kDir).string(), ss.str()});
  }
  return out;
}

const ServiceRecord* by_id(const ImportResult& r, const std::string& id) {
  for (const auto& rec : r.records)
    if (rec.id == id) return &rec;
  return nullptr;
}

const Problem* find(const ImportResult& r, const std::string& needle) {
  for (const auto& p : r.problems)
    if (p.to_string().find(needle) != std::string::npos) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("ptv: the real responses import completely, joined to channels and organisations") {
  const auto r = import_ptv(files_under("real-responses"));
  for (const auto& p : r.problems) INFO(p.to_string());
  CHECK(r.problems.empty());
  CHECK(r.records.size() == 30);
  CHECK(r.skipped == 0);

  const ServiceRecord* s = by_id(r, "ptv-17c633dd-5408-495a-86c1-d8f57598e899");
  REQUIRE(s);
  CHECK(s->source == "ptv");
  CHECK(s->source_id == "17c633dd-5408-495a-86c1-d8f57598e899");
  CHECK(s->name.fi == "Perusopetus");
  CHECK(s->provider.id == "7fdd7f84-e52a-4c17-a59a-d7c2a3095ed5");
  CHECK(s->provider.type == ProviderType::municipality);
  CHECK(s->provider.name.fi == "Vaasan kaupunki");
  CHECK_FALSE(s->provider.business_id.empty());
  REQUIRE(s->locations.size() >= 3);
  const Location& sundom = s->locations[0];
  CHECK(sundom.name.sv == "Sundom skola");
  CHECK(sundom.address.postcode == "65410");
  CHECK(sundom.address.municipality_code == "905");
  CHECK(sundom.address.street.fi == "Sundomvägen 13");
  REQUIRE(sundom.coord);
  // EPSG:3067 N 7001836.409 E 224930.408 -> PROJ: 63.04118767, 21.55699205
  CHECK(sundom.coord->lat == Approx(63.04118767).margin(1e-7));
  CHECK(sundom.coord->lon == Approx(21.55699205).margin(1e-7));
  CHECK(sundom.accessibility.fi.find("Pääsisäänkäynti:") != std::string::npos);  // entrances' sentences

  const ServiceRecord* rajank = by_id(r, "ptv-0739289c-cc26-4097-b029-fa9c58c8d4e9");
  REQUIRE(rajank);
  CHECK(rajank->provider.name.fi == "Naantalin kaupunki");
  CHECK(rajank->cost == Cost::paid);  // "Chargeable"
  CHECK(rajank->area.municipalities == std::vector<std::string>{"529"});
  CHECK(rajank->service_classes == std::vector<std::string>{"P2.3"});
  CHECK_FALSE(rajank->how_to_apply.fi.empty());
  CHECK_FALSE(rajank->eservices.empty());  // the PrintableForm channel
  CHECK(rajank->keywords.sv.size() >= 1);   // ontology terms in sv

  // Every record survives the own JSON format.
  for (const auto& rec : r.records) {
    std::vector<Problem> problems;
    ServiceRecord back;
    REQUIRE(record_from_json(nlohmann::json::parse(record_to_json(rec).dump()), SourcePlace{"x", 0, ""}, back, problems));
    INFO(rec.id);
    CHECK(back == rec);
  }
}

TEST_CASE("ptv: v11 list pages, joined both ways, with serviceHours and EPSG:3067") {
  const auto r = import_ptv(files_under("v11-list-pages"));
  REQUIRE(r.records.size() == 2);
  const ServiceRecord* s = by_id(r, "ptv-0008afc0-182c-4580-ba73-7472287f4d63");
  REQUIRE(s);
  // Channel 0001a1c4 via service.serviceChannels, 0009b6a3 via channel.services.
  REQUIRE(s->locations.size() == 2);
  const Location& l = s->locations[0];
  CHECK(l.id == "0001a1c4-6273-424f-8d17-2ac62be89741");
  REQUIRE(l.coord);
  CHECK(l.coord->lat == Approx(60.63244728).margin(1e-7));  // PROJ for N 6730000 E 258000
  CHECK(l.coord->lon == Approx(22.57436299).margin(1e-7));
  REQUIRE(l.hours.size() == 1);
  CHECK(l.hours[0].kind == HoursEntry::Kind::regular);
  CHECK(l.hours[0].days == std::vector<DayHours>{{2, 480, 960}, {4, 480, 840}});
  CHECK(l.hours[0].note.fi == "Normaalit palveluajat");
  CHECK(l.phones.at(0).number == "+358101010100");
  CHECK(s->provider.id == "00022b78-dd97-4a66-8846-68b179d983e0");  // from the channel's organisation
  // Testikunta's code "1" is not a real municipality.
  CHECK(find(r, "municipality: \"001\" is not a known municipality code"));
  CHECK(find(r, "municipality_channels_2.json#/itemList/0: warning: id: service channel \"0001a1c4"));
  CHECK(r.errors() == 0);
}

TEST_CASE("ptv: the v11 shape files are rejected record by record with reasons") {
  const auto r = import_ptv(files_under("v11-shape"));
  CHECK(r.records.empty());
  CHECK(find(r, "V11VmOpenApiServiceHour.json: a PTV service hour on its own"));
  CHECK(find(r, "V11VmOpenApiService.json: warning: publishingStatus: \"string\": only published services"));
}

TEST_CASE("ptv: general descriptions become ptv-gd records with plain text and mapped codes") {
  const auto r = import_ptv(files_under("general-descriptions.json"));
  CHECK(r.problems.empty());
  REQUIRE(r.records.size() == 458);
  std::size_t with_classes = 0;
  for (const auto& rec : r.records) {
    CHECK(rec.id.rfind("ptv-gd-", 0) == 0);
    CHECK(rec.provider.name.empty());
    CHECK(rec.description.fi.find("\"blocks\"") == std::string::npos);  // Draft.js turned into text
    CHECK(rec.description.fi.find("entityMap") == std::string::npos);
    if (!rec.service_classes.empty()) ++with_classes;
  }
  CHECK(with_classes >= 450);  // old URIs mapped through the code lists
  const ServiceRecord* g = by_id(r, "ptv-gd-00101b14-33b7-4da8-8c13-3a994c50a472");
  REQUIRE(g);
  CHECK(g->name.fi == "Lasten palveluohjaus");
  CHECK(g->cost == Cost::free);
  CHECK(g->service_classes == std::vector<std::string>{"P4.13"});
  CHECK(g->target_groups == std::vector<std::string>{"KR1.2", "KR1"});
  CHECK(g->description.fi.rfind("Jos alle 13-vuotiaalla lapsella", 0) == 0);
  CHECK(g->description.fi.find("\n\nLapsen huoltaja") != std::string::npos);
}

TEST_CASE("ptv: a service inherits texts and classes from its general description") {
  const std::string gd = R"([{"Id": "g-1", "Name": [{"Lang": "fi", "Label": "Neuvola"}],
    "ShortDescription": [{"Lang": "fi", "Label": "Yleiskuvaus"}],
    "Description": [{"Lang": "fi", "Label": "{\"blocks\":[{\"text\":\"Rivi\",\"type\":\"unstyled\"},{\"text\":\"kohta\",\"type\":\"unordered-list-item\"}]}"}],
    "ServiceClass": [{"Key": "http://urn.fi/URN:NBN:fi:au:ptvl:v1001"}]}])";
  const std::string svc = R"({"id": "s-1", "generalDescriptionId": "g-1", "serviceNames": [{"language": "fi", "value": "Oma neuvola", "type": "Name"}],
    "serviceDescriptions": [], "publishingStatus": "Published"})";
  const auto r = import_ptv({PtvFile{"gd.json", gd}, PtvFile{"s.json", svc}});
  const ServiceRecord* s = by_id(r, "ptv-s-1");
  REQUIRE(s);
  CHECK(s->name.fi == "Oma neuvola");
  CHECK(s->summary.fi == "Yleiskuvaus");
  CHECK(s->description.fi == "Rivi\n- kohta");
  CHECK(s->service_classes == std::vector<std::string>{"P1"});
  CHECK(by_id(r, "ptv-gd-g-1"));
}

TEST_CASE("ptv: unusable items are named by pointer; the rest load") {
  const std::string page = R"({"pageNumber": 1, "pageCount": 1, "itemList": [
    {"id": "a-1", "serviceNames": [{"language": "fi", "value": "Hyvä", "type": "Name"}]},
    {"id": "a-2", "serviceNames": []},
    {"serviceNames": [{"language": "fi", "value": "Ei id:tä", "type": "Name"}]},
    {"id": "bad id!", "serviceNames": [{"language": "fi", "value": "X", "type": "Name"}]},
    42,
    {"hello": "world"},
    {"id": "a-3", "serviceNames": [{"language": "fi", "value": "Luonnos", "type": "Name"}], "publishingStatus": "Draft"},
    {"id": "a-4", "serviceNames": [{"language": "fi", "value": "Kanavat", "type": "Name"}], "serviceChannels": [{"serviceChannel": {"id": "nowhere"}}]},
    {"id": "c-1", "serviceChannelType": "ServiceLocation", "addresses": [{"type": "Location", "streetAddress": {"postalCode": "123", "latitude": "abc", "longitude": "1"}}]}
  ]})";
  const auto r = import_ptv({PtvFile{"page.json", page}});
  CHECK(r.records.size() == 2);
  CHECK(find(r, "page.json#/itemList/1: serviceNames: no name"));
  CHECK(find(r, "page.json#/itemList/2: id: missing"));
  CHECK(find(r, "page.json#/itemList/3: id: \"bad id!\" is not a PTV id"));
  CHECK(find(r, "page.json#/itemList/4: expected an object, got number"));
  CHECK(find(r, "page.json#/itemList/5: not a PTV service"));
  CHECK(find(r, "page.json#/itemList/6: warning: publishingStatus: \"Draft\""));
  CHECK(find(r, "page.json#/itemList/7: warning: serviceChannels: 1 of 1 linked service channels"));
  CHECK(r.skipped == 6);
  CHECK(import_ptv({PtvFile{"x.json", "{\"itemList\": 5}"}}).errors() == 1);
  CHECK(import_ptv({PtvFile{"y.json", "[1"}}).errors() == 1);
}

TEST_CASE("ptv: wrong types anywhere in a real service never crash the importer") {
  const auto files = files_under("real-responses/services/17c633dd-5408-495a-86c1-d8f57598e899.json");
  auto channels = files_under("real-responses/servicechannels");
  const nlohmann::json original = nlohmann::json::parse(files[0].content);
  const nlohmann::json replacements[] = {nullptr, 1e308, -1, "x", nlohmann::json::array(), nlohmann::json::object(),
                                         true, "99999999999999999999999"};
  const auto flat = original.flatten();
  std::size_t runs = 0;
  // Every value of the document is replaced once, cycling through the wrong
  // types (and its parent container once every few runs), with the real
  // channels joined in now and then.
  for (const auto& [pointer, value] : flat.items()) {
    nlohmann::json mutated = original;
    const auto ptr = nlohmann::json::json_pointer(pointer);
    mutated[(runs % 5 == 4 && !ptr.parent_pointer().empty()) ? ptr.parent_pointer() : ptr] =
        replacements[runs % std::size(replacements)];
    std::vector<PtvFile> input = {PtvFile{"s.json", mutated.dump()}};
    if (runs % 25 == 0) input.insert(input.end(), channels.begin(), channels.begin() + 5);
    const auto r = import_ptv(input);
    for (const auto& rec : r.records) CHECK_NOTHROW(record_to_json(rec).dump());
    ++runs;
  }
  CHECK(runs > 300);
}

TEST_CASE("draftjs: blocks to plain text") {
  using sources::draftjs_to_text;
  CHECK(draftjs_to_text(R"({"entityMap":{},"blocks":[{"text":"A","type":"unstyled"},{"text":"","type":"unstyled"},{"text":"","type":"unstyled"},{"text":"B","type":"unstyled"},{"text":"c","type":"ordered-list-item"}]})") ==
        "A\n\nB\n- c");
  CHECK(draftjs_to_text("plain text") == "plain text");
  CHECK(draftjs_to_text(R"({"blocks": 5})") == R"({"blocks": 5})");
  CHECK(draftjs_to_text(R"({"blocks": [1, {"text": 2}, {"text": "ok"}]})") == "ok");
  CHECK(draftjs_to_text("{\"blocks\": [") == "{\"blocks\": [");
}

TEST_CASE("ptv: serviceHours kinds, past midnight and multi-day special hours") {
  const std::string ch = R"({"id": "c-1", "serviceChannelType": "ServiceLocation",
    "serviceChannelNames": [{"language": "fi", "value": "Paikka", "type": "Name"}],
    "services": [{"service": {"id": "s-1"}}],
    "serviceHours": [
      {"serviceHourType": "DaysOfTheWeek", "openingHour": [{"dayFrom": "Monday", "dayTo": "Wednesday", "from": "08:00:00", "to": "16:00:00"}]},
      {"serviceHourType": "Standard", "openingHour": [{"dayFrom": "Friday", "dayTo": "", "from": "22:00", "to": "02:00"}]},
      {"serviceHourType": "Special", "openingHour": [{"dayFrom": "Friday", "dayTo": "Saturday", "from": "20:00", "to": "03:00"}]},
      {"serviceHourType": "Special", "openingHour": [{"dayFrom": "Friday", "dayTo": "Sunday", "from": "18:00", "to": "12:00"}]},
      {"serviceHourType": "Exception", "validFrom": "2026-12-24T00:00:00.000Z", "validTo": "2026-12-26T00:00:00Z", "isClosed": true,
       "additionalInformation": [{"language": "fi", "value": "Joulu"}]},
      {"serviceHourType": "DaysOfTheWeek", "isAlwaysOpen": true},
      {"serviceHourType": "DaysOfTheWeek", "openingHour": [{"dayFrom": "Caturday", "from": "8", "to": "9"}]}
    ]})";
  const std::string svc = R"({"id": "s-1", "serviceNames": [{"language": "fi", "value": "Palvelu", "type": "Name"}]})";
  const auto r = import_ptv({PtvFile{"c.json", ch}, PtvFile{"s.json", svc}});
  REQUIRE(r.records.size() == 1);
  REQUIRE(r.records[0].locations.size() == 1);
  const auto& h = r.records[0].locations[0].hours;
  REQUIRE(h.size() == 6);
  CHECK(h[0].days == std::vector<DayHours>{{0, 480, 960}, {1, 480, 960}, {2, 480, 960}});
  CHECK(h[1].days == std::vector<DayHours>{{4, 1320, 120 + 1440}});
  CHECK(h[2].kind == HoursEntry::Kind::special);
  CHECK(h[2].days == std::vector<DayHours>{{4, 1200, 180 + 1440}});
  CHECK(h[3].days == std::vector<DayHours>{{4, 1080, 1440}, {5, 0, 1440}, {6, 0, 720}});
  CHECK(h[4].kind == HoursEntry::Kind::exception);
  CHECK(h[4].closed);
  CHECK(h[4].valid_from == "2026-12-24");
  CHECK(h[4].valid_to == "2026-12-26");
  CHECK(h[4].note.fi == "Joulu");
  CHECK(h[5].always_open);
  CHECK(find(r, "c.json: warning: serviceHours: opening hour"));
  // And back through the own JSON format unchanged.
  std::vector<Problem> problems;
  ServiceRecord back;
  REQUIRE(record_from_json(record_to_json(r.records[0]), SourcePlace{"x", 0, ""}, back, problems));
  CHECK(back == r.records[0]);
}
