// term_weights.h — the termweights Xapian 1.4's MSet::get_termweight reports
// for a query, computed from the database's statistics without a match.
//
// The snippets rank passages by the query's termweights (snippet.h). When
// the engine computed the page itself (top_k.h) there is no MSet of the
// query, and a get_mset(0, 0) only for its statistics cost ~3 % of a search
// (an Enquire, the postlist tree, the stats maps). Xapian's termweight of a
// term is the sum, over the term's weighted leaves in the order the matcher
// opens them (the query's leaf order), of each leaf's BM25Weight::get_maxpart:
// init at the leaf's factor (the product of the OP_SCALE_WEIGHT factors above
// it, 0 = unweighted) and wqf 1, with the wdf bound of the leaf's postlist
// just opened (glass: max(the first posting's wdf, the collection frequency
// less it); not Database::get_wdf_upper_bound, the database-wide bound), the
// database's document length lower bound and average length; a leaf of a
// term the database does not have adds nothing (LocalSubMatch::open_post_list
// skips set_max_part at termfreq 0). Every term of the query has a
// termweight, 0 if no leaf weighs it. The same operations in the same order
// give the same doubles (tests/unit/term_weights_test.cpp compares them with
// MSet::get_termweight on real databases, for repeated terms, scaled and
// zero-weighted leaves, OR/AND, split words and absent terms).
//
// Not handled (nullopt): a plan that is not `complete` (OP_SYNONYM leaves)
// or has a wildcard, whose terms Xapian weighs as a synonym at an estimated
// frequency.
//
// Threading: reentrant (the database is the caller's; the cache is
// thread-safe).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search/match_set.h"
#include "search/query_builder.h"
#include "search/top_k.h"

namespace palveluhaku::search {

// (term, termweight) for every term of the plan, in first-occurrence order.
using TermWeights = std::vector<std::pair<std::string, double>>;

// The termweights of the query `plan` was built with, as the MSet of an
// Enquire with BM25Weight(p.k1, 0, 1, p.b, p.min_normlen) over `db` (one
// database) reports them; nullopt for a plan that is not handled. `cache`
// (may be null; for `db`'s revision) keeps each term's termfreq and wdf
// bound (three look-ups in the database otherwise).
std::optional<TermWeights> plan_termweights(const Xapian::Database& db, const ScorePlan& plan, const Bm25Params& p,
                                            PostingCache* cache = nullptr);

}  // namespace palveluhaku::search
