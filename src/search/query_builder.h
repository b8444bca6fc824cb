// query_builder.h — Analyzer QueryWords -> Xapian::Query.
//
// Never uses Xapian::QueryParser on user text: the Analyzer's words are the
// input, so query syntax (quotes, AND, *, NEAR/) is just words.
//
// Per word: OR of its alternatives, each scaled by its weight (multi-term
// alternatives AND'ed). Words are AND'ed (strict) or OR'ed (relaxed). The
// last word is also matched as a prefix (bounded wildcard expansion) for
// as-you-type search. A long word without compound parts from the analysis
// (Swedish and English words: Voikko splits only Finnish ones) is split
// against the index's own vocabulary: "familjerådgivning" also matches the
// documents that have both "familj" and "rådgivning" (split_compound()).
//
// Threading: pure functions.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "palveluhaku/analysis.h"
#include "index/folded_terms.h"

namespace palveluhaku::search {

struct QueryBuildOptions {
  bool relaxed = false;          // OR the words instead of AND. Default: false.
  bool prefix_last = true;       // match the last word as a prefix too. Default: true.
  unsigned prefix_max_terms = 20;  // wildcard expansion limit. Default: 20.
  double prefix_weight = 0.5;    // weight of prefix matches. Default: 0.5.
  // Whether a word is a term of the index; a last word that is one is taken
  // as complete and not expanded. Default: none (always expand).
  std::function<bool(const std::string&)> is_term;
  // Weight of the AND of the two halves of a word split by split_compound()
  // (needs is_term). 0 = no splitting. Default: 0.5.
  double split_weight = 0.5;
  // A word none of whose alternatives is a term of the index (needs is_term)
  // is also matched as a prefix: its letters but the last two, at least 5
  // (clipped and slang forms: "nuorisopsyka" -> nuorisopsyk* ->
  // nuorisopsykiatria), weighted as prefix_weight. Words of 7+ letters only.
  // Default: false (the engine's last resort before an empty result).
  bool truncate_unknown = false;
  // The index's terms by folded form (index/folded_terms.h): a folded
  // alternative "F<word>" of the Analyzer matches the indexed terms that
  // fold to <word> at its weight, as one term (nothing if there is none),
  // and a prefix typed with ä/ö also completes the terms whose folded form
  // starts with its folded form. Null: the "F" terms are looked up as they
  // are (an index built with folded terms). Default: null.
  const index::FoldedTerms* folded = nullptr;
};

// The two halves of `word` (lower case, as typed) when it is a compound of
// two words the index knows: the head (right half, at least 4 letters) and
// the modifier (left, at least 3 letters; a Swedish linking "s" or "e" at its
// end dropped, "familje-" -> familj), each as its Swedish stem if that is a
// term, else as written. The longest head that works wins. Empty if the word
// is shorter than 8 letters, has no such split, or `is_term` is empty.
// At most ~3 lookups per letter of the word.
std::vector<std::string> split_compound(const std::string& word,
                                        const std::function<bool(const std::string&)>& is_term);

// The words that take part (stopwords only if the query has nothing else).
std::vector<const QueryWord*> effective_words(const std::vector<QueryWord>& words);

// The weighted term leaves of a built query, for an upper bound of each
// document's BM25 weight (top_k.h): every term leaf with the product of the
// OP_SCALE_WEIGHT factors above it, a wildcard as its pattern. `complete`
// is false when the query has leaves that are not listed.
struct ScoreLeaf {
  std::string term;
  double factor = 1.0;
  // Leaves of one OP_AND (an alternative of several terms, the halves of a
  // split word, a compound's smallest parts) share a group number > 0: they
  // weigh only where all of them occur. 0 = a term of its own.
  int group = 0;
  // `term` is the pattern of an OP_WILDCARD (WILDCARD_LIMIT_MOST_FREQUENT)
  // of at most this many terms; 0 = a plain term.
  unsigned wildcard_max = 0;
};
struct ScorePlan {
  std::vector<ScoreLeaf> leaves;
  bool complete = true;
  int groups = 0;  // the last group number given out
};

// Returns an empty Query (Query() == MatchNothing) if there are no words.
// `plan` (may be null) receives the query's weighted leaves.
Xapian::Query build_text_query(const std::vector<QueryWord>& words, const QueryBuildOptions& opts,
                               ScorePlan* plan = nullptr);

// The query of each effective word alone, as build_text_query() builds it
// (the last one completed as a prefix if opts.prefix_last), in the words'
// order; an empty Query for a word that matches nothing. opts.relaxed is
// ignored. For which of the query's words a document matches (result_fill.h).
std::vector<Xapian::Query> word_queries(const std::vector<QueryWord>& words, const QueryBuildOptions& opts);

}  // namespace palveluhaku::search
