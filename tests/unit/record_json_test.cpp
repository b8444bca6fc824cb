// Tests of the own JSON format: record_to_json / record_from_json.
#include <catch2/catch.hpp>

#include <string>

#include "palveluhaku/record_json.h"

using namespace palveluhaku;
using nlohmann::json;

namespace {

ServiceRecord full_record() {
  ServiceRecord r;
  r.id = "csv-mll-tre-1";
  r.source = "csv:mll";
  r.source_id = "mll-tre-1";
  r.provider = Provider{"org-1", "0116736-5", LocalizedText{"MLL Tampere", "MLL Tammerfors", ""}, ProviderType::ngo};
  r.name = LocalizedText{"Perhekahvila", "Familjecafé", "Family café"};
  r.summary = LocalizedText{"Avoin kohtaamispaikka", "", ""};
  r.description = LocalizedText{"Rivi 1\nRivi 2", "", ""};
  r.service_classes = {"P3.7", "P3"};
  r.target_groups = {"KR1.2"};
  r.life_events = {"KE7"};
  r.keywords.fi = {"perhekahvila", "vauvat"};
  r.keywords.sv = {"familjecafé"};
  r.age_min = 0;
  r.age_max = 6;
  r.languages = {"fi", "sv"};
  r.cost = Cost::free;
  r.cost_note = LocalizedText{"Maksuton", "", ""};
  r.how_to_apply = LocalizedText{"Tule paikalle", "", ""};
  r.referral_required = false;
  r.area.whole_country = false;
  r.area.regions = {"06"};
  r.area.municipalities = {"837", "536"};
  Location l;
  l.id = "loc-1";
  l.name = LocalizedText{"Perhetalo", "", ""};
  l.address.street = LocalizedText{"Hämeenkatu 10", "Tavastgatan 10", ""};
  l.address.postcode = "33100";
  l.address.post_office = LocalizedText{"Tampere", "Tammerfors", ""};
  l.address.municipality_code = "837";
  l.coord = GeoPoint{61.4981, 23.7608};
  l.accessibility = LocalizedText{"Esteetön sisäänkäynti", "", ""};
  HoursEntry h;
  h.kind = HoursEntry::Kind::regular;
  h.days = {DayHours{0, 9 * 60, 16 * 60}, DayHours{4, 22 * 60, 2 * 60 + 1440}, DayHours{5, 0, 1440}};
  HoursEntry x;
  x.kind = HoursEntry::Kind::exception;
  x.valid_from = "2026-12-24";
  x.valid_to = "2026-12-26";
  x.closed = true;
  x.note = LocalizedText{"Joulu", "Jul", "Christmas"};
  l.hours = {h, x};
  l.phones = {Phone{"+358401234567", LocalizedText{"Ohjaaja", "", ""}, "pvm/mpm"}};
  l.emails = {"perhetalo@example.fi"};
  r.locations = {l};
  r.phones = {Phone{"+35831234567", {}, ""}};
  r.emails = {"info@example.fi"};
  r.web_pages = {Link{"https://example.fi", LocalizedText{"Kotisivu", "", ""}}};
  r.eservices = {Link{"https://example.fi/ilmo", {}}};
  r.last_modified = "2026-05-01T12:00:00Z";
  return r;
}

std::vector<Problem> read(const json& j, ServiceRecord& r, bool expect_ok = true) {
  std::vector<Problem> problems;
  const bool ok = record_from_json(j, SourcePlace{"t.json", 0, "/0"}, r, problems);
  CHECK(ok == expect_ok);
  return problems;
}

bool has_problem(const std::vector<Problem>& ps, const std::string& needle,
                 Problem::Severity sev = Problem::Severity::warning) {
  for (const auto& p : ps)
    if (p.severity == sev && p.to_string().find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("record_json: a full record survives to_json -> text -> from_json unchanged") {
  const ServiceRecord r = full_record();
  const std::string text = record_to_json(r).dump();
  ServiceRecord back;
  const auto problems = read(json::parse(text), back);
  CHECK(problems.empty());
  CHECK(back == r);
}

TEST_CASE("record_json: the documented shape is written") {
  const json j = record_to_json(full_record());
  CHECK(j["name"] == json({{"fi", "Perhekahvila"}, {"sv", "Familjecafé"}, {"en", "Family café"}}));
  CHECK(j["summary"] == json({{"fi", "Avoin kohtaamispaikka"}}));  // empty languages omitted
  CHECK(j["provider"]["type"] == "ngo");
  CHECK(j["cost"] == "free");
  const json& days = j["locations"][0]["hours"][0]["days"];
  CHECK(days[0] == json({{"weekday", 0}, {"open", "09:00"}, {"close", "16:00"}}));
  CHECK(days[1] == json({{"weekday", 4}, {"open", "22:00"}, {"close", "02:00"}}));  // past midnight
  CHECK(days[2] == json({{"weekday", 5}, {"open", "00:00"}, {"close", "24:00"}}));
  CHECK(j["locations"][0]["coord"]["lat"] == 61.4981);
  CHECK_FALSE(j.contains("age") );
  ServiceRecord minimal;
  minimal.id = "x";
  minimal.name.fi = "Nimi";
  CHECK(record_to_json(minimal) == json({{"id", "x"}, {"name", {{"fi", "Nimi"}}}}));
}

TEST_CASE("record_json: reading the documented format") {
  const json j = json::parse(R"({
    "id": "ngo-1", "name": {"fi": "  Kerho  "},
    "provider": {"name": {"fi": "Seurakunta"}, "type": "parish"},
    "cost": "partly", "referral_required": true, "age_min": 3, "age_max": 6.0,
    "locations": [{"address": {"postcode": "33100", "municipality_code": "837"},
                   "coord": {"lat": 61.5, "lon": 23.76},
                   "hours": [{"kind": "regular", "days": [{"weekday": 6, "open": "18:00", "close": "01:30"}]}]}]
  })");
  ServiceRecord r;
  CHECK(read(j, r).empty());
  CHECK(r.name.fi == "Kerho");
  CHECK(r.provider.type == ProviderType::parish);
  CHECK(r.cost == Cost::partly_free);
  CHECK(r.referral_required == true);
  CHECK(r.age_min == 3);
  CHECK(r.age_max == 6);
  REQUIRE(r.locations.size() == 1);
  REQUIRE(r.locations[0].hours.size() == 1);
  CHECK(r.locations[0].hours[0].days[0] == DayHours{6, 18 * 60, 90 + 1440});
}

TEST_CASE("record_json: unusable records are errors with their place") {
  struct Case {
    const char* json;
    const char* expected;
  };
  const Case cases[] = {
      {R"([1,2])", "t.json#/0: a record must be a JSON object, got array"},
      {R"("x")", "t.json#/0: a record must be a JSON object, got string"},
      {R"({"name": {"fi": "N"}})", "t.json#/0: id: missing"},
      {R"({"id": 5, "name": {"fi": "N"}})", "t.json#/0/id: id: must be a string, got number"},
      {R"({"id": "", "name": {"fi": "N"}})", "t.json#/0/id: id: is empty"},
      {R"({"id": "a b", "name": {"fi": "N"}})", "contains a space"},
      {R"({"id": "x"})", "t.json#/0: name: missing"},
      {R"({"id": "x", "name": {}})", "t.json#/0/name: name: missing"},
      {R"({"id": "x", "name": {"fi": "   "}})", "name: missing"},
      {R"({"id": "x", "name": [1]})", "t.json#/0/name: name: must be an object"},
  };
  for (const auto& c : cases) {
    INFO(c.json);
    ServiceRecord r;
    const auto problems = read(json::parse(c.json), r, false);
    CHECK(has_problem(problems, c.expected, Problem::Severity::error));
  }
  ServiceRecord r;
  const auto problems = read(json::parse(std::string(R"({"id":")") + std::string(300, 'a') + R"(","name":"N"})"), r, false);
  CHECK(has_problem(problems, "300 bytes long", Problem::Severity::error));
}

TEST_CASE("record_json: bad optional fields are dropped with a warning naming the pointer") {
  struct Case {
    const char* extra;  // JSON members added to a valid record
    const char* expected;
  };
  const Case cases[] = {
      {R"("cost": "gratis")", "t.json#/0/cost: warning: cost: \"gratis\" is not one of free"},
      {R"("cost": 5)", "cost: expected a string, got number"},
      {R"("age_min": -1)", "age_min: -1 is out of range 0..150"},
      {R"("age_max": 1e300)", "age_max: 1e+300 is not a whole number"},
      {R"("age_max": 18446744073709551615)", "age_max: 18446744073709551615 is out of range"},
      {R"("age_min": 3.5)", "is not a whole number"},
      {R"("age_min": "3")", "age_min: expected a whole number, got string"},
      {R"("age_min": 9, "age_max": 3)", "age_min 9 is greater than age_max 3"},
      {R"("referral_required": "yes")", "referral_required: expected true or false"},
      {R"("service_classes": ["P3.7", "Q1"])", "service_classes: \"Q1\" is not a service class code"},
      {R"("service_classes": {"a": 1})", "service_classes: expected an array of strings"},
      {R"("target_groups": [1])", "t.json#/0/target_groups/0: warning: target_groups: expected a string"},
      {R"("languages": ["finnish"])", "\"finnish\" is not an ISO 639"},
      {R"("summary": {"de": "x"})", "t.json#/0/summary/de: warning: summary: unknown language \"de\""},
      {R"("provider": {"type": "club"})", "provider.type: \"club\" is not one of"},
      {R"("provider": [])", "provider: expected an object, got array"},
      {R"("area": {"municipalities": ["Tampere"]})", "\"Tampere\" is not a 3-digit municipality code"},
      {R"("locations": [{"address": {"postcode": "3310"}}])",
       "t.json#/0/locations/0/address/postcode: warning: postcode: \"3310\" is not a 5-digit Finnish postcode"},
      {R"("locations": [{"coord": {"lat": 1, "lon": 2}}])", "is not a WGS84 point in Finland"},
      {R"("locations": [{"coord": {"lat": 23.76, "lon": 61.5}}])", "lat and lon were swapped"},
      {R"("locations": [{"coord": {"lat": "61"}}])", "coord.lat: expected a number"},
      {R"("locations": [{"hours": [{"days": [{"weekday": 7, "open": "9", "close": "10"}]}]}])",
       "hours.days.weekday: 7 is out of range 0..6"},
      {R"("locations": [{"hours": [{"days": [{"weekday": 1, "open": "25:00", "close": "10"}]}]}])",
       "\"25:00\" is not a time HH:MM"},
      {R"("locations": [{"hours": [{"valid_from": "2026-02-30"}]}])", "\"2026-02-30\" is not a date"},
      {R"("locations": [{"hours": [{"kind": "sometimes"}]}])", "taken as regular"},
      {R"("locations": "here")", "locations: expected an array"},
      {R"("emails": ["not-an-address"])", "is not an e-mail address"},
      {R"("web_pages": [{"name": {"fi": "x"}}])", "link without \"url\""},
      {R"("phones": [{"description": {"fi": "x"}}])", "phone without \"number\""},
      {R"("last_modified": "yesterday")", "\"yesterday\" is not an ISO 8601"},
      {R"("colour": "red")", "t.json#/0/colour: warning: colour: unknown key"},
  };
  for (const auto& c : cases) {
    INFO(c.extra);
    ServiceRecord r;
    const auto problems = read(json::parse(std::string(R"({"id":"x","name":{"fi":"N"},)") + c.extra + "}"), r);
    CHECK(has_problem(problems, c.expected));
    CHECK(r.id == "x");
  }
}

TEST_CASE("record_json: texts are cleaned: control characters, NFC, length bound") {
  ServiceRecord r;
  // "a" + combining diaeresis -> NFC "ä"; a NUL and a bell are dropped.
  json j = {{"id", "x"}, {"name", {{"fi", std::string("Pa\xCC\x88iva\x07ko", 10) + std::string(1, '\0') + "ti"}}}};
  CHECK(read(j, r).empty());
  CHECK(r.name.fi == "P\xC3\xA4ivakoti");
  j["description"] = {{"fi", std::string(200000, 'a')}};
  const auto problems = read(j, r);
  CHECK(has_problem(problems, "text is too long"));
  CHECK(r.description.fi.size() == 64 * 1024);
}

#include <fstream>
#include <sstream>

TEST_CASE("record_json: the JSON Schema in data/schema names every key the writer uses") {
  std::ifstream in(std::string(PALVELUHAKU_SOURCE_DIR) + "/data/schema/service.schema.json");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const json schema = json::parse(ss.str());
  const json& defs = schema["$defs"];
  const json j = record_to_json(full_record());
  for (const auto& [k, v] : j.items()) {
    INFO(k);
    CHECK(defs["record"]["properties"].contains(k));
  }
  for (const auto& [k, v] : j["locations"][0].items()) {
    INFO(k);
    CHECK(defs["location"]["properties"].contains(k));
  }
  for (const auto& [k, v] : j["locations"][0]["hours"][0].items()) {
    INFO(k);
    CHECK(defs["hours"]["properties"].contains(k));
  }
  for (const auto& [k, v] : j["provider"].items()) CHECK(defs["record"]["properties"]["provider"]["properties"].contains(k));
  for (const auto& [k, v] : j["area"].items()) CHECK(defs["record"]["properties"]["area"]["properties"].contains(k));
  CHECK(defs["record"]["required"] == json({"id", "name"}));
}
