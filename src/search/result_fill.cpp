#include "search/result_fill.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "search/match_set.h"

namespace palveluhaku::search {

std::size_t fill_target(std::size_t strict_total, std::size_t per_page) {
  if (per_page == 0) return strict_total;
  const std::size_t pages = std::max<std::size_t>(1, (strict_total + per_page - 1) / per_page);
  return pages * per_page;
}

std::vector<TierSlice> page_slices(std::size_t offset, std::size_t count,
                                   const std::vector<std::size_t>& tier_sizes) {
  std::vector<TierSlice> out;
  std::size_t begin = 0;  // list rank of the tier's first document
  const std::size_t end = offset + count;
  for (std::size_t t = 0; t < tier_sizes.size() && begin < end; ++t) {
    const std::size_t size = tier_sizes[t];
    const std::size_t lo = std::max(begin, offset), hi = std::min(begin + size, end);
    if (lo < hi) out.push_back({t, lo - begin, hi - lo});
    begin += size;
  }
  return out;
}

Xapian::Query like_seeds(const Xapian::Database& db, const std::vector<Xapian::docid>& seeds,
                         const RelatedOptions& opts, ScorePlan* plan) {
  const std::size_t used = std::min(seeds.size(), opts.seeds);
  if (!(opts.text_scale > 0) || opts.text_terms == 0 || used == 0) return Xapian::Query();
  // The terms that best tell the seeds from the rest of the index (Xapian's
  // expand set, i.e. pseudo-relevance feedback).
  Xapian::RSet rset;
  for (std::size_t i = 0; i < used; ++i) rset.add_document(seeds[i]);
  struct WordsOnly : Xapian::ExpandDecider {
    bool operator()(const std::string& t) const override {
      if (t.size() < 4) return false;
      const unsigned char c = static_cast<unsigned char>(t[0]);
      return !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');  // no prefixed or number terms
    }
  } words_only;
  Xapian::Enquire enq(db);
  const Xapian::ESet eset = enq.get_eset(static_cast<Xapian::termcount>(opts.text_terms), rset, &words_only);
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
  if (terms.empty()) return Xapian::Query();
  if (plan)
    for (auto it = eset.begin(); it != eset.end(); ++it) plan->leaves.push_back({*it, opts.text_scale, 0, 0});
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       opts.text_scale);
}

Xapian::Query some_words_query(const Xapian::Database& db, const Xapian::Query& relaxed,
                               const Xapian::Query& strict, Xapian::docid first_hit,
                               const SomeWordsOptions& opts, ScorePlan* plan) {
  Xapian::Query q(Xapian::Query::OP_AND_NOT, relaxed, strict);
  if (first_hit == 0) return q;
  const Xapian::Query like = like_seeds(db, {first_hit}, opts.like, plan);
  return like.empty() ? q : Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, like);
}

Xapian::Query related_query(const Xapian::Database& db, const std::vector<Xapian::docid>& seeds,
                            const std::string& class_prefix, const RelatedOptions& opts, ScorePlan* plan,
                            std::vector<std::pair<std::string, double>>* fixed) {
  const double n = std::max<double>(db.get_doccount(), 1);
  std::map<std::string, double> weight;  // class term -> summed weight
  const std::size_t used = std::min(seeds.size(), opts.seeds);
  for (std::size_t i = 0; i < used; ++i) {
    // Terms are sorted: jump to the prefix, stop after it.
    std::vector<std::string> terms;
    auto t = db.termlist_begin(seeds[i]);
    t.skip_to(class_prefix);
    for (; t != db.termlist_end(seeds[i]); ++t) {
      std::string term = *t;
      if (term.compare(0, class_prefix.size(), class_prefix) != 0) break;
      terms.push_back(std::move(term));
    }
    for (std::size_t k = 0; k < terms.size(); ++k) {
      // Only the most specific classes: an ancestor ("P5" of "P5.2") is
      // shared with far too many services (food premises for a maternity
      // clinic). The next term in sorted order starts with "P5." if any does.
      if (k + 1 < terms.size() && terms[k + 1].compare(0, terms[k].size() + 1, terms[k] + ".") == 0)
        continue;
      const double df = std::max<double>(db.get_termfreq(terms[k]), 1);
      const double idf = std::log(n / df);
      if (idf > 0) weight[terms[k]] += idf / static_cast<double>(i + 1);
    }
  }
  std::vector<Xapian::Query> parts;
  if (Xapian::Query like = like_seeds(db, seeds, opts, plan); !like.empty()) parts.push_back(std::move(like));
  for (const auto& [term, w] : weight) {
    if (fixed) fixed->emplace_back(term, w * opts.scale);
    auto* ps = new Xapian::FixedWeightPostingSource(w * opts.scale);
    parts.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(ps->release()), Xapian::Query(term));
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

std::vector<double> on_match_scale(const Xapian::Database& db, const Xapian::Query& relaxed,
                                   const std::vector<Xapian::Query>& words, const std::vector<Xapian::docid>& docs,
                                   const Xapian::Weight& scheme, double coverage_power) {
  std::vector<double> out(docs.size(), 0.0);
  if (docs.empty()) return out;
  std::map<Xapian::docid, std::size_t> at;
  for (std::size_t i = 0; i < docs.size(); ++i) at.emplace(docs[i], i);
  std::vector<Xapian::docid> sorted;  // only_docs wants them in order
  for (const auto& [d, i] : at) sorted.push_back(d);
  // Xapian's BM25 over `docs` only.
  const auto match = [&](const Xapian::Query& q, const auto& each) {
    if (q.empty()) return;
    Xapian::Enquire enq(db);
    enq.set_query(only_docs(q, sorted));
    enq.set_weighting_scheme(scheme);
    const Xapian::MSet m = enq.get_mset(0, static_cast<Xapian::doccount>(docs.size()));
    for (auto it = m.begin(); it != m.end(); ++it)
      if (const auto f = at.find(*it); f != at.end()) each(f->second, it.get_weight());
  };
  std::vector<double> bm25(docs.size(), 0.0), covered(docs.size(), 0.0);
  match(relaxed, [&](std::size_t i, double wt) { bm25[i] = wt; });
  const double n = std::max<double>(db.get_doccount(), 1);
  double all = 0;
  for (const auto& q : words) {
    if (q.empty()) continue;
    double idf = 0;
    bool plain = false;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      plain = true;
      const double df = db.get_termfreq(*t);
      if (df > 0) idf = std::max(idf, std::log(n / df));
    }
    if (!plain) idf = std::log(n);
    if (!(idf > 0)) continue;
    all += idf;
    match(q, [&](std::size_t i, double) { covered[i] += idf; });
  }
  for (std::size_t i = 0; i < docs.size(); ++i)
    out[i] = all > 0 ? bm25[i] * std::pow(std::min(1.0, covered[i] / all), coverage_power) : bm25[i];
  return out;
}

std::vector<int> merge_ranked(const std::vector<double>& first, const std::vector<double>& second) {
  std::vector<int> out;
  out.reserve(first.size() + second.size());
  std::size_t a = 0, b = 0;
  while (a < first.size() || b < second.size()) {
    if (b == second.size() || (a < first.size() && first[a] >= second[b])) {
      out.push_back(0);
      ++a;
    } else {
      out.push_back(1);
      ++b;
    }
  }
  return out;
}

}  // namespace palveluhaku::search
