// sample_data_test.cpp — the bundled Pirkanmaa sample (data/sample/, made by
// scripts/make-sample-data.py) loads without a problem through the real
// importers, uses only known codes and places, and every Pirkanmaa
// municipality finds its own services through the real index and search.
// `scripts/run.sh` indexes exactly this directory, so a regression here is a
// broken first run.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "engine_fixtures.h"
#include "palveluhaku/codes.h"
#include "palveluhaku/sources.h"

namespace {

using namespace palveluhaku;

const std::string kSample = PALVELUHAKU_SOURCE_DIR "/data/sample";
const std::string kCodes = PALVELUHAKU_SOURCE_DIR "/data/codes";

const std::vector<std::string> kPirkanmaa = {"020", "108", "143", "177", "211", "250", "291", "418",
                                             "508", "536", "562", "581", "604", "619", "635", "702",
                                             "790", "837", "887", "908", "922", "936", "980"};

const ImportResult& sample() {
  static const ImportResult r = import_sources({kSample});
  return r;
}

bool serves(const ServiceRecord& r, const std::string& muni) {
  if (r.area.whole_country) return true;
  for (const auto& reg : r.area.regions)
    if (reg == "06") return true;
  for (const auto& m : r.area.municipalities)
    if (m == muni) return true;
  return false;
}

}  // namespace

TEST_CASE("the bundled sample imports without a single problem", "[sample]") {
  const ImportResult& r = sample();
  for (const auto& p : r.problems) INFO(p.to_string());
  CHECK(r.problems.empty());
  CHECK(r.skipped == 0);

  std::map<std::string, std::size_t> per_source;
  std::set<std::string> ids;
  for (const auto& rec : r.records) {
    per_source[rec.source]++;
    CHECK(ids.insert(rec.id).second);
    CHECK_FALSE(rec.name.fi.empty());
    CHECK_FALSE(rec.summary.empty());
    CHECK_FALSE(rec.service_classes.empty());
  }
  // Every row of every file arrives: the counts data/README.md states.
  CHECK(per_source["json:daycare-units"] == 144);
  CHECK(per_source["json:pirkanmaa-services"] == 308);
  CHECK(per_source["csv:ngo-services"] == 71);
  CHECK(per_source["csv:parish-services"] == 28);
  CHECK(r.records.size() == 551);
}

TEST_CASE("the CSV files keep their multi-location services together", "[sample]") {
  struct Case {
    const char* id;
    std::size_t locations;
  };
  const Case cases[] = {
      {"mll-tre-perhekahvilat", 4},        // service cells repeated on every row
      {"tre-srk-perhekerhot", 5},          // service cells only on the first row
      {"setlementti-laksykerho", 2},       // quoted multi-line description, later rows empty
      {"4h-kerhot-lansi-pirkanmaa", 3},
      {"mll-lasten-ja-nuorten-puhelin", 0},  // a national phone service without a place
  };
  for (const auto& c : cases) {
    INFO(c.id);
    const ServiceRecord* found = nullptr;
    for (const auto& rec : sample().records)
      if (rec.id == c.id) found = &rec;
    REQUIRE(found != nullptr);
    CHECK(found->locations.size() == c.locations);
    for (const auto& loc : found->locations) {
      CHECK(loc.coord.has_value());
      CHECK_FALSE(loc.hours.empty());
    }
  }
}

TEST_CASE("every code, municipality and postcode of the sample is known", "[sample]") {
  const auto codes = CodeLists::load(kCodes);
  for (const auto& rec : sample().records) {
    INFO(rec.id);
    for (const auto& c : rec.service_classes) CHECK(codes->find("service_class", c) != nullptr);
    for (const auto& c : rec.target_groups) CHECK(codes->find("target_group", c) != nullptr);
    for (const auto& c : rec.life_events) CHECK(codes->find("life_event", c) != nullptr);
    for (const auto& m : rec.area.municipalities) CHECK(codes->municipality(m) != nullptr);
    for (const auto& loc : rec.locations) {
      INFO(loc.address.postcode);
      CHECK(codes->postcode(loc.address.postcode) != nullptr);
      CHECK(codes->municipality(loc.address.municipality_code) != nullptr);
      REQUIRE(loc.coord.has_value());
      // Inside Pirkanmaa (with a small margin).
      CHECK(loc.coord->lat > 60.85);
      CHECK(loc.coord->lat < 62.45);
      CHECK(loc.coord->lon > 22.55);
      CHECK(loc.coord->lon < 25.45);
    }
  }
}

TEST_CASE("every Pirkanmaa municipality finds its own neuvola and library in the indexed sample", "[sample][search]") {
  engine_test::TempDir dir;
  rebuild_index(dir.index(), sample().records, engine_test::index_options());
  SearchEngine engine(dir.index(), engine_test::engine_options());

  for (const auto& muni : kPirkanmaa) {
    for (const char* q : {"lastenneuvola", "kirjasto"}) {
      INFO(muni << " " << q);
      SearchRequest req;
      req.q = q;
      req.filters["municipality"] = {muni};
      req.facets = false;
      const SearchResult res = engine.search(req);
      REQUIRE(res.total >= 1);
      CHECK(serves(*res.hits.front().record, muni));
    }
  }
}
