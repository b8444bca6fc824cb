#include "search/term_weights.h"

#include <algorithm>
#include <memory>

namespace palveluhaku::search {

namespace {

// A term's termfreq and the wdf upper bound of its postlist just opened
// (glass: no entry but the first one's wdf exceeds the collection frequency
// less that wdf), cached per revision under "S" + term.
std::pair<Xapian::doccount, Xapian::termcount> term_stats(const Xapian::Database& db, const std::string& term,
                                                          PostingCache* cache) {
  std::string key;
  if (cache) {
    key.reserve(term.size() + 1);
    key.append(1, 'S').append(term);
    if (auto hit = cache->get(key)) return {hit->termfreq, hit->wdf_bound};
  }
  const Xapian::doccount tf = db.get_termfreq(term);
  Xapian::termcount wdf_ub = 0;
  if (tf > 0) {
    const Xapian::termcount first_wdf = db.postlist_begin(term).get_wdf();
    const Xapian::termcount cf = db.get_collection_freq(term);
    wdf_ub = std::max(first_wdf, cf - first_wdf);
  }
  if (cache) {
    auto entry = std::make_shared<DocList>();
    entry->termfreq = tf;
    entry->wdf_bound = wdf_ub;
    cache->put(key, std::move(entry));
  }
  return {tf, wdf_ub};
}

}  // namespace

std::optional<TermWeights> plan_termweights(const Xapian::Database& db, const ScorePlan& plan, const Bm25Params& p,
                                            PostingCache* cache) {
  if (!plan.complete) return std::nullopt;
  for (const auto& l : plan.leaves)
    if (l.wildcard_max > 0) return std::nullopt;
  TermWeights out;
  out.reserve(plan.leaves.size());
  const double n = db.get_doccount();
  // BM25Weight::init's len_factor (k2 = 0 and k1, b != 0: 1 / average length).
  double len_factor = db.get_avlength();
  if (len_factor != 0) len_factor = 1 / len_factor;
  const Xapian::termcount doclen_lb = db.get_doclength_lower_bound();
  for (const auto& leaf : plan.leaves) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == leaf.term; });
    if (it == out.end()) {
      out.emplace_back(leaf.term, 0.0);
      it = out.end() - 1;
    }
    if (leaf.factor == 0.0 || leaf.term.empty()) continue;  // not weighted
    const auto [tf, wdf_ub] = term_stats(db, leaf.term, cache);
    if (tf == 0) continue;
    // BM25Weight::get_maxpart at the leaf's factor (init with wqf 1): the
    // sumpart of the postlist's wdf bound in the shortest document that could
    // hold it.
    const double wdf_max = wdf_ub;
    const double doclen = std::max(wdf_max, static_cast<double>(doclen_lb));
    it->second += sumpart(termweight(n, tf, leaf.factor, p), wdf_max, doclen, len_factor, p);
  }
  return out;
}

}  // namespace palveluhaku::search
