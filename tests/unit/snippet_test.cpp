// Snippeter (src/search/snippet.h) against Xapian's MSet::snippet, byte for
// byte: every service text of data/sample (whole and cut at 400 bytes like
// the engine's hits) under real-style queries built by the engine's own
// analysis and query builder, on the sample index on disk; plus texts made
// for the tokeniser's corners (initials, infixes, suffixes, digits,
// escaping, sentence ends, long words, zero-width characters).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine_fixtures.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/sources.h"
#include "search/query_builder.h"
#include "search/snippet.h"

using namespace engine_test;
using palveluhaku::search::Snippeter;

namespace {

struct Sample {
  TempDir dir;
  std::vector<std::string> texts;
  Sample() {
    const std::string s = PALVELUHAKU_SOURCE_DIR "/data/sample/";
    auto imp = import_sources({s + "pirkanmaa-services.jsonl", s + "daycare-units.jsonl", s + "ngo-services.csv",
                               s + "parish-services.csv"});
    REQUIRE(imp.records.size() > 400);
    rebuild_index(dir.index(), imp.records, index_options());
    for (const auto& r : imp.records) {
      for (Lang l : {Lang::fi, Lang::sv, Lang::en}) {
        std::string body = r.summary.best(l);
        const std::string& desc = r.description.best(l);
        if (!desc.empty()) body += (body.empty() ? "" : "\n") + desc;
        if (body.empty()) continue;
        texts.push_back(body);
        if (body.size() > 400) {  // the engine's cut (search_engine.cpp cut_text)
          std::size_t end = 400;
          while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;
          const std::size_t space = body.rfind(' ', end);
          if (space != std::string::npos && space > 200) end = space;
          texts.push_back(body.substr(0, end) + "…");
        }
        texts.push_back(r.name.best(l));
      }
    }
  }
};

Sample& sample() {
  static Sample s;
  return s;
}

const std::vector<std::string> kCorners = {
    "P.T.O. and U.N.C.L.E. met A.b and AB.C and X.Y.z here.",
    "AT&T, M&S and rock'n'roll: don’t, o‛clock; Zürich’s café.",
    "C++ and C# and F#+ and a+++ b++++ fish+chips c+ d#x.",
    "1,5 mg; 3.14 and 10;20, 1.2.3 and x.5 and 5.x — 2⁄3 and ١٢٣.",
    "<b>Tom & Jerry</b> > \"quoted\" 'single' (paren) [brack] {brace} «guill» ¡hola! ¿qué? §5 €10 $5 100% 5°",
    "Ends here... Next one!? Third one?! \u2026 and \"last.\"",
    "zero\u200bwidth\u200cjoin\u200dand\u2060word\ufeffmark and ‘quotes’ “double” „low”",
    "averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordthatexceedssixtyfourbytes lapsi",
    "Päiväkoti Ääriö ja Östersund, Åbo: lasten neuvola; perhe- ja kasvatusneuvonta. Perheneuvola auttaa.",
    "   leading spaces, then (päiväkoti) and -neuvola- and ~tilde~ /slash/ @at@ `tick` \\back\\",
    "Tab\tseparated\nlines\r\nand\u00a0nbsp\u2028line\u2029para end",
    "x",
    "...",
    "",
    // '&', '<', '>' at every offset of an 8-byte word (escaped eight
    // bytes at a time), next to highlighted words and in long plain runs.
    "neuvola&lapsi<perhe>koti a&b c<d e>f gh&ij<kl>mn neuvolaneuvola& &&<<>> lapsi perhe koti neuvola "
    "plain text run of some length before the next one >&< and after it more words päiväkoti<päiväkoti>",
};

// Queries as a user types them: inflected, without ä/ö, compounds,
// unfinished words, Swedish, English, quoted, nothing matching.
const std::vector<std::pair<std::string, Lang>> kQueries = {
    {"päiväkoti", Lang::fi},        {"paivakoti", Lang::fi},          {"päiväkodissa", Lang::fi},
    {"lasten neuvola", Lang::fi},   {"neuvolaan", Lang::fi},          {"perheneuvola", Lang::fi},
    {"kasvatus- ja perheneuvonta", Lang::fi}, {"mielenterveys", Lang::fi}, {"mielenterv", Lang::fi},
    {"päiv", Lang::fi},             {"lastensuojelu tampere", Lang::fi}, {"kotihoito vanhukset", Lang::fi},
    {"nuorisopsykiatria", Lang::fi}, {"harrastus", Lang::fi},          {"seurakunta kerho", Lang::fi},
    {"\"perhe neuvola\"", Lang::fi}, {"koulu", Lang::fi},              {"ruokaapu", Lang::fi},
    {"daghem", Lang::sv},           {"barnrådgivning", Lang::sv},     {"familj", Lang::sv},
    {"day care", Lang::en},         {"child health clinic", Lang::en}, {"family counselling", Lang::en},
    {"xyzzyqq", Lang::fi},          {"neuvo", Lang::fi},              {"tukea perheille", Lang::fi},
    {"ELY keskus", Lang::fi},       {"0-6 v", Lang::fi},              {"AT&T c++", Lang::en},
};

}  // namespace

TEST_CASE("Snippeter equals MSet::snippet on the sample texts", "[search][snippet]") {
  auto& s = sample();
  Xapian::Database db(s.dir.index() + "/XAPIANDB");
  Analyzer an(AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config"));
  std::vector<std::string> texts = s.texts;
  texts.insert(texts.end(), kCorners.begin(), kCorners.end());
  const Xapian::Stem none;
  std::size_t compared = 0, own_queries = 0, wildcard_queries = 0, highlighted = 0;
  for (const auto& [qs, lang] : kQueries) {
    for (int variant = 0; variant < 3; ++variant) {
      palveluhaku::search::QueryBuildOptions qo;
      qo.is_term = [&db](const std::string& t) { return db.term_exists(t); };
      qo.relaxed = variant == 1;
      qo.truncate_unknown = variant == 2;
      qo.prefix_last = variant != 1;
      const Xapian::Query q = palveluhaku::search::build_text_query(an.analyze_query(qs, lang), qo);
      if (q.empty()) continue;
      Xapian::Enquire enq(db);
      enq.set_query(q);
      enq.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
      for (Xapian::doccount size : {10u, 0u}) {
        const Xapian::MSet m = enq.get_mset(0, size);
        Snippeter sn(q, m, none);
        if (sn.own()) ++own_queries;
        bool wildcard = q.get_description().find("WILDCARD") != std::string::npos;
        if (wildcard && sn.own()) ++wildcard_queries;
        for (const auto& t : texts) {
          // The engine's call on the page's MSet; a short window without
          // SNIPPET_EXHAUSTIVE (the early stop) on the count-only one.
          const std::vector<std::pair<std::size_t, unsigned>> calls =
              size ? std::vector<std::pair<std::size_t, unsigned>>{{240, Xapian::MSet::SNIPPET_EXHAUSTIVE}}
                   : std::vector<std::pair<std::size_t, unsigned>>{{60, 0u}};
          for (const auto& [len, flags] : calls) {
            const std::string want = m.snippet(t, len, none, flags, "<mark>", "</mark>", "…");
            const std::string got = sn.snippet(t, len, flags, "<mark>", "</mark>", "…");
            INFO("query " << qs << " variant " << variant << " " << q.get_description() << "\ntext " << t
                          << "\nlength " << len << " flags " << flags);
            REQUIRE(got == want);
            ++compared;
            if (want.find("<mark>") != std::string::npos) ++highlighted;
          }
        }
      }
    }
  }
  // The comparison is not vacuous: most queries run the own code, with
  // wildcards among them, and many snippets highlight something.
  CHECK(own_queries >= 100);
  CHECK(wildcard_queries >= 10);
  CHECK(highlighted >= 1000);
  CHECK(compared > 100000);
  WARN("compared " << compared << " snippets, " << highlighted << " highlighted; " << own_queries
                   << " query runs own, " << wildcard_queries << " with wildcards");
}

TEST_CASE("Snippeter falls back to Xapian where it does not reproduce it", "[search][snippet]") {
  auto& s = sample();
  Xapian::Database db(s.dir.index() + "/XAPIANDB");
  const Xapian::Stem fi("finnish");
  const std::string text = "Lasten neuvolat ja neuvolan palvelut. Neuvola auttaa perheitä.";
  // A "Z" (stemmed) term: Xapian's own code with the stemmer.
  const Xapian::Query z(Xapian::Query::OP_OR, Xapian::Query("Zneuvol"), Xapian::Query("lasten"));
  Xapian::Enquire enq(db);
  enq.set_query(z);
  const auto m = enq.get_mset(0, 10);
  Snippeter sn(z, m, fi);
  CHECK_FALSE(sn.own());
  CHECK(sn.snippet(text, 30, 0, "[", "]", "...") == m.snippet(text, 30, fi, 0, "[", "]", "..."));
  // Text that is not UTF-8, and a flag not reproduced.
  const Xapian::Query plain("neuvola");
  enq.set_query(plain);
  const auto m2 = enq.get_mset(0, 10);
  Snippeter sp(plain, m2, fi);
  CHECK(sp.own());
  const std::string bad = "neuvola \xff\xfe caf\xe9 neuvola";
  CHECK(sp.snippet(bad, 10, 0, "[", "]", "...") == m2.snippet(bad, 10, fi, 0, "[", "]", "..."));
  CHECK(sp.snippet(text, 20, Xapian::MSet::SNIPPET_BACKGROUND_MODEL, "[", "]", "...") ==
        m2.snippet(text, 20, fi, Xapian::MSet::SNIPPET_BACKGROUND_MODEL, "[", "]", "..."));
  // Without highlight strings a short text is returned as it is.
  CHECK(sp.snippet("a <b>", 10, 0, "", "", "") == "a <b>");
  // An MSet without statistics: nothing is highlighted.
  const Xapian::MSet empty;
  Snippeter se(plain, empty, fi);
  CHECK(se.snippet(text, 20, 0, "[", "]", "...") == empty.snippet(text, 20, fi, 0, "[", "]", "..."));
}
