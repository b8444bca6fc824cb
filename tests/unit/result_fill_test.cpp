// Result fill (src/search/result_fill.h): page planning over tiers and the
// related-services query, on a real index of real PTV service texts
// (tests/fixtures/quality/ptv-services.jsonl).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
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
// the result is short) and some_words, in one order on one scale (a
// some-words hit comes before a match only with at least its score), then
// related; no duplicates.
void check_tiers(const SearchResult& res) {
  std::set<std::string> seen;
  bool related = false;
  std::size_t fill = 0;
  for (std::size_t i = 0; i < res.hits.size(); ++i) {
    const auto& h = res.hits[i];
    CHECK(seen.insert(h.id).second);
    if (h.match == MatchKind::related) related = true;
    else CHECK_FALSE(related);
    if (h.match != MatchKind::all_words) ++fill;
    if (h.match == MatchKind::some_words)
      for (std::size_t j = i + 1; j < res.hits.size(); ++j)
        if (res.hits[j].match == MatchKind::all_words) CHECK(h.score >= res.hits[j].score);
  }
  CHECK(fill == res.filled);
}

// "name:kind | ..." of the hits, for failure messages.
std::string describe(const SearchResult& res) {
  std::string out;
  for (const auto& h : res.hits)
    out += h.record->name.fi + ":" + std::to_string(static_cast<int>(h.match)) + " | ";
  return out;
}

std::size_t count_kind(const SearchResult& res, MatchKind k) {
  std::size_t n = 0;
  for (const auto& h : res.hits) n += h.match == k;
  return n;
}

bool has_hit(const SearchResult& res, const std::string& name, MatchKind k) {
  for (const auto& h : res.hits)
    if (h.record->name.fi == name) return h.match == k;
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
  CHECK(res.hits[0].record->name.fi == "Lapsen elatusavun vahvistaminen");
  CHECK(res.hits[0].match == MatchKind::all_words);
  CHECK(res.hits[1].record->name.fi == "Isyyden selvittämispalvelut");
  CHECK(res.hits[2].record->name.fi == "Perheasioiden sovittelu");
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

TEST_CASE("merge_ranked: two ranked lists on one scale, each in its own order", "[search][fill]") {
  using V = std::vector<double>;
  CHECK(search::merge_ranked(V{}, V{}).empty());
  CHECK(search::merge_ranked(V{3, 2}, V{}) == std::vector<int>{0, 0});
  CHECK(search::merge_ranked(V{}, V{1}) == std::vector<int>{1});
  CHECK(search::merge_ranked(V{5, 3, 1}, V{4, 2}) == std::vector<int>{0, 1, 0, 1, 0});
  CHECK(search::merge_ranked(V{2}, V{2}) == std::vector<int>{0, 1});  // a tie: the matches first
  CHECK(search::merge_ranked(V{3, 1}, V{9, 8}) == std::vector<int>{1, 1, 0, 0});
  // The second list keeps its own order even where it is not by weight: a
  // low head holds back the higher weights behind it.
  CHECK(search::merge_ranked(V{5, 4}, V{1, 9}) == std::vector<int>{0, 0, 1, 1});
}

TEST_CASE("on_match_scale: some-words documents weighed like the matches, by the share of the words they have",
          "[search][fill]") {
  auto& idx = ptv_index();
  auto db = idx.db();
  Analyzer an(AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config"));
  const auto words = an.analyze_query("vanhempien jaksaminen", Lang::fi);
  search::QueryBuildOptions qo;
  qo.is_term = [&db](const std::string& t) { return db.term_exists(t); };
  const Xapian::Query strict = search::build_text_query(words, qo);
  qo.relaxed = true;
  const Xapian::Query relaxed = search::build_text_query(words, qo);
  const auto per_word = search::word_queries(words, qo);
  REQUIRE(per_word.size() == 2);
  const Xapian::BM25Weight bm25(1.2, 0, 1, 0.75, 0.5);
  const auto weights = [&](const Xapian::Query& q) {
    Xapian::Enquire enq(db);
    enq.set_query(q);
    enq.set_weighting_scheme(bm25);
    std::map<Xapian::docid, double> out;
    const auto m = enq.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
    return out;
  };
  const auto all = weights(strict), any = weights(relaxed);
  REQUIRE(!all.empty());
  REQUIRE(any.size() > all.size() + 5);
  // Which words each document has, and the words' idf.
  const auto one = weights(per_word[0]), two = weights(per_word[1]);
  std::vector<Xapian::docid> docs;
  for (const auto& [d, wt] : any) docs.push_back(d);
  std::reverse(docs.begin(), docs.end());  // any order: one weight per document, in this order
  const auto scaled = search::on_match_scale(db, relaxed, per_word, docs, bm25, 1.5);
  const auto plain = search::on_match_scale(db, relaxed, per_word, docs, bm25, 0);
  REQUIRE(scaled.size() == docs.size());
  std::size_t partial = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    CAPTURE(idx.name_of.at(idx.id_of_docid(db, docs[i])));
    CHECK(plain[i] == Approx(any.at(docs[i])));  // power 0: its BM25 weight for the words it has
    if (all.count(docs[i])) {
      CHECK(scaled[i] == Approx(all.at(docs[i])));  // a match: its own weight
    } else {
      ++partial;
      CHECK((one.count(docs[i]) + two.count(docs[i])) == 1);
      CHECK(scaled[i] > 0);
      CHECK(scaled[i] < plain[i]);
    }
  }
  CHECK(partial > 5);
  // Of two documents with the same BM25 weight, the one with the rarer word
  // weighs more: the share is by idf, here checked on the ratios.
  double idf_one = 0, idf_two = 0;
  const double n = db.get_doccount();
  for (auto t = per_word[0].get_unique_terms_begin(); t != per_word[0].get_unique_terms_end(); ++t)
    if (db.get_termfreq(*t) > 0) idf_one = std::max(idf_one, std::log(n / db.get_termfreq(*t)));
  for (auto t = per_word[1].get_unique_terms_begin(); t != per_word[1].get_unique_terms_end(); ++t)
    if (db.get_termfreq(*t) > 0) idf_two = std::max(idf_two, std::log(n / db.get_termfreq(*t)));
  REQUIRE(idf_one > 0);
  REQUIRE(idf_two > 0);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (all.count(docs[i])) continue;
    const double share = (one.count(docs[i]) ? idf_one : idf_two) / (idf_one + idf_two);
    CHECK(scaled[i] / plain[i] == Approx(std::pow(share, 1.5)));
  }
  CHECK(search::on_match_scale(db, relaxed, per_word, {}, bm25, 1.5).empty());
}

TEST_CASE("search: the page on which the matches end orders matches and some-words hits on one scale",
          "[search][fill]") {
  // A partial match that has the query's rare words strongly comes before
  // matches that have every word weakly; the page holds the same hits as
  // the tiers one after the other would.
  std::size_t interleaved = 0;
  for (const std::string q : {"vanhempien jaksaminen", "kotiapua lapsiperheelle", "nuoren mielenterveys",
                              "vanhempien ero lapset", "lapsi kiusataan koulussa", "päihteet nuori"}) {
    CAPTURE(q);
    const auto res = search_fi(q);
    const std::string hits = describe(res);
    CAPTURE(hits);
    REQUIRE_FALSE(res.relaxed);
    REQUIRE(res.total >= 1);
    REQUIRE(res.total < 10);
    check_tiers(res);
    CHECK(count_kind(res, MatchKind::all_words) == res.total);
    // The matches among themselves in BM25 order, as without the fill.
    double last = 1e300;
    for (const auto& h : res.hits)
      if (h.match == MatchKind::all_words) {
        CHECK(h.score <= last);
        last = h.score;
      }
    bool some_seen = false;
    for (const auto& h : res.hits) {
      if (h.match == MatchKind::some_words) some_seen = true;
      if (h.match == MatchKind::all_words && some_seen) {
        ++interleaved;
        break;
      }
    }
    // Page 2 (per page 5) goes on where page 1 ended: no hit twice.
    const auto p1 = search_fi(q, 5, 1), p2 = search_fi(q, 5, 2);
    std::set<std::string> ids;
    for (const auto& h : p1.hits) ids.insert(h.id);
    for (const auto& h : p2.hits) CHECK(ids.insert(h.id).second);
  }
  CHECK(interleaved > 0);
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
  CHECK(slang.hits[0].record->name.fi.find("psykiatri") != std::string::npos);
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
    CAPTURE(h.record->name.fi);
    CHECK(std::find(h.record->service_classes.begin(), h.record->service_classes.end(), "P5.2") !=
          h.record->service_classes.end());
  }
}
