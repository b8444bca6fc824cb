// Result fill (src/search/result_fill.h): page planning over tiers and the
// related-services query, on a real index of real PTV service texts
// (tests/fixtures/quality/ptv-services.jsonl).
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
#include "search/result_fill.h"

using namespace palveluhaku;
using palveluhaku::search::fill_target;
using palveluhaku::search::page_slices;
using palveluhaku::search::related_query;

namespace {

// One index of the fixture for all cases of this file.
struct PtvIndex {
  engine_test::TempDir dir;
  std::map<std::string, std::string> name_of;  // id -> Finnish name
  PtvIndex() {
    auto recs = engine_test::ptv_fixture_records();
    for (const auto& r : recs) name_of[r.id] = r.name.fi;
    rebuild_index(dir.index(), recs, engine_test::index_options());
  }
  Xapian::Database db() const { return Xapian::Database(dir.index() + "/XAPIANDB"); }
  std::string id_of_name(const std::string& name) const {
    for (const auto& [id, n] : name_of)
      if (n == name) return id;
    FAIL("no record named " << name);
    return {};
  }
  std::string id_of_docid(const Xapian::Database& db, Xapian::docid d) const {
    auto t = db.termlist_begin(d);
    t.skip_to("Q");
    REQUIRE(t != db.termlist_end(d));
    return (*t).substr(1);
  }
  Xapian::docid docid_of_name(const Xapian::Database& db, const std::string& name) const {
    const std::string term = "Q" + id_of_name(name);
    auto p = db.postlist_begin(term);
    REQUIRE(p != db.postlist_end(term));
    return *p;
  }
};

PtvIndex& ptv_index() {
  static PtvIndex idx;
  return idx;
}

}  // namespace

TEST_CASE("fill_target: the end of the page on which the strict results end", "[search][fill]") {
  struct Case {
    std::size_t strict, per_page, want;
  };
  for (const auto& c : std::vector<Case>{{0, 10, 10}, {1, 10, 10}, {7, 10, 10}, {10, 10, 10},
                                         {11, 10, 20}, {25, 20, 40}, {40, 20, 40}, {3, 1, 3}}) {
    CAPTURE(c.strict, c.per_page);
    CHECK(fill_target(c.strict, c.per_page) == c.want);
  }
}

TEST_CASE("page_slices: a page over tiers laid one after the other", "[search][fill]") {
  using S = std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>;  // tier, start, count
  struct Case {
    std::size_t offset, count;
    std::vector<std::size_t> sizes;
    S want;
  };
  const std::vector<Case> cases{
      {0, 10, {3, 4, 20}, {{0, 0, 3}, {1, 0, 4}, {2, 0, 3}}},  // strict 3, some words 4, related 3
      {0, 10, {12, 5, 5}, {{0, 0, 10}}},                       // a full strict page: no fill
      {10, 10, {12, 5, 3}, {{0, 10, 2}, {1, 0, 5}, {2, 0, 3}}},
      {0, 10, {0, 2, 30}, {{1, 0, 2}, {2, 0, 8}}},             // empty tier gives no slice
      {20, 10, {12, 5, 3}, {}},                                // beyond the end
      {5, 5, {3, 4, 20}, {{1, 2, 2}, {2, 0, 3}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.offset, c.count, c.sizes);
    S got;
    for (const auto& s : page_slices(c.offset, c.count, c.sizes)) got.emplace_back(s.tier, s.start, s.count);
    CHECK(got == c.want);
  }
}

TEST_CASE("related_query: services sharing the service classes of the top hits", "[search][fill]") {
  auto& idx = ptv_index();
  auto db = idx.db();
  Xapian::Enquire enq(db);
  search::RelatedOptions classes_only;
  classes_only.text_terms = 0;  // the text similarity is tested below
  classes_only.seeds = 3;

  struct Case {
    std::vector<std::string> seeds;      // names of the top hits, best first
    std::vector<std::string> related;    // must be among the related documents
    std::vector<std::string> unrelated;  // must not be
  };
  const std::vector<Case> cases{
      // P5.2 (neuvola) and nothing about schools or day care.
      {{"Äitiysneuvolapalvelut"},
       {"Lastenneuvolapalvelut", "Perhesuunnittelu- ja ehkäisyneuvonta"},
       {"Kunnallinen päiväkotihoito", "Perusopetus", "Talous- ja velkaneuvonta"}},
      // P3.8 (child welfare): the other child-welfare services.
      {{"Lastensuojelun avohuolto"},
       {"Lastensuojelun sijaishuolto", "Ensikotitoiminta", "Turvakotitoiminta"},
       {"Rokotuspalvelut", "Lukiokoulutus"}},
      // Two seeds: both seeds' classes count.
      {{"Kotipalvelu", "Perhetyö"}, {"Kotihoito"}, {"Lukiokoulutus", "Kirjastopalvelut"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.seeds);
    std::vector<Xapian::docid> seeds;
    for (const auto& s : c.seeds) seeds.push_back(idx.docid_of_name(db, s));
    const Xapian::Query q = related_query(db, seeds, "XC", classes_only);
    REQUIRE_FALSE(q.empty());
    enq.set_query(q);
    auto m = enq.get_mset(0, db.get_doccount());
    std::set<Xapian::docid> got;
    for (auto it = m.begin(); it != m.end(); ++it) {
      got.insert(*it);
      CHECK(it.get_weight() > 0);
      CHECK(it.get_weight() < 2.0);  // scale 0.1: well below text matches
    }
    for (const auto& s : c.seeds) CHECK(got.count(idx.docid_of_name(db, s)) == 1);
    for (const auto& r : c.related) {
      CAPTURE(r);
      CHECK(got.count(idx.docid_of_name(db, r)) == 1);
    }
    for (const auto& r : c.unrelated) {
      CAPTURE(r);
      CHECK(got.count(idx.docid_of_name(db, r)) == 0);
    }
  }

  SECTION("only the most specific classes are shared, not their ancestors") {
    // Kotipalvelu is P4.3 (ancestor P4): Kotihoito (P4.3) is related;
    // Sosiaalipäivystys (P4 only) and Perhehoito (P4.1) are not.
    const Xapian::docid seed = idx.docid_of_name(db, "Kotipalvelu");
    enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, related_query(db, {seed}, "XC", classes_only),
                                Xapian::Query("Q" + idx.id_of_name("Kotipalvelu"))));
    auto m = enq.get_mset(0, 10);
    REQUIRE(m.size() == 1);
    CHECK(*m.begin() == idx.docid_of_name(db, "Kotihoito"));
  }

  SECTION("a rarer shared class and an earlier seed weigh more") {
    // Seeds Perhetyö (P3.6, one service) then Lastensuojelun avohuolto (P3.8,
    // several): nothing else is P3.6, so the P3.8 services follow, all with
    // the same weight; with the order of seeds swapped they weigh more.
    const Xapian::docid a = idx.docid_of_name(db, "Lastensuojelun avohuolto");
    const Xapian::docid b = idx.docid_of_name(db, "Perhetyö");
    const Xapian::docid other = idx.docid_of_name(db, "Turvakotitoiminta");  // P3.8
    auto weight_of = [&](const std::vector<Xapian::docid>& seeds) {
      enq.set_query(related_query(db, seeds, "XC", classes_only));
      auto m = enq.get_mset(0, 200);
      for (auto it = m.begin(); it != m.end(); ++it)
        if (*it == other) return it.get_weight();
      return 0.0;
    };
    CHECK(weight_of({a, b}) > weight_of({b, a}));
    CHECK(weight_of({b, a}) > 0);
  }

  SECTION("no seeds or seeds without classes give an empty query") {
    CHECK(related_query(db, {}, "XC").empty());
    CHECK(related_query(db, {idx.docid_of_name(db, "Kotipalvelu")}, "XNOSUCH", classes_only).empty());
  }
}

TEST_CASE("related_query: services whose text is like the top hits'", "[search][fill]") {
  // The family counselling clinic is alone in its class (P3.7): by classes
  // nothing is related; by text (the seeds' expand terms) the family
  // services are, and services for other needs are not near the top.
  auto& idx = ptv_index();
  auto db = idx.db();
  const Xapian::docid seed = idx.docid_of_name(db, "Perheneuvolan palvelut");
  search::RelatedOptions classes_only;
  classes_only.text_terms = 0;
  Xapian::Enquire enq(db);
  const Xapian::Query not_seed("Q" + idx.id_of_name("Perheneuvolan palvelut"));
  enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, related_query(db, {seed}, "XC", classes_only), not_seed));
  CHECK(enq.get_mset(0, 10).empty());

  enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, related_query(db, {seed}, "XC"), not_seed));
  std::set<Xapian::docid> top;
  auto m = enq.get_mset(0, 10);
  for (auto it = m.begin(); it != m.end(); ++it) top.insert(*it);
  CAPTURE(m.size());
  for (const char* name : {"Perhetyö", "Perheasioiden sovittelu"}) {
    CAPTURE(name);
    CHECK(top.count(idx.docid_of_name(db, name)) == 1);
  }
  for (const char* name : {"Lukiokoulutus", "Kirjastopalvelut", "Rokotuspalvelut"}) {
    CAPTURE(name);
    CHECK(top.count(idx.docid_of_name(db, name)) == 0);
  }

  SECTION("no text terms and no classes: an empty query") {
    CHECK(related_query(db, {seed}, "XNOSUCH", classes_only).empty());
  }
}

TEST_CASE("some_words_query: the same matches, those like the first hit first", "[search][fill]") {
  // "vanhempien jaksaminen" (exhausted parents): one service has both words
  // (the mother and child home); of the many that share one word, the
  // services for families with a newborn, like it, move up (the maternity
  // clinic from the end of the list onto the first page).
  auto& idx = ptv_index();
  auto db = idx.db();
  Analyzer an(AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config"));
  const auto words = an.analyze_query("vanhempien jaksaminen", Lang::fi);
  search::QueryBuildOptions qo;
  qo.is_term = [&db](const std::string& t) { return db.term_exists(t); };
  const Xapian::Query strict = search::build_text_query(words, qo);
  qo.relaxed = true;
  const Xapian::Query relaxed = search::build_text_query(words, qo);
  Xapian::Enquire enq(db);
  enq.set_query(strict);
  auto top = enq.get_mset(0, 1);
  REQUIRE(top.size() == 1);
  const Xapian::docid first = *top.begin();
  CHECK(idx.name_of.at(idx.id_of_docid(db, first)) == "Ensikotitoiminta");

  const auto ranked = [&](Xapian::docid seed) {
    enq.set_query(search::some_words_query(db, relaxed, strict, seed));
    std::vector<std::string> names;
    auto m = enq.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) names.push_back(idx.name_of.at(idx.id_of_docid(db, *it)));
    return names;
  };
  const auto plain = ranked(0), like = ranked(first);
  CAPTURE(plain, like);
  REQUIRE(plain.size() > 10);
  CHECK(std::set<std::string>(plain.begin(), plain.end()) == std::set<std::string>(like.begin(), like.end()));
  CHECK(std::find(like.begin(), like.end(), "Ensikotitoiminta") == like.end());  // a strict match
  const auto rank = [](const std::vector<std::string>& v, const std::string& name) {
    return std::find(v.begin(), v.end(), name) - v.begin();
  };
  CHECK(rank(like, "Äitiysneuvolapalvelut") < rank(plain, "Äitiysneuvolapalvelut"));
  CHECK(rank(like, "Äitiysneuvolapalvelut") < 10);
  CHECK(rank(plain, "Äitiysneuvolapalvelut") > 10);
  // Unrelated to a newborn: no gain.
  CHECK(rank(like, "Koulukuljetus") >= rank(plain, "Koulukuljetus"));
}

// ---- the engine: SearchEngine::search fills short results -------------------

namespace {

SearchEngine& ptv_engine() {
  static SearchEngine engine(ptv_index().dir.index(), engine_test::engine_options());
  return engine;
}

SearchResult search_fi(const std::string& q, int per_page = 10, int page = 1) {
  SearchRequest req;
  req.q = q;
  req.per_page = per_page;
  req.page = page;
  return ptv_engine().search(req);
}

// The hits in list order: all_words (exactly `total` of them on page 1 when
// the result is short), then some_words, then related; no duplicates.
void check_tiers(const SearchResult& res) {
  std::set<std::string> seen;
  int last = 0;
  std::size_t fill = 0;
  for (const auto& h : res.hits) {
    CHECK(seen.insert(h.id).second);
    const int k = static_cast<int>(h.match);
    CHECK(k >= last);
    last = k;
    if (h.match != MatchKind::all_words) ++fill;
  }
  CHECK(fill == res.filled);
}

// "name:kind | ..." of the hits, for failure messages.
std::string describe(const SearchResult& res) {
  std::string out;
  for (const auto& h : res.hits)
    out += h.record.name.fi + ":" + std::to_string(static_cast<int>(h.match)) + " | ";
  return out;
}

std::size_t count_kind(const SearchResult& res, MatchKind k) {
  std::size_t n = 0;
  for (const auto& h : res.hits) n += h.match == k;
  return n;
}

bool has_hit(const SearchResult& res, const std::string& name, MatchKind k) {
  for (const auto& h : res.hits)
    if (h.record.name.fi == name) return h.match == k;
  return false;
}

}  // namespace

TEST_CASE("search: a short result is filled with partial matches, then related services", "[search][fill]") {
  struct Case {
    std::string q;
    bool some_words;                      // the query has several words: partial matches come first
    std::vector<std::pair<std::string, MatchKind>> expect;  // among the hits, with this kind
  };
  const std::vector<Case> cases{
      // Exhausted parents: one full match; family work and child welfare
      // open care match "vanhempi" or "jaksaminen" only.
      {"vanhempien jaksaminen", true, {{"Ensikotitoiminta", MatchKind::all_words}}},
      // Home help for a family: home help and the mother and child home match
      // both words; services matching one word follow.
      {"kotiapua lapsiperheelle", true, {{"Kotipalvelu", MatchKind::all_words}}},
      // One word: no partial matches; the other P5.2 (neuvola) services are
      // related. Family planning matches too: the word's Finnish label
      // (translations-sv.txt: äitiysneuvola) is in its text.
      {"mödrarådgivning", false,
       {{"Äitiysneuvolapalvelut", MatchKind::all_words}, {"Lastenneuvolapalvelut", MatchKind::related},
        {"Perhesuunnittelu- ja ehkäisyneuvonta", MatchKind::all_words}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.q);
    const auto res = search_fi(c.q);
    const std::string hits = describe(res);
    CAPTURE(hits);
    REQUIRE(res.total >= 1);
    REQUIRE(res.total < 10);
    CHECK_FALSE(res.relaxed);
    CHECK(count_kind(res, MatchKind::all_words) == res.total);
    CHECK(res.filled > 0);
    CHECK(res.hits.size() == res.total + res.filled);
    CHECK(res.hits.size() <= 10);
    CHECK((count_kind(res, MatchKind::some_words) > 0) == c.some_words);
    check_tiers(res);
    for (const auto& [name, kind] : c.expect) {
      CAPTURE(name);
      CHECK(has_hit(res, name, kind));
    }
  }
}

TEST_CASE("search: a service alone in its class is filled with services of like text", "[search][fill]") {
  // Child maintenance is the only service of its class (P3.9) and the query
  // has one word: no partial matches, no class neighbours; the services
  // whose text is like it (paternity, family mediation) follow it.
  const auto res = search_fi("underhållsbidrag");
  CHECK(res.total == 1);
  REQUIRE(res.hits.size() == 10);
  CHECK(res.filled == 9);
  CHECK(res.hits[0].record.name.fi == "Lapsen elatusavun vahvistaminen");
  CHECK(res.hits[0].match == MatchKind::all_words);
  CHECK(res.hits[1].record.name.fi == "Isyyden selvittämispalvelut");
  CHECK(res.hits[2].record.name.fi == "Perheasioiden sovittelu");
  for (std::size_t i = 1; i < res.hits.size(); ++i) CHECK(res.hits[i].match == MatchKind::related);
}

TEST_CASE("search: the fill ends with the page on which the matches end", "[search][fill]") {
  SECTION("a full page of matches is not filled") {
    const auto res = search_fi("varhaiskasvatus", 3);
    REQUIRE(res.total > 3);
    CHECK(res.filled == 0);
    CHECK(count_kind(res, MatchKind::all_words) == 3);
  }
  SECTION("matches ending on page 2 fill page 2, and page 3 is empty") {
    const auto all = search_fi("vanhempien jaksaminen", 10);
    REQUIRE(all.total >= 1);
    REQUIRE(all.total < 10);
    // per page = the number of matches: page 1 is the matches, nothing more.
    const int n = static_cast<int>(all.total);
    const auto p1 = search_fi("vanhempien jaksaminen", n, 1);
    CHECK(p1.hits.size() == all.total);
    CHECK(p1.filled == 0);
    CHECK(search_fi("vanhempien jaksaminen", n, 2).hits.empty());
    // kotiapua lapsiperheelle has 1-3 matches: per page 2 they end on page 1 or 2.
    const auto k = search_fi("kotiapua lapsiperheelle", 10);
    REQUIRE(k.total >= 1);
    const int per_page = 2;
    const int last_page = static_cast<int>((k.total + per_page - 1) / per_page);
    const auto last = search_fi("kotiapua lapsiperheelle", per_page, last_page);
    CHECK(last.hits.size() == 2);
    CHECK(search_fi("kotiapua lapsiperheelle", per_page, last_page + 1).hits.empty());
  }
  SECTION("name order and an empty query are never filled") {
    SearchRequest req;
    req.q = "vanhempien jaksaminen";
    req.sort = SortOrder::name;
    req.per_page = 10;
    const auto res = ptv_engine().search(req);
    CHECK(res.filled == 0);
    CHECK(res.hits.size() == res.total);
    req.q.clear();
    req.sort = SortOrder::relevance;
    CHECK(ptv_engine().search(req).filled == 0);
  }
}

TEST_CASE("search: no \"did you mean\" for words the analysis matched by itself", "[search]") {
  // Neither the inflected forms nor the Swedish need word are index terms
  // as typed; base forms and the translation match them, so there is
  // nothing to correct (the spelling dictionary offered "morning" for
  // "mobbning"). A real misspelling still gets its suggestion.
  for (const char* q : {"jaksamiseen", "lastensuojelulla", "mobbning"}) {
    INFO(q);
    const auto res = search_fi(q);
    CHECK(res.total > 0);
    CHECK_FALSE(res.did_you_mean);
  }
  // Slang no table knows finds something through its clipped prefix
  // rather than nothing (nuorisopsyk* -> nuorisopsykiatria).
  const auto slang = search_fi("nuorisopsyka");
  REQUIRE(slang.total > 0);
  CHECK(slang.hits[0].record.name.fi.find("psykiatri") != std::string::npos);
  const auto typo = search_fi("lastensuojelu perheneuvla");
  REQUIRE(typo.did_you_mean);
  CHECK(typo.did_you_mean->find("perheneuvola") != std::string::npos);
}

TEST_CASE("search: filled hits pass the filters", "[search][fill]") {
  SearchRequest req;
  req.q = "mödrarådgivning";
  req.per_page = 10;
  req.filters["service_class"] = {"P5.2"};
  const auto res = ptv_engine().search(req);
  REQUIRE(res.total >= 1);
  REQUIRE(res.total < 10);
  REQUIRE(res.filled >= 1);
  for (const auto& h : res.hits) {
    CAPTURE(h.record.name.fi);
    CHECK(std::find(h.record.service_classes.begin(), h.record.service_classes.end(), "P5.2") !=
          h.record.service_classes.end());
  }
}
