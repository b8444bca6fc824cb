// top_k.h — the page of a broad relevance search from a few candidates.
//
// Xapian's top-k match weighs every document the query matches: with
// thousands of matches that was a third of a search's time (a one-word
// search ORs 4-10 alternatives, and BM25's max-weight pruning skips little).
// Here an upper bound of every passing document's BM25 weight is summed
// from cached per-term lists (each posting's weight at factor 1, rounded up
// to a float, per database revision), and only candidates are weighed:
//  1. the M documents with the highest bounds (M = k + 10 for the top k =
//     offset + per_page) are the probe;
//  2. their exact weights are computed here (below), T = the k-th best;
//  3. any other passing document whose bound reaches T (less 1e-6) could
//     still rank: it is weighed too (the heap's smallest bound tells
//     whether a pass over the passing documents is needed at all).
// Exact weights: a posting's wdf is recovered from its stored weight and
// the document's length (a per-revision array, 4 bytes a document, in the
// PostingCache): the weight grows strictly with the wdf, and the wdf found
// must be the only one that gives the stored float. Each leaf's part is
// then Xapian 1.4's BM25Weight (init at the leaf's factor, k3's wqf factor
// 1, get_sumpart; k2 = 0 adds nothing), summed over the leaves that match
// (an AND group only where all its terms occur). Xapian adds the same parts
// in its postlist tree's order, so the weights here may differ from its own
// in the last bits (~1e-15 relative); where two documents whose order
// decides the page (across its start, on it, across its end) are within
// 1e-9 relative of each other, Xapian weighs, unless every part of the two
// is the same (then Xapian's sums are equal too and the lower docid ranks
// first). The page's documents and order are therefore Xapian's; its
// weights are the ones computed here (tests/unit/top_k_test.cpp compares
// both with Xapian's full match).
//
// Xapian weighs the candidates instead (OP_FILTER over them, `weigh`; steps
// 2 and 3 with its weights) for a plan with a wildcard (Xapian weighs its
// expansion at an estimated frequency), with an `extra` weight (near-me,
// the related classes' fixed weights), when a wdf cannot be recovered, a
// weight exceeds its bound (a Xapian whose BM25 differs from the formula
// here) or at such a close call. The bound counts an AND group where all
// its terms occur and every other leaf wherever its term occurs (the
// words' AND is the match set itself). Xapian 1.4 weighs each leaf with its
// own wqf (1), also for a term that occurs twice in the query. A wildcard
// is bounded as the sum of its expansion's terms at the termweight of the
// most frequent one (top_k.cpp). A plan that is not `complete` is not
// handled.
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

// BM25's termweight of a term in `tf` of `n` documents at `factor` (the
// product of the OP_SCALE_WEIGHT factors above its leaf), in Xapian 1.4
// BM25Weight::init's order of operations: log(tw) * factor (negative idfs
// mapped to small positive ones), times k3's wqf factor (k3 + 1) wqf / (k3 +
// wqf), which is exactly 1 for k3 = 1 and wqf 1, then times k1 + 1.
double termweight(double n, double tf, double factor, const Bm25Params& p);

// BM25Weight::get_sumpart of a posting of `wdf` in a document of `doclen` at
// `termweight` (len_factor: 1 / the average length). With the postlist's wdf
// bound and max(that bound, the doclength lower bound) it is get_maxpart.
double sumpart(double tw, double wdf, double doclen, double len_factor, const Bm25Params& p);

// Xapian's weighting of the query over sorted candidate docids: the MSet of
// items [first, first + max).
using WeighCandidates =
    std::function<Xapian::MSet(std::vector<Xapian::docid> candidates, Xapian::doccount first, Xapian::doccount max)>;

struct TopK {
  std::vector<std::pair<Xapian::docid, double>> page;  // best first, with weights
  // Xapian's MSet when Xapian weighed (its stats hold the query's
  // termweights, for snippets); none when the weights were computed here.
  std::optional<Xapian::MSet> mset;
  std::size_t weighed = 0;   // candidates Xapian weighed (both runs)
  std::size_t computed = 0;  // candidates weighed here
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
