// english_spelling.h — stage: American English spellings -> British, before
// the English Snowball stem, at index and query time alike (and for the
// English phrases of the synonym / translation / need tables when loaded).
//
// The PTV texts are British English (centre, counselling, programme,
// organisation, paediatric, behaviour); parents also type American spellings.
// The Snowball stems of the two differ (center/centr, organ/organis,
// pediatr/paediatr), so without this "day care center" found no English text.
// Rules, not a word list of the corpus:
//   -ize/-ization/-yze -> -ise/-isation/-yse (organize, specialized, analyze;
//     the part before -ize has 3+ letters: size, prize, seize are left);
//   -or -> -our, -er -> -re, -og -> -ogue, -ense -> -ence, program ->
//     programme, -elor/-eler -> -ellor/-eller, for the roots that take them
//     in British English (behavior, neighbor, center, theater, catalog,
//     license, defense, counselor, traveler, ...) with their suffixes
//     (behavioral, neighborhood, centers, centered -> centred);
//   e -> ae / oe in medical words (pediatric, gynecology, anemia, leukemia,
//     hemophilia, esophagus, estrogen, fetal, edema, celiac, orthopedic);
//   mom -> mum, gray -> grey, mold -> mould, judgment -> judgement, ...
// Double / single l (counseling, traveling, enrollment) needs no rule: the
// Snowball stems already agree.
#pragma once

#include <string>
#include <string_view>

namespace palveluhaku::analysis {

// The British spelling of a lower-case English word, or the word itself
// when no rule applies (or it is British already).
std::string british_spelling(std::string_view word);

}  // namespace palveluhaku::analysis
