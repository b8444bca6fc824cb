// search_restore_test.cpp — a Finnish word typed without ä/ö is searched as
// the word with them (src/analysis/analyzer.cpp, analyze_query): when the
// typed form is no word ("aidin", "eivat"), as its ä/ö spelling (base forms,
// a stopword) instead of Snowball's guess; when it is a word as well
// ("paatoksessa" = in pathos, "valein" = with lies), its own reading stays
// first and the ä/ö word's base forms are added below it. Against a real
// index of the 107 PTV fixture services: the folded query finds what the
// query with ä/ö finds, without "did you mean".
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "engine_fixtures.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/index.h"
#include "palveluhaku/search.h"

using namespace palveluhaku;

namespace {

std::shared_ptr<const AnalysisResources> resources() {
  static auto res = AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config");
  return res;
}

// The weight of the alternative that is exactly `term`, or -1.
double weight_of(const QueryWord& w, const std::string& term) {
  for (const auto& a : w.alternatives)
    if (a.terms == std::vector<std::string>{term}) return a.weight;
  return -1;
}

struct PtvIndex {
  engine_test::TempDir dir;
  PtvIndex() { rebuild_index(dir.index(), engine_test::ptv_fixture_records(), engine_test::index_options()); }
};

SearchEngine& engine() {
  static PtvIndex index;
  static SearchEngine e(index.dir.index(), engine_test::engine_options());
  return e;
}

SearchResult search_fi(const std::string& q) {
  SearchRequest req;
  req.q = q;
  req.per_page = 10;
  return engine().search(req);
}

std::vector<std::string> ids(const SearchResult& r, std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.hits.size() && i < n; ++i) out.push_back(r.hits[i].id);
  return out;
}

}  // namespace

TEST_CASE("restore: a word that is none without ä/ö is analysed as the word with them", "[analysis][fold]") {
  Analyzer a(resources());
  auto ws = a.analyze_query("aidin", Lang::fi);
  REQUIRE(ws.size() == 1);
  CHECK(weight_of(ws[0], "äiti") > 0);
  // Snowball's stem of the ä/ö-less form ("aid", an English word) is not one.
  CHECK(weight_of(ws[0], "aid") < 0);
  // As inflected as "äidin": complete, not also a prefix.
  CHECK(ws[0].inflected);

  // A stopword typed without ä/ö is a stopword.
  ws = a.analyze_query("rahat eivat riita", Lang::fi);
  REQUIRE(ws.size() == 3);
  CHECK(ws[1].stopword);
  CHECK_FALSE(ws[0].stopword);
}

TEST_CASE("restore: a word both ways keeps its own reading first", "[analysis][fold]") {
  Analyzer a(resources());
  // "valein" (vale, a lie) or "välein" (väli, at intervals).
  auto ws = a.analyze_query("valein", Lang::fi);
  REQUIRE(ws.size() == 1);
  CHECK(weight_of(ws[0], "valein") == 1.0);
  CHECK(weight_of(ws[0], "vale") > weight_of(ws[0], "väli"));
  CHECK(weight_of(ws[0], "väli") > 0);
  // "riita" (a quarrel) or "riitä" (riittää, to suffice).
  ws = a.analyze_query("riita", Lang::fi);
  REQUIRE(ws.size() == 1);
  CHECK(weight_of(ws[0], "riita") == 1.0);
  CHECK(weight_of(ws[0], "riittää") > 0);
  CHECK(weight_of(ws[0], "riittää") < weight_of(ws[0], "riita"));
  // A word with no ä/ö spelling gets nothing more.
  ws = a.analyze_query("neuvola", Lang::fi);
  REQUIRE(ws.size() == 1);
  for (const auto& alt : ws[0].alternatives)
    if (alt.kind == TermKind::folded) CHECK(alt.terms == std::vector<std::string>{"Fneuvola"});
}

TEST_CASE("restore: a folded query finds what the query with ä/ö finds", "[search][fold]") {
  struct Case {
    const char* typed;   // with ä/ö
    const char* folded;  // the same without
  };
  // Words of the fixture texts that are words without ä/ö too, or none.
  const std::vector<Case> cases = {
      {"päätöksessä", "paatoksessa"},
      {"välein", "valein"},
      {"äidin", "aidin"},
      {"henkilön", "henkilon"},
      {"lääkärin vastaanotto", "laakarin vastaanotto"},
  };
  for (const auto& c : cases) {
    INFO(c.typed << " / " << c.folded);
    const auto with = search_fi(c.typed);
    const auto without = search_fi(c.folded);
    REQUIRE(with.total > 0);
    CHECK_FALSE(without.did_you_mean.has_value());
    CHECK_FALSE(without.corrected);
    REQUIRE_FALSE(without.hits.empty());
    CHECK(without.hits[0].id == with.hits[0].id);
    // Most of the first page is the same.
    const auto a = ids(with, 5), b = ids(without, 5);
    const auto same = std::count_if(a.begin(), a.end(), [&](const std::string& id) {
      return std::find(b.begin(), b.end(), id) != b.end();
    });
    CHECK(same >= static_cast<long>(a.size()) - 1);
  }
}

TEST_CASE("restore: the word as typed ranks above the word it may stand for", "[search][fold]") {
  // "valein" finds the texts with "välein" (nothing in the fixture says
  // vale); a text that had the typed word would come first (the exact
  // alternative weighs 1.0, the restored one kFoldedWeight).
  const auto r = search_fi("valein");
  CHECK(r.total > 0);
  const auto with = search_fi("välein");
  CHECK(r.total == with.total);
}
