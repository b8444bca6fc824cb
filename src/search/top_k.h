// top_k.h — the page of a broad relevance search from a few candidates.
//
// Xapian's top-k match weighs every document the query matches: with
// thousands of matches that was a third of a search's time (a one-word
// search ORs 4-10 alternatives, and BM25's max-weight pruning skips little).
// Here an upper bound of every passing document's BM25 weight is summed
// from cached per-term lists (each posting's weight at factor 1, rounded up,
// per database revision), and Xapian weighs only candidates:
//  1. the M documents with the highest bounds (M = k + 10 for the top k =
//     offset + per_page) are weighed by Xapian (OP_FILTER over them): their
//     true weights, and T = the k-th best of them;
//  2. any other passing document whose bound reaches T could still rank; if
//     there is none, the probe's ranking is the answer, else Xapian weighs
//     the probe's top k plus those.
// The result is exactly Xapian's (same documents, order and weights: the
// candidates are weighed by the same query, and every document left out has
// a true weight below T). The bound counts an AND group of a word's
// alternatives where all its terms occur and every other leaf wherever its
// term occurs (the words' AND is the match set itself). Xapian 1.4 weighs
// each leaf with its own wqf (1), also for a term that occurs twice in the
// query; every probed document is checked against its bound, and a
// violation (a Xapian whose BM25 differs from the formula here) falls back
// to the full match. At 100k the probed weights are within the 1e-4 margin
// of their bounds (S/U 0.9999). A wildcard is bounded as the sum of its
// expansion's terms at the termweight of the most frequent one (top_k.cpp).
// A plan that is not `complete` is not handled.
//
// Threading: reentrant; `acc` is the caller's (one per worker).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <xapian.h>

#include "search/match_set.h"
#include "search/query_builder.h"

namespace palveluhaku::search {

// The BM25Weight parameters the engine uses (k2 = 0, k3 = 1).
struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
  double min_normlen = 0.5;
};

// Xapian's weighting of the query over sorted candidate docids: the MSet of
// items [first, first + max).
using WeighCandidates =
    std::function<Xapian::MSet(std::vector<Xapian::docid> candidates, Xapian::doccount first, Xapian::doccount max)>;

struct TopK {
  Xapian::MSet mset;       // holds the page from item `first` on
  Xapian::doccount first = 0;
  std::size_t weighed = 0;  // candidates Xapian weighed (both runs)
};

// The items [offset, offset + per_page) of the query's ranking among the
// passing documents (`passed_ids` ascending, or if empty every member of
// `passed_bits`), or nullopt when the plan cannot bound the query or a bound
// failed (then the caller runs the full match). `acc` is scratch indexed by
// docid, all zero on entry and on return.
// `extra` (may be empty) bounds what the query weighs beyond the plan for a
// document (the near-me weight of an OP_AND_MAYBE).
std::optional<TopK> bounded_top_k(Xapian::Database& db, PostingCache& cache, const ScorePlan& plan,
                                  const Bm25Params& params,
                                  const std::vector<std::pair<Xapian::docid, double>>& passed_ids,
                                  const DocBitmap& passed_bits, std::size_t offset, std::size_t per_page,
                                  std::vector<float>& acc, const WeighCandidates& weigh,
                                  const std::function<float(Xapian::docid)>& extra = {});

}  // namespace palveluhaku::search
