#include "search/top_k.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

namespace palveluhaku::search {

double termweight(double n, double tf, double factor, const Bm25Params& p) {
  double tw = (n - tf + 0.5) / (tf + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  return std::log(tw) * factor * (p.k1 + 1);
}

double sumpart(double tw, double wdf, double doclen, double len_factor, const Bm25Params& p) {
  const double normlen = std::max(doclen * len_factor, p.min_normlen);
  const double denom = p.k1 * (normlen * p.b + (1 - p.b)) + wdf;
  return denom > 0 ? tw * (wdf / denom) : tw;
}

namespace {

// Relative headroom of every bound over the float sums (each posting's
// weight is rounded up, a sum of m floats errs by at most ~m * 6e-8).
constexpr double kMargin = 1e-4;

float round_up(double w) {
  float f = static_cast<float>(w);
  if (static_cast<double>(f) < w) f = std::nextafter(f, HUGE_VALF);
  return f;
}

// The postings of `term` with each one's BM25 weight at factor 1 and wqf 1,
// as Xapian 1.4's BM25Weight computes it (init + get_sumpart, k2 = 0), rounded
// up to a float. Cached per revision under "W" + term.
std::shared_ptr<const DocList> weighted_postings(Xapian::Database& db, PostingCache& cache, const std::string& term,
                                                 const Bm25Params& p) {
  std::string key(1, 'W');
  key.append(term);
  if (auto hit = cache.get(key)) return hit;
  auto list = std::make_shared<DocList>();
  const double tf = db.get_termfreq(term);
  if (tf > 0) {
    const double tw = termweight(db.get_doccount(), tf, 1.0, p);
    const double avlen = db.get_avlength();
    const double len_factor = avlen != 0 ? 1 / avlen : 0;
    list->ids.reserve(static_cast<std::size_t>(tf));
    list->weights.reserve(static_cast<std::size_t>(tf));
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      list->ids.push_back(*it);
      list->weights.push_back(round_up(sumpart(tw, it.get_wdf(), it.get_doclength(), len_factor, p)));
    }
  }
  cache.put(key, list);
  return list;
}

// An upper bound of an OP_WILDCARD's weight at factor 1 per document, cached
// per revision under "X<max>:" + pattern. Xapian weighs the expansion as one
// OP_SYNONYM: the sumpart of the summed wdf (capped at the document length)
// at the termweight of the synonym's estimated frequency (at least that of
// its most frequent term, and at least the estimate below less its rounding);
// so the bound is the sumpart of the summed wdf at the termweight of that
// lower frequency. The expansion is every term with
// the prefix, or if more than `max`, the `max` most frequent and any as
// frequent as the last of them (a superset of Xapian's choice).
std::shared_ptr<const DocList> wildcard_postings(Xapian::Database& db, PostingCache& cache, const std::string& pattern,
                                                 unsigned max, const Bm25Params& p) {
  std::string key(1, 'X');
  key.append(std::to_string(max)).append(1, ':').append(pattern);
  if (auto hit = cache.get(key)) return hit;
  auto list = std::make_shared<DocList>();
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  for (auto t = db.allterms_begin(pattern); t != db.allterms_end(pattern); ++t) terms.emplace_back(t.get_termfreq(), *t);
  std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  // Xapian's estimate of the synonym's frequency: OR nodes over the terms,
  // each P(l or r) = P(l) + P(r) - P(l) P(r) rounded to a count. Any `max`
  // most frequent terms give the same product; the rounding errs by at most
  // 0.5 a node.
  const double n_docs = db.get_doccount();
  const std::size_t chosen = max > 0 ? std::min<std::size_t>(terms.size(), max) : terms.size();
  double none = 1.0;
  for (std::size_t i = 0; i < chosen; ++i) none *= 1.0 - terms[i].first / n_docs;
  if (max > 0 && terms.size() > max) {
    const Xapian::doccount cut = terms[max - 1].first;
    while (!terms.empty() && terms.back().first < cut) terms.pop_back();
  }
  if (!terms.empty()) {
    const double max_tf = terms.front().first;
    const double est = std::max(max_tf, n_docs * (1.0 - none) - static_cast<double>(chosen));
    const double tw = termweight(n_docs, est, 1.0, p);
    const double avlen = db.get_avlength();
    const double len_factor = avlen != 0 ? 1 / avlen : 0;
    const std::size_t n = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    std::vector<double> wdf(n, 0.0), len(n, 0.0);
    for (const auto& t : terms)
      for (auto it = db.postlist_begin(t.second); it != db.postlist_end(t.second); ++it)
        if (*it < n) {
          wdf[*it] += it.get_wdf();
          len[*it] = it.get_doclength();
        }
    for (std::size_t d = 0; d < n; ++d)
      if (wdf[d] > 0) {
        list->ids.push_back(static_cast<Xapian::docid>(d));
        list->weights.push_back(round_up(sumpart(tw, wdf[d], len[d], len_factor, p)));
      }
  }
  cache.put(key, list);
  return list;
}

// The documents (up to maxd) with every term of an AND group and each
// member's weight there (member-major: weights[m * ids.size() + j]), cached
// per revision under "G" + the members' keys in the plan's order; built
// from the shortest member's list, each other member's cursor galloping
// forward (a binary search over a long list per document cost more than
// Xapian's own match). A search then only adds them up.
template <class Member>
std::shared_ptr<const DocList> group_postings(PostingCache& cache, const std::vector<const Member*>& members,
                                              Xapian::docid maxd) {
  std::string key(1, 'G');
  key.append(std::to_string(maxd)).append(1, ':');
  for (const auto* m : members) key.append(m->key).append(1, '\0');
  if (auto hit = cache.get(key)) return hit;
  std::size_t shortest = 0;
  for (std::size_t mi = 1; mi < members.size(); ++mi)
    if (members[mi]->list->ids.size() < members[shortest]->list->ids.size()) shortest = mi;
  std::vector<std::size_t> pos(members.size(), 0);
  std::vector<std::vector<float>> w(members.size());
  auto list = std::make_shared<DocList>();
  for (Xapian::docid d : members[shortest]->list->ids) {
    if (d > maxd) continue;
    bool all = true;
    for (std::size_t mi = 0; mi < members.size(); ++mi) {
      const auto& mids = members[mi]->list->ids;
      std::size_t lo = pos[mi], step = 1;
      while (lo + step < mids.size() && mids[lo + step] < d) {
        lo += step;
        step *= 2;
      }
      const auto it = std::lower_bound(mids.begin() + static_cast<std::ptrdiff_t>(lo),
                                       mids.begin() + static_cast<std::ptrdiff_t>(std::min(mids.size(), lo + step + 1)), d);
      pos[mi] = static_cast<std::size_t>(it - mids.begin());
      if (it == mids.end() || *it != d) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    list->ids.push_back(d);
    for (std::size_t mi = 0; mi < members.size(); ++mi) w[mi].push_back(members[mi]->list->weights[pos[mi]]);
  }
  list->weights.reserve(list->ids.size() * members.size());
  for (const auto& mw : w) list->weights.insert(list->weights.end(), mw.begin(), mw.end());
  list->ids.shrink_to_fit();
  cache.put(key, list);
  return list;
}

// The length of every document (0 for none), per docid, cached per revision
// under "L" (4 bytes a document). Null when the cache is too small to keep
// it: then it would be read again for every search.
std::shared_ptr<const DocList> doc_lengths(Xapian::Database& db, PostingCache& cache) {
  if (auto hit = cache.get("L")) return hit;
  const std::size_t n = static_cast<std::size_t>(db.get_lastdocid()) + 1;
  if (n * sizeof(Xapian::termcount) + 1024 > cache.max_bytes() / 4) return nullptr;
  auto list = std::make_shared<DocList>();
  list->lengths.assign(n, 0);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    if (*it < n) list->lengths[*it] = it.get_doclength();
  cache.put("L", list);
  return list;
}

// The wdf of a posting from its stored weight (weighted_postings: the
// sumpart at termweight `tw1` (factor 1), rounded up to a float) and the
// document's length: the sumpart grows strictly with the wdf, so the wdf
// solves stored = tw1 wdf / (K + wdf) up to the float's rounding; it is
// checked by recomputing, and must be the only wdf that gives `stored`.
// -1 if none or more than one does.
long recover_wdf(float stored, double tw1, double len, double len_factor, const Bm25Params& p) {
  if (!(tw1 > 0)) return -1;
  const double normlen = std::max(len * len_factor, p.min_normlen);
  const double kk = p.k1 * (normlen * p.b + (1 - p.b));
  const double r = static_cast<double>(stored) / tw1;
  if (!(r >= 0 && r < 1)) return -1;
  const double est = r * kk / (1 - r);
  if (!(est < 1e9)) return -1;
  const auto at = [&](long wdf) { return round_up(sumpart(tw1, static_cast<double>(wdf), len, len_factor, p)); };
  long wdf = std::lround(est);
  if (at(wdf) != stored) {
    if (wdf > 0 && at(wdf - 1) == stored) --wdf;
    else if (at(wdf + 1) == stored) ++wdf;
    else return -1;
  }
  if ((wdf > 0 && at(wdf - 1) == stored) || at(wdf + 1) == stored) return -1;
  return wdf;
}

// Relative distance within which two weights computed here, at a place
// where their order decides the page (across its start, on it, across its
// end), might be ordered otherwise by Xapian: Xapian adds the same parts in
// its postlist tree's order (AND kids by frequency, ORs as a heap-built
// tree), so its sum may differ from the one here by a few ulps (~1e-15).
constexpr double kTieEpsilon = 1e-9;

template <class ForEach>
std::optional<TopK> top_k(Xapian::Database& db, PostingCache& cache, const ScorePlan& plan, const Bm25Params& params,
                          ForEach&& for_each_passed, std::size_t offset, std::size_t per_page,
                          std::vector<float>& acc, const WeighCandidates& weigh,
                          const std::function<float(Xapian::docid)>& extra) {
  const std::size_t k = offset + per_page;
  const Xapian::docid maxd = db.get_lastdocid();
  if (acc.size() < static_cast<std::size_t>(maxd) + 1) acc.resize(static_cast<std::size_t>(maxd) + 1, 0.0f);

  struct Leaf {
    std::shared_ptr<const DocList> list;
    float f;          // the factor with the bound's margin
    double factor;    // the plan's factor
    int group;
    bool wildcard;
    std::string key;  // the list's cache key
  };
  std::vector<Leaf> lists;
  lists.reserve(plan.leaves.size());
  for (const auto& l : plan.leaves) {
    if (!(l.factor > 0)) continue;
    const auto f = static_cast<float>(l.factor * (1 + kMargin));
    const bool wildcard = l.wildcard_max > 0 || l.term.empty();
    std::string key = wildcard ? "X" + std::to_string(l.wildcard_max) + ":" + l.term : "W" + l.term;
    lists.push_back({wildcard ? wildcard_postings(db, cache, l.term, l.wildcard_max, params)
                              : weighted_postings(db, cache, l.term, params),
                     f, l.factor, l.group, wildcard, std::move(key)});
  }
  for (std::size_t i = 0; i < lists.size(); ++i) {
    const auto& ids = lists[i].list->ids;
    const auto& w = lists[i].list->weights;
    const float f = lists[i].f;
    if (lists[i].group == 0) {
      for (std::size_t j = 0; j < ids.size(); ++j)
        if (ids[j] <= maxd) acc[ids[j]] += f * w[j];
      continue;
    }
    // An AND group (each group once, at its first leaf): only documents
    // with every term of the group, from the shortest list.
    bool first_of_group = true;
    for (std::size_t o = 0; o < i; ++o) first_of_group = first_of_group && lists[o].group != lists[i].group;
    if (!first_of_group) continue;
    std::vector<const Leaf*> members;
    for (std::size_t o = i; o < lists.size(); ++o)
      if (lists[o].group == lists[i].group) members.push_back(&lists[o]);
    const auto both = group_postings(cache, members, maxd);
    const std::size_t n = both->ids.size();
    for (std::size_t j = 0; j < n; ++j) {
      float sum = 0;
      for (std::size_t mi = 0; mi < members.size(); ++mi) sum += members[mi]->f * both->weights[mi * n + j];
      acc[both->ids[j]] += sum;
    }
  }
  // Back to all zero on return: the touched entries one by one, or the
  // whole array when the lists hold more postings than a quarter of its
  // entries (a broad word's lists often hold more postings than there are
  // documents; a fill streams, the scattered stores miss the cache).
  struct Reset {
    std::vector<float>& acc;
    const std::vector<Leaf>& lists;
    ~Reset() {
      std::size_t postings = 0;
      for (const auto& l : lists) postings += l.list->ids.size();
      if (postings > acc.size() / 4) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        return;
      }
      for (const auto& l : lists)
        for (Xapian::docid d : l.list->ids)
          if (d < acc.size()) acc[d] = 0.0f;
    }
  } reset{acc, lists};

  // 1. The M highest bounds (a min-heap on the bound).
  const std::size_t m = k + 10;
  std::vector<std::pair<float, Xapian::docid>> heap;
  heap.reserve(m + 1);
  const auto lower = [](const std::pair<float, Xapian::docid>& a, const std::pair<float, Xapian::docid>& b) {
    return a.first > b.first;
  };
  const auto bound = [&](Xapian::docid d) { return extra ? acc[d] + extra(d) : acc[d]; };
  for_each_passed([&](Xapian::docid d) {
    const float u = bound(d);
    if (heap.size() < m) {
      heap.emplace_back(u, d);
      std::push_heap(heap.begin(), heap.end(), lower);
    } else if (u > heap.front().first) {
      std::pop_heap(heap.begin(), heap.end(), lower);
      heap.back() = {u, d};
      std::push_heap(heap.begin(), heap.end(), lower);
    }
  });
  if (heap.size() < k) return std::nullopt;  // cannot happen: the caller asks for fewer than pass
  std::vector<Xapian::docid> probe;
  probe.reserve(heap.size());
  for (const auto& h : heap) probe.push_back(h.second);
  std::sort(probe.begin(), probe.end());
  // Every document outside the probe has a bound of at most the heap's
  // smallest (a document left out or popped had at most the smallest at the
  // time, and that only grows).
  const bool heap_full = heap.size() == m;
  const double outside_max = heap_full ? static_cast<double>(heap.front().first) : -1.0;
  TopK out;

  // 2. The probe's exact weights, computed here: each leaf's sumpart from
  // the posting's wdf (recovered from its stored weight) and the document's
  // length, summed over the leaves that match (an AND group's where all its
  // terms occur). Not for a wildcard (Xapian weighs its expansion at an
  // estimated frequency) nor an `extra` weight.
  const bool own = !extra && std::none_of(lists.begin(), lists.end(), [](const Leaf& l) { return l.wildcard; });
  const auto lens = own ? doc_lengths(db, cache) : nullptr;
  if (lens) {
    const double n_docs = db.get_doccount();
    const double avlen = db.get_avlength();
    const double len_factor = avlen != 0 ? 1 / avlen : 0;
    const std::size_t nl = lists.size();
    std::vector<double> tw1(nl), tw(nl);
    int max_group = 0;
    for (std::size_t i = 0; i < nl; ++i) {
      // A term's list holds all its postings: its size is the termfreq.
      const auto tf = static_cast<double>(lists[i].list->ids.size());
      tw1[i] = termweight(n_docs, tf, 1.0, params);
      tw[i] = termweight(n_docs, tf, lists[i].factor, params);
      max_group = std::max(max_group, lists[i].group);
    }
    std::vector<std::size_t> pos(nl);
    std::vector<char> missing(static_cast<std::size_t>(max_group) + 1);
    struct Cand {
      double w;
      Xapian::docid d;
      std::size_t at;  // its parts: parts[at .. at + nl), -1 for a leaf that does not count
    };
    std::vector<Cand> cands;
    std::vector<double> parts;
    // Weighs ascending docids; false if a wdf cannot be recovered or a
    // weight exceeds its bound (then Xapian weighs).
    const auto weigh_own = [&](const std::vector<Xapian::docid>& docs) {
      std::fill(pos.begin(), pos.end(), 0);
      for (Xapian::docid d : docs) {
        if (d >= lens->lengths.size()) return false;
        const double len = lens->lengths[d];
        const std::size_t at = parts.size();
        parts.resize(at + nl);
        std::fill(missing.begin(), missing.end(), 0);
        for (std::size_t i = 0; i < nl; ++i) {
          const auto& ids = lists[i].list->ids;
          const auto it = std::lower_bound(ids.begin() + static_cast<std::ptrdiff_t>(pos[i]), ids.end(), d);
          pos[i] = static_cast<std::size_t>(it - ids.begin());
          if (it == ids.end() || *it != d) {
            parts[at + i] = -1;
            missing[static_cast<std::size_t>(lists[i].group)] = 1;
            continue;
          }
          const long wdf = recover_wdf(lists[i].list->weights[pos[i]], tw1[i], len, len_factor, params);
          if (wdf < 0) return false;
          parts[at + i] = sumpart(tw[i], static_cast<double>(wdf), len, len_factor, params);
        }
        double w = 0;
        for (std::size_t i = 0; i < nl; ++i) {
          if (lists[i].group != 0 && missing[static_cast<std::size_t>(lists[i].group)]) parts[at + i] = -1;
          if (parts[at + i] >= 0) w += parts[at + i];
        }
        if (w > static_cast<double>(bound(d))) return false;
        cands.push_back({w, d, at});
      }
      return true;
    };
    const auto better = [](const Cand& a, const Cand& b) { return a.w > b.w || (a.w == b.w && a.d < b.d); };
    bool ok = weigh_own(probe);
    if (ok) {
      out.computed = cands.size();
      std::sort(cands.begin(), cands.end(), better);
      // 3. Documents outside the probe whose bound reaches the k-th weight
      // (less a margin far above the sums' rounding) are weighed too.
      const double cut = cands[k - 1].w * (1 - 1e-6);
      if (heap_full && outside_max >= cut) {
        std::vector<Xapian::docid> more;
        for_each_passed([&](Xapian::docid d) {
          if (static_cast<double>(bound(d)) >= cut && !std::binary_search(probe.begin(), probe.end(), d))
            more.push_back(d);
        });
        ok = weigh_own(more);
        out.computed = cands.size();
        std::sort(cands.begin(), cands.end(), better);
      }
    }
    // 4. Where two weights decide the page and are this close, Xapian's
    // order might differ: unless every part of the two is the same (then
    // Xapian's sums are equal too, and the lower docid ranks first).
    for (std::size_t i = offset > 0 ? offset - 1 : 0; ok && i < k && i + 1 < cands.size(); ++i) {
      const Cand& a = cands[i];
      const Cand& b = cands[i + 1];
      if (a.w - b.w > kTieEpsilon * a.w) continue;
      ok = std::equal(parts.begin() + static_cast<std::ptrdiff_t>(a.at),
                      parts.begin() + static_cast<std::ptrdiff_t>(a.at + nl),
                      parts.begin() + static_cast<std::ptrdiff_t>(b.at));
    }
    if (ok) {
      for (std::size_t i = offset; i < k; ++i) out.page.emplace_back(cands[i].d, cands[i].w);
      return out;
    }
    out.computed = 0;
  }

  // Xapian weighs: the probe's true weights, and T = the k-th best of them.
  out.weighed = probe.size();
  Xapian::MSet first = weigh(probe, 0, static_cast<Xapian::doccount>(probe.size()));
  if (first.size() < k) return std::nullopt;  // cannot happen: every passing document matches
  for (auto it = first.begin(); it != first.end(); ++it)
    if (it.get_weight() > static_cast<double>(bound(*it))) return std::nullopt;  // the bound is wrong
  const double t = first[static_cast<Xapian::doccount>(k - 1)].get_weight();
  // Documents outside the probe that could reach T: none when the heap's
  // smallest bound is below T (the common case, no second pass).
  std::vector<Xapian::docid> more;
  if (heap_full && outside_max >= t)
    for_each_passed([&](Xapian::docid d) {
      if (static_cast<double>(bound(d)) >= t && !std::binary_search(probe.begin(), probe.end(), d)) more.push_back(d);
    });
  Xapian::doccount from = static_cast<Xapian::doccount>(offset);
  if (!more.empty()) {
    for (auto it = first.begin(); it != first.end() && it.get_rank() < k; ++it) more.push_back(*it);
    std::sort(more.begin(), more.end());
    out.weighed += more.size();
    first = weigh(std::move(more), static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(per_page));
    from = 0;
  }
  for (Xapian::doccount i = from; i < first.size() && i < from + per_page; ++i) {
    const auto it = first[i];
    out.page.emplace_back(*it, it.get_weight());
  }
  out.mset = std::move(first);
  return out;
}

}  // namespace

std::optional<TopK> bounded_top_k(Xapian::Database& db, PostingCache& cache, const ScorePlan& plan,
                                  const Bm25Params& params,
                                  const std::vector<std::pair<Xapian::docid, double>>& passed_ids,
                                  const DocBitmap& passed_bits, std::size_t offset, std::size_t per_page,
                                  std::vector<float>& acc, const WeighCandidates& weigh,
                                  const std::function<float(Xapian::docid)>& extra) {
  if (!plan.complete || plan.leaves.empty() || per_page == 0) return std::nullopt;
  if (!passed_ids.empty())
    return top_k(
        db, cache, plan, params,
        [&](auto&& f) {
          for (const auto& h : passed_ids) f(h.first);
        },
        offset, per_page, acc, weigh, extra);
  return top_k(
      db, cache, plan, params, [&](auto&& f) { passed_bits.for_each(f); }, offset, per_page, acc, weigh, extra);
}

}  // namespace palveluhaku::search
