// search_split_test.cpp — the search results of a table of requests over the
// real sample data (data/sample) must equal the golden results recorded from
// the engine before the search was split into a top-k page pass and a
// weight-free counting pass (tests/fixtures/search/split_golden.json):
// totals, every facet count, the page (ids, order, scores, distance,
// open_now, snippets), did_you_mean / corrected / relaxed.
//
// To re-record after an intended change of results (ranking, analysis):
//   PALVELUHAKU_RECORD_SPLIT_GOLDEN=tests/fixtures/search/split_golden.json \
//     build-X/tests/palveluhaku_tests "[split]"
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine_fixtures.h"
#include "palveluhaku/sources.h"

using namespace engine_test;

namespace {

struct Case {
  std::string name;
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;
  std::optional<int> age;
  bool open_now = false;
  std::optional<GeoPoint> near;
  std::optional<double> radius_km;
  SortOrder sort = SortOrder::relevance;
  int page = 1;
  int per_page = 20;
  bool facets = true;
  Lang lang = Lang::fi;
};

// Wednesday 2026-11-25 10:30 Helsinki (08:30 UTC), as in bench/perf.
std::chrono::system_clock::time_point fixed_now() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 25} + hours{8} + minutes{30};
}

const GeoPoint kHervanta{61.4500, 23.8500};

std::vector<Case> cases() {
  std::vector<Case> v;
  auto add = [&](Case c) { v.push_back(std::move(c)); };
  add({"one word", "neuvola"});
  add({"inflected", "neuvolaan"});
  add({"compound part", "kahvila"});
  add({"folded", "paivakoti"});
  add({"two words", "perhe tuki"});
  add({"three words", "lasten mielenterveys palvelut"});
  add({"prefix", "perhek"});
  add({"swedish", "barn", {}, {}, false, {}, {}, SortOrder::relevance, 1, 20, true, Lang::sv});
  add({"english", "family", {}, {}, false, {}, {}, SortOrder::relevance, 1, 20, true, Lang::en});
  add({"municipality filter", "neuvola", {{"municipality", {"837"}}}});
  add({"two municipalities", "päiväkoti", {{"municipality", {"837", "536"}}}});
  add({"provider type", "perhe", {{"provider_type", {"ngo", "parish"}}}});
  add({"class + target group", "", {{"service_class", {"P3"}}, {"target_group", {"KR1.2"}}}});
  add({"region filter", "tuki", {{"region", {"06"}}}});
  add({"language + cost", "lapsi", {{"language", {"sv"}}, {"cost", {"free"}}}});
  add({"channel", "neuvola", {{"channel", {"phone"}}}});
  add({"three fields", "perhe", {{"municipality", {"837"}}, {"provider_type", {"municipality"}},
                                 {"language", {"en"}}}});
  add({"filter matches nothing", "neuvola", {{"municipality", {"049"}}}});
  add({"age", "päiväkoti", {}, 4});
  add({"age + municipality", "", {{"municipality", {"837"}}}, 15});
  add({"open now", "neuvola", {}, {}, true});
  add({"open now browse", "", {{"municipality", {"837"}}}, {}, true});
  add({"near relevance", "neuvola", {}, {}, false, kHervanta});
  add({"near distance sort", "perhe", {}, {}, false, kHervanta, {}, SortOrder::distance});
  add({"near radius", "päiväkoti", {}, {}, false, kHervanta, 5.0, SortOrder::distance});
  add({"near radius relevance", "neuvola", {}, {}, false, kHervanta, 20.0});
  add({"name sort", "neuvola", {}, {}, false, {}, {}, SortOrder::name});
  add({"browse all", ""});
  add({"browse near", "", {}, {}, false, kHervanta});
  add({"page 2", "päiväkoti", {}, {}, false, {}, {}, SortOrder::relevance, 2, 10});
  add({"page 3 distance", "päiväkoti", {}, {}, false, kHervanta, {}, SortOrder::distance, 3, 7});
  add({"beyond the end", "neuvola", {}, {}, false, {}, {}, SortOrder::relevance, 50, 20});
  add({"no facets", "perhekahvila", {}, {}, false, {}, {}, SortOrder::relevance, 1, 20, false});
  add({"relaxed", "neuvola kuukausi zzzyx"});
  add({"misspelt", "neuvla"});
  add({"misspelt two words", "perhe neuvla"});
  add({"nothing at all", "qqqxxzz"});
  add({"stopwords only", "ja tai"});
  add({"relaxed with filter", "neuvola hammashoito", {{"municipality", {"536"}}}});
  return v;
}

SearchRequest to_request(const Case& c) {
  SearchRequest r;
  r.q = c.q;
  r.filters = c.filters;
  r.age = c.age;
  r.open_now = c.open_now;
  r.near = c.near;
  r.radius_km = c.radius_km;
  r.sort = c.sort;
  r.page = c.page;
  r.per_page = c.per_page;
  r.facets = c.facets;
  r.lang = c.lang;
  r.now = fixed_now();
  return r;
}

nlohmann::json to_json(const SearchResult& r) {
  nlohmann::json j;
  j["total"] = r.total;
  j["page"] = r.page;
  j["per_page"] = r.per_page;
  j["did_you_mean"] = r.did_you_mean ? nlohmann::json(*r.did_you_mean) : nlohmann::json(nullptr);
  j["corrected"] = r.corrected;
  j["relaxed"] = r.relaxed;
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) {
    nlohmann::json hj = {{"id", h.id}, {"score", h.score}, {"snippet", h.snippet}};
    hj["distance_km"] = h.distance_km ? nlohmann::json(*h.distance_km) : nlohmann::json(nullptr);
    hj["open_now"] = h.open_now ? nlohmann::json(*h.open_now) : nlohmann::json(nullptr);
    hits.push_back(hj);
  }
  j["hits"] = hits;
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [field, list] : r.facets) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& f : list) a.push_back({f.value, f.label, f.count});
    facets[field] = a;
  }
  j["facets"] = facets;
  return j;
}

std::string fixture_path() { return PALVELUHAKU_SOURCE_DIR "/tests/fixtures/search/split_golden.json"; }

// Builds the sample index once for the whole file.
const std::string& sample_index() {
  static TempDir dir;
  static const std::string index = [] {
    const std::string s = PALVELUHAKU_SOURCE_DIR "/data/sample/";
    auto imp = import_sources({s + "pirkanmaa-services.jsonl", s + "daycare-units.jsonl",
                               s + "ngo-services.csv", s + "parish-services.csv"});
    REQUIRE(imp.records.size() > 400);
    rebuild_index(dir.index(), imp.records, index_options());
    return dir.index();
  }();
  return index;
}

}  // namespace

TEST_CASE("the split search gives the recorded totals, facets and pages", "[search][split]") {
  SearchEngine engine(sample_index(), engine_options());
  nlohmann::json got = nlohmann::json::object();
  for (const auto& c : cases()) got[c.name] = to_json(engine.search(to_request(c)));

  if (const char* rec = std::getenv("PALVELUHAKU_RECORD_SPLIT_GOLDEN")) {
    std::ofstream(rec) << got.dump(1) << "\n";
    WARN("recorded " << rec);
    return;
  }
  std::ifstream f(fixture_path());
  REQUIRE(f.good());
  const auto golden = nlohmann::json::parse(f);
  for (const auto& c : cases()) {
    INFO("case: " << c.name);
    REQUIRE(golden.contains(c.name));
    const auto& g = golden[c.name];
    const auto& n = got[c.name];
    CHECK(n["total"] == g["total"]);
    CHECK(n["did_you_mean"] == g["did_you_mean"]);
    CHECK(n["corrected"] == g["corrected"]);
    CHECK(n["relaxed"] == g["relaxed"]);
    CHECK(n["facets"] == g["facets"]);
    REQUIRE(n["hits"].size() == g["hits"].size());
    for (std::size_t i = 0; i < g["hits"].size(); ++i) {
      INFO("hit " << i);
      CHECK(n["hits"][i]["id"] == g["hits"][i]["id"]);
      CHECK(n["hits"][i]["score"].get<double>() ==
            Approx(g["hits"][i]["score"].get<double>()).epsilon(1e-9));
      CHECK(n["hits"][i]["distance_km"] == g["hits"][i]["distance_km"]);
      CHECK(n["hits"][i]["open_now"] == g["hits"][i]["open_now"]);
      CHECK(n["hits"][i]["snippet"] == g["hits"][i]["snippet"]);
    }
  }
}
