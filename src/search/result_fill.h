// result_fill.h — filling a short text result: the documents that match all
// words first, then those that match only some words, then related services
// (sharing the service classes of the top hits).
//
// A parent's query often matches one or two services exactly while the
// neighbouring services (the child-health clinic beside the maternity clinic,
// family work beside "exhausted parents") match only some of its words or
// none. The result list is therefore made of tiers, one after the other, and
// a document appears only in its first tier:
//   1. all words      — the strict (AND) query; its count is SearchResult::total
//   2. some words     — the relaxed (OR) query AND_NOT the strict one
//   3. related        — related_query() AND_NOT the relaxed query
// Tiers 2 and 3 only fill: the list is extended up to fill_target(), i.e. to
// the end of the page on which the strict results end, never further.
// On that page the all-words and some-words documents are ordered on one
// scale (on_match_scale(), merge_ranked()): a some-words document that
// matches the query's rare words strongly may come before an all-words
// match that has them only once in its description. The page keeps the
// same documents; only their order changes.
//
// Threading: pure functions; related_query() reads `db` (one thread's handle).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/query_builder.h"

namespace palveluhaku::search {

// Length of the whole result list when `strict_total` documents match all
// words and `per_page` are shown per page: the end of the page on which the
// strict results end (at least one page). Fill documents extend the list up
// to this length and no further.
std::size_t fill_target(std::size_t strict_total, std::size_t per_page);

// One slice of a tier to fetch for a page: `count` documents starting at
// rank `start` of tier `tier` (0-based).
struct TierSlice {
  std::size_t tier = 0;
  std::size_t start = 0;
  std::size_t count = 0;
};

// Where the page [offset, offset + count) falls in the list made of tiers of
// sizes `tier_sizes` one after the other (sizes already capped to what may be
// shown). Slices are in list order; empty tiers and tiers outside the page
// give no slice. Pure.
std::vector<TierSlice> page_slices(std::size_t offset, std::size_t count,
                                   const std::vector<std::size_t>& tier_sizes);

struct RelatedOptions {
  // Top hits whose classes and text are used. With the text similarity one
  // is best: the second and third hit are often already a neighbour or a
  // wrong match, and their words pull the fill away from the need (dev half
  // of the quality benchmark: 1 seed 0.810, 2 0.802, 3 0.801). Default: 1.
  std::size_t seeds = 1;
  // Weight of the related tier's documents: a document's weight is the sum,
  // over the service classes it shares with seed i (0-based), of
  // idf(class) / (i + 1), times this scale. Default: 0.1 (below any text match
  // in the same list).
  double scale = 0.1;
  // Text similarity (pseudo-relevance feedback): the `text_terms` best
  // expand terms of the seeds (Xapian::ESet with the seeds as the relevant
  // documents: the words that best tell them from the rest of the index),
  // OR'ed, their BM25 weight times `text_scale`, added to the class weights.
  // Finds the neighbouring services that share no most specific class (the
  // family counselling clinic is alone in P3.7). 0 = classes only.
  // Defaults: 50 terms, 0.03 (a text match then weighs about as much as a
  // shared class).
  std::size_t text_terms = 50;
  double text_scale = 0.03;
};

// The text-similarity part of related_query() alone: the opts.text_terms
// best expand terms of the first opts.seeds `seeds`, OR'ed, scaled by
// opts.text_scale; MatchNothing (an empty Query) without seeds or terms.
// `plan` (may be null) receives the query's weighted leaves (top_k.h): each
// term at factor opts.text_scale.
Xapian::Query like_seeds(const Xapian::Database& db, const std::vector<Xapian::docid>& seeds,
                         const RelatedOptions& opts = {}, ScorePlan* plan = nullptr);

// The some-words tier: the documents of `relaxed` (the OR of the query's
// words) that `strict` (their AND) does not match, ranked by their BM25
// weight plus how like `first_hit`'s text theirs is (like_seeds() with
// `like`; 0 = no first hit, plain BM25). Of two documents sharing one word of
// "vanhempien jaksaminen", the one about the same kind of service as the
// best match comes first. What matches is the same either way.
struct SomeWordsOptions {
  // text_scale 0.3: the likeness weighs about as much as one more word
  // matched (chosen on the dev half: 0.01 0.813, 0.1 0.814, 0.3 0.818, 1
  // 0.817, 3 0.813; 0 = 0.810). Defaults: seeds 1, text_terms 50, text_scale 0.3.
  RelatedOptions like = [] {
    RelatedOptions o;
    o.text_scale = 0.3;
    return o;
  }();
};
// `plan` (may be null) holds the weighted leaves of `relaxed` on entry
// (build_text_query's ScorePlan) and receives those of the likeness too:
// `strict` weighs nothing (AND_NOT).
Xapian::Query some_words_query(const Xapian::Database& db, const Xapian::Query& relaxed,
                               const Xapian::Query& strict, Xapian::docid first_hit,
                               const SomeWordsOptions& opts = {}, ScorePlan* plan = nullptr);

// A query matching the documents that share a most specific service class
// (boolean terms with `class_prefix`; ancestors such as "P5" of "P5.2" are
// left out) with the `seeds` (the top hits, best first), weighted by how rare the shared classes are (idf) and by the
// seed's rank, or whose text is like the seeds' (opts.text_terms). MatchNothing
// (an empty Query) if there are no seeds. The seeds themselves match too:
// exclude them with AND_NOT. Cost: the seeds' term lists are read once
// (the expand set), then an OR of at most text_terms terms.
// `plan` and `fixed` (may be null) receive what the query weighs, for an
// upper bound of a document's weight (top_k.h): the likeness's term leaves,
// and each class term with the fixed weight a document that has it gets.
Xapian::Query related_query(const Xapian::Database& db, const std::vector<Xapian::docid>& seeds,
                            const std::string& class_prefix, const RelatedOptions& opts = {},
                            ScorePlan* plan = nullptr, std::vector<std::pair<std::string, double>>* fixed = nullptr);

// The weights of some-words documents on the scale of the all-words
// matches' BM25 weights: a document's BM25 weight for `relaxed` (the OR of
// the query's words, without the likeness of some_words_query()) times the
// share of the query's word weight that it covers, to the power
// `coverage_power`. A word weighs its idf (the largest of its terms',
// log(N / df); log(N) if it has no plain term, e.g. a prefix only); a
// document covers the words whose query (`words`, word_queries() of
// query_builder.h) it matches. An all-words match covers everything, so its
// BM25 weight is its weight on this scale. `scheme` is the engine's BM25.
// One weight per document of `docs`, in that order.
// Cost: one Xapian match over `docs` only for `relaxed` and for each word.
std::vector<double> on_match_scale(const Xapian::Database& db, const Xapian::Query& relaxed,
                                   const std::vector<Xapian::Query>& words, const std::vector<Xapian::docid>& docs,
                                   const Xapian::Weight& scheme, double coverage_power);

// Default of on_match_scale()'s coverage_power: 1.5. Chosen on the quality
// benchmark (bench/README.md): the dev half is flat between 0.5 and 1.5
// (0.836, 0.835, 0.834), 2 and more give back the gain (0.834 -> 0.829 at
// 8, which is the tiers as before).
inline constexpr double kCoveragePower = 1.5;

// Two ranked lists on one scale as one: each keeps its own order, and at
// each place the head of higher weight comes first (the first list on a
// tie). The some-words list is ranked by its own weight (with the likeness
// to the first hit), so it is merged, not sorted. Returns, for each place,
// 0 (from `first`) or 1 (from `second`). Pure.
std::vector<int> merge_ranked(const std::vector<double>& first, const std::vector<double>& second);

}  // namespace palveluhaku::search
