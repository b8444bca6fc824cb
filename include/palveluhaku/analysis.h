// analysis.h — Finnish-aware text analysis, the same at index and query time.
//
// The pipeline (one file per stage in src/analysis/, composed in
// analyzer.cpp):
//   ICU NFC normalisation -> ICU word breaking (keeps "MLL:n", "0-6-vuotiaat",
//   e-mail addresses, phone numbers; expands "äitiys- ja lastenneuvola") ->
//   case folding -> stopwords -> Finnish base forms and compound parts
//   (libvoikko; Snowball "finnish" as fallback for unknown words; a small
//   lexicon for MLL, THL, Kela, ...) or Swedish / English Snowball stems ->
//   diacritic folding (ä->a, ö->o, å->a) -> synonyms (query side).
//
// Terms produced (the vocabulary the index and the query share):
//   - plain terms, lower case, NFC: surface forms ("neuvola"), base forms
//     ("neuvola" of "neuvolaan"), compound parts ("perhe", "neuvola" of
//     "perheneuvola"), stems for sv/en/unknown words. No prefix. A word as
//     written whose base forms differ ("neuvolaan", "services") is kind
//     `inflected`: the index has its base forms, not the form itself, unless
//     index.json's "inflected_forms" asks for it (src/index/index_config.h).
//   - folded terms: the same with diacritics folded, prefixed "F" ("Faiti"
//     for "äiti"), so that a query typed without ä/ö matches, ranked below
//     the exact forms. The index does not store them: the query builder
//     expands a query's "F" term to the indexed terms that fold to it
//     (src/index/folded_terms.h).
//
// Threading: an Analyzer is NOT thread-safe (libvoikko handles are not). Use
// one per thread; AnalysisResources is immutable and shared between them.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "palveluhaku/record.h"

namespace palveluhaku {

// The data the analysis needs: stopwords, synonyms, lexicon. Loaded from
// index-config/analysis/ (see index-config/README.md).
class AnalysisResources {
 public:
  // Throws Error(invalid_config) naming the file and line of a bad entry.
  static std::shared_ptr<const AnalysisResources> load(const std::string& index_config_dir);

  // Every word a user may type that the vocabularies know (the words of
  // the synonym, translation and need phrases that find others, as
  // written, each once): with the index's words, the dictionary of the
  // search's spelling correction ("kouluyyti" -> koulukyyti).
  const std::vector<std::string>& vocabulary() const;

  struct Impl;
  explicit AnalysisResources(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<Impl> impl_;
};

// What kind of term an index or query term is; decides its weight.
enum class TermKind : std::uint8_t {
  surface,   // the word as written (lower case): its own base form, or none known
  base,      // a base form (lemma) or stem
  part,      // a compound part (weighted by how informative it is)
  folded,    // diacritic-folded variant ("F" prefix)
  synonym,   // from the synonym table (query side)
  inflected, // the word as written where its base forms differ ("neuvolaan")
};

// One term for the index.
struct IndexTerm {
  std::string term;   // with its prefix if any ("Faiti")
  TermKind kind;
  unsigned position;  // word position within the text, 1-based
};

// One alternative way a query word can match: all `terms` must match
// (several terms for multi-word synonyms such as "mannerheimin
// lastensuojeluliitto"); `weight` scales its contribution (1.0 = exact).
struct QueryAlternative {
  std::vector<std::string> terms;
  double weight = 1.0;
  TermKind kind = TermKind::surface;
  // From a spelling suggestion for the word (Voikko's), not from the word
  // itself: a match through it still earns the user a "did you mean".
  bool correction = false;
};

// One word of a query with every way it can match.
struct QueryWord {
  std::string text;  // the word as typed, normalised and lower-cased
  std::vector<QueryAlternative> alternatives;
  bool stopword = false;
  // No reading of the word is known: Voikko knows it neither as typed nor
  // with ä/ö put back, and no synonym or colloquial compound names it (5
  // letters or more). Perhaps a typo: it gets Voikko's suggestions, and the
  // search the nearest word of its index.
  bool unknown = false;
  // Voikko reads the word as an inflected form of a known word ("neuvolaan"):
  // complete as typed, so the last word of a query is not also matched as
  // a prefix although the index has only its base forms.
  bool inflected = false;
};

// Bounds of one Analyzer's word caches. Every Analyzer has its own (the
// search engine keeps one per request worker, at most one per server
// thread), so a server's analysis memory is at most threads x these bounds.
// A full cache is emptied and refilled (the working set refills fast).
struct AnalyzerOptions {
  // Entries in each word cache: terms per language (3 caches), Finnish
  // base forms and parts, and (a quarter of it) the Finnish snippet
  // stemmer's. At query time each distinct word costs about 2 kB over these
  // caches. Default: 200000 (index time: a corpus's whole vocabulary)
  std::size_t cache_entries = 200000;
  // Entries in the cache of Voikko spelling suggestions, and as many in
  // that of the ä/ö spellings of words typed without them. Default: 20000
  std::size_t suggestion_entries = 20000;
};

class Analyzer {
 public:
  explicit Analyzer(std::shared_ptr<const AnalysisResources> res, const AnalyzerOptions& opts = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Index time: calls `sink` for every term of `text` written in `lang`.
  void index_terms(std::string_view text, Lang lang,
                   const std::function<void(const IndexTerm&)>& sink);

  // Query time: splits and analyses a query. The query language is not known
  // (a parent may type Swedish on the Finnish page): each word gets its
  // alternatives from every language, `ui_lang` first / weighted highest.
  std::vector<QueryWord> analyze_query(std::string_view query, Lang ui_lang);

  // The words of `text` after normalisation and word breaking, lower-cased,
  // without any further analysis (for spelling dictionaries and suggest).
  std::vector<std::string> words(std::string_view text);

  // Informativeness of a compound part in [0, 1]: ~0 for very common heads
  // (palvelu, keskus, toiminta), 1 for rare specific words.
  double part_weight(std::string_view part) const;

  // A Xapian stemmer whose stem is the Finnish base form, for
  // MSet::snippet() so that it highlights inflected forms. It shares this
  // Analyzer's Voikko handle (and may outlive the Analyzer): use it on the
  // same thread.
  Xapian::Stem snippet_stemmer(Lang lang);

  // Entries held now in this Analyzer's word, suggestion and restoration
  // caches (not the snippet stemmers'); never more than 4 x cache_entries +
  // 2 x suggestion_entries.
  std::size_t cached_entries() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace palveluhaku
