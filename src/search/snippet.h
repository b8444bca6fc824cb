// snippet.h — Xapian 1.4's MSet::snippet, with the query prepared once.
//
// The page's snippets cost 28 % of a search's instructions in Xapian
// (its tokeniser through Utf8Iterator, per-character appends, and a walk
// of the query and a hash map of its terms built for every call). This is
// the same algorithm (termgenerator_internal.cc of 1.4: the word rules of
// parse_terms, the SnipPipe window with the relevance decay, the sentence
// and punctuation rules of drain) for the cases the engine uses: no CJK
// n-grams, no background model, flags 0 or SNIPPET_EXHAUSTIVE, any
// highlight strings. The query's terms and their relevances
// (termweight + 1.015625 × the largest termweight) and the wildcards'
// patterns are prepared once per search; a call copies the relevances (they
// decay within a call) and walks the text with ASCII fast paths.
//
// Cases not reproduced fall back to MSet::snippet itself (same output, its
// cost): queries with "Z" (stemmed) terms, tight phrases or NEAR, a wildcard
// whose pattern cannot be read back, XAPIAN_CJK_NGRAM set, and texts that
// are not well-formed UTF-8. tests/unit/snippet_test.cpp compares the two
// byte for byte.
//
// Threading: one Snippeter per search and thread (its scratch buffers are
// reused across calls).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace palveluhaku::search {

class Snippeter {
 public:
  // `query` must be the query of the Enquire that made `mset`; `mset` must
  // outlive the Snippeter.
  Snippeter(const Xapian::Query& query, const Xapian::MSet& mset, const Xapian::Stem& stemmer);

  // The same without an MSet: `termweights` are what its get_termweight
  // would give for the query's terms (term_weights.h; a term not listed has
  // none), read in the constructor. `make_mset` makes the query's MSet (with
  // its stats: get_mset(0, 0) will do) the first time a call falls back to
  // MSet::snippet.
  Snippeter(const Xapian::Query& query, const std::vector<std::pair<std::string, double>>& termweights,
            std::function<Xapian::MSet()> make_mset, const Xapian::Stem& stemmer);

  // Not copied or moved (it may point into itself: the MSet it made).
  Snippeter(const Snippeter&) = delete;
  Snippeter& operator=(const Snippeter&) = delete;

  // Same as mset.snippet(text, length, stemmer, flags, hi_start, hi_end, omit).
  std::string snippet(const std::string& text, std::size_t length, unsigned flags, const std::string& hi_start,
                      const std::string& hi_end, const std::string& omit);

  // Whether snippet() runs its own code (false: every call is Xapian's).
  bool own() const { return own_; }

 private:
  struct Term {
    std::string text;
    std::size_t slot;  // index into the relevances
  };
  struct Sniplet {
    double* relevance;
    std::size_t term_end;
    std::size_t highlight;
  };

  // A term's termweight as MSet::get_termweight gives it: known, none (it
  // throws InvalidArgumentError) or no stats at all (InvalidOperationError).
  enum class Weight { known, none, no_stats };
  void init(const Xapian::Query& query, const std::function<Weight(const std::string&, double&)>& termweight);
  std::string fallback(const std::string& text, std::size_t length, unsigned flags, const std::string& hi_start,
                       const std::string& hi_end, const std::string& omit);

  const Xapian::MSet* mset_ = nullptr;       // the query's MSet, or made on the first fallback:
  std::function<Xapian::MSet()> make_mset_;
  std::optional<Xapian::MSet> own_mset_;
  const Xapian::Stem& stemmer_;
  bool own_ = true;
  bool stats_ = true;
  std::vector<Term> terms_;          // loose terms with a termweight
  std::vector<std::string> wildcards_;  // in query order
  std::uint64_t term_lengths_ = 0;      // bit n: a term of n < 64 bytes (longer ones always compared)
  std::size_t shortest_wildcard_ = static_cast<std::size_t>(-1);
  std::vector<double> initial_;      // per slot: terms_ then wildcards_
  std::vector<double> rel_;          // per call
  std::vector<Sniplet> pipe_, best_;  // queues (head indexes in the call)
  std::string term_;
};

}  // namespace palveluhaku::search
