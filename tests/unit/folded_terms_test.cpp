// Folding at query time (src/index/folded_terms.h): the index carries no
// folded "F..." terms but a table of its terms with diacritics by folded
// form; a word typed without ä/ö is expanded to the indexed terms that fold
// to it, ranked below an exact match, and a prefix typed with ä/ö completes
// the terms whose folded form starts with its folded form.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <xapian.h>

#include "analysis/diacritic_fold.h"
#include "engine_fixtures.h"
#include "index/folded_terms.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/index.h"
#include "search/query_builder.h"

using namespace palveluhaku;
using index::FoldedTerms;

namespace {

// (docid, weight) of `q` over `db`, best first.
std::vector<std::pair<Xapian::docid, double>> ranked(const Xapian::Database& db, const Xapian::Query& q) {
  std::vector<std::pair<Xapian::docid, double>> out;
  if (q.empty()) return out;
  Xapian::Enquire enq(db);
  enq.set_query(q);
  const auto m = enq.get_mset(0, db.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it) out.emplace_back(*it, it.get_weight());
  return out;
}

// A query word as the Analyzer gives it: as typed, and its folded form.
QueryWord word(const std::string& text) {
  QueryWord w;
  w.text = text;
  w.alternatives.push_back({{text}, 1.0, TermKind::surface});
  w.alternatives.push_back({{"F" + analysis::fold_diacritics(text)}, 0.6, TermKind::folded});
  return w;
}

// A small glass database (the in-memory backend has no synonym table) of
// documents with the given terms (wdf 2 each) and 20 filler documents, with
// the table of folded forms.
struct SmallIndex {
  engine_test::TempDir dir;
  Xapian::WritableDatabase db{dir.str() + "/db", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS};
  SmallIndex() {
    for (int i = 0; i < 20; ++i) add({});
  }
  Xapian::docid add(std::initializer_list<const char*> terms) {
    Xapian::Document d;
    std::vector<std::string> ts;
    for (const char* t : terms) {
      d.add_term(t, 2);
      ts.emplace_back(t);
    }
    d.add_term("filler", 2);
    const Xapian::docid did = db.add_document(d);
    index::add_folded_terms(db, ts);
    db.commit();
    return did;
  }
};

}  // namespace

TEST_CASE("folded terms: a rebuild keeps every term with diacritics under its folded form",
          "[index][fold]") {
  engine_test::TempDir dir;
  rebuild_index(dir.index(), engine_test::ptv_fixture_records(), engine_test::index_options());
  Xapian::Database db(dir.index() + "/XAPIANDB");
  // No folded copies are indexed, only "F" with their wdf (so that document
  // lengths are what they were with them).
  std::vector<std::string> f_terms;
  for (auto t = db.allterms_begin("F"); t != db.allterms_end("F"); ++t) f_terms.push_back(*t);
  CHECK(f_terms == std::vector<std::string>{"F"});

  REQUIRE(FoldedTerms::available(db));
  const FoldedTerms f(db);
  std::size_t with_diacritics = 0;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    const std::string term = *t;
    if (term[0] >= 'A' && term[0] <= 'Z') continue;
    const std::string folded = analysis::fold_diacritics(term);
    if (folded == term) continue;
    ++with_diacritics;
    const auto ts = f.terms(folded);
    CHECK(std::find(ts.begin(), ts.end(), term) != ts.end());
    CHECK_FALSE(f.contains(term));  // keys are folded
  }
  CHECK(with_diacritics > 100);  // the fixture has real Finnish text
  std::size_t entries = 0;
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
    for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) {
      ++entries;
      CHECK(analysis::fold_diacritics(*s) == *k);
      CHECK(db.term_exists(*s));
    }
  CHECK(entries == with_diacritics);
  const auto pk = f.terms("paivakoti");
  CHECK(std::find(pk.begin(), pk.end(), "päiväkoti") != pk.end());
  CHECK(f.terms("neuvola").empty());  // no diacritics: the exact term does

  // Prefixes: most frequent first, at most `max`, each folding to the prefix.
  const auto all = f.with_prefix("pai", 0);
  REQUIRE(all.size() > 3);
  const auto top3 = f.with_prefix("pai", 3);
  REQUIRE(top3.size() == 3);
  for (std::size_t i = 0; i < top3.size(); ++i) {
    CHECK(top3[i] == all[i]);
    CHECK(analysis::fold_diacritics(top3[i]).rfind("pai", 0) == 0);
    if (i > 0) CHECK(db.get_termfreq(top3[i - 1]) >= db.get_termfreq(top3[i]));
  }
}

TEST_CASE("folded terms: an update adds its new terms with diacritics", "[index][fold]") {
  engine_test::TempDir dir;
  auto recs = engine_test::ptv_fixture_records();
  REQUIRE(recs.size() > 2);
  ServiceRecord extra = recs[0];
  extra.id = "fold-update-test";
  extra.name.fi = "Mökkiläisten sääpalvelu";
  rebuild_index(dir.index(), recs, engine_test::index_options());
  {
    Xapian::Database db(dir.index() + "/XAPIANDB");
    CHECK_FALSE(FoldedTerms(db).contains("mokkilainen"));
  }
  update_index(dir.index(), {extra}, {}, engine_test::index_options());
  Xapian::Database db(dir.index() + "/XAPIANDB");
  // The base form: the inflected "mökkiläisten" itself is not indexed.
  CHECK(FoldedTerms(db).terms("mokkilainen") == std::vector<std::string>{"mökkiläinen"});
  CHECK_FALSE(FoldedTerms(db).contains("mokkilaisten"));
}

TEST_CASE("query-time folding: a word without ä/ö matches the diacritic terms, below exact ones",
          "[search][fold]") {
  SmallIndex idx;
  const auto exact = idx.add({"aiti"});
  const auto umlaut = idx.add({"äiti"});
  const auto other = idx.add({"isä"});
  const auto also = idx.add({"äiti"});
  const FoldedTerms f(idx.db);
  CHECK(f.terms("aiti") == std::vector<std::string>{"äiti"});

  search::QueryBuildOptions qo;
  qo.prefix_last = false;
  qo.folded = &f;
  search::ScorePlan plan;
  const auto got = ranked(idx.db, search::build_text_query({word("aiti")}, qo, &plan));
  std::set<Xapian::docid> ids;
  for (const auto& [d, w] : got) ids.insert(d);
  CHECK(ids == std::set<Xapian::docid>{exact, umlaut, also});
  CHECK(ids.count(other) == 0);
  REQUIRE(!got.empty());
  CHECK(got[0].first == exact);  // the exact form first
  // The bound of the top-k sees the expanded term as a leaf at the folded weight.
  CHECK(plan.complete);
  std::set<std::string> leaves;
  for (const auto& l : plan.leaves) {
    leaves.insert(l.term);
    if (l.term != "aiti") CHECK(l.factor == Approx(0.6));
  }
  CHECK(leaves == std::set<std::string>{"aiti", "äiti"});

  // Without the table the "F" term is looked up as is: nothing was indexed so.
  qo.folded = nullptr;
  const auto plain = ranked(idx.db, search::build_text_query({word("aiti")}, qo));
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].first == exact);

  // Two terms that fold to the word weigh as one (OP_SYNONYM, as the folded
  // term of the index did): a document with both does not pass the exact
  // one; that plan is not one the bound handles.
  const auto both = idx.add({"äiti", "äití"});
  CHECK(f.terms("aiti") == std::vector<std::string>{"äiti", "äití"});  // most frequent first
  qo.folded = &f;
  search::ScorePlan plan2;
  const auto got2 = ranked(idx.db, search::build_text_query({word("aiti")}, qo, &plan2));
  REQUIRE(got2.size() == 4);
  CHECK(got2[0].first == exact);
  CHECK(got2[1].first == both);
  CHECK_FALSE(plan2.complete);

  // A word whose folded form nothing folds from adds no alternative.
  CHECK(ranked(idx.db, search::build_text_query({word("koti")}, qo)).empty());
}

TEST_CASE("query-time folding: a prefix typed with ä/ö completes folded forms", "[search][fold]") {
  SmallIndex idx;
  const auto neuvola = idx.add({"äitiysneuvola"});
  idx.add({"äitiysavustus"});
  const FoldedTerms f(idx.db);
  search::QueryBuildOptions qo;
  qo.folded = &f;
  qo.is_term = [&idx](const std::string& t) { return idx.db.term_exists(t); };
  // "äitiysn" typed with ä: the wildcard over the folded forms ("aitiysn")
  // reaches äitiysneuvola (the plain wildcard does too); the plan is not
  // one the top-k bound handles.
  search::ScorePlan plan;
  const auto got = ranked(idx.db, search::build_text_query({word("äitiysn")}, qo, &plan));
  REQUIRE(got.size() == 1);
  CHECK(got[0].first == neuvola);
  CHECK_FALSE(plan.complete);
  CHECK(f.with_prefix("aitiys", 0).size() == 2);
}
