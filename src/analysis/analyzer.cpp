// analyzer.cpp — composes the analysis stages (see analysis.h for the
// pipeline and the vocabulary of terms).
#include <algorithm>
#include <cmath>

#include "analysis/analysis_cache.h"
#include "analysis/case_fold.h"
#include "analysis/diacritic_fold.h"
#include "analysis/finnish_words.h"
#include "analysis/icu_normalize.h"
#include "analysis/resources.h"
#include "analysis/snowball_fallback.h"
#include "analysis/voikko_baseforms.h"
#include "analysis/word_break.h"
#include "palveluhaku/analysis.h"

namespace palveluhaku {

using analysis::Token;

namespace {

// Query weights (relative to the word as typed = 1.0).
constexpr double kBaseWeight = 0.95;       // a base form / stem of the word
constexpr double kPartWeight = 0.6;        // times part_weight(part)
constexpr double kFoldedWeight = 0.6;      // diacritics folded / restored (0.7-0.95 for restored: bench/README.md)
constexpr double kSynonymWeight = 0.75;    // a synonym phrase
constexpr double kJoinedWeight = 0.9;      // two words written together ("perhe neuvola")
constexpr double kOtherLangWeight = 0.75;  // stems of a language other than the UI's
constexpr double kTranslationWeight = kSynonymWeight;  // the Finnish label of a sv/en concept label
constexpr double kSuggestWeight = 0.5;     // a Voikko spelling suggestion (first; later ones less)
constexpr std::size_t kSuggestions = 3;    // suggestions used per misspelt word
constexpr std::size_t kSuggestWords = 4;   // misspelt words per query that get suggestions
constexpr std::size_t kRestoreCandidates = 256;

// Connectors inside a hyphenated coordination: "äitiys- ja lastenneuvola".
bool is_connector(std::string_view w) {
  return w == "ja" || w == "tai" || w == "sekä" || w == "eli" || w == "och" || w == "eller" ||
         w == "and" || w == "or";
}

using TermList = std::vector<std::pair<std::string, TermKind>>;

void add_term(TermList& out, std::string term, TermKind kind) {
  if (term.empty()) return;
  for (auto& t : out)
    if (t.first == term) return;  // first (strongest) kind wins
  out.emplace_back(std::move(term), kind);
}

// Adds "F"+folded for every term with diacritics.
void add_folded(TermList& out) {
  std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (out[i].second == TermKind::folded) continue;
    if (analysis::is_ascii(out[i].first)) continue;
    std::string f = analysis::fold_diacritics(out[i].first);
    if (f != out[i].first) add_term(out, analysis::kFoldedPrefix + f, TermKind::folded);
  }
}

struct FoldedWord {
  bool stopword = false;
  TermList terms;
};

}  // namespace

struct Analyzer::Impl {
  Impl(std::shared_ptr<const AnalysisResources> r, const AnalyzerOptions& o)
      : res(std::move(r)),
        opts(o),
        data(res->impl()),
        voikko(std::make_shared<analysis::VoikkoBaseforms>()),
        fi(data.lexicon, voikko),
        cache{AnalysisCache(o.cache_entries), AnalysisCache(o.cache_entries),
              AnalysisCache(o.cache_entries)},
        fi_cache(o.cache_entries),
        suggest_cache(o.suggestion_entries),
        restore_cache(o.suggestion_entries),
        tail_cache(o.cache_entries / 4 + 1) {}

  using AnalysisCache = analysis::AnalysisCache<FoldedWord>;

  std::shared_ptr<const AnalysisResources> res;
  AnalyzerOptions opts;
  const AnalysisResources::Impl& data;
  analysis::WordBreaker breaker;
  std::shared_ptr<analysis::VoikkoBaseforms> voikko;
  analysis::FinnishWords fi;
  analysis::SnowballStemmers snow;
  AnalysisCache cache[3];
  analysis::AnalysisCache<analysis::FinnishWord> fi_cache;
  analysis::AnalysisCache<std::vector<std::string>> suggest_cache;
  // Word typed without ä/ö -> the spellings with them that Voikko knows.
  analysis::AnalysisCache<std::vector<std::string>> restore_cache;
  // Index time only (coordinations): word -> its compound tail ("" if
  // none). Uncached, the Voikko analysis behind it was 7 % of a build.
  analysis::AnalysisCache<std::string> tail_cache;

  const std::string& compound_tail(std::string_view w) {
    if (const auto* hit = tail_cache.get(w)) return *hit;
    return tail_cache.put(w, fi.compound_tail(w));
  }

  // Voikko's suggestions for a misspelt word (cached: 1-2 ms each). A word
  // typed without ä/ö ("aitiysnevola") is also tried with them put back.
  std::vector<std::string> suggestions(const std::string& w) {
    if (const auto* hit = suggest_cache.get(w)) return *hit;
    auto s = voikko->suggest(w, kSuggestions);
    if (s.empty() && !analysis::has_diacritics(w) && w.size() <= 30)
      for (const auto& cand : analysis::restore_diacritics(w, 7)) {
        s = voikko->suggest(cand, kSuggestions);
        if (!s.empty()) break;
      }
    return suggest_cache.put(w, std::move(s));
  }

  // The words Voikko knows that `folded` (no ä/ö) could be typed for
  // ("paivakodissa" -> päiväkodissa; "riita" -> riitä), fewest ä/ö first
  // (cached: up to kRestoreCandidates spell checks).
  const std::vector<std::string>& restorations(const std::string& folded) {
    if (const auto* hit = restore_cache.get(folded)) return *hit;
    std::vector<std::string> out;
    if (folded.size() <= 40)
      for (auto& cand : analysis::restore_diacritics(folded, kRestoreCandidates))
        if (voikko->known(cand)) out.push_back(std::move(cand));
    return restore_cache.put(folded, std::move(out));
  }

  const analysis::FinnishWord& finnish(std::string_view w) {
    if (const auto* hit = fi_cache.get(w)) return *hit;
    return fi_cache.put(w, fi.analyze(w));
  }

  // Terms of one plain word (no hyphen) in `lang`.
  void plain_word_terms(Lang lang, const std::string& w, TermList& out) {
    // "mll:n", "s:t": analyse the part before the colon.
    if (auto colon = w.find(':'); colon != std::string::npos && colon > 0) {
      add_term(out, w, TermKind::surface);
      TermList inner;
      plain_word_terms(lang, w.substr(0, colon), inner);
      for (auto& [t, k] : inner) add_term(out, t, k == TermKind::surface ? TermKind::base : k);
      return;
    }
    // The word as written is `inflected` where its base forms (or stem)
    // differ: they stand for it in the index.
    if (lang == Lang::fi) {
      const auto& fw = finnish(w);
      const bool own_base = std::find(fw.bases.begin(), fw.bases.end(), w) != fw.bases.end();
      add_term(out, w, own_base ? TermKind::surface : TermKind::inflected);
      for (const auto& b : fw.bases) add_term(out, b, TermKind::base);
      for (const auto& p : fw.parts) add_term(out, p, TermKind::part);
    } else {
      std::string stem = snow.stem(lang, w);
      add_term(out, w, stem.empty() || stem == w ? TermKind::surface : TermKind::inflected);
      add_term(out, std::move(stem), TermKind::base);
    }
  }

  // Terms of a case-folded token, cached per language.
  const FoldedWord& word_terms(Lang lang, const std::string& w, Token::Kind kind) {
    auto& c = cache[static_cast<int>(lang)];
    if (const auto* hit = c.get(w)) return *hit;
    FoldedWord fw;
    fw.stopword = data.stopwords[static_cast<int>(lang)].contains(w);
    switch (kind) {
      case Token::Kind::phone:
      case Token::Kind::number:
        add_term(fw.terms, w, TermKind::surface);
        break;
      case Token::Kind::email: {
        add_term(fw.terms, w, TermKind::surface);
        add_term(fw.terms, w.substr(w.find('@') + 1), TermKind::part);
        break;
      }
      case Token::Kind::hyphenated: {
        add_term(fw.terms, w, TermKind::surface);
        bool whole_known = false;
        if (lang == Lang::fi) {
          const auto& f = finnish(w);
          if (f.source == analysis::FinnishWord::Source::voikko) {
            whole_known = true;
            for (const auto& b : f.bases) add_term(fw.terms, b, TermKind::base);
            for (const auto& p : f.parts) add_term(fw.terms, p, TermKind::part);
          }
        }
        // Each piece on its own: "0-6-vuotiaat" -> 0, 6, vuotiaat (vuotias).
        std::size_t b = 0;
        while (b <= w.size()) {
          auto e = w.find('-', b);
          if (e == std::string::npos) e = w.size();
          if (e > b) {
            std::string piece = w.substr(b, e - b);
            if (whole_known) {
              add_term(fw.terms, piece, TermKind::part);
            } else {
              TermList pt;
              plain_word_terms(lang, piece, pt);
              for (auto& [t, k] : pt) add_term(fw.terms, t, k);
            }
          }
          b = e + 1;
        }
        break;
      }
      case Token::Kind::word:
        plain_word_terms(lang, w, fw.terms);
        break;
    }
    add_folded(fw.terms);
    return c.put(w, std::move(fw));
  }

  // NFC, word breaking, case folding.
  std::vector<Token> tokens(std::string_view text) {
    auto toks = analysis::is_ascii(text) ? breaker.split(text) : breaker.split(analysis::nfc(text));
    for (auto& t : toks) analysis::fold_case_inplace(t.text);
    return toks;
  }

  // "äitiys- ja lastenneuvola": the words the prefixes stand for.
  std::vector<std::pair<std::size_t, std::string>> coordinations(const std::vector<Token>& t) {
    std::vector<std::pair<std::size_t, std::string>> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!t[i].coord_prefix) continue;
      std::size_t j = i + 1;
      while (j < t.size() && j < i + 8 && (t[j].coord_prefix || is_connector(t[j].text))) ++j;
      if (j >= t.size() || j >= i + 8 || t[j].kind != Token::Kind::word) continue;
      const std::string& tail = compound_tail(t[j].text);
      if (tail.empty()) continue;
      for (std::size_t k = i; k < j; ++k)
        if (t[k].coord_prefix && t[k].kind != Token::Kind::number)
          out.emplace_back(k, t[k].text + tail);
      i = j - 1;
    }
    return out;
  }
};

Analyzer::Analyzer(std::shared_ptr<const AnalysisResources> res, const AnalyzerOptions& opts)
    : impl_(std::make_unique<Impl>(std::move(res), opts)) {}

std::size_t Analyzer::cached_entries() const {
  std::size_t n = impl_->fi_cache.size() + impl_->suggest_cache.size() + impl_->restore_cache.size();
  for (const auto& c : impl_->cache) n += c.size();
  return n;
}

Analyzer::~Analyzer() = default;

void Analyzer::index_terms(std::string_view text, Lang lang,
                           const std::function<void(const IndexTerm&)>& sink) {
  auto toks = impl_->tokens(text);
  std::vector<std::pair<std::size_t, std::string>> coord;
  if (lang == Lang::fi) coord = impl_->coordinations(toks);
  std::size_t ci = 0;
  IndexTerm it;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const unsigned pos = static_cast<unsigned>(i + 1);
    const auto& fw = impl_->word_terms(lang, toks[i].text, toks[i].kind);
    if (!fw.stopword) {
      for (const auto& [term, kind] : fw.terms) {
        it.term = term;
        it.kind = kind;
        it.position = pos;
        sink(it);
      }
    }
    while (ci < coord.size() && coord[ci].first == i) {
      const auto& ew = impl_->word_terms(lang, coord[ci].second, Token::Kind::word);
      for (const auto& [term, kind] : ew.terms) {
        it.term = term;
        it.kind = kind;
        it.position = pos;
        sink(it);
      }
      ++ci;
    }
  }
}

std::vector<std::string> Analyzer::words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : impl_->tokens(text)) out.push_back(std::move(t.text));
  return out;
}

double Analyzer::part_weight(std::string_view part) const {
  return impl_->data.part_weights.weight(part);
}

namespace {

void add_alt(std::vector<QueryAlternative>& alts, std::vector<std::string> terms, double weight,
             TermKind kind, bool correction = false) {
  if (terms.empty() || weight <= 0) return;
  for (auto& a : alts) {
    if (a.terms == terms) {
      if (weight > a.weight) {
        a.weight = weight;
        a.kind = kind;
        a.correction = correction;
      }
      return;
    }
  }
  alts.push_back({std::move(terms), weight, kind, correction});
}

}  // namespace

std::vector<QueryWord> Analyzer::analyze_query(std::string_view query, Lang ui_lang) {
  auto& I = *impl_;
  std::vector<QueryWord> out;
  auto toks = I.tokens(query);
  std::vector<std::string> lemma;  // per word: its first Finnish base form
  // per word: the first base form of its ä/ö spelling where the word typed
  // without them is a word too ("riita" -> riittää), else ""
  std::vector<std::string> lemma_restored;
  std::vector<bool> in_phrases;     // per word: a word of the synonym phrases (not a stopword)
  // per word: the one-word Finnish translations of a Swedish / English word
  // ("support" -> tuki, "family" -> perhe), with their weights
  std::vector<std::vector<std::pair<std::string, double>>> translated;
  std::size_t suggest_budget = kSuggestWords;  // Voikko suggestions cost 1-2 ms each
  for (const auto& t : toks) {
    translated.emplace_back();
    QueryWord qw;
    qw.text = t.text;
    const int ui = static_cast<int>(ui_lang);
    qw.stopword = I.data.stopwords[ui].contains(t.text) || I.data.stopwords[0].contains(t.text);
    auto& alts = qw.alternatives;
    add_alt(alts, {t.text}, 1.0, TermKind::surface);

    // Typed without ä/ö: the spellings with them that Voikko knows. A word
    // that is none as typed ("paivakodissa", "aidin") is analysed as those
    // spellings would be (base forms, parts, a stopword), instead of
    // Snowball's guess; one that is a word as typed too ("riita", "valein")
    // keeps its own reading at full weight and gets the other's base forms
    // and parts. Either way they weigh kFoldedWeight.
    const std::string folded = analysis::fold_diacritics(t.text);
    std::vector<std::string> restored, collided;
    if (t.kind == Token::Kind::word) {
      const bool typed_known = I.finnish(t.text).known();
      if (!typed_known && !I.finnish(folded).known())
        restored = I.restorations(folded);
      else if (typed_known && folded == t.text && analysis::utf8_length(t.text) >= 4)
        collided = I.restorations(folded);
    }

    std::vector<std::string> fi_keys;  // base forms for synonym lookup
    // An English word the translation or synonym tables know
    // ("contraception", "counselling"): a word, not a typo of a Finnish one.
    bool foreign_known = false;
    // Every language, the UI language first.
    Lang order[3] = {ui_lang, Lang::fi, Lang::sv};
    if (ui_lang == Lang::fi) order[1] = Lang::sv, order[2] = Lang::en;
    if (ui_lang == Lang::sv) order[2] = Lang::en;
    if (ui_lang == Lang::en) order[2] = Lang::sv;
    for (Lang lang : order) {
      const double lw = (lang == ui_lang) ? 1.0 : kOtherLangWeight;
      const auto& fw = I.word_terms(lang, t.text, t.kind);
      for (const auto& [term, kind] : fw.terms) {
        switch (kind) {
          case TermKind::surface:
          case TermKind::inflected:
            add_alt(alts, {term}, (term == t.text ? 1.0 : kBaseWeight) * lw, TermKind::surface);
            break;
          case TermKind::base:
          case TermKind::synonym:
            // Snowball's guess at a word that is none as typed ("aidin" ->
            // "aid"): its ä/ö spelling's base forms stand for it.
            if (lang == Lang::fi && !restored.empty()) break;
            add_alt(alts, {term}, kBaseWeight * lw, TermKind::base);
            if (lang == Lang::fi) fi_keys.push_back(term);
            break;
          case TermKind::part:
            add_alt(alts, {term}, kPartWeight * part_weight(term) * lw, TermKind::part);
            break;
          case TermKind::folded:
            // The word's own folded form is added below; folded copies of
            // its base forms and parts would only repeat the exact terms.
            break;
        }
      }
      if (lang != Lang::fi && t.kind == Token::Kind::word) {
        const std::string stem = I.snow.stem(lang, t.text);
        for (const auto* ph : I.data.synonyms[static_cast<int>(lang)].find(stem))
          add_alt(alts, *ph, kSynonymWeight * lw, TermKind::synonym);
        for (const auto* ph : I.data.translations[static_cast<int>(lang)].find(stem)) {
          add_alt(alts, *ph, kTranslationWeight * lw, TermKind::synonym);
          if (ph->size() == 1) translated.back().emplace_back(ph->front(), kTranslationWeight * lw);
          foreign_known = foreign_known || lang == Lang::en;
        }
        if (lang == Lang::en && !I.data.synonyms[static_cast<int>(lang)].find(stem).empty()) foreign_known = true;
      }
    }

    if (t.kind == Token::Kind::word) {
      const auto& f = I.finnish(t.text);
      qw.inflected = f.known() && std::find(f.bases.begin(), f.bases.end(), t.text) == f.bases.end();
      if (!restored.empty()) {
        const auto rf = I.finnish(restored.front());
        qw.inflected = std::find(rf.bases.begin(), rf.bases.end(), restored.front()) == rf.bases.end();
        // "etta", "eivat": a stopword typed without ä/ö is one too.
        if (I.data.stopwords[0].contains(restored.front())) qw.stopword = true;
      }
    }
    std::string restored_lemma;
    if (t.kind == Token::Kind::word || t.kind == Token::Kind::hyphenated) {
      // Typed without ä/ö: the folded form matches "F" terms of the index...
      add_alt(alts, {analysis::kFoldedPrefix + folded}, kFoldedWeight, TermKind::folded);
      // ...the word with ä/ö put back as that word ("aidille" -> "äidille"
      // -> äiti)...
      for (const auto& cand : restored) {
        const auto cf = I.finnish(cand);
        add_alt(alts, {cand}, kFoldedWeight, TermKind::folded);
        for (const auto& b : cf.bases) {
          add_alt(alts, {b}, kFoldedWeight * kBaseWeight, TermKind::folded);
          fi_keys.push_back(b);
        }
        for (const auto& p : cf.parts)
          add_alt(alts, {p}, kFoldedWeight * kPartWeight * part_weight(p), TermKind::part);
      }
      // ...and a word that is one as typed also as the other word it may
      // stand for, below its own reading ("valein": vale, and väli of
      // "välein"). Not as a stopword ("ala" is no "älä").
      for (const auto& cand : collided) {
        if (I.data.stopwords[0].contains(cand)) continue;
        const auto cf = I.finnish(cand);
        for (const auto& b : cf.bases) {
          add_alt(alts, {b}, kFoldedWeight, TermKind::folded);
          if (restored_lemma.empty()) restored_lemma = b;
        }
        for (const auto& p : cf.parts)
          add_alt(alts, {p}, kFoldedWeight * kPartWeight * part_weight(p), TermKind::part);
      }
      if (t.kind == Token::Kind::word && !I.finnish(folded).known() && !I.finnish(t.text).known()) {
        const bool restored_any = !restored.empty();
        // A compound whose first part is a colloquial word of the synonym
        // table ("eskaripaikka", "terkkariaika", "päikkyhaku"): Voikko knows
        // neither, so it matches the texts that name the first part's
        // synonym and the second part (longest first part first).
        bool colloquial_compound = false;
        if (!restored_any) {
          std::vector<std::size_t> at;  // byte offsets of the characters
          for (std::size_t i = 0; i < t.text.size(); ++i)
            if ((static_cast<unsigned char>(t.text[i]) & 0xC0) != 0x80) at.push_back(i);
          for (std::size_t i = at.size() >= 6 ? at.size() - 3 : 0; i >= 3 && !colloquial_compound; --i) {
            // The head as the table keys it: as written, or its base form
            // (Snowball's stem for a word Voikko does not know: "eskar").
            const std::string head = t.text.substr(0, at[i]);
            auto phrases = I.data.synonyms[0].find(head);
            if (phrases.empty())
              for (const auto& b : I.finnish(head).bases)
                if (phrases = I.data.synonyms[0].find(b); !phrases.empty()) break;
            if (phrases.empty()) continue;
            const auto tail = I.finnish(t.text.substr(at[i]));
            if (tail.source != analysis::FinnishWord::Source::voikko || tail.proper) continue;
            double tail_weight = 0;  // how informative the second part is
            for (const auto& b : tail.bases) tail_weight = std::max(tail_weight, part_weight(b));
            for (const auto* ph : phrases) {
              for (const auto& b : tail.bases) {
                std::vector<std::string> terms(ph->begin(), ph->end());
                terms.push_back(b);
                add_alt(alts, std::move(terms), kSynonymWeight * kPartWeight, TermKind::synonym);
              }
              // The first part alone, weaker the more the second part says:
              // "eskaripaikka" is about esiopetus, "päikkyhaku" finds päiväkoti
              // even where no text says "haku".
              add_alt(alts, *ph, kSynonymWeight * kPartWeight * std::max(0.1, 1.0 - tail_weight),
                      TermKind::synonym);
            }
            colloquial_compound = true;
          }
        }
        // Still unknown and no synonym: a typo? Voikko's suggestions
        // ("perhenuvola" -> perheneuvola), weaker than anything above.
        bool has_synonym = colloquial_compound || foreign_known;
        for (const auto& k : fi_keys) has_synonym = has_synonym || !I.data.synonyms[0].find(k).empty();
        has_synonym = has_synonym || !I.data.synonyms[0].find(t.text).empty();
        if (!restored_any && !has_synonym && t.text.size() >= 5) qw.unknown = true;
        if (!restored_any && !has_synonym && t.text.size() >= 5 && suggest_budget > 0) {
          --suggest_budget;
          double w = kSuggestWeight;
          for (const auto& sug : I.suggestions(t.text)) {
            const auto sf = I.finnish(sug);
            if (!sf.known()) continue;
            add_alt(alts, {sug}, w, TermKind::base, true);
            for (const auto& b : sf.bases) add_alt(alts, {b}, w, TermKind::base, true);
            w *= 0.8;  // (no compound parts: a wrong guess would match too widely)
          }
        }
      }
    }

    // A verb that only frames a need ("tarvitsen", "nuori käyttää
    // huumeita", "haluamme erota") is not required, like a stopword: one of
    // its Finnish readings is a filler ("haluamme" is also halu + -mme).
    // The word as typed counts too: spoken forms such as "mua" have no
    // base form of their own.
    const auto is_filler = [&](const std::string& k) { return I.data.query_fillers.contains(k); };
    // A Swedish or English query typed in the Finnish UI ("hemhjälp för
    // barnfamiljer", "help for families"): that language's stopwords are
    // stopwords too, unless the word is also Finnish ("on", "me", "ja"). A
    // single letter ("hire a nanny", "hjälp i hemmet") is no Finnish word to
    // require, though Voikko reads letters as abbreviations.
    if (!qw.stopword && t.kind == Token::Kind::word &&
        (t.text.size() == 1 || !I.finnish(t.text).known()))
      for (Lang lang : {Lang::sv, Lang::en})
        if (lang != ui_lang && I.data.stopwords[static_cast<int>(lang)].contains(t.text)) qw.stopword = true;
    // The synonym tables keep fillers in their phrases ("ottaa huostaan"):
    // a filler is skipped as a required word, not as a word of a phrase.
    in_phrases.push_back(!qw.stopword);
    if (!qw.stopword && (is_filler(t.text) || std::any_of(fi_keys.begin(), fi_keys.end(), is_filler)))
      qw.stopword = true;
    // The same for Swedish ("söka till skolan", "ungdom använder droger")
    // and English ("where to get contraception"), as typed (no Swedish or
    // English lemmatiser), unless the word is also Finnish.
    if (!qw.stopword && t.kind == Token::Kind::word &&
        (I.data.query_fillers_sv.contains(t.text) || I.data.query_fillers_en.contains(t.text)) &&
        !I.finnish(t.text).known())
      qw.stopword = true;
    lemma.push_back(fi_keys.empty() ? t.text : fi_keys.front());
    lemma_restored.push_back(restored_lemma == lemma.back() ? std::string() : restored_lemma);
    // Synonyms of the word and of its Finnish base forms.
    fi_keys.push_back(t.text);
    for (const auto& k : fi_keys)
      for (const auto* ph : I.data.synonyms[0].find(k)) add_alt(alts, *ph, kSynonymWeight, TermKind::synonym);

    out.push_back(std::move(qw));
  }

  // Multi-word synonym sources ("erotilanteen tuki" -> eroauttaminen,
  // "hammas särkee" -> hammashoito): the synonym becomes an alternative of
  // every word of the phrase, so that a text naming only the synonym matches
  // the whole phrase. Stopwords are skipped as they are when the table is
  // loaded.
  const auto& syn = I.data.synonyms[0];
  // A word typed without ä/ö that is a word both ways ("rahat eivat
  // riita") is keyed by either base form.
  const std::function<void(std::size_t, const std::string&, std::vector<std::size_t>)> extend =
      [&](std::size_t from, const std::string& key, std::vector<std::size_t> words) {
        if (words.size() >= syn.max_phrase_words()) return;
        for (std::size_t j = from; j < out.size(); ++j) {
          if (!in_phrases[j]) continue;
          words.push_back(j);
          for (const std::string* l : {&lemma[j], &lemma_restored[j]}) {
            if (l->empty()) continue;
            const std::string k = key + ' ' + *l;
            for (const auto* ph : syn.find(k))
              for (std::size_t w : words) add_alt(out[w].alternatives, *ph, kSynonymWeight, TermKind::synonym);
            extend(j + 1, k, words);
          }
          return;  // a phrase is consecutive words (stopwords left out)
        }
      };
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!in_phrases[i]) continue;
    for (const std::string* first : {&lemma[i], &lemma_restored[i]})
      if (!first->empty()) extend(i + 1, *first, {i});
  }
  // The same for Swedish and English phrases ("day care" -> early childhood
  // education, "child health clinic" -> well-baby clinic), keyed by their
  // Snowball stems with that language's stopwords left out, as when loaded.
  for (Lang lang : {Lang::sv, Lang::en}) {
    const int li = static_cast<int>(lang);
    const analysis::SynonymTable* tables[2] = {&I.data.synonyms[li], &I.data.translations[li]};
    const double weights[2] = {kSynonymWeight, kTranslationWeight};
    const std::size_t max_words =
        std::max(tables[0]->max_phrase_words(), tables[1]->max_phrase_words());
    if (max_words < 2) continue;
    const double lw = (lang == ui_lang) ? 1.0 : kOtherLangWeight;
    // The words as pieces: a hyphenated word ("after-school") is keyed by
    // its pieces, as the tables key it, so "after-school care" and "after
    // school care" find the same phrases. A stopword piece has no stem and
    // is skipped; any other token ends a phrase.
    struct Piece {
      std::size_t word;
      std::string stem;  // empty: a stopword of this language
      bool breaks = false;
    };
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const auto stem_of = [&](const std::string& w) {
        return I.data.stopwords[li].contains(w) ? std::string() : I.snow.stem(lang, w);
      };
      if (toks[i].kind == Token::Kind::word) {
        pieces.push_back({i, stem_of(out[i].text)});
      } else if (toks[i].kind == Token::Kind::hyphenated) {
        std::size_t b = 0;
        const std::string& w = out[i].text;
        while (b <= w.size()) {
          auto e = std::min(w.find('-', b), w.size());
          if (e > b) pieces.push_back({i, stem_of(w.substr(b, e - b))});
          b = e + 1;
        }
      } else {
        pieces.push_back({i, std::string(), true});
      }
    }
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (pieces[i].stem.empty()) continue;
      std::string key = pieces[i].stem;
      std::size_t words = 1;
      for (std::size_t j = i + 1; j < pieces.size() && words < max_words; ++j) {
        if (pieces[j].breaks) break;
        if (pieces[j].stem.empty()) continue;  // a stopword of this language
        key += ' ';
        key += pieces[j].stem;
        ++words;
        // As for Finnish phrases: every word of the phrase gets the synonym,
        // so that a text naming only the synonym matches the whole phrase.
        for (int k = 0; k < 2; ++k)
          for (const auto* ph : tables[k]->find(key))
            for (std::size_t w = i; w <= j; ++w)
              if (!pieces[w].stem.empty())
                add_alt(out[pieces[w].word].alternatives, *ph, weights[k] * lw, TermKind::synonym);
      }
    }
  }

  // A compound typed as two words ("perhe neuvola", "tuki perhe"): the
  // compound is an alternative of both, so its documents match the pair.
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i].stopword || out[i + 1].stopword || toks[i].kind != Token::Kind::word ||
        toks[i + 1].kind != Token::Kind::word)
      continue;
    const std::string joined = out[i].text + out[i + 1].text;
    auto jf = I.finnish(joined);
    if (!jf.known() && analysis::is_ascii(joined))  // "aitiys neuvola"
      if (const auto r = I.restorations(joined); !r.empty()) jf = I.finnish(r.front());
    if (jf.source != analysis::FinnishWord::Source::voikko || jf.parts.empty() || jf.proper) continue;
    for (const auto& b : jf.bases) {
      add_alt(out[i].alternatives, {b}, kJoinedWeight, TermKind::base);
      add_alt(out[i + 1].alternatives, {b}, kJoinedWeight, TermKind::base);
    }
  }

  // Two English (or Swedish) words whose Finnish translations make a
  // compound ("support family" -> tuki + perhe -> tukiperhe, "debt advice"
  // -> velka + neuvonta): the Finnish compound is an alternative of both, as
  // a translation of the pair, as strong as the weaker word's. English puts
  // the modifier first as Finnish does; a joined word that Voikko does not
  // read as a compound is left out.
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i].stopword || out[i + 1].stopword) continue;
    for (const auto& [a, wa] : translated[i])
      for (const auto& [b, wb] : translated[i + 1]) {
        const auto jf = I.finnish(a + b);
        if (jf.source != analysis::FinnishWord::Source::voikko || jf.parts.empty() || jf.proper) continue;
        for (const auto& base : jf.bases) {
          add_alt(out[i].alternatives, {base}, std::min(wa, wb), TermKind::synonym);
          add_alt(out[i + 1].alternatives, {base}, std::min(wa, wb), TermKind::synonym);
        }
      }
  }

  for (auto& qw : out)
    std::stable_sort(qw.alternatives.begin(), qw.alternatives.end(),
                     [](const QueryAlternative& a, const QueryAlternative& b) { return a.weight > b.weight; });
  return out;
}

namespace {

// Xapian stemmer whose "stem" is the Finnish base form (for MSet::snippet).
class VoikkoStem : public Xapian::StemImplementation {
 public:
  VoikkoStem(std::shared_ptr<const AnalysisResources> res,
             std::shared_ptr<analysis::VoikkoBaseforms> voikko, std::size_t cache_entries)
      : res_(std::move(res)), words_(res_->impl().lexicon, std::move(voikko)), cache_(cache_entries) {}

  std::string operator()(const std::string& word) override {
    std::string w = analysis::fold_case(word);
    if (const auto* hit = cache_.get(w)) return *hit;
    auto fw = words_.analyze(w);
    return cache_.put(w, fw.bases.empty() ? w : fw.bases.front());
  }
  std::string get_description() const override { return "palveluhaku-voikko"; }

 private:
  std::shared_ptr<const AnalysisResources> res_;
  analysis::FinnishWords words_;
  analysis::AnalysisCache<std::string> cache_;
};

}  // namespace

Xapian::Stem Analyzer::snippet_stemmer(Lang lang) {
  switch (lang) {
    case Lang::fi:
      return Xapian::Stem(new VoikkoStem(impl_->res, impl_->voikko, impl_->opts.cache_entries / 4));
    case Lang::sv:
      return Xapian::Stem("swedish");
    case Lang::en:
      return Xapian::Stem("english");
  }
  return Xapian::Stem("finnish");
}

}  // namespace palveluhaku
