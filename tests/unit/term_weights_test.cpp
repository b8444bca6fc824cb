// term_weights_test.cpp — search::plan_termweights (term_weights.h) against
// Xapian's own MSet::get_termweight (an Enquire with the engine's
// BM25Weight, get_mset(0, 0)), compared with ==, on real databases on disk:
// a generated one (terms in one document, the first posting holding most of
// a term's wdf or little of it, large wdfs, documents of very different
// lengths) under hand-made query shapes (repeated terms at different
// factors, scaled subqueries, zero factors, OR/AND, AND groups, a term the
// database does not have), and the sample index under the engine's own
// queries (analysis + query builder). Then the Snippeter fed those
// termweights against the one fed the MSet, byte for byte.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <xapian.h>

#include "engine_fixtures.h"
#include "plan_builder.h"
#include "index/index_dir.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/sources.h"
#include "search/match_set.h"
#include "search/query_builder.h"
#include "search/snippet.h"
#include "search/term_weights.h"

using namespace engine_test;
using namespace plan_test;
namespace ps = palveluhaku::search;

namespace {

// Compares every term of the plan with Xapian's termweight; returns how
// many were compared (non-zero ones counted in `nonzero`).
// The same from the terms' statistics cached (`cache`, for `db`): filled by
// the first call, read by the second.
std::size_t compare(const Xapian::Database& db, const Built& b, const ps::Bm25Params& p, std::size_t& nonzero,
                    ps::PostingCache* cache = nullptr) {
  const auto tw = ps::plan_termweights(db, b.plan, p);
  REQUIRE(tw.has_value());
  if (cache) {
    CHECK(ps::plan_termweights(db, b.plan, p, cache) == tw);
    CHECK(ps::plan_termweights(db, b.plan, p, cache) == tw);
  }
  Xapian::Enquire enq(db);
  enq.set_query(b.q);
  enq.set_weighting_scheme(Xapian::BM25Weight(p.k1, 0, 1, p.b, p.min_normlen));
  const Xapian::MSet m = enq.get_mset(0, 0);
  std::size_t n = 0;
  for (auto t = b.q.get_unique_terms_begin(); t != b.q.get_unique_terms_end(); ++t) {
    INFO(b.q.get_description() << "\nterm " << *t);
    const auto it = std::find_if(tw->begin(), tw->end(), [&](const auto& e) { return e.first == *t; });
    REQUIRE(it != tw->end());
    CHECK(it->second == m.get_termweight(*t));
    ++n;
    if (it->second != 0) ++nonzero;
  }
  CHECK(tw->size() == n);  // no term the query does not have
  return n;
}

// `n` documents: terms "a".."h" of different frequencies with wdfs 1-4 and
// sometimes hundreds; "solo1".."solo5" each in one document at wdf 1..5;
// "firstbig" whose first posting has most of its wdf, "firstsmall" whose
// first posting has little; a filler that varies the lengths a lot.
std::string generated_db(const std::string& dir, int n) {
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  std::mt19937 rng(11);
  for (int i = 0; i < n; ++i) {
    Xapian::Document doc;
    for (int t = 0; t < 8; ++t) {
      if (rng() % 100 >= static_cast<unsigned>(5 + 9 * t)) continue;
      const unsigned r = rng() % 40;
      doc.add_term(std::string(1, static_cast<char>('a' + t)), r == 0 ? 50 + rng() % 700 : 1 + r % 4);
    }
    if (i >= 10 && i < 15) doc.add_term("solo" + std::to_string(i - 9), static_cast<Xapian::termcount>(i - 9));
    if (i == 3) doc.add_term("firstbig", 30);
    if (i == 50 || i == 90) doc.add_term("firstbig", 2);
    if (i == 4) doc.add_term("firstsmall", 1);
    if (i == 60 || i == 70) doc.add_term("firstsmall", 25);
    doc.add_term("filler", 1 + rng() % (i % 9 == 0 ? 600 : 20));
    db.add_document(doc);
  }
  db.commit();
  return dir;
}

}  // namespace

TEST_CASE("plan_termweights equals MSet::get_termweight for the query shapes", "[search][termweights]") {
  TempDir dir;
  Xapian::Database db(generated_db(dir.str() + "/db", 800));
  const ps::Bm25Params params[] = {{1.2, 0.75, 0.5}, {1.2, 0.5, 0.5}, {2.0, 0.3, 0.25}};
  const double third = 1.0 / 3;
  using W = std::vector<std::vector<Alt>>;
  const std::vector<std::pair<W, bool>> shapes = {
      {{{{{"a"}, 1.0}}}, false},                                          // one term
      {{{{{"solo1"}, 1.0}}}, false},                                      // in one document
      {{{{{"solo3"}, 1.0}, {{"solo5"}, 0.5}}}, false},                    // one document, large wdf
      {{{{{"firstbig"}, 1.0}}, {{{"firstsmall"}, 1.0}}}, true},           // the first posting's share
      {{{{{"a"}, 1.0}, {{"a"}, 0.6}}}, false},                            // a term twice, two factors
      {{{{{"b"}, 1.0}, {{"b"}, 0.35}, {{"b"}, third}}}, false},           // three times: the sum's order
      {{{{{"c"}, 0.75}}, {{{"c"}, 0.2}, {{"d"}, 1.0}}, {{{"c"}, 1.0}}}, true},  // across words
      {{{{{"a"}, 1.0}, {{"e", "f"}, 0.5}}, {{{"g"}, 1.0}, {{"h", "a"}, third}}}, false},  // AND groups
      {{{{{"d"}, 1.0}, {{"e"}, 0.0}}}, false},                            // a zero factor
      {{{{{"d"}, 0.0}}, {{{"e"}, 1.0}}}, true},                           // a word at zero
      {{{{{"a"}, 1.0}, {{"nosuchterm"}, 0.5}}}, false},                   // absent from the database
      {{{{{"a", "nosuchterm"}, 1.0}}, {{{"b"}, 1.0}}}, true},             // absent inside an AND group
      {{{{{"filler"}, 1.0}, {{"h"}, 0.6}}}, false},                       // in every document
  };
  ps::PostingCache cache("generated", std::size_t{1} << 20);
  std::size_t compared = 0, nonzero = 0;
  for (const auto& p : params)
    for (const auto& [words, relaxed] : shapes) compared += compare(db, build(words, relaxed), p, nonzero, &cache);
  // Random shapes of the engine's kind over all the terms.
  std::mt19937 rng(5);
  const std::vector<std::string> vocab = {"a", "b", "c", "d", "e", "f", "g", "h", "solo1", "solo2", "solo4",
                                          "firstbig", "firstsmall", "filler", "nosuchterm"};
  const double factors[] = {1.0, 0.75, 0.6, 0.35, 0.2, third, 0.5, 0.0};
  for (int round = 0; round < 300; ++round) {
    W words(1 + rng() % 3);
    for (auto& w : words) {
      w.resize(1 + rng() % 4);
      for (auto& a : w) {
        a.factor = factors[rng() % 8];
        a.terms.resize(rng() % 4 == 0 ? 2 : 1);
        for (auto& t : a.terms) t = vocab[rng() % vocab.size()];
      }
    }
    compared += compare(db, build(words, rng() % 3 == 0), params[round % 3], nonzero, &cache);
  }
  INFO("compared " << compared << " nonzero " << nonzero);
  CHECK(compared > 1000);
  CHECK(nonzero > compared / 2);  // not a comparison of zeros
}

TEST_CASE("plan_termweights declines plans with synonyms or wildcards", "[search][termweights]") {
  TempDir dir;
  Xapian::Database db(generated_db(dir.str() + "/db", 50));
  ps::ScorePlan plan;
  plan.leaves.push_back({"a", 1.0, 0});
  REQUIRE(ps::plan_termweights(db, plan, {}).has_value());
  plan.leaves.push_back({"fil", 0.5, 0, 20});  // a wildcard
  CHECK_FALSE(ps::plan_termweights(db, plan, {}).has_value());
  plan.leaves.pop_back();
  plan.complete = false;  // an OP_SYNONYM the plan does not list
  CHECK_FALSE(ps::plan_termweights(db, plan, {}).has_value());
}

TEST_CASE("plan_termweights and the Snippeter on the engine's queries over the sample index", "[search][termweights]") {
  TempDir dir;
  const std::string s = PALVELUHAKU_SOURCE_DIR "/data/sample/";
  auto imp = import_sources({s + "pirkanmaa-services.jsonl", s + "daycare-units.jsonl", s + "ngo-services.csv",
                             s + "parish-services.csv"});
  REQUIRE(imp.records.size() > 400);
  rebuild_index(dir.index(), imp.records, index_options());
  Xapian::Database db(dir.index() + "/" + palveluhaku::index::live_generation(dir.index()));
  Analyzer an(AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config"));
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < imp.records.size(); i += 7) {
    const auto& r = imp.records[i];
    texts.push_back(r.summary.best(Lang::fi) + "\n" + r.description.best(Lang::fi));
  }
  texts.push_back("lapsi \xff\xfe perhe neuvola");  // not UTF-8: MSet::snippet itself
  const std::vector<std::pair<std::string, Lang>> queries = {
      {"päiväkoti", Lang::fi},          {"lasten neuvola", Lang::fi}, {"perheneuvola", Lang::fi},
      {"kasvatus- ja perheneuvonta", Lang::fi}, {"mielenterveys", Lang::fi}, {"lastensuojelu tampere", Lang::fi},
      {"kotihoito vanhukset", Lang::fi}, {"nuorisopsykiatria", Lang::fi}, {"seurakunta kerho", Lang::fi},
      {"neuvola neuvola lapsi", Lang::fi}, {"daghem", Lang::sv},      {"barnrådgivning", Lang::sv},
      {"familjerådgivning", Lang::sv},   {"day care", Lang::en},      {"family counselling", Lang::en},
      {"xyzzyqq neuvola", Lang::fi},     {"tukea perheille", Lang::fi}, {"koulu", Lang::fi}};
  const ps::Bm25Params p{1.2, 0.5, 0.5};
  const Xapian::Stem none;
  std::size_t plans = 0, compared = 0, nonzero = 0, snippets = 0, fallbacks = 0;
  for (const auto& [qs, lang] : queries) {
    for (const bool relaxed : {false, true}) {
      ps::QueryBuildOptions qo;
      qo.is_term = [&db](const std::string& t) { return db.term_exists(t); };
      qo.relaxed = relaxed;
      qo.prefix_last = false;  // a wildcard's plan is declined (above)
      Built b;
      b.q = ps::build_text_query(an.analyze_query(qs, lang), qo, &b.plan);
      if (b.q.empty() || !ps::plan_termweights(db, b.plan, p)) continue;
      ++plans;
      compared += compare(db, b, p, nonzero);
      // The Snippeter fed the termweights gives MSet::snippet's output.
      Xapian::Enquire enq(db);
      enq.set_query(b.q);
      enq.set_weighting_scheme(Xapian::BM25Weight(p.k1, 0, 1, p.b, p.min_normlen));
      const Xapian::MSet m = enq.get_mset(0, 0);
      const auto tw = *ps::plan_termweights(db, b.plan, p);
      int made = 0;
      ps::Snippeter from_mset(b.q, m, none);
      ps::Snippeter from_weights(b.q, tw, [&] { ++made; return enq.get_mset(0, 0); }, none);
      for (const auto& t : texts) {
        INFO(qs << " " << b.q.get_description() << "\ntext " << t);
        const std::string want = m.snippet(t, 240, none, Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…");
        CHECK(from_mset.snippet(t, 240, Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…") == want);
        CHECK(from_weights.snippet(t, 240, Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…") == want);
        ++snippets;
      }
      CHECK(made == 1);  // the MSet made once, for the text that is not UTF-8
      fallbacks += static_cast<std::size_t>(made);
    }
  }
  INFO("plans " << plans << " compared " << compared << " nonzero " << nonzero << " snippets " << snippets);
  CHECK(plans > 20);
  CHECK(compared > 60);
  CHECK(nonzero > compared / 2);
  CHECK(fallbacks == plans);
}
