#include "analysis/icu_normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace palveluhaku::analysis {

bool is_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {
bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}
}  // namespace

std::string nfc(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::StringPiece sp(text.data(), static_cast<int32_t>(text.size()));
  // Most text is already NFC (and valid UTF-8): no conversion needed.
  if (norm->isNormalizedUTF8(sp, status) && U_SUCCESS(status) && is_valid_utf8(text))
    return std::string(text);
  status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(sp);
  icu::UnicodeString n = norm->normalize(u, status);
  std::string out;
  (U_SUCCESS(status) ? n : u).toUTF8String(out);
  return out;
}

}  // namespace palveluhaku::analysis
