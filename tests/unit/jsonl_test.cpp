// Tests of the own JSON and JSON Lines importers.
#include <catch2/catch.hpp>

#include <string>

#include "palveluhaku/sources.h"

using namespace palveluhaku;

namespace {
bool has(const ImportResult& r, const std::string& needle, Problem::Severity sev = Problem::Severity::error) {
  for (const auto& p : r.problems)
    if (p.severity == sev && p.to_string().find(needle) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("json: an array loads its good records and names the bad ones by pointer") {
  const auto r = import_json(R"([
    {"id": "a", "name": {"fi": "A"}},
    {"id": "b"},
    {"id": "c", "name": {"sv": "C"}, "source": "mine"},
    {"id": "a", "name": {"fi": "A again"}}
  ])", "dir/services.json");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].id == "a");
  CHECK(r.records[0].source == "json:services");  // default source from the file stem
  CHECK(r.records[0].source_id == "a");
  CHECK(r.records[1].source == "mine");
  CHECK(r.skipped == 2);
  CHECK(has(r, "dir/services.json#/1: name: missing"));
  CHECK(has(r, "dir/services.json#/3: id: duplicate id \"a\" (first seen at dir/services.json#/0)"));
  CHECK(r.errors() == 2);
  CHECK(r.warnings() == 0);
}

TEST_CASE("json: one object is one record; other top-level values are rejected") {
  CHECK(import_json("\xEF\xBB\xBF{\"id\": \"a\", \"name\": {\"fi\": \"A\"}}", "one.json").records.size() == 1);
  const auto r = import_json("42", "n.json");
  CHECK(r.records.empty());
  CHECK(has(r, "n.json: expected a record (object) or an array of records, got number"));
}

TEST_CASE("json: syntax errors and hostile nesting are reported, not thrown") {
  auto r = import_json("[\n{\"id\": \"a\",\n \"name\": }\n]", "bad.json");
  CHECK(r.records.empty());
  CHECK(has(r, "bad.json:3: not valid JSON"));
  r = import_json(std::string(100000, '[') + std::string(100000, ']'), "deep.json");
  CHECK(has(r, "deep.json: JSON nested deeper than 64 levels"));
  r = import_json("[\"\xFF\xFE\"]", "utf.json");
  CHECK(has(r, "utf.json"));
  CHECK(import_json("", "empty.json").errors() == 1);
  r = import_json(R"({"id": "x", "name": "N", "age_min": 1e999})", "big.json");
  CHECK(r.records.empty());
  CHECK(has(r, "big.json: not valid JSON: number overflow parsing '1e999'"));
}

TEST_CASE("jsonl: one record per line, problems by line number") {
  const auto r = import_jsonl(
      "{\"id\": \"a\", \"name\": {\"fi\": \"A\"}}\n"
      "\n"
      "{\"id\": \"b\", \"name\": {\"fi\": \"B\"}, \"cost\": \"cheap\"}\r\n"
      "{\"id\": \"c\", \"name\": \n"
      "[]\n"
      "{\"id\": \"a\", \"name\": {\"fi\": \"dup\"}}\n",
      "data/x.jsonl");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].id == "b");
  CHECK(r.records[1].source == "json:x");
  CHECK(has(r, "data/x.jsonl:3#/cost: warning: cost: \"cheap\"", Problem::Severity::warning));
  CHECK(has(r, "data/x.jsonl:4: not valid JSON"));
  CHECK(has(r, "data/x.jsonl:5: a record must be a JSON object, got array"));
  CHECK(has(r, "data/x.jsonl:6: id: duplicate id \"a\" (first seen at data/x.jsonl:1)"));
  CHECK(r.skipped == 3);
}

TEST_CASE("detect_format: from the content, the name as a hint") {
  struct Case {
    const char* content;
    const char* name;
    SourceFormat expected;
  };
  const Case cases[] = {
      {R"({"id": "a", "name": {"fi": "A"}})", "x.json", SourceFormat::json},
      {R"([{"id": "a"}])", "x.txt", SourceFormat::json},
      {"{\"id\": \"a\"}\n{\"id\": \"b\"}\n", "x.json", SourceFormat::jsonl},
      {"{\"id\": \"a\"}", "x.ndjson", SourceFormat::jsonl},
      {R"({"pageNumber": 1, "pageCount": 1, "itemList": []})", "p.json", SourceFormat::ptv},
      {R"({"id": "g", "serviceChannelType": "Phone"})", "c.json", SourceFormat::ptv},
      {R"([{"Id": "g", "Name": [], "ShortDescription": []}])", "gd.json", SourceFormat::ptv},
      {"\xEF\xBB\xBFid;name_fi;provider_name\n1;A;B\n", "s.csv", SourceFormat::csv},
      {"id,name_fi\n1,A\n", "noext", SourceFormat::csv},
      {"hello world", "readme", SourceFormat::automatic},
  };
  for (const auto& c : cases) {
    INFO(c.content);
    CHECK(detect_format(c.content, c.name) == c.expected);
  }
}
