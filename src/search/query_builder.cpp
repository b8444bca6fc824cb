#include "search/query_builder.h"

#include <algorithm>
#include <cctype>

#include "analysis/icu_normalize.h"

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

// Byte offsets of the UTF-8 character starts of `s`, and s.size() at the end.
std::vector<std::size_t> char_starts(const std::string& s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(s.size());
  return out;
}

bool is_letters(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x80 && !std::isalpha(c)) return false;
  return true;
}

Xapian::Query word_query(const QueryWord& w, bool prefix, const QueryBuildOptions& opts, ScorePlan* plan) {
  const auto leaf = [plan](const std::string& term, double factor, int group = 0) {
    if (plan) plan->leaves.push_back({term, factor, group});
  };
  const auto new_group = [plan] { return plan ? ++plan->groups : 0; };
  std::vector<Xapian::Query> alts;
  if (opts.split_weight > 0 && opts.is_term) {
    const bool has_parts = std::any_of(w.alternatives.begin(), w.alternatives.end(),
                                       [](const QueryAlternative& a) { return a.kind == TermKind::part; });
    if (!has_parts) {
      const auto halves = split_compound(w.text, opts.is_term);
      if (halves.size() == 2) {
        const int g = new_group();
        leaf(halves[0], opts.split_weight, g);
        leaf(halves[1], opts.split_weight, g);
        alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                          Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(halves[0]), Xapian::Query(halves[1])),
                          opts.split_weight);
      }
    }
  }
  std::vector<Xapian::Query> leaves;
  std::vector<const std::string*> leaf_terms;
  double leaf_weight = 0;
  for (const auto& a : w.alternatives) {
    if (a.terms.empty()) continue;
    if (is_leaf_part(w, a)) {
      leaves.emplace_back(a.terms[0]);
      leaf_terms.push_back(&a.terms[0]);
      leaf_weight = std::max(leaf_weight, a.weight);
      continue;
    }
    const double factor = a.weight != 1.0 ? std::max(0.0, a.weight) : 1.0;
    if (opts.folded && a.kind == TermKind::folded && a.terms.size() == 1 && a.terms[0][0] == 'F') {
      // Typed without ä/ö: the indexed terms that fold to the word, weighed
      // as one term (OP_SYNONYM) as the folded term of the index was. The
      // bound of the top-k knows a single term only (the usual case).
      const auto ts = opts.folded->terms(std::string_view(a.terms[0]).substr(1));
      if (ts.size() == 1) {
        leaf(ts[0], factor);
        alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(ts[0]), factor);
      } else if (ts.size() > 1) {
        if (plan) plan->complete = false;
        alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_SYNONYM, ts.begin(), ts.end()),
                          factor);
      }
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
    const int g = a.terms.size() > 1 ? new_group() : 0;
    for (const auto& t : a.terms) leaf(t, factor, g);
    if (a.weight != 1.0) q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, std::max(0.0, a.weight));
    alts.push_back(std::move(q));
  }
  if (!leaves.empty()) {
    const int g = leaf_terms.size() > 1 ? new_group() : 0;
    for (const auto* t : leaf_terms) leaf(*t, leaf_weight, g);
    Xapian::Query q = leaves.size() == 1 ? leaves[0]
                                         : Xapian::Query(Xapian::Query::OP_AND, leaves.begin(), leaves.end());
    alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, q, leaf_weight);
  }
  const auto wildcard = [&](const std::string& stem) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_WILDCARD, stem, opts.prefix_max_terms,
                                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                         opts.prefix_weight);
  };
  const auto wildcard_leaf = [&](const std::string& stem) {
    if (plan) plan->leaves.push_back({stem, opts.prefix_weight, 0, opts.prefix_max_terms});
  };
  if (opts.truncate_unknown && opts.is_term && is_letters(w.text)) {
    const bool known = std::any_of(w.alternatives.begin(), w.alternatives.end(), [&](const QueryAlternative& a) {
      return !a.terms.empty() && std::all_of(a.terms.begin(), a.terms.end(), opts.is_term);
    });
    const auto at = char_starts(w.text);
    const std::size_t n = at.size() - 1;  // letters
    if (!known && n >= 7) {
      const std::string stem = w.text.substr(0, at[std::max<std::size_t>(5, n - 2)]);
      wildcard_leaf(stem);
      alts.push_back(wildcard(stem));
    }
  }
  // Not a word typed to its end: one of the index ("neuvola"), or an
  // inflected form Voikko reads ("neuvolaan", whose base forms the index has).
  if (prefix && analysis::utf8_length(w.text) >= 3 && !w.inflected && !(opts.is_term && opts.is_term(w.text))) {
    wildcard_leaf(w.text);
    alts.push_back(wildcard(w.text));
    // The folded form too, so "aitiysn" completes "äitiysneuvola".
    for (const auto& a : w.alternatives)
      if (a.kind == TermKind::folded && a.terms.size() == 1 && a.terms[0] != "F" + w.text &&
          a.terms[0].size() > 3) {
        if (opts.folded && a.terms[0][0] == 'F') {
          // The terms whose folded form starts so, as Xapian would weigh
          // their wildcard (one OP_SYNONYM); not a leaf the bound knows.
          const auto ts = opts.folded->with_prefix(std::string_view(a.terms[0]).substr(1), opts.prefix_max_terms);
          if (!ts.empty()) {
            if (plan) plan->complete = false;
            alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(Xapian::Query::OP_SYNONYM, ts.begin(), ts.end()), opts.prefix_weight);
          }
          break;
        }
        wildcard_leaf(a.terms[0]);
        alts.push_back(wildcard(a.terms[0]));
        break;
      }
  }
  if (alts.empty()) return Xapian::Query();
  if (alts.size() == 1) return alts[0];
  return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
}

}  // namespace

std::vector<std::string> split_compound(const std::string& word,
                                        const std::function<bool(const std::string&)>& is_term) {
  if (!is_term || !is_letters(word)) return {};
  const auto at = char_starts(word);
  const std::size_t n = at.size() - 1;  // letters
  if (n < 8) return {};
  thread_local Xapian::Stem swedish("swedish");
  // A half as an index term: its stem if the index has it, else as written.
  const auto term_of = [&](const std::string& half) -> std::string {
    std::string st = swedish(half);
    if (!st.empty() && st != half && is_term(st)) return st;
    return is_term(half) ? half : std::string();
  };
  for (std::size_t i = 3; i + 4 <= n; ++i) {  // head = letters i..n-1, longest first
    const std::string head = term_of(word.substr(at[i]));
    if (head.empty() || char_starts(head).size() - 1 < 4) continue;  // "pere" -> "per": too short
    std::string mod = word.substr(0, at[i]);
    std::string m = term_of(mod);
    if (m.empty() && mod.size() > 3 && (mod.back() == 's' || mod.back() == 'e')) {
      mod.pop_back();
      m = term_of(mod);
    }
    if (!m.empty()) return {m, head};
  }
  return {};
}

std::vector<Xapian::Query> word_queries(const std::vector<QueryWord>& words, const QueryBuildOptions& opts) {
  const auto eff = effective_words(words);
  std::vector<Xapian::Query> qs;
  for (std::size_t i = 0; i < eff.size(); ++i)
    qs.push_back(word_query(*eff[i], opts.prefix_last && i + 1 == eff.size(), opts, nullptr));
  return qs;
}

Xapian::Query build_text_query(const std::vector<QueryWord>& words, const QueryBuildOptions& opts,
                               ScorePlan* plan) {
  const auto eff = effective_words(words);
  std::vector<Xapian::Query> qs;
  for (std::size_t i = 0; i < eff.size(); ++i) {
    Xapian::Query q = word_query(*eff[i], opts.prefix_last && i + 1 == eff.size(), opts, plan);
    if (!q.empty()) qs.push_back(std::move(q));
  }
  if (qs.empty()) return Xapian::Query();
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(opts.relaxed ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, qs.begin(),
                       qs.end());
}

}  // namespace palveluhaku::search
