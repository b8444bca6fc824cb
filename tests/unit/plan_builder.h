// plan_builder.h — a Xapian query and its search::ScorePlan built side by
// side, as query_builder does, from words of weighted alternatives: for the
// tests that compare the engine's own BM25 arithmetic (top_k.h,
// term_weights.h) with Xapian's on the same query.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "search/query_builder.h"

namespace plan_test {

struct Built {
  Xapian::Query q;
  palveluhaku::search::ScorePlan plan;
};

// One alternative of a word: a term, or an AND group of several terms, at
// a factor (OP_SCALE_WEIGHT unless 1).
struct Alt {
  std::vector<std::string> terms;
  double factor = 1.0;
};

inline Xapian::Query scaled(const Xapian::Query& q, double f) {
  return f == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, f);
}

// Each word the OR of its alternatives; the words ANDed, or ORed when
// `relaxed`.
inline Built build(const std::vector<std::vector<Alt>>& words, bool relaxed) {
  Built b;
  std::vector<Xapian::Query> wq;
  for (const auto& word : words) {
    std::vector<Xapian::Query> alts;
    for (const auto& a : word) {
      const int g = a.terms.size() > 1 ? ++b.plan.groups : 0;
      std::vector<Xapian::Query> parts;
      for (const auto& t : a.terms) {
        parts.emplace_back(t);
        b.plan.leaves.push_back({t, a.factor, g});
      }
      const Xapian::Query q =
          parts.size() == 1 ? parts[0] : Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
      alts.push_back(scaled(q, a.factor));
    }
    wq.push_back(alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()));
  }
  b.q = wq.size() == 1 ? wq[0]
                       : Xapian::Query(relaxed ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, wq.begin(), wq.end());
  return b;
}

}  // namespace plan_test
