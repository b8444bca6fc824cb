// snowball_fallback.h — stage: Snowball stems (Xapian) for Swedish and
// English words and for Finnish words that neither Voikko nor the lexicon
// knows (names, new words).
//
// Threading: one instance per thread (Snowball stemmers keep state).
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "palveluhaku/record.h"

namespace palveluhaku::analysis {

class SnowballStemmers {
 public:
  SnowballStemmers();
  // Stem of a case-folded word in `lang` ("barnrådgivningen" -> "barnrådgivning");
  // an English word is stemmed in its British spelling (english_spelling.h).
  std::string stem(Lang lang, std::string_view word);
  Xapian::Stem& stemmer(Lang lang) { return stems_[static_cast<int>(lang)]; }

 private:
  Xapian::Stem stems_[3];
};

}  // namespace palveluhaku::analysis
