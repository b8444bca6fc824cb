// Replays every fuzz seed (tests/fuzz/corpus/<target>/) and every saved
// crash input (tests/fuzz/regressions/<target>/) through the same function
// the libFuzzer target runs (tests/fuzz/fuzz_bodies.h), so the ordinary and
// the sanitizer test runs keep every bug the fuzzers found fixed. A crash,
// a sanitizer report or an escaping exception fails the run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "../fuzz/fuzz_bodies.h"
#ifdef PALVELUHAKU_FUZZ_HTTP
#include "../fuzz/fuzz_search_params_body.h"
#endif

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs_of(const std::string& target, const std::string& kind) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(PALVELUHAKU_SOURCE_DIR) / "tests" / "fuzz" / kind / target;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replay(const std::string& target, const std::function<void(std::string_view)>& body) {
  const auto seeds = inputs_of(target, "corpus");
  const auto regressions = inputs_of(target, "regressions");
  INFO("fuzz target " << target);
  // Every target has seeds: an empty corpus would make this test vacuous.
  CHECK(!seeds.empty());
  for (const auto* list : {&seeds, &regressions}) {
    for (const auto& p : *list) {
      INFO("input " << p.string());
      const std::string data = slurp(p);
      CHECK_NOTHROW(body(data));
    }
  }
}

}  // namespace

TEST_CASE("fuzz regressions: CSV importer", "[fuzz][csv]") {
  replay("csv", palveluhaku::fuzz::csv);
}

TEST_CASE("fuzz regressions: JSON and JSONL importers", "[fuzz][json]") {
  replay("json", palveluhaku::fuzz::json);
}

TEST_CASE("fuzz regressions: PTV importer", "[fuzz][ptv]") {
  replay("ptv", palveluhaku::fuzz::ptv);
}

TEST_CASE("fuzz regressions: query analysis", "[fuzz][query]") {
  replay("query", palveluhaku::fuzz::query);
}

#ifdef PALVELUHAKU_FUZZ_HTTP
TEST_CASE("fuzz regressions: search request parameters", "[fuzz][params]") {
  replay("search_params", palveluhaku::fuzz::search_params);
}
#endif
