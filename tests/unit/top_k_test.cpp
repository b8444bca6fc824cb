// top_k_test.cpp — search::bounded_top_k (top_k.h) against Xapian's own
// full match, on real databases on disk: the sample index (data/sample) and
// a generated one with exact duplicates (ties), long documents and large
// wdfs. Random plans of the shapes the engine builds (a word = an OR of
// scaled alternatives, some of them AND groups; the words ANDed or ORed),
// random filters and pages: the page's documents and order must be
// Xapian's, its weights within 1e-12 relative. Most answers must come from
// the weights computed in top_k (no Xapian weighing), so that the
// comparison tests that code and not the fallback.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <xapian.h>

#include "engine_fixtures.h"
#include "plan_builder.h"
#include "index/index_dir.h"
#include "search/match_set.h"
#include "search/top_k.h"

using namespace engine_test;
using namespace plan_test;
namespace ps = palveluhaku::search;

namespace {

const Xapian::BM25Weight kBm25(1.2, 0, 1, 0.75, 0.5);
const ps::Bm25Params kParams{1.2, 0.75, 0.5};

// A random query of the engine's kind: 1-3 words of 1-4 alternatives, the
// first at factor 1, a quarter of them AND groups of two or three terms.
Built random_query(std::mt19937& rng, const std::vector<std::string>& vocab) {
  std::uniform_int_distribution<std::size_t> pick(0, vocab.size() - 1);
  const double factors[] = {1.0, 0.75, 0.6, 0.35, 0.2, 1.0 / 3};
  std::uniform_int_distribution<int> fpick(0, 5);
  std::vector<std::vector<Alt>> words(1 + rng() % 3);
  for (auto& word : words) {
    word.resize(1 + rng() % 4);
    for (std::size_t ai = 0; ai < word.size(); ++ai) {
      Alt& a = word[ai];
      a.factor = ai == 0 ? 1.0 : factors[fpick(rng)];
      a.terms.resize(rng() % 4 == 0 ? 2 + rng() % 2 : 1);
      for (auto& t : a.terms) t = vocab[pick(rng)];
    }
  }
  const bool relaxed = rng() % 3 == 0;
  return build(words, relaxed);
}

struct Tally {
  std::size_t pages = 0, own = 0, xapian = 0, hits = 0, ties = 0, beyond_probe = 0;
};

// Runs `rounds` random queries with random filters and pages over `db`,
// comparing bounded_top_k's pages with Xapian's full match.
void differential(Xapian::Database& db, const std::vector<std::string>& vocab, unsigned seed, int rounds, Tally& tally) {
  std::mt19937 rng(seed);
  ps::PostingCache cache("test", 8u << 20);
  std::vector<float> acc;
  const Xapian::docid maxd = db.get_lastdocid();
  for (int r = 0; r < rounds; ++r) {
    const Built b = random_query(rng, vocab);
    ps::DocBitmap matched;
    ps::match_bitmap(db, b.q, &cache, matched);
    // A filter: every document, or about a half, a quarter.
    const unsigned keep = static_cast<unsigned>(rng() % 3);
    ps::DocBitmap passed(maxd);
    std::vector<Xapian::docid> passed_ids;
    matched.for_each([&](Xapian::docid d) {
      if (keep == 0 || (d * 2654435761u + seed) % (keep * 2) == 0) {
        passed.set(d);
        passed_ids.push_back(d);
      }
    });
    const std::size_t offsets[] = {0, 1, 3, 10};
    const std::size_t sizes[] = {1, 3, 5, 10};
    const std::size_t offset = offsets[rng() % 4];
    const std::size_t per_page = sizes[rng() % 4];
    if (passed_ids.size() <= offset + per_page) continue;
    Xapian::Enquire full(db);
    auto* only = new ps::DocListSource(passed_ids);
    full.set_query(keep == 0 ? b.q : Xapian::Query(Xapian::Query::OP_FILTER, b.q, Xapian::Query(only->release())));
    if (keep == 0) delete only;
    full.set_weighting_scheme(kBm25);
    const Xapian::MSet want = full.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(per_page));
    auto weigh = [&](std::vector<Xapian::docid> c, Xapian::doccount first, Xapian::doccount max) {
      auto* src = new ps::DocListSource(std::move(c));
      Xapian::Enquire e(db);
      e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, b.q, Xapian::Query(src->release())));
      e.set_weighting_scheme(kBm25);
      return e.get_mset(first, max);
    };
    // Passing documents as a list (the search's hits) or as the bitmap.
    std::vector<std::pair<Xapian::docid, double>> hits;
    if (rng() % 2 == 0)
      for (Xapian::docid d : passed_ids) hits.emplace_back(d, 0.0);
    const auto top = ps::bounded_top_k(db, cache, b.plan, kParams, hits, passed, offset, per_page, acc, weigh);
    INFO("query " << b.q.get_description() << " offset " << offset << " per_page " << per_page << " passing "
                  << passed_ids.size());
    REQUIRE(top.has_value());
    ++tally.pages;
    (top->weighed == 0 ? tally.own : tally.xapian)++;
    if (top->computed > offset + per_page + 10) ++tally.beyond_probe;
    REQUIRE(top->page.size() == want.size());
    for (Xapian::doccount i = 0; i < want.size(); ++i) {
      INFO("item " << i);
      CHECK(top->page[i].first == *want[i]);
      const double w = want[i].get_weight();
      CHECK(std::abs(top->page[i].second - w) <= 1e-12 * w);
      if (i > 0 && want[i].get_weight() == want[i - 1].get_weight()) ++tally.ties;
      ++tally.hits;
    }
    CHECK(std::all_of(acc.begin(), acc.end(), [](float f) { return f == 0.0f; }));
  }
}

// A database of `n` documents over the terms t0..t11 (each with its own
// frequency), wdfs mostly 1-4 and sometimes 40-900, a filler term that
// varies the lengths, and every tenth document a copy of the one before
// (exact ties).
std::string generated_db(const std::string& dir, int n) {
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  std::mt19937 rng(7);
  Xapian::Document prev;
  for (int i = 0; i < n; ++i) {
    if (i % 10 == 9) {
      db.add_document(prev);
      continue;
    }
    Xapian::Document doc;
    for (int t = 0; t < 12; ++t) {
      if (rng() % 100 >= static_cast<unsigned>(8 + 6 * t)) continue;
      const unsigned r = rng() % 50;
      const Xapian::termcount wdf = r == 0 ? 40 + rng() % 860 : 1 + r % 4;
      doc.add_term("t" + std::to_string(t), wdf);
    }
    doc.add_term("filler", 1 + rng() % (i % 7 == 0 ? 400 : 30));
    db.add_document(doc);
    prev = doc;
  }
  db.commit();
  return dir;
}

}  // namespace

TEST_CASE("bounded_top_k equals Xapian's full match on a generated database", "[search][topk]") {
  TempDir dir;
  Xapian::Database db(generated_db(dir.str() + "/db", 1500));
  std::vector<std::string> vocab;
  for (int t = 0; t < 12; ++t) vocab.push_back("t" + std::to_string(t));
  Tally tally;
  differential(db, vocab, 11, 400, tally);
  INFO("pages " << tally.pages << " own " << tally.own << " xapian " << tally.xapian << " ties " << tally.ties);
  CHECK(tally.pages > 300);
  CHECK(tally.own > tally.pages * 8 / 10);  // the weights computed here answer most pages
  CHECK(tally.ties > 20);                   // equal weights on pages (the copies)
  CHECK(tally.beyond_probe > 0);            // documents outside the probe were weighed too
}

TEST_CASE("bounded_top_k equals Xapian's full match on the sample index", "[search][topk]") {
  TempDir dir;
  const std::string s = PALVELUHAKU_SOURCE_DIR "/data/sample/";
  auto imp = import_sources({s + "pirkanmaa-services.jsonl", s + "daycare-units.jsonl", s + "ngo-services.csv",
                             s + "parish-services.csv"});
  REQUIRE(imp.records.size() > 400);
  rebuild_index(dir.index(), imp.records, index_options());
  Xapian::Database db(dir.index() + "/" + palveluhaku::index::live_generation(dir.index()));
  // Words of every frequency: the 60 most frequent plain terms and 40 of
  // the rest.
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    const std::string w = *t;
    if (w.size() >= 3 && w[0] >= 'a' && w[0] <= 'z' && t.get_termfreq() >= 3) terms.emplace_back(t.get_termfreq(), w);
  }
  std::sort(terms.rbegin(), terms.rend());
  REQUIRE(terms.size() > 200);
  std::vector<std::string> vocab;
  for (std::size_t i = 0; i < terms.size() && vocab.size() < 100; i += i < 60 ? 1 : terms.size() / 40)
    vocab.push_back(terms[i].second);
  Tally tally;
  differential(db, vocab, 5, 600, tally);
  INFO("pages " << tally.pages << " own " << tally.own << " xapian " << tally.xapian << " ties " << tally.ties);
  CHECK(tally.pages > 200);
  CHECK(tally.own > tally.pages * 8 / 10);
  CHECK(tally.hits > 800);
}

// A plan that needs Xapian's weighing (a wildcard, an extra weight) still
// gives Xapian's page, with Xapian's MSet for the snippets' stats.
TEST_CASE("bounded_top_k: Xapian weighs a wildcard's plan", "[search][topk]") {
  TempDir dir;
  Xapian::Database db(generated_db(dir.str() + "/db", 600));
  ps::ScorePlan plan;
  plan.leaves.push_back({"t1", 1.0, 0});
  plan.leaves.push_back({"t", 0.5, 0, 10});
  const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("t1"),
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                      Xapian::Query(Xapian::Query::OP_WILDCARD, "t", 10,
                                                    Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                                      0.5));
  ps::PostingCache cache("test", 8u << 20);
  ps::DocBitmap passed;
  ps::match_bitmap(db, q, &cache, passed);
  std::vector<float> acc;
  auto weigh = [&](std::vector<Xapian::docid> c, Xapian::doccount first, Xapian::doccount max) {
    auto* src = new ps::DocListSource(std::move(c));
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(src->release())));
    e.set_weighting_scheme(kBm25);
    return e.get_mset(first, max);
  };
  Xapian::Enquire full(db);
  full.set_query(q);
  full.set_weighting_scheme(kBm25);
  const Xapian::MSet want = full.get_mset(2, 5);
  const auto top = ps::bounded_top_k(db, cache, plan, kParams, {}, passed, 2, 5, acc, weigh);
  REQUIRE(top.has_value());
  CHECK(top->weighed > 0);
  CHECK(top->computed == 0);
  REQUIRE(top->mset.has_value());
  REQUIRE(top->page.size() == 5);
  for (Xapian::doccount i = 0; i < 5; ++i) {
    CHECK(top->page[i].first == *want[i]);
    CHECK(top->page[i].second == want[i].get_weight());
  }
}
