#include "analysis/case_fold.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace palveluhaku::analysis {

std::string fold_case(std::string_view word) {
  std::string out(word);
  bool ascii = true;
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      ascii = false;
      break;
    }
    if (u >= 'A' && u <= 'Z') c = static_cast<char>(u + ('a' - 'A'));
  }
  if (ascii) return out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  u.foldCase(U_FOLD_CASE_DEFAULT);
  out.clear();
  u.toUTF8String(out);
  return out;
}

void fold_case_inplace(std::string& word) {
  for (char& c : word) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      word = fold_case(word);
      return;
    }
    if (u >= 'A' && u <= 'Z') c = static_cast<char>(u + ('a' - 'A'));
  }
}

}  // namespace palveluhaku::analysis
