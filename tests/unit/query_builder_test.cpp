// Query building (src/search/query_builder.h): splitting Swedish / English
// compounds against the index's own vocabulary, on a real index of real PTV
// service texts (tests/fixtures/quality/ptv-services.jsonl).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine_fixtures.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/sources.h"
#include "search/query_builder.h"

using namespace palveluhaku;
using palveluhaku::search::build_text_query;
using palveluhaku::search::QueryBuildOptions;
using palveluhaku::search::split_compound;

namespace {

struct PtvIndex {
  engine_test::TempDir dir;
  std::map<std::string, std::string> name_of;  // id -> Finnish name
  PtvIndex() {
    const auto recs = engine_test::ptv_fixture_records();
    for (const auto& r : recs) name_of[r.id] = r.name.fi;
    rebuild_index(dir.index(), recs, engine_test::index_options());
  }
  Xapian::Database db() const { return Xapian::Database(dir.index() + "/XAPIANDB"); }
};

PtvIndex& ptv_index() {
  static PtvIndex idx;
  return idx;
}

// The Finnish names of the fixture documents that match `q` (analysed as
// Finnish) built with `qo` (is_term set to the fixture index), best first.
std::vector<std::string> matching_names(const std::string& q, QueryBuildOptions qo) {
  auto& idx = ptv_index();
  auto db = idx.db();
  static Analyzer an(AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config"));
  qo.is_term = [&db](const std::string& t) { return db.term_exists(t); };
  const auto query = build_text_query(an.analyze_query(q, Lang::fi), qo);
  std::vector<std::string> names;
  if (query.empty()) return names;
  Xapian::Enquire enq(db);
  enq.set_query(query);
  auto m = enq.get_mset(0, db.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it) {
    auto t = db.termlist_begin(*it);
    t.skip_to("Q");
    names.push_back(idx.name_of.at((*t).substr(1)));
  }
  return names;
}

}  // namespace

TEST_CASE("split_compound: two halves the index knows, the longest head first", "[search][query]") {
  auto db = ptv_index().db();
  const auto is_term = [&db](const std::string& t) { return db.term_exists(t); };
  struct Case {
    std::string word;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases{
      {"familjerådgivning", {"familj", "rådgivning"}},  // linking "e" dropped: familje- -> familj
      {"barnrådgivning", {"barn", "rådgivning"}},
      {"stödfamilj", {"stöd", "familj"}},
      {"dagvård", {}},         // 7 letters: too short to split
      {"tukipere", {}},        // a Finnish typo: "pere" stems to "per", too short a head
      {"perhe-neuvola", {}},   // not letters only
      {"xyzxyzxyzxyz", {}},    // no halves in the index
  };
  for (const auto& c : cases) {
    CAPTURE(c.word);
    CHECK(split_compound(c.word, is_term) == c.want);
  }
  CHECK(split_compound("familjerådgivning", {}).empty());  // no vocabulary: no split
}

TEST_CASE("build_text_query: a Swedish compound also matches its halves", "[search][query]") {
  const auto matches = [](const std::string& q, double split_weight) {
    QueryBuildOptions qo;
    qo.prefix_last = false;
    qo.split_weight = split_weight;
    return matching_names(q, qo);
  };
  const auto whole = matches("stödfamilj", 0);
  const auto split = matches("stödfamilj", 0.5);
  CAPTURE(whole, split);
  REQUIRE(!whole.empty());
  // The word itself still ranks first; the split adds the services that
  // speak of "stöd" and "familj" in other words.
  CHECK(split.front() == whole.front());
  CHECK(split.front() == "Tukihenkilö- ja tukiperhetoiminta");
  CHECK(split.size() > whole.size());
  CHECK(std::find(split.begin(), split.end(), "Lastensuojelun avohuolto") != split.end());
  CHECK(std::find(whole.begin(), whole.end(), "Lastensuojelun avohuolto") == whole.end());
}

TEST_CASE("build_text_query: an unknown word clipped to a prefix (truncate_unknown)", "[search][query]") {
  const auto count = [](const std::string& q, bool truncate) {
    QueryBuildOptions qo;
    qo.prefix_last = false;
    qo.truncate_unknown = truncate;
    return matching_names(q, qo).size();
  };
  // Slang the index does not know: nothing as typed, something clipped
  // (psykiatria / psykologi services).
  CHECK(count("nuorisopsyka", false) == 0);
  CHECK(count("nuorisopsyka", true) > 0);
  // A known word is not clipped: the same matches either way.
  CHECK(count("perheneuvola", true) == count("perheneuvola", false));
  // Short unknown words are not clipped (too little left to mean anything).
  CHECK(count("xqzvyk", true) == 0);
}

TEST_CASE("build_text_query: an inflected last word is complete, a partial one is a prefix", "[search][query]") {
  // The index has "neuvola", not "neuvolaan"; the word is still typed to
  // its end, so the last word adds no prefix match. "perheneuv" does.
  auto& idx = ptv_index();
  auto db = idx.db();
  Analyzer an(AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config"));
  const auto description = [&](const std::string& q, bool prefix_last) {
    QueryBuildOptions qo;
    qo.prefix_last = prefix_last;
    qo.is_term = [&db](const std::string& t) { return db.term_exists(t); };
    return build_text_query(an.analyze_query(q, Lang::fi), qo).get_description();
  };
  REQUIRE_FALSE(db.term_exists("neuvolaan"));
  REQUIRE(db.term_exists("neuvola"));
  CHECK(an.analyze_query("neuvolaan", Lang::fi).at(0).inflected);
  CHECK(description("neuvolaan", true) == description("neuvolaan", false));
  CHECK_FALSE(an.analyze_query("perheneuv", Lang::fi).at(0).inflected);
  CHECK(description("perheneuv", true) != description("perheneuv", false));
  CHECK(matching_names("perheneuv", QueryBuildOptions{}).size() > 0);
}
