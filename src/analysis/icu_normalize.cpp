#include "analysis/icu_normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace palveluhaku::analysis {

bool is_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

std::string nfc(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (norm->isNormalized(u, status) && U_SUCCESS(status)) {
    std::string out;
    u.toUTF8String(out);  // also replaces invalid sequences with U+FFFD
    return out;
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString n = norm->normalize(u, status);
  std::string out;
  (U_SUCCESS(status) ? n : u).toUTF8String(out);
  return out;
}

}  // namespace palveluhaku::analysis
