// Finnish base forms and compound parts (src/analysis/voikko_baseforms.cpp,
// finnish_words.cpp) with the installed voikko-fi dictionary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/finnish_words.h"
#include "analysis/lexicon.h"
#include "analysis/voikko_baseforms.h"

namespace an = palveluhaku::analysis;

namespace {
bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

TEST_CASE("voikko: base forms, gradation and all readings", "[analysis][voikko]") {
  an::VoikkoBaseforms v;
  struct Case {
    const char* word;
    const char* base;
  };
  const Case cases[] = {
      {"neuvolaan", "neuvola"},  {"neuvolassa", "neuvola"},   {"lasten", "lapsi"},
      {"lapsille", "lapsi"},     {"äidille", "äiti"},         {"äitien", "äiti"},
      {"helsingin", "helsinki"}, {"päiväkodissa", "päiväkoti"}, {"kuuluu", "kuulua"},
      {"perheille", "perhe"},    {"vanhemmille", "vanhempi"}, {"ryhmään", "ryhmä"},
  };
  for (const auto& c : cases) {
    INFO(c.word);
    auto fa = v.analyze(c.word);
    CHECK(fa.known);
    CHECK(has(fa.bases, c.base));
  }
  // Ambiguous: every reading's base form.
  auto k = v.analyze("päiväkodissa");
  CHECK(has(k.bases, "päiväkoti"));
  CHECK(has(k.bases, "päiväkota"));
  CHECK_FALSE(v.analyze("xyzzyläisille").known);
}

TEST_CASE("voikko: compound parts from STRUCTURE and BASEFORM", "[analysis][voikko]") {
  an::VoikkoBaseforms v;
  struct Case {
    const char* word;
    std::vector<std::string> parts;
    std::vector<std::string> not_parts;
  };
  const std::vector<Case> cases = {
      {"perheneuvolassa", {"perhe", "neuvola"}, {"perheneuvola"}},
      {"lastensuojelun", {"lapsi", "suojelu"}, {"suojella", "u", "lasten"}},
      {"lastenneuvola", {"lapsi", "neuvola"}, {}},
      {"lastensuojeluliitto", {"lapsi", "suojelu", "liitto", "lastensuojelu"}, {}},
      {"äitiysneuvolaan", {"äitiys", "neuvola"}, {}},
      {"vastaanotolle", {"vastaan", "otto"}, {"vastata"}},
      {"varhaiskasvatuksessa", {"kasvatus"}, {"kasvattaa"}},
      // Not compounds / never split:
      {"kuuluu", {}, {"kuu", "luu"}},
      {"kangasalan", {}, {"kangas", "ala"}},
      {"lempäälässä", {}, {}},
  };
  for (const auto& c : cases) {
    INFO(c.word);
    auto fa = v.analyze(c.word);
    for (const auto& p : c.parts) CHECK(has(fa.parts, p));
    for (const auto& p : c.not_parts) CHECK_FALSE(has(fa.parts, p));
    if (c.parts.empty()) CHECK(fa.parts.empty());
  }
  CHECK(v.analyze("kangasalan").proper);
  CHECK(v.compound_tail("lastenneuvolassa") == "neuvolassa");
  CHECK(v.compound_tail("parisuhdeneuvonta") == "neuvonta");
  CHECK(v.compound_tail("neuvola").empty());
}

TEST_CASE("finnish words: lexicon, bound words and the Snowball fallback", "[analysis][voikko]") {
  auto voikko = std::make_shared<an::VoikkoBaseforms>();
  an::Lexicon lex;  // empty
  an::FinnishWords fw(lex, voikko);
  // "vuotiaille" alone is unknown to Voikko; "6-vuotiaille" is known.
  auto b = fw.analyze("vuotiaille");
  CHECK(b.source == an::FinnishWord::Source::bound);
  CHECK(has(b.bases, "vuotias"));
  // "oppimis" (of "oppimis- ja ...") is read as "oppiminen", whose base is oppia.
  auto m = fw.analyze("oppimis");
  CHECK(m.known());
  CHECK(m.bases == fw.analyze("oppiminen").bases);
  // Unknown: Snowball "finnish" stem.
  auto s = fw.analyze("xyzzyläisille");
  CHECK(s.source == an::FinnishWord::Source::snowball);
  CHECK_FALSE(s.known());
  REQUIRE(s.bases.size() == 1);
  CHECK(s.bases[0] != "xyzzyläisille");
  CHECK(s.bases[0].rfind("xyzzyläi", 0) == 0);
}
