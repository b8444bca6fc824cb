// SpellingLexicon (src/search/spelling_lexicon.h): the nearest word of the
// index's spelling dictionary for a typo in an inflected or compound word,
// on a real glass database with a spelling table.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "engine_fixtures.h"
#include "search/spelling_lexicon.h"

using palveluhaku::search::SpellingLexicon;

namespace {

struct Dictionary {
  engine_test::TempDir dir;
  Xapian::WritableDatabase db{dir.str() + "/db", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS};
  explicit Dictionary(std::initializer_list<std::pair<const char*, unsigned>> words) {
    for (const auto& [w, freq] : words) db.add_spelling(w, freq);
    db.commit();
  }
};

std::string nearest(const SpellingLexicon& lex, const char* word) {
  const auto m = lex.nearest(word);
  return m ? m->word : "<none>";
}

}  // namespace

TEST_CASE("spelling lexicon: typos in inflected and compound words", "[search][spelling]") {
  Dictionary d{{"lastenneuvolat", 3},  {"lastenneuvolapalvelut", 5}, {"stödfamiljsverksamhet", 2},
               {"päivähoito", 4},      {"perhekahvila", 6},          {"perhe", 40},
               {"perheneuvola", 3},    {"lapsilisä", 2},             {"kissan", 1}};
  const SpellingLexicon lex(d.db, {});
  CHECK(lex.size() == 9);
  // A missing letter and an inflection ending the dictionary lacks.
  CHECK(nearest(lex, "lasteneuvolassa") == "lastenneuvolat");
  // A missing letter in the first part of a compound whose whole form is
  // the only one in the dictionary.
  CHECK(nearest(lex, "stödfmilj") == "stödfamiljsverksamhet");
  // Typed without the dots, and a letter missing: one edit.
  CHECK(nearest(lex, "paivaoito") == "päivähoito");
  // A swap is one edit.
  CHECK(nearest(lex, "perhekahivla") == "perhekahvila");
  // Whole words: the nearest, not just a shared start.
  CHECK(nearest(lex, "perheneuvla") == "perheneuvola");
  // Too far, too short, or another first letter: nothing.
  CHECK(nearest(lex, "kiusaminen") == "<none>");
  CHECK(nearest(lex, "perh") == "<none>");
  CHECK(nearest(lex, "erhekahvila") == "<none>");
  CHECK(nearest(lex, "xyzzyxyzzy") == "<none>");
  // Up to 7 letters one edit only.
  CHECK(nearest(lex, "lapslsä") == "<none>");
  CHECK(nearest(lex, "lapsilsä") == "lapsilisä");
}

TEST_CASE("spelling lexicon: a word of 4 letters only when asked, matched whole", "[search][spelling]") {
  Dictionary d{{"kerho", 5}, {"kerhotoiminta", 9}, {"sossu", 1}, {"perhe", 40}, {"kokkikerho", 3}, {"kela", 2}};
  const SpellingLexicon lex(d.db, {});
  const auto near4 = [&](const char* w) {
    const auto m = lex.nearest(w, 4);
    return m ? m->word : std::string("<none>");
  };
  // Not by default: 4 letters are too few for the ordinary correction.
  CHECK(nearest(lex, "keho") == "<none>");
  // One edit from a whole word (kerho, not kerhotoiminta).
  CHECK(near4("keho") == "kerho");
  CHECK(near4("sosu") == "sossu");
  // Not the start of a longer word only, nor two edits away.
  CHECK(near4("kerh") == "kerho");  // one letter missing at the end
  CHECK(near4("klea") == "kela");   // a swap
  CHECK(near4("kehr") == "<none>");  // a swap, and a letter short of kerho
  CHECK(near4("kaho") == "<none>");
  CHECK(near4("kokk") == "<none>");  // the start of kokkikerho only
  CHECK(near4("kkkk") == "<none>");
  CHECK(near4("pzrx") == "<none>");
  // Fewer than 4 letters: never.
  CHECK(lex.nearest("keh", 3) == std::nullopt);
}

TEST_CASE("spelling lexicon: ties go to the more frequent word; vocabulary words count once",
          "[search][spelling]") {
  Dictionary d{{"neuvola", 2}, {"neuvoja", 9}};
  {
    const SpellingLexicon lex(d.db, {});
    CHECK(nearest(lex, "neuvoka") == "neuvoja");  // one edit from both
  }
  {
    // A word of the vocabularies (a colloquial word no text has) is found
    // too; one the index has is not added twice.
    const SpellingLexicon lex(d.db, {"koulukyyti", "neuvola", "two words"});
    CHECK(lex.size() == 3);
    CHECK(nearest(lex, "kouluyyti") == "koulukyyti");
  }
}

TEST_CASE("spelling lexicon: only an inflection ending may be left unmatched", "[search][spelling]") {
  Dictionary d{{"vauvaa", 3}, {"vauvaryhmä", 2}};
  const SpellingLexicon lex(d.db, {});
  // "vauvaj" is one edit from "vauvaa", but "ooga" is no ending.
  CHECK(nearest(lex, "vauvajooga") == "<none>");
  // "vauvaryhmissä" = "vauvaryhm" + "issä", one edit before the ending.
  CHECK(nearest(lex, "vauvarymissä") == "vauvaryhmä");
}
