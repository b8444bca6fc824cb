// Diacritic folding and ä/ö restoration (src/analysis/diacritic_fold.cpp),
// case folding and NFC.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "analysis/case_fold.h"
#include "analysis/diacritic_fold.h"
#include "analysis/icu_normalize.h"

namespace an = palveluhaku::analysis;

TEST_CASE("fold_diacritics: table", "[analysis][fold]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"äiti", "aiti"},         {"päiväkoti", "paivakoti"}, {"työ", "tyo"},
      {"åbo", "abo"},           {"café", "cafe"},           {"neuvola", "neuvola"},
      {"šakki", "sakki"},       {"ü", "u"},                 {"0-6-vuotiaat", "0-6-vuotiaat"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(an::fold_diacritics(c.in) == c.out);
  }
  CHECK(an::has_diacritics("äiti"));
  CHECK_FALSE(an::has_diacritics("aiti"));
  // Decomposed input (a + combining diaeresis) folds too.
  CHECK(an::fold_diacritics("a\xCC\x88iti") == "aiti");
}

TEST_CASE("restore_diacritics: candidates", "[analysis][fold]") {
  auto c = an::restore_diacritics("aiti", 100);
  CHECK(c == std::vector<std::string>{"äiti"});
  auto p = an::restore_diacritics("paivakoti", 100);
  CHECK(p.size() == 7);  // 3 a/o letters: 2^3 - 1
  CHECK(std::find(p.begin(), p.end(), "päiväkoti") != p.end());
  CHECK(p.front().size() == std::string("paivakoti").size() + 1);  // fewest changes first
  CHECK(an::restore_diacritics("xyz", 100).empty());
  // Many a/o letters: bounded.
  auto m = an::restore_diacritics("aaaaaaaaaaaaoooooooo", 50);
  CHECK(m.size() <= 50);
  CHECK(std::find(m.begin(), m.end(), "ääääääääääääöööööööö") != m.end());
}

TEST_CASE("case folding and NFC", "[analysis][fold]") {
  CHECK(an::fold_case("MLL:n") == "mll:n");
  CHECK(an::fold_case("ÄITIYSNEUVOLA") == "äitiysneuvola");
  CHECK(an::fold_case("Åbo") == "åbo");
  CHECK(an::nfc("a\xCC\x88iti") == "äiti");
  CHECK(an::nfc("neuvola") == "neuvola");
  CHECK(an::nfc("\xFF") == "\xEF\xBF\xBD");  // invalid UTF-8 -> U+FFFD
}
