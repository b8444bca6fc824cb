// query_builder.h — Analyzer QueryWords -> Xapian::Query.
//
// Never uses Xapian::QueryParser on user text: the Analyzer's words are the
// input, so query syntax (quotes, AND, *, NEAR/) is just words.
//
// Per word: OR of its alternatives, each scaled by its weight (multi-term
// alternatives AND'ed). Words are AND'ed (strict) or OR'ed (relaxed). The
// last word is also matched as a prefix (bounded wildcard expansion) for
// as-you-type search.
//
// Threading: pure functions.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "palveluhaku/analysis.h"

namespace palveluhaku::search {

struct QueryBuildOptions {
  bool relaxed = false;          // OR the words instead of AND. Default: false.
  bool prefix_last = true;       // match the last word as a prefix too. Default: true.
  unsigned prefix_max_terms = 20;  // wildcard expansion limit. Default: 20.
  double prefix_weight = 0.5;    // weight of prefix matches. Default: 0.5.
  // Whether a word is a term of the index; a last word that is one is taken
  // as complete and not expanded. Default: none (always expand).
  std::function<bool(const std::string&)> is_term;
};

// The words that take part (stopwords only if the query has nothing else).
std::vector<const QueryWord*> effective_words(const std::vector<QueryWord>& words);

// Returns an empty Query (Query() == MatchNothing) if there are no words.
Xapian::Query build_text_query(const std::vector<QueryWord>& words, const QueryBuildOptions& opts);

}  // namespace palveluhaku::search
