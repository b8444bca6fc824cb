// Word breaking (src/analysis/word_break.cpp): ICU UAX #29 with the Finnish
// tailoring plus our joins.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/word_break.h"

using palveluhaku::analysis::Token;
using palveluhaku::analysis::WordBreaker;

namespace {
std::vector<std::string> texts(const std::vector<Token>& toks) {
  std::vector<std::string> out;
  for (const auto& t : toks) out.push_back(t.text);
  return out;
}
}  // namespace

TEST_CASE("word_break: tokens of real service texts", "[analysis][word_break]") {
  WordBreaker wb;
  struct Case {
    const char* text;
    std::vector<std::string> tokens;
  };
  const std::vector<Case> cases = {
      {"MLL:n perhekahvila", {"MLL:n", "perhekahvila"}},
      {"Palvelu 0-6-vuotiaille lapsille.", {"Palvelu", "0-6-vuotiaille", "lapsille"}},
      {"alle 3–6-vuotiaat", {"alle", "3-6-vuotiaat"}},  // en dash
      {"MLL-yhdistys", {"MLL-yhdistys"}},
      {"Ota yhteyttä: info@mll-tampere.fi.", {"Ota", "yhteyttä", "info@mll-tampere.fi"}},
      {"etunimi.sukunimi@pirha.fi", {"etunimi.sukunimi@pirha.fi"}},
      {"puh. 040 123 4567", {"puh", "0401234567"}},
      {"p. (09) 310 12345", {"p", "0931012345"}},
      {"+358 40 1234 567", {"0401234567"}},
      {"+46 8 123 456 78", {"+46812345678"}},
      {"040-1234567", {"0401234567"}},
      {"vuonna 2026 klo 8", {"vuonna", "2026", "klo", "8"}},
      {"Barnrådgivningen i Tammerfors", {"Barnrådgivningen", "i", "Tammerfors"}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(texts(wb.split(c.text)) == c.tokens);
  }
}

TEST_CASE("word_break: token kinds", "[analysis][word_break]") {
  WordBreaker wb;
  auto t = wb.split("0-6-vuotiaat info@mll.fi 040 123 4567 2026 neuvola");
  REQUIRE(t.size() == 5);
  CHECK(t[0].kind == Token::Kind::hyphenated);
  CHECK(t[1].kind == Token::Kind::email);
  CHECK(t[2].kind == Token::Kind::phone);
  CHECK(t[3].kind == Token::Kind::number);
  CHECK(t[4].kind == Token::Kind::word);
}

TEST_CASE("word_break: hyphenated coordinations are marked", "[analysis][word_break]") {
  WordBreaker wb;
  auto t = wb.split("Äitiys- ja lastenneuvola sekä perhe-, kasvatus- ja parisuhdeneuvonta");
  REQUIRE(texts(t) == std::vector<std::string>{"Äitiys", "ja", "lastenneuvola", "sekä", "perhe",
                                               "kasvatus", "ja", "parisuhdeneuvonta"});
  CHECK(t[0].coord_prefix);
  CHECK_FALSE(t[2].coord_prefix);
  CHECK(t[4].coord_prefix);
  CHECK(t[5].coord_prefix);
  CHECK_FALSE(t[7].coord_prefix);
  // A dash between spaces is not a coordination.
  auto u = wb.split("neuvola - perhekeskus");
  REQUIRE(u.size() == 2);
  CHECK_FALSE(u[0].coord_prefix);
}

TEST_CASE("word_break: empty and odd input", "[analysis][word_break]") {
  WordBreaker wb;
  CHECK(wb.split("").empty());
  CHECK(wb.split(" ,.;- ").empty());
  CHECK(texts(wb.split("@@ a@b")) == std::vector<std::string>{"a@b"});
}
