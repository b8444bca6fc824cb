#include "analysis/snowball_fallback.h"

#include "analysis/english_spelling.h"

namespace palveluhaku::analysis {

SnowballStemmers::SnowballStemmers()
    : stems_{Xapian::Stem("finnish"), Xapian::Stem("swedish"), Xapian::Stem("english")} {}

std::string SnowballStemmers::stem(Lang lang, std::string_view word) {
  // English: American spellings stem as the British ones (centre, not center).
  if (lang == Lang::en) return stems_[static_cast<int>(lang)](british_spelling(word));
  return stems_[static_cast<int>(lang)](std::string(word));
}

}  // namespace palveluhaku::analysis
