// The Analyzer's word caches are bounded by AnalyzerOptions (analysis.h): a
// stream of ever-new query words (what a long-running server sees, or an
// attacker sends) cannot grow one Analyzer's memory beyond the bound, and
// answers are the same whether the cache was emptied in between or not.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "palveluhaku/analysis.h"

using palveluhaku::AnalysisResources;
using palveluhaku::Analyzer;
using palveluhaku::AnalyzerOptions;
using palveluhaku::IndexTerm;
using palveluhaku::Lang;

namespace {

std::shared_ptr<const AnalysisResources> resources() {
  static auto res = AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config");
  return res;
}

// Distinct made-up words (new vocabulary for every query), deterministic.
std::vector<std::string> made_up_words(std::size_t n) {
  static const char* syl[] = {"ka", "lo", "mi", "ne", "pu", "ri", "so", "ta", "vu", "hy", "jä", "kö"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i)  // distinct for i < 12^3
    out.push_back(std::string(syl[i % 12]) + syl[(i / 12) % 12] + syl[(i / 144) % 12] + "lvo");
  return out;
}

// The terms of a query as one string, for comparing two Analyzers.
std::string query_terms(Analyzer& a, const std::string& q) {
  std::string out;
  for (const auto& w : a.analyze_query(q, Lang::fi))
    for (const auto& alt : w.alternatives)
      for (const auto& t : alt.terms) out += t + " ";
  return out;
}

}  // namespace

TEST_CASE("analysis cache bound: new words never grow an Analyzer beyond its options", "[analysis]") {
  const auto words = made_up_words(600);
  struct Case {
    AnalyzerOptions opts;
    std::size_t bound;  // 4 x cache_entries + 2 x suggestion_entries
  };
  const std::vector<Case> cases = {
      {{50, 10}, 4 * 50 + 2 * 10},
      {{200, 20}, 4 * 200 + 2 * 20},
      {{1, 1}, 4 + 2},
  };
  for (const auto& c : cases) {
    Analyzer a(resources(), c.opts);
    std::size_t most = 0;
    for (std::size_t i = 0; i + 1 < words.size(); i += 2) {
      a.analyze_query(words[i] + " " + words[i + 1], Lang::fi);
      most = std::max(most, a.cached_entries());
    }
    INFO("cache_entries " << c.opts.cache_entries << ", suggestion_entries " << c.opts.suggestion_entries);
    CHECK(most <= c.bound);
    CHECK(most > 0);
  }
  // The default bound is far above 600 words: the same stream keeps them all,
  // so the bounded runs above really emptied their caches.
  Analyzer unbounded(resources());
  for (std::size_t i = 0; i + 1 < words.size(); i += 2)
    unbounded.analyze_query(words[i] + " " + words[i + 1], Lang::fi);
  CHECK(unbounded.cached_entries() > 4 * 200 + 2 * 20);
}

TEST_CASE("analysis cache bound: an emptied cache gives the same analysis", "[analysis]") {
  Analyzer tiny(resources(), AnalyzerOptions{2, 1});
  Analyzer big(resources());
  const std::vector<std::string> queries = {
      "perheneuvolaan", "äitiysneuvola lastenneuvola", "kerho 3-vuotiaille", "aitiysnevola",
      "perhekahvila tampereella", "MLL:n perhekahvila", "perheneuvolaan", "päiväkoti eskari"};
  for (int round = 0; round < 2; ++round)
    for (const auto& q : queries) {
      INFO(q);
      CHECK(query_terms(tiny, q) == query_terms(big, q));
    }
  std::vector<std::string> a_terms, b_terms;
  const std::string text = "Perheneuvola auttaa lapsiperheitä. Äitiys- ja lastenneuvola Tampereella.";
  tiny.index_terms(text, Lang::fi, [&](const IndexTerm& t) { a_terms.push_back(t.term); });
  big.index_terms(text, Lang::fi, [&](const IndexTerm& t) { b_terms.push_back(t.term); });
  CHECK(a_terms == b_terms);
}
