// word_break.h — stage 2: ICU word breaking (UAX #29) plus the joins ICU
// does not make:
//   - "0-6-vuotiaat", "MLL-yhdistys": words joined by a hyphen (or dash)
//     without spaces become one hyphenated token (ICU gives 0 / 6 / vuotiaat);
//   - e-mail addresses ("info@mll.fi") become one token;
//   - phone numbers ("040 123 4567", "+358 40 123 4567", "(09) 310 123")
//     become one token of digits in the national form ("0401234567");
//   - a word followed by "- " or "-," ("äitiys- ja lastenneuvola") is marked
//     as the first half of a hyphenated coordination, for the analyzer to
//     expand.
// ICU keeps "MLL:n" (colon between letters) and "mll.fi" as one word.
//
// Threading: one WordBreaker per thread (holds an ICU BreakIterator).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>


namespace palveluhaku::analysis {

struct Token {
  enum class Kind : unsigned char { word, number, hyphenated, email, phone };
  std::string text;  // as written (not case-folded); dashes normalised to '-'
  Kind kind = Kind::word;
  bool coord_prefix = false;  // "äitiys" of "äitiys- ja lastenneuvola"
};

class WordBreaker {
 public:
  WordBreaker();  // throws Error(internal) if ICU has no word break rules
  ~WordBreaker();
  WordBreaker(const WordBreaker&) = delete;
  WordBreaker& operator=(const WordBreaker&) = delete;

  // Splits NFC text into tokens, in text order.
  std::vector<Token> split(std::string_view text);

 private:
  std::unique_ptr<icu::BreakIterator> bi_;
};

}  // namespace palveluhaku::analysis
