// diacritic_fold.h — stage: diacritic folding (ä->a, ö->o, å->a, é->e, ...).
//
// Folded terms carry the prefix "F" so that a query typed without ä/ö
// ("aiti", "paivakoti") still matches, ranked below exact forms; the index
// does not store them, the query side expands them against the vocabulary
// (src/index/folded_terms.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace palveluhaku::analysis {

inline constexpr char kFoldedPrefix[] = "F";

// Removes diacritics from a lower-case UTF-8 word: "päiväkoti" ->
// "paivakoti", "åbo" -> "abo", "café" -> "cafe". Other characters are kept.
std::string fold_diacritics(std::string_view word);

// True if fold_diacritics(word) != word.
bool has_diacritics(std::string_view word);

// Candidate spellings of a word typed without ä/ö: every combination of
// a->ä and o->ö over its a/o letters, fewest changes first, at most
// `max_candidates` (the word itself is not included). Words whose a/o count
// exceeds what `max_candidates` allows get only the vowel-harmony variants
// (all a->ä, all o->ö, both) instead of every combination.
std::vector<std::string> restore_diacritics(std::string_view word, std::size_t max_candidates);

}  // namespace palveluhaku::analysis
