#include "analysis/snowball_fallback.h"

namespace palveluhaku::analysis {

SnowballStemmers::SnowballStemmers()
    : stems_{Xapian::Stem("finnish"), Xapian::Stem("swedish"), Xapian::Stem("english")} {}

std::string SnowballStemmers::stem(Lang lang, std::string_view word) {
  return stems_[static_cast<int>(lang)](std::string(word));
}

}  // namespace palveluhaku::analysis
