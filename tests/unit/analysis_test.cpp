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

// Every alternative (all its terms) of the query's words.
std::set<std::vector<std::string>> alternatives_of(Analyzer& a, const std::string& q, Lang ui = Lang::fi) {
  std::set<std::vector<std::string>> out;
  for (const auto& w : a.analyze_query(q, ui))
    for (const auto& alt : w.alternatives) out.insert(alt.terms);
  return out;
}

// Each query word with whether it is required (false) or left out like a
// stopword (true), as analysed in the Finnish UI.
std::vector<std::pair<std::string, bool>> stop_marks(Analyzer& a, const std::string& q) {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& w : a.analyze_query(q, Lang::fi)) out.emplace_back(w.text, w.stopword);
  return out;
}

// Whether the query word has an alternative of exactly these terms.
bool has_alternative(const QueryWord& w, const std::vector<std::string>& terms) {
  return std::any_of(w.alternatives.begin(), w.alternatives.end(),
                     [&](const palveluhaku::QueryAlternative& alt) { return alt.terms == terms; });
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

TEST_CASE("analysis: Swedish and English multi-word synonyms and translations", "[analysis]") {
  Analyzer a(resources());
  const auto alts_of = [&](const std::string& q) { return alternatives_of(a, q); };
  struct Case {
    const char* query;
    std::vector<std::string> alternative;
  };
  const Case cases[] = {
      // synonyms-en.txt, a multi-word source: "day care" -> early childhood education
      {"day care", {"earli", "childhood", "educ"}},
      {"child health clinic", {"well-babi", "clinic"}},
      // translations-en.txt (JUPO / Helsinki labels): English label => Finnish label
      {"divorce", {"avioero"}},
      {"family counselling", {"perheneuvonta"}},
      {"contraception counselling", {"ehkäisyneuvonta"}},
      {"youth centres", {"nuorisotalo"}},
      // translations-sv.txt
      {"skilsmässa", {"avioero"}},
      {"familjerådgivning", {"perheneuvonta"}},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    CHECK(alts_of(c.query).count(c.alternative) == 1);
  }
  // A translation is weaker than the word as typed, and stopwords of the
  // phrase's language do not break it ("the" in "the day care").
  bool found = false;
  for (const auto& w : a.analyze_query("the day care", Lang::fi))
    for (const auto& alt : w.alternatives)
      if (alt.terms == std::vector<std::string>{"earli", "childhood", "educ"}) {
        found = true;
        CHECK(alt.kind == TermKind::synonym);
        CHECK(alt.weight < 1.0);
      }
  CHECK(found);
  // Finnish words are not translated.
  CHECK(alts_of("avioero").count({"divorc"}) == 0);
  // Like a Finnish phrase, an English or Swedish phrase gives its synonym to
  // every word of it, so that a text naming only the synonym matches the
  // whole phrase ("day" and "care" both reach "early childhood education").
  const auto words = a.analyze_query("day care", Lang::fi);
  REQUIRE(words.size() == 2);
  for (const auto& w : words) {
    INFO(w.text);
    CHECK(has_alternative(w, {"earli", "childhood", "educ"}));
  }
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

TEST_CASE("analysis: Swedish and English use their own stemmers", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* doc;
    const char* query;
    Lang lang;
  };
  const Case cases[] = {
      {"Familjerådgivningen hjälper familjer", "familjerådgivning", Lang::sv},
      {"barnrådgivningen", "barnrådgivning", Lang::sv},
      {"Barnrådgivning för barnfamiljer", "barnrådgivningen", Lang::sv},
      {"Family counselling services", "family counseling service", Lang::en},
      {"Child health clinics", "clinic", Lang::en},
  };
  for (const auto& c : cases) {
    INFO(c.doc << " <- " << c.query);
    auto idx = index_set(a, c.doc, c.lang);
    auto words = a.analyze_query(c.query, Lang::fi);  // UI language need not match
    for (const auto& w : words) {
      bool hit = false;
      for (const auto& alt : w.alternatives)
        if (alt.terms.size() == 1 && idx.count(alt.terms[0])) hit = true;
      CHECK(hit);
    }
  }
  // Swedish stopwords are not indexed in Swedish text.
  CHECK(index_set(a, "barn och familj", Lang::sv).count("och") == 0);
  // The UI language's stems weigh more than the other languages'.
  auto w = a.analyze_query("rådgivningen", Lang::sv);
  REQUIRE(w.size() == 1);
  double sv = 0, fi = 0;
  for (const auto& alt : w[0].alternatives) {
    if (alt.terms == std::vector<std::string>{"rådgivning"}) sv = alt.weight;
    if (alt.kind == TermKind::base && alt.terms != std::vector<std::string>{"rådgivning"})
      fi = std::max(fi, alt.weight);
  }
  CHECK(sv > fi);
}

TEST_CASE("analysis: abbreviations, ages, e-mail and phone numbers", "[analysis]") {
  Analyzer a(resources());
  auto t = index_set(a, "MLL:n perhekahvila 0-6-vuotiaille, info@mll.fi, puh. 040 123 4567");
  for (const char* term : {"mll:n", "mll", "perhekahvila", "0-6-vuotiaille", "vuotias",
                           "info@mll.fi", "mll.fi", "0401234567"}) {
    INFO(term);
    CHECK(t.count(term) == 1);
  }
  std::string which;
  CHECK(shares_term(a, "Palvelu 0-6-vuotiaille", "vuotiaat", &which));
  CHECK(shares_term(a, "MLL:n kerho", "mll", &which));
  CHECK(shares_term(a, "Soita +358 40 123 4567", "040-1234567", &which));
  CHECK(which == "0401234567");
}

TEST_CASE("analysis: hyphenated coordinations are expanded", "[analysis]") {
  Analyzer a(resources());
  std::vector<IndexTerm> terms;
  a.index_terms("Äitiys- ja lastenneuvola. Perhe-, kasvatus- ja parisuhdeneuvonta.", Lang::fi,
                [&](const IndexTerm& t) { terms.push_back(t); });
  auto pos_of = [&](const std::string& term) {
    for (const auto& t : terms)
      if (t.term == term) return t.position;
    return 0u;
  };
  CHECK(pos_of("äitiysneuvola") == 1);  // at the position of "Äitiys"
  CHECK(pos_of("lastenneuvola") == 3);
  CHECK(pos_of("perheneuvonta") == 4);
  CHECK(pos_of("kasvatusneuvonta") == 5);
  CHECK(pos_of("parisuhdeneuvonta") == 7);
  CHECK(pos_of("perhesuhdeneuvonta") == 0);
  std::string which;
  CHECK(shares_term(a, "Äitiys- ja lastenneuvolat", "äitiysneuvolaan", &which));
}

TEST_CASE("analysis: proper names are not split", "[analysis]") {
  Analyzer a(resources());
  auto t = index_set(a, "Kangasalan Lempäälän Tampereen");
  CHECK(t.count("kangasala") == 1);
  CHECK(t.count("kangas") == 0);
  CHECK(t.count("ala") == 0);
  CHECK(t.count("lempäälä") == 1);
  CHECK(t.count("tampere") == 1);
}

TEST_CASE("analysis: compound parts are weighted by informativeness", "[analysis]") {
  Analyzer a(resources());
  CHECK(a.part_weight("palvelu") < 0.2);
  CHECK(a.part_weight("toiminta") < 0.3);
  CHECK(a.part_weight("neuvola") > 0.6);
  CHECK(a.part_weight("uimakoulu") == 1.0);
  auto w = a.analyze_query("perheneuvolaan", Lang::fi);
  REQUIRE(w.size() == 1);
  double exact = 0, neuvola = 0, perhe = 0;
  for (const auto& alt : w[0].alternatives) {
    if (alt.terms == std::vector<std::string>{"perheneuvola"}) exact = alt.weight;
    if (alt.terms == std::vector<std::string>{"neuvola"}) neuvola = alt.weight;
    if (alt.terms == std::vector<std::string>{"perhe"}) perhe = alt.weight;
  }
  CHECK(exact > neuvola);
  CHECK(neuvola > perhe);
  CHECK(perhe > 0);
  // Alternatives come strongest first.
  for (std::size_t i = 1; i < w[0].alternatives.size(); ++i)
    CHECK(w[0].alternatives[i - 1].weight >= w[0].alternatives[i].weight);
}

TEST_CASE("analysis: folded matches weigh less than exact ones", "[analysis]") {
  Analyzer a(resources());
  auto w = a.analyze_query("aiti", Lang::fi);
  REQUIRE(w.size() == 1);
  double restored = 0, folded = 0;
  for (const auto& alt : w[0].alternatives) {
    if (alt.terms == std::vector<std::string>{"äiti"}) restored = alt.weight;
    if (alt.terms == std::vector<std::string>{"Faiti"}) folded = alt.weight;
  }
  CHECK(restored > 0);
  CHECK(restored < 1.0);
  CHECK(folded > 0);
  CHECK(folded < 1.0);
}

TEST_CASE("analysis: words() and positions", "[analysis]") {
  Analyzer a(resources());
  CHECK(a.words("Äitiys- ja LASTENNEUVOLA, MLL:n") ==
        std::vector<std::string>{"äitiys", "ja", "lastenneuvola", "mll:n"});
  std::vector<unsigned> pos;
  a.index_terms("lapsi ja perhe", Lang::fi, [&](const IndexTerm& t) {
    if (t.kind == TermKind::surface) pos.push_back(t.position);
  });
  CHECK(pos == std::vector<unsigned>{1, 3});  // the stopword keeps its position
  CHECK(a.analyze_query("", Lang::fi).empty());
  CHECK(a.analyze_query("  ,, ", Lang::fi).empty());
}

TEST_CASE("analysis: snippet stemmer gives base forms", "[analysis]") {
  Analyzer a(resources());
  auto fi = a.snippet_stemmer(Lang::fi);
  CHECK(fi("neuvolaan") == "neuvola");
  CHECK(fi("Äidille") == "äiti");
  CHECK(fi("lasten") == "lapsi");
  CHECK(fi("MLL") == "mll");
  auto sv = a.snippet_stemmer(Lang::sv);
  CHECK(sv("barnrådgivningen") == "barnrådgivning");
  // The stemmer outlives the Analyzer.
  Xapian::Stem keep;
  {
    Analyzer b(resources());
    keep = b.snippet_stemmer(Lang::fi);
  }
  CHECK(keep("perheille") == "perhe");
}

TEST_CASE("analysis: misspelt words get Voikko's suggestions, weakly", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* typed;
    const char* meant;
  };
  const Case cases[] = {
      {"perhenuvola", "perheneuvola"},
      {"psykologgi", "psykologi"},
      {"aitiysnevola", "äitiysneuvola"},  // typo and no ä
      {"varhaiskasvtus", "varhaiskasvatus"},
  };
  for (const auto& c : cases) {
    INFO(c.typed);
    auto w = a.analyze_query(c.typed, Lang::fi);
    REQUIRE(w.size() == 1);
    double weight = 0;
    for (const auto& alt : w[0].alternatives)
      if (alt.terms == std::vector<std::string>{c.meant}) weight = alt.weight;
    CHECK(weight > 0);
    CHECK(weight <= 0.5);
    CHECK(w[0].unknown);  // the search adds its index's nearest word too
  }
  // Known words are not: as typed, with ä/ö put back, through a synonym.
  for (const char* known : {"neuvolassa", "paivakoti", "eskari", "sossu"}) {
    INFO(known);
    const auto w = a.analyze_query(known, Lang::fi);
    REQUIRE(w.size() == 1);
    CHECK_FALSE(w[0].unknown);
  }
  // A known word gets no suggestions; a colloquial word gets its synonyms
  // instead of suggestions ("eskari" is not "keskari").
  CHECK(query_set(a, "neuvola").count("neuvolat") == 0);
  auto e = query_set(a, "eskari");
  CHECK(e.count("esiopetus") == 1);
  CHECK(e.count("keskari") == 0);
}

TEST_CASE("analysis: Swedish and English stopwords in the Finnish UI", "[analysis]") {
  Analyzer a(resources());
  const auto marked = [&](const std::string& q) { return stop_marks(a, q); };
  using V = std::vector<std::pair<std::string, bool>>;
  // A Swedish or English query typed in the Finnish UI: "för" and "with" are
  // not required words (they would match nearly every Swedish/English text).
  CHECK(marked("hemhjälp för barnfamiljer") == V{{"hemhjälp", false}, {"för", true}, {"barnfamiljer", false}});
  CHECK(marked("support with debts") == V{{"support", false}, {"with", true}, {"debts", false}});
  // A word that is also Finnish stays a word: "alla" is a Swedish stopword
  // ("all") and Finnish ("under"), and is kept.
  CHECK(marked("alla") == V{{"alla", false}});
  // A query of stopwords only still searches (effective_words keeps them).
  CHECK(marked("för") == V{{"för", true}});
  // A single letter of those lists is a stopword though Voikko reads it as
  // an abbreviation; a single letter of none of them stays a word.
  CHECK(marked("hire a nanny") == V{{"hire", false}, {"a", true}, {"nanny", false}});
  CHECK(marked("hjälp i hemmet") == V{{"hjälp", false}, {"i", true}, {"hemmet", false}});
  CHECK(marked("b") == V{{"b", false}});
}

TEST_CASE("analysis: colloquial words parents use", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* word;
    const char* finds;
  };
  const Case cases[] = {
      {"päivähoitoon", "varhaiskasvatus"}, {"terkkari", "terveydenhoitaja"},
      {"sossu", "sosiaalitoimisto"},       {"koulukyyti", "koulukuljetus"},
      {"lastentarha", "päiväkoti"},        {"kotona", "koti"},
  };
  for (const auto& c : cases) {
    INFO(c.word);
    CHECK(query_set(a, c.word).count(c.finds) == 1);
  }
}

TEST_CASE("analysis: a compound whose first part is a colloquial word", "[analysis]") {
  Analyzer a(resources());
  // Voikko knows neither "terkkariaika" nor "terkkari"; the synonym table
  // knows terkkari => terveydenhoitaja, so the compound means its synonym and
  // its second part together, and the first part alone more weakly.
  const auto words = a.analyze_query("terkkariaika", Lang::fi);
  REQUIRE(words.size() == 1);
  double both = 0, alone = 0;
  for (const auto& alt : words[0].alternatives) {
    if (alt.terms == std::vector<std::string>{"terveydenhoitaja", "aika"}) both = alt.weight;
    if (alt.terms == std::vector<std::string>{"terveydenhoitaja"}) alone = alt.weight;
  }
  CHECK(both > 0);
  CHECK(alone > 0);
  CHECK(alone < both);
  CHECK(both < 1.0);
  // An unknown word whose beginning is no colloquial word is not split so.
  const auto unknown = a.analyze_query("xyzzyaika", Lang::fi);  // kept alive for the loop
  REQUIRE(unknown.size() == 1);
  for (const auto& alt : unknown[0].alternatives) CHECK(alt.kind != TermKind::synonym);
}

TEST_CASE("analysis: need words reach the services that help (needs-*.txt)", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* query;
    Lang ui;
    const char* finds;
  };
  const Case cases[] = {
      // needs-fi.txt: inflected need words find the service words
      {"jaksamiseen", Lang::fi, "perhetyö"},      {"uupumus", Lang::fi, "kotipalvelu"},
      {"kiusaamisesta", Lang::fi, "kuraattori"},  {"masentunut", Lang::fi, "mielenterveyspalvelu"},
      {"huumeita", Lang::fi, "päihdetyö"},        {"velat", Lang::fi, "velkaneuvonta"},
      {"riitelemme", Lang::fi, "sovittelu"}    ,  {"yksinhuoltajalle", Lang::fi, "vertaistuki"},
      // session 10's everyday words (synonyms-fi.txt, needs-fi.txt), inflected
      {"rahapulassa", Lang::fi, "toimeentulo"},   {"tappelevat", Lang::fi, "perheneuvola"},
      {"heräilee", Lang::fi, "lastenneuvola"},    {"kirjis", Lang::fi, "kirjasto"}                 ,
      {"kouluavustajaa", Lang::fi, "avustajapalvelu"}, {"invataksi", Lang::fi, "kuljetuspalvelu"},
      // needs-en.txt / needs-sv.txt: English and Swedish need words => Finnish service words
      {"contraception", Lang::en, "ehkäisyneuvonta"}, {"bullying", Lang::en, "kuraattori"},
      {"exhaustion", Lang::en, "perhetyö"},           {"mobbning", Lang::sv, "oppilashuolto"},
      {"preventivmedel", Lang::sv, "ehkäisy"},        {"skuld", Lang::sv, "velka"},
      // needs-en.txt's single everyday words, typed in the Finnish UI too
      {"family", Lang::fi, "perhe"},                  {"school", Lang::en, "koulu"},
      {"families", Lang::fi, "perhe"},                {"babies", Lang::fi, "vauva"},
      // needs-sv.txt's everyday service words, inflected, in the Finnish UI
      // (Sweden-Swedish ones beside Finland-Swedish: hemtjänst, sjukgymnast)
      {"skolan", Lang::fi, "koulu"},                  {"familjer", Lang::fi, "perhe"},
      {"blodprov", Lang::fi, "laboratorio"},          {"hemtjänst", Lang::fi, "kotipalvelu"},
      {"sjukgymnast", Lang::fi, "fysioterapia"}  ,    {"fosterhem", Lang::sv, "perhehoito"},
  };
  for (const auto& c : cases) {
    const auto words = a.analyze_query(c.query, c.ui);
    std::string seen;  // every alternative, for the failure message
    for (const auto& w : words)
      for (const auto& alt : w.alternatives) {
        for (const auto& t : alt.terms) seen += t + " ";
        seen += "| ";
      }
    INFO(c.query << " -> " << c.finds << "; alternatives: " << seen);
    bool found = false;
    for (const auto& w : words)
      for (const auto& alt : w.alternatives)
        if (std::find(alt.terms.begin(), alt.terms.end(), c.finds) != alt.terms.end()) {
          found = true;
          CHECK(alt.kind == TermKind::synonym);
          CHECK(alt.weight < 1.0);  // below the word as typed
        }
    CHECK(found);
  }
  // A need word is not a synonym of the services the other way round: a
  // search for "perhetyö" is not widened to every exhaustion word.
  CHECK(query_set(a, "perhetyö").count("uupumus") == 0);
  // Words that are not synonyms of each other sit on lines of their own.
  CHECK(query_set(a, "kuume").count("yskä") == 0);
}

TEST_CASE("analysis: verbs that only frame a need are not required (query-fillers-fi.txt)", "[analysis]") {
  Analyzer a(resources());
  const auto marked = [&](const std::string& q) { return stop_marks(a, q); };
  using V = std::vector<std::pair<std::string, bool>>;
  CHECK(marked("nuori käyttää huumeita") == V{{"nuori", false}, {"käyttää", true}, {"huumeita", false}});
  CHECK(marked("tarvitsen ehkäisyä") == V{{"tarvitsen", true}, {"ehkäisyä", false}});
  CHECK(marked("haluamme erota") == V{{"haluamme", true}, {"erota", false}});
  // Spoken-language pronouns are not required either ("mua kiusataan").
  CHECK(marked("mua kiusataan") == V{{"mua", true}, {"kiusataan", false}});
  // A filler still completes a multi-word phrase of the vocabularies:
  // "ottaa huostaan" => sijaishuolto reaches "lapsi otettiin huostaan".
  const auto words = a.analyze_query("lapsi otettiin huostaan", Lang::fi);
  REQUIRE(words.size() == 3);
  CHECK(words[1].stopword);
  CHECK(has_alternative(words[2], {"sijaishuolto"}));
  // Nouns of the same stems are words of their own: not fillers.
  CHECK(marked("käyttö hakemus tarve") == V{{"käyttö", false}, {"hakemus", false}, {"tarve", false}});
  // Fillers are still indexed: a text about them can be found.
  CHECK(index_set(a, "Palvelua voi käyttää maksutta").count("käyttää") == 1);
}

TEST_CASE("analysis: Swedish verbs that only frame a need are not required (query-fillers-sv.txt)", "[analysis]") {
  Analyzer a(resources());
  const auto marked = [&](const std::string& q) { return stop_marks(a, q); };
  using V = std::vector<std::pair<std::string, bool>>;
  // "till" is a Swedish stopword; "söka" / "använder" frame the need.
  CHECK(marked("söka till skolan") == V{{"söka", true}, {"till", true}, {"skolan", false}});
  CHECK(marked("ungdom använder droger") == V{{"ungdom", false}, {"använder", true}, {"droger", false}});
  CHECK(marked("behöver hemhjälp") == V{{"behöver", true}, {"hemhjälp", false}});
  // Nouns stay required.
  CHECK(marked("hemhjälp skolskjuts") == V{{"hemhjälp", false}, {"skolskjuts", false}});
  // Fillers are still indexed in Swedish texts.
  CHECK(index_set(a, "Man kan söka stöd", Lang::sv).count("sök") == 1);
}

TEST_CASE("analysis: English verbs that only frame a need are not required (query-fillers-en.txt)", "[analysis]") {
  Analyzer a(resources());
  const auto marked = [&](const std::string& q) { return stop_marks(a, q); };
  using V = std::vector<std::pair<std::string, bool>>;
  // "where", "to", "for", "we" are English stopwords; get / looking / need
  // frame the need.
  CHECK(marked("where to get contraception") ==
        V{{"where", true}, {"to", true}, {"get", true}, {"contraception", false}});
  CHECK(marked("looking for speech therapy") ==
        V{{"looking", true}, {"for", true}, {"speech", false}, {"therapy", false}});
  CHECK(marked("we need day care") == V{{"we", true}, {"need", true}, {"day", false}, {"care", false}});
  CHECK(marked("help with debts") == V{{"help", true}, {"with", true}, {"debts", false}});
  // Nouns stay required.
  CHECK(marked("family counselling") == V{{"family", false}, {"counselling", false}});
  // Fillers are still indexed in English texts.
  CHECK(index_set(a, "Families may apply for support", Lang::en).count("appli") == 1);
}

TEST_CASE("analysis: a multi-word synonym source gives its synonym to every word", "[analysis]") {
  Analyzer a(resources());
  // "hammas särkee" => hammashoito: a text that says only "hammashoito" must
  // match both words of the query, so both carry the alternative.
  const auto words = a.analyze_query("hammas särkee", Lang::fi);
  REQUIRE(words.size() == 2);
  for (const auto& w : words) {
    INFO(w.text);
    CHECK(has_alternative(w, {"hammashoito"}));
  }
  // A word outside the phrase does not get it.
  const auto three = a.analyze_query("hammas särkee yöllä", Lang::fi);
  REQUIRE(three.size() == 3);
  CHECK_FALSE(has_alternative(three[2], {"hammashoito"}));
}

TEST_CASE("analysis: hostile input neither crashes nor hangs", "[analysis]") {
  Analyzer a(resources());
  std::string long_word(5000, 'a');
  std::string many_ao;
  for (int i = 0; i < 40; ++i) many_ao += "ao";
  std::string hyphens;
  for (int i = 0; i < 500; ++i) hyphens += "x-";
  const std::string inputs[] = {
      "\xFF\xFE\xC3",  // invalid UTF-8
      long_word,
      many_ao,
      hyphens,
      "- - -- ,,, @@@ +++ ((( )))",
      "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
      "a\xCC\x88" "a\xCC\x88" "a\xCC\x88",  // combining marks
      "\xF0\x9F\x98\x80 emoji \xE2\x80\x8B zero width",
      "qwrtp zxcvb mnbvc lkjhg poiuy trewq asdfg hjklö",  // many unknown words
  };
  for (const auto& in : inputs) {
    INFO(in.substr(0, 40));
    std::size_t n = 0;
    CHECK_NOTHROW(a.index_terms(in, Lang::fi, [&](const IndexTerm&) { ++n; }));
    CHECK_NOTHROW(a.analyze_query(in, Lang::fi));
    CHECK_NOTHROW(a.words(in));
  }
}

TEST_CASE("analysis: a compound typed as two words", "[analysis]") {
  Analyzer a(resources());
  auto w = a.analyze_query("perhe neuvolaan", Lang::fi);
  REQUIRE(w.size() == 2);
  for (const auto& qw : w) {
    INFO(qw.text);
    bool joined = false;
    for (const auto& alt : qw.alternatives)
      if (alt.terms == std::vector<std::string>{"perheneuvola"}) joined = alt.weight < 1.0;
    CHECK(joined);
  }
  // Not for words that do not form a compound (an inflected first word),
  // nor across stopwords.
  auto q = query_set(a, "neuvolaan perhe");
  CHECK(std::none_of(q.begin(), q.end(), [](const std::string& t) { return t.rfind("neuvolaanperhe", 0) == 0; }));
  CHECK(query_set(a, "perhe ja neuvola").count("perheneuvola") == 0);
}

TEST_CASE("analysis: American spellings meet the British texts (english_spelling.h)", "[analysis]") {
  Analyzer a(resources());
  struct Case {
    const char* doc;    // British, as the PTV texts are written
    const char* query;  // American
  };
  const Case cases[] = {
      {"Youth centres and family centre", "youth center"},
      {"The family centres", "centers"},
      {"Organisation of services", "organization"},
      {"Specialised health care", "specialized"},
      {"Paediatric nursing", "pediatric"},
      {"The child's behaviour", "behavioral"},
      {"Neighbourhood services", "neighborhood"},
      {"Rehabilitation programme", "program"},
      {"A driving licence", "license"},
      {"School counsellor", "counselor"},
      {"Analyse the situation", "analyze"},
      {"Gynaecology and anaemia", "gynecology anemia"},
  };
  for (const auto& c : cases) {
    INFO(c.doc << " <- " << c.query);
    const auto idx = index_set(a, c.doc, Lang::en);
    for (const auto& w : a.analyze_query(c.query, Lang::fi)) {
      if (w.stopword) continue;
      bool hit = false;
      for (const auto& alt : w.alternatives)
        if (alt.terms.size() == 1 && idx.count(alt.terms[0])) hit = true;
      CHECK(hit);
    }
  }
  // Symmetric: an American text is found by the British spelling.
  const auto us_doc = index_set(a, "Day care center", Lang::en);
  const auto uk_query = query_set(a, "centre", Lang::en);
  CHECK(std::any_of(uk_query.begin(), uk_query.end(), [&](const std::string& t) { return us_doc.count(t) > 0; }));
  // Words that only look American stay apart: size, prize, seize are not
  // -ise words, a doctor is no "doctour", laboratory is not labour.
  for (const auto& [w, other] : std::vector<std::pair<std::string, std::string>>{
           {"size", "sise"}, {"prize", "prise"}, {"laboratory", "labour"}, {"doctor", "doctour"}}) {
    INFO(w << " vs " << other);
    const auto q = query_set(a, w, Lang::en);
    const auto d = index_set(a, other, Lang::en);
    CHECK_FALSE(std::any_of(q.begin(), q.end(), [&](const std::string& t) { return d.count(t) > 0; }));
  }
}

TEST_CASE("analysis: a translation's Finnish word is taken as written, not as another reading", "[analysis]") {
  Analyzer a(resources());
  // needs-en.txt: "parent => vanhempi", "support => tuki". Voikko also reads
  // vanhempi as the comparative of vanha (old) and tuki as a form of the
  // verb tukea; the translation means the nouns.
  const auto parent = query_set(a, "parent", Lang::fi);
  CHECK(parent.count("vanhempi") == 1);
  CHECK(parent.count("vanha") == 0);
  const auto support = query_set(a, "support", Lang::fi);
  CHECK(support.count("tuki") == 1);
  CHECK(support.count("tukea") == 0);
  // The Finnish texts' "vanhemmille" (to the parents) has the noun among its
  // base forms, so the translation meets it.
  CHECK(index_set(a, "Tukea vanhemmille").count("vanhempi") == 1);
}

TEST_CASE("analysis: an English word the tables know is not a typo of a Finnish one", "[analysis]") {
  Analyzer a(resources());
  // "contraception" and "counselling" are no Finnish words, but the
  // translation tables know them: no Voikko guesses, not unknown (so the
  // search does not add the nearest Finnish word of its index either).
  for (const char* q : {"contraception", "counselling", "bullying"}) {
    INFO(q);
    const auto words = a.analyze_query(q, Lang::fi);
    REQUIRE(words.size() == 1);
    CHECK_FALSE(words[0].unknown);
    for (const auto& alt : words[0].alternatives) CHECK_FALSE(alt.correction);
  }
  // A Finnish typo is still one.
  const auto typo = a.analyze_query("perhenuvola", Lang::fi);
  REQUIRE(typo.size() == 1);
  CHECK(typo[0].unknown);
}

TEST_CASE("analysis: a hyphenated English or Swedish phrase matches as its pieces", "[analysis]") {
  Analyzer a(resources());
  // Every alternative (all terms) of every word of the query.
  const auto alts_of = [&](const std::string& q) { return alternatives_of(a, q); };
  // synonyms-en.txt "after-school club, after-school care, afternoon
  // activities" and needs-en.txt "after-school care => aamu- ja
  // iltapäivätoiminta": typed with a space, with the hyphen, or as a
  // different hyphenated phrase of the same group, each finds the texts'
  // "afternoon activities".
  for (const char* q : {"after school care", "after-school care", "after-school club", "after school club"}) {
    INFO(q);
    CHECK(alts_of(q).count({"afternoon", "activ"}) == 1);
  }
  // Any alternative naming a term (the Finnish side "aamu- ja
  // iltapäivätoiminta" is one alternative of two terms).
  const auto names = [&](const std::string& q, const std::string& term) {
    const auto alts = alts_of(q);
    return std::any_of(alts.begin(), alts.end(), [&](const std::vector<std::string>& t) {
      return std::find(t.begin(), t.end(), term) != t.end();
    });
  };
  CHECK(names("after school care", "iltapäivätoiminta"));
  // needs-en.txt "self-harm => itsetuhoisuus, ...": typed either way.
  for (const char* q : {"self-harm", "self harm", "teen self-harm"}) {
    INFO(q);
    CHECK(alts_of(q).count({"itsetuhoisuus"}) == 1);
  }
  // A piece that is a stopword ("after") does not leave a one-word key:
  // "school" alone is not "after-school", and "care" alone is no day care.
  CHECK(alts_of("school").count({"afternoon", "activ"}) == 0);
  CHECK(names("school care", "iltapäivätoiminta"));  // the phrase without its stopword
  CHECK(alts_of("care").count({"earli", "childhood", "educ"}) == 0);
  // Finnish hyphenated words are analysed as before (not English pieces).
  CHECK(alts_of("0-6-vuotiaat").count({"vuotias"}) == 1);
}

TEST_CASE("analysis: two English words whose translations make a Finnish compound", "[analysis]") {
  Analyzer a(resources());
  // needs-en.txt "support => tuki", "family => perhe", "advice => neuvonta",
  // "debt => velka": the pair is also the Finnish compound the texts use,
  // on both words, weaker than the words as typed.
  struct Case {
    const char* query;
    const char* compound;
  };
  for (const Case c : {Case{"support family", "tukiperhe"}, Case{"debt advice", "velkaneuvonta"}}) {
    INFO(c.query);
    for (const auto& w : a.analyze_query(c.query, Lang::fi)) {
      if (w.stopword) continue;
      INFO(w.text);
      bool found = false;
      for (const auto& alt : w.alternatives)
        if (alt.terms == std::vector<std::string>{c.compound}) {
          found = true;
          CHECK(alt.kind == TermKind::synonym);
          CHECK(alt.weight < 1.0);
        }
      CHECK(found);
    }
  }
  // Finnish puts the modifier first as English does: "family support" is
  // no tukiperhe.
  CHECK(query_set(a, "family support").count("tukiperhe") == 0);
  // Only words next to each other: "support for a family" is no tukiperhe.
  CHECK(query_set(a, "support for a family").count("tukiperhe") == 0);
  // Finnish words are joined as typed (the Finnish rule), never reordered.
  CHECK(query_set(a, "tuki perhe").count("tukiperhe") == 1);
  CHECK(query_set(a, "tuki perhe").count("perhetuki") == 0);
}

TEST_CASE("analysis: everyday English reaches the official English of the texts (synonyms-en.txt)", "[analysis]") {
  Analyzer a(resources());
  const auto alts_of = [&](const std::string& q) { return alternatives_of(a, q); };
  // The right side as the index has it: English Snowball stems.
  struct Case {
    const char* query;
    std::vector<std::string> alternative;
  };
  const Case cases[] = {
      {"toddler", {"child"}},
      {"toddlers", {"child"}},
      {"stepfamily", {"famili", "counsel"}},
      {"school bus", {"school", "transport"}},
      {"marriage counselling", {"famili", "counsel"}},
      {"care home", {"shelter", "hous"}},
      {"teeth", {"oral", "health", "care"}},
      {"detox", {"detoxif"}},
      {"hobbies", {"recreat", "activ"}},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    CHECK(alts_of(c.query).count(c.alternative) == 1);
  }
  // Only the phrase: "home" or "care" alone is no care home, "school" alone
  // no school transport.
  CHECK(alts_of("home").count({"shelter", "hous"}) == 0);
  CHECK(alts_of("school").count({"school", "transport"}) == 0);
}
