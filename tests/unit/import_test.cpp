// Tests of import_sources: files and directories, format detection, joins of
// duplicates across sources, missing paths, progress.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <random>
#include <string>

#include "palveluhaku/sources.h"

using namespace palveluhaku;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("palveluhaku-import-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& rel, const std::string& content) const {
    const fs::path p = path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
};

bool has(const ImportResult& r, const std::string& needle) {
  for (const auto& p : r.problems)
    if (p.to_string().find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("import_sources: walks directories, detects formats, reports duplicates across files") {
  TempDir dir;
  dir.write("a/one.json", R"([{"id": "x1", "name": {"fi": "Yksi"}}, {"id": "shared", "name": {"fi": "A"}}])");
  dir.write("b/two.jsonl", "{\"id\": \"x2\", \"name\": {\"fi\": \"Kaksi\"}}\n{\"id\": \"shared\", \"name\": {\"fi\": \"B\"}}\n");
  dir.write("b/notes.txt", "not a source");            // not a source extension: ignored
  dir.write(".hidden/three.json", R"({"id": "h"})");   // hidden: ignored
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  ImportOptions opts;
  opts.progress = [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); };
  const auto r = import_sources({dir.path.string()}, opts);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].id == "x1");
  CHECK(r.records[2].id == "x2");
  CHECK(r.records[2].source == "json:two");
  CHECK(r.skipped == 1);
  CHECK(has(r, "two.jsonl:2: id: duplicate id \"shared\" (first seen at " + (dir.path / "a/one.json").string() + "#/1)"));
  REQUIRE(calls.size() >= 2);
  CHECK(calls.front().first == 0);
  CHECK(calls.back().first == calls.back().second);
  CHECK(calls.back().second > 0);
}

TEST_CASE("import_sources: a missing path or unreadable format is reported; the rest still load") {
  TempDir dir;
  const std::string good = dir.write("good.json", R"({"id": "g", "name": {"fi": "G"}})");
  const std::string odd = dir.write("odd.dat", "just some words");
  const auto r = import_sources({(dir.path / "missing").string(), good, odd});
  REQUIRE(r.records.size() == 1);
  CHECK(has(r, "missing: no such file or directory"));
  CHECK(has(r, "odd.dat: cannot tell the format"));
  CHECK(r.errors() == 2);
}

TEST_CASE("import_sources: --format overrides detection") {
  TempDir dir;
  const std::string f = dir.write("records.txt", "{\"id\": \"a\", \"name\": {\"fi\": \"A\"}}\n");
  ImportOptions opts;
  opts.format = SourceFormat::jsonl;
  const auto r = import_sources({f}, opts);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].source == "json:records");
}

TEST_CASE("source formats and problem rendering") {
  CHECK(parse_source_format("PTV") == SourceFormat::ptv);
  CHECK(parse_source_format("ndjson") == SourceFormat::jsonl);
  CHECK(parse_source_format("auto") == SourceFormat::automatic);
  CHECK_FALSE(parse_source_format("xml"));
  CHECK(source_format_name(SourceFormat::csv) == "csv");
  Problem p{Problem::Severity::error, SourcePlace{"services.csv", 14, ""}, "postcode",
            "\"3310\" is not a 5-digit Finnish postcode"};
  CHECK(p.to_string() == "services.csv:14: postcode: \"3310\" is not a 5-digit Finnish postcode");
  p.severity = Problem::Severity::warning;
  p.place = SourcePlace{"s.json", 0, "/3/cost"};
  p.field = "cost";
  p.message = "bad";
  CHECK(p.to_string() == "s.json#/3/cost: warning: cost: bad");
}

TEST_CASE("import_sources: PTV files anywhere among the paths are joined; duplicates across formats reported") {
  TempDir dir;
  const std::string fixtures = std::string(PALVELUHAKU_SOURCE_DIR) + "/tests/fixtures/ptv/real-responses";
  // Services in one path, channels and organisations in others: still joined.
  const std::string own = dir.write("own.jsonl",
                                    "{\"id\": \"ptv-0739289c-cc26-4097-b029-fa9c58c8d4e9\", \"name\": {\"fi\": \"Kopio\"}}\n"
                                    "{\"id\": \"oma-1\", \"name\": {\"fi\": \"Oma\"}}\n");
  const auto r = import_sources({fixtures + "/services", fixtures + "/servicechannels", fixtures + "/organizations", own});
  CHECK(r.records.size() == 31);  // 30 PTV + oma-1
  const ServiceRecord* s = nullptr;
  for (const auto& rec : r.records)
    if (rec.id == "ptv-17c633dd-5408-495a-86c1-d8f57598e899") s = &rec;
  REQUIRE(s);
  CHECK(s->locations.size() >= 3);
  CHECK(s->provider.name.fi == "Vaasan kaupunki");
  // The JSON file was read before the PTV join, so the PTV record is the later one.
  CHECK(has(r, "id: duplicate id \"ptv-0739289c-cc26-4097-b029-fa9c58c8d4e9\" (first seen at " + own + ":1)"));
  CHECK(r.skipped == 1);
}

TEST_CASE("import_sources: the same CSV given twice is a duplicate of every id") {
  TempDir dir;
  const std::string f = dir.write("s.csv", "id;name_fi;provider_name\nk-1;Kerho;Seurakunta\n");
  const auto r = import_sources({f, f});
  CHECK(r.records.size() == 1);
  CHECK(has(r, "s.csv:2: id: duplicate id \"k-1\" (first seen at " + f + ":2)"));
}

TEST_CASE("import_sources: progress moves inside one large JSON Lines file") {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 30000; ++i)
    content += "{\"id\": \"r" + std::to_string(i) + "\", \"name\": {\"fi\": \"Palvelu " + std::to_string(i) +
               "\"}, \"summary\": {\"fi\": \"" + std::string(60, 'x') + "\"}}\n";
  const std::string f = dir.write("big.jsonl", content);
  std::vector<std::size_t> done;
  ImportOptions opts;
  opts.progress = [&](std::size_t d, std::size_t total) {
    CHECK(total == content.size());
    CHECK(d <= total);
    done.push_back(d);
  };
  const auto r = import_sources({f}, opts);
  CHECK(r.records.size() == 30000);
  REQUIRE(done.size() >= 3);  // start, at least one tick per MiB, end
  CHECK(std::is_sorted(done.begin(), done.end()));
  CHECK(done.back() == content.size());
  CHECK(std::count_if(done.begin(), done.end(), [&](std::size_t d) { return d > 0 && d < content.size(); }) >= 2);
}

TEST_CASE("import_sources: a JSON Lines file read in chunks of whole lines gives what one piece gives") {
  // The real sample file behind a byte order mark, with a broken line, an
  // invalid record, blank lines, a duplicate id and no final newline, read
  // in chunks of every size from one byte (each line straddles chunks) up to
  // larger than the file: records, places and problems must not change.
  std::ifstream in(PALVELUHAKU_SOURCE_DIR "/data/sample/pirkanmaa-services.jsonl", std::ios::binary);
  in.seekg(0, std::ios::end);
  std::string sample(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
  REQUIRE(sample.size() > 10000);
  std::string content = "\xEF\xBB\xBF" + sample;
  content += "\n{\"id\": broken\n\n{\"id\":\"x\",\"name\":7}\n" + sample.substr(0, sample.find('\n') + 1);
  content += "{\"id\":\"last-without-newline\",\"name\":{\"fi\":\"Neuvola\"}}";
  TempDir dir;
  const std::string f = dir.write("services.jsonl", content);
  ImportOptions whole;
  whole.jsonl_chunk_bytes = content.size() + 1;
  const auto one = import_sources({f}, whole);
  REQUIRE(one.records.size() > 300);
  CHECK(one.records.back().id == "last-without-newline");
  REQUIRE(one.problems.size() >= 3);
  const auto broken = static_cast<std::ptrdiff_t>(content.find("{\"id\": broken"));
  CHECK(has(one, "services.jsonl:" + std::to_string(1 + std::count(content.begin(), content.begin() + broken, '\n')) + ":"));
  for (std::size_t chunk : {std::size_t{1}, std::size_t{97}, std::size_t{4096}, content.size() / 3,
                            content.size() - 1}) {
    CAPTURE(chunk);
    ImportOptions opts;
    opts.jsonl_chunk_bytes = chunk;
    std::vector<std::size_t> done;
    opts.progress = [&](std::size_t d, std::size_t) { done.push_back(d); };
    const auto r = import_sources({f}, opts);
    CHECK(r.records == one.records);
    REQUIRE(r.problems.size() == one.problems.size());
    for (std::size_t i = 0; i < r.problems.size(); ++i) CHECK(r.problems[i].to_string() == one.problems[i].to_string());
    CHECK(r.skipped == one.skipped);
    CHECK(std::is_sorted(done.begin(), done.end()));
    CHECK(done.back() == content.size());
  }
  // Other formats are still told from the whole file when the first chunk
  // is too short to tell: a JSON array and a CSV read with tiny chunks.
  const std::string arr = dir.write("a.json", R"([{"id": "j1", "name": {"fi": "Yksi"}},
 {"id": "j2", "name": {"fi": "Kaksi"}}])");
  const std::string csv = dir.write("s.csv", "id;name_fi;provider_name\nk-1;Kerho;Seurakunta\n");
  ImportOptions tiny;
  tiny.jsonl_chunk_bytes = 5;
  const auto r = import_sources({arr, csv}, tiny);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1].id == "j2");
  CHECK(r.records[2].id == "k-1");
}
