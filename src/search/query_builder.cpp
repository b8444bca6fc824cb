#include "search/query_builder.h"

#include <algorithm>

namespace palveluhaku::search {

std::vector<const QueryWord*> effective_words(const std::vector<QueryWord>& words) {
  std::vector<const QueryWord*> out;
  for (const auto& w : words)
    if (!w.stopword && !w.alternatives.empty()) out.push_back(&w);
  if (out.empty())
    for (const auto& w : words)
      if (!w.alternatives.empty()) out.push_back(&w);
  return out;
}

namespace {

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// A compound's parts match only together: the smallest parts ("leaves",
// which contain no other part) are AND'ed into one alternative, so that
// "vauvauintikoulu" does not match everything that mentions "koulu". Larger
// parts ("uintikoulu") stay alternatives of their own.
bool is_leaf_part(const QueryWord& w, const QueryAlternative& a) {
  if (a.kind != TermKind::part || a.terms.size() != 1) return false;
  for (const auto& o : w.alternatives)
    if (&o != &a && o.kind == TermKind::part && o.terms.size() == 1 && o.terms[0] != a.terms[0] &&
        a.terms[0].find(o.terms[0]) != std::string::npos)
      return false;
  return true;
}

Xapian::Query word_query(const QueryWord& w, bool prefix, const QueryBuildOptions& opts) {
  std::vector<Xapian::Query> alts;
  std::vector<Xapian::Query> leaves;
  double leaf_weight = 0;
  for (const auto& a : w.alternatives) {
    if (a.terms.empty()) continue;
    if (is_leaf_part(w, a)) {
      leaves.emplace_back(a.terms[0]);
      leaf_weight = std::max(leaf_weight, a.weight);
      continue;
    }
    Xapian::Query q;
    if (a.terms.size() == 1) {
      q = Xapian::Query(a.terms[0]);
    } else {
      std::vector<Xapian::Query> parts;
      for (const auto& t : a.terms) parts.emplace_back(t);
      q = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }
    if (a.weight != 1.0) q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, std::max(0.0, a.weight));
    alts.push_back(std::move(q));
  }
  if (!leaves.empty()) {
    Xapian::Query q = leaves.size() == 1 ? leaves[0]
                                         : Xapian::Query(Xapian::Query::OP_AND, leaves.begin(), leaves.end());
    alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, q, leaf_weight);
  }
  if (prefix && utf8_length(w.text) >= 3 && !(opts.is_term && opts.is_term(w.text))) {
    const auto wildcard = [&](const std::string& stem) {
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(Xapian::Query::OP_WILDCARD, stem, opts.prefix_max_terms,
                                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                           opts.prefix_weight);
    };
    alts.push_back(wildcard(w.text));
    // The folded form too, so "aitiysn" completes "äitiysneuvola".
    for (const auto& a : w.alternatives)
      if (a.kind == TermKind::folded && a.terms.size() == 1 && a.terms[0] != "F" + w.text &&
          a.terms[0].size() > 3) {
        alts.push_back(wildcard(a.terms[0]));
        break;
      }
  }
  if (alts.empty()) return Xapian::Query();
  if (alts.size() == 1) return alts[0];
  return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
}

}  // namespace

Xapian::Query build_text_query(const std::vector<QueryWord>& words, const QueryBuildOptions& opts) {
  const auto eff = effective_words(words);
  std::vector<Xapian::Query> qs;
  for (std::size_t i = 0; i < eff.size(); ++i) {
    Xapian::Query q = word_query(*eff[i], opts.prefix_last && i + 1 == eff.size(), opts);
    if (!q.empty()) qs.push_back(std::move(q));
  }
  if (qs.empty()) return Xapian::Query();
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(opts.relaxed ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, qs.begin(),
                       qs.end());
}

}  // namespace palveluhaku::search
