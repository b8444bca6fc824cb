// Tests of the analysis pipeline as a whole (analysis.h), with the real
// index-config/analysis/ data and the real Voikko dictionary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "palveluhaku/analysis.h"

using palveluhaku::AnalysisResources;
using palveluhaku::Analyzer;
using palveluhaku::IndexTerm;
using palveluhaku::Lang;
using palveluhaku::QueryWord;
using palveluhaku::TermKind;

namespace {

std::shared_ptr<const AnalysisResources> resources() {
  static auto res = AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config");
  return res;
}

std::set<std::string> index_set(Analyzer& a, const std::string& text, Lang lang = Lang::fi) {
  std::set<std::string> out;
  a.index_terms(text, lang, [&](const IndexTerm& t) { out.insert(t.term); });
  return out;
}

// Every single-term alternative of the query word(s).
std::set<std::string> query_set(Analyzer& a, const std::string& q, Lang ui = Lang::fi) {
  std::set<std::string> out;
  for (const auto& w : a.analyze_query(q, ui))
    for (const auto& alt : w.alternatives)
      if (alt.terms.size() == 1) out.insert(alt.terms[0]);
  return out;
}

bool shares_term(Analyzer& a, const std::string& doc, const std::string& query, std::string* which) {
  auto idx = index_set(a, doc);
  for (const auto& w : a.analyze_query(query, Lang::fi))
    for (const auto& alt : w.alternatives)
      if (alt.terms.size() == 1 && idx.count(alt.terms[0])) {
        if (which) *which = alt.terms[0];
        return true;
      }
  return false;
}

}  // namespace

TEST_CASE("analysis: inflected Finnish words index their base forms", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* word;
    const char* base;
  };
  const Case cases[] = {
      {"neuvolaan", "neuvola"},     {"neuvolassa", "neuvola"},   {"lasten", "lapsi"},
      {"äidille", "äiti"},          {"Helsingin", "helsinki"},   {"päiväkodissa", "päiväkoti"},
      {"perhekeskukseen", "perhekeskus"}, {"Tampereen", "tampere"}, {"lapsiperheiden", "lapsiperhe"},
  };
  for (const auto& c : cases) {
    INFO(c.word);
    auto terms = index_set(a, c.word);
    CHECK(terms.count(c.base) == 1);
  }
}

TEST_CASE("analysis: a query word meets the document word through base forms", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* doc;
    const char* query;
  };
  const Case cases[] = {
      {"Neuvolassa seurataan lapsen kasvua", "neuvolaan"},
      {"Palvelu on tarkoitettu äidille", "äiti"},
      {"Helsingin kaupunki", "helsinki"},
      {"lastensuojelu", "lasten"},
  };
  for (const auto& c : cases) {
    INFO(c.doc << " <- " << c.query);
    std::string which;
    CHECK(shares_term(a, c.doc, c.query, &which));
  }
}

TEST_CASE("analysis: compound parts", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* word;
    std::vector<std::string> parts;
  };
  const std::vector<Case> cases = {
      {"perheneuvolassa", {"perheneuvola", "perhe", "neuvola"}},
      {"lastensuojelun", {"lastensuojelu", "lapsi", "suojelu"}},
      {"lastenneuvola", {"lapsi", "neuvola"}},
      {"palvelukeskus", {"palvelu", "keskus"}},
  };
  for (const auto& c : cases) {
    INFO(c.word);
    auto terms = index_set(a, c.word);
    for (const auto& p : c.parts) CHECK(terms.count(p) == 1);
  }
}

TEST_CASE("analysis: diacritic folding", "[analysis]") {
  Analyzer a(resources());
  auto terms = index_set(a, "äiti päiväkoti");
  CHECK(terms.count("Faiti") == 1);
  CHECK(terms.count("Fpaivakoti") == 1);
  std::string which;
  CHECK(shares_term(a, "äiti", "aiti", &which));
  CHECK(shares_term(a, "päiväkoti", "paivakoti", &which));
  CHECK(shares_term(a, "Palvelu äidille ja vauvalle", "aidille", &which));
  CHECK(shares_term(a, "Päiväkodissa on ryhmä", "paivakodissa", &which));
}

TEST_CASE("analysis: Snowball fallback for unknown words", "[analysis]") {
  Analyzer a(resources());
  auto terms = index_set(a, "Xyzzyläisille");
  CHECK(terms.count("xyzzyläisille") == 1);
  CHECK(terms.size() >= 2);  // surface + a Snowball stem (+ folded)
}

TEST_CASE("analysis: synonyms on the query side", "[analysis]") {
  Analyzer a(resources());
  CHECK(query_set(a, "päivähoito").count("varhaiskasvatus") == 1);
  CHECK(query_set(a, "päivähoidossa").count("varhaiskasvatus") == 1);
  CHECK(query_set(a, "srk").count("seurakunta") == 1);
  // Multi-word synonym: one alternative with all its terms.
  bool found = false;
  for (const auto& w : a.analyze_query("MLL", Lang::fi))
    for (const auto& alt : w.alternatives)
      if (alt.terms == std::vector<std::string>{"mannerheim", "lastensuojeluliitto"}) {
        found = true;
        CHECK(alt.kind == TermKind::synonym);
        CHECK(alt.weight < 1.0);
      }
  CHECK(found);
}

TEST_CASE("analysis: stopwords are not indexed and are marked in queries", "[analysis]") {
  Analyzer a(resources());
  auto terms = index_set(a, "Palvelu on ja oli");
  CHECK(terms.count("on") == 0);
  CHECK(terms.count("ja") == 0);
  CHECK(terms.count("palvelu") == 1);
  auto q = a.analyze_query("apua eroon ja", Lang::fi);
  REQUIRE(q.size() == 3);
  CHECK_FALSE(q[0].stopword);
  CHECK(q[2].stopword);
}
