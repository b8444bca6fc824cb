#include "analysis/diacritic_fold.h"

#include <algorithm>
#include <bit>
#include <cstdint>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace palveluhaku::analysis {

namespace {

// The base letter of a precomposed character (ä -> a), or c itself.
UChar32 base_letter(UChar32 c) {
  if (c < 0xC0) return c;
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (nfd == nullptr) return c;
  icu::UnicodeString d;
  if (!nfd->getDecomposition(c, d) || d.isEmpty()) return c;
  UChar32 first = d.char32At(0);
  return first;
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(buf, len, 4, c, err);
  if (!err) out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace

std::string fold_diacritics(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(word.size());
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  while (i < n) {
    if (s[i] < 0x80) {
      out.push_back(static_cast<char>(s[i++]));
      continue;
    }
    UChar32 c;
    int32_t start = i;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.append(word.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      continue;
    }
    // Combining marks left over (text not NFC) are dropped.
    if (u_getCombiningClass(c) != 0) continue;
    append_utf8(out, base_letter(c));
  }
  return out;
}

bool has_diacritics(std::string_view word) {
  for (unsigned char c : word)
    if (c >= 0x80) return fold_diacritics(word) != word;
  return false;
}

std::vector<std::string> restore_diacritics(std::string_view word, std::size_t max_candidates) {
  std::vector<std::string> out;
  if (max_candidates == 0) return out;
  // Byte positions of 'a' and 'o' (ASCII, so one byte each).
  std::vector<std::size_t> pos;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (word[i] == 'a' || word[i] == 'o') pos.push_back(i);
  if (pos.empty()) return out;

  auto build = [&](std::uint32_t mask) {
    std::string s;
    s.reserve(word.size() + pos.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (k < pos.size() && pos[k] == i) {
        bool change = k < 32 && ((mask >> k) & 1u) != 0;
        ++k;
        if (change) {
          s += (word[i] == 'a') ? "\xC3\xA4" : "\xC3\xB6";  // ä / ö
          continue;
        }
      }
      s.push_back(word[i]);
    }
    return s;
  };

  const std::size_t n = pos.size();
  if (n <= 20 && (std::size_t{1} << n) - 1 <= max_candidates) {
    std::vector<std::uint32_t> masks;
    for (std::uint32_t m = 1; m < (1u << n); ++m) masks.push_back(m);
    std::stable_sort(masks.begin(), masks.end(), [](std::uint32_t a, std::uint32_t b) {
      return std::popcount(a) < std::popcount(b);
    });
    for (auto m : masks) out.push_back(build(m));
    return out;
  }
  // Too many combinations: masks with few changes, then harmony variants.
  std::uint32_t all_a = 0, all_o = 0;
  for (std::size_t k = 0; k < n && k < 32; ++k) (word[pos[k]] == 'a' ? all_a : all_o) |= 1u << k;
  std::vector<std::uint32_t> masks;
  for (std::uint32_t m : {all_a | all_o, all_a, all_o})
    if (m != 0 && std::find(masks.begin(), masks.end(), m) == masks.end()) masks.push_back(m);
  for (std::size_t k = 0; k < n && k < 32 && masks.size() < max_candidates; ++k) masks.push_back(1u << k);
  for (std::size_t a = 0; a < n && a < 32; ++a)
    for (std::size_t b = a + 1; b < n && b < 32 && masks.size() < max_candidates; ++b)
      masks.push_back((1u << a) | (1u << b));
  for (auto m : masks) {
    if (out.size() >= max_candidates) break;
    out.push_back(build(m));
  }
  return out;
}

}  // namespace palveluhaku::analysis
