// voikko_baseforms.h — stage: Finnish base forms and compound parts (libvoikko).
//
// Base forms come from every Voikko reading of a word (all readings where
// ambiguous). Compound parts come from cutting the word at the '=' marks of
// STRUCTURE: the last part's lemma is the rest of BASEFORM, earlier parts are
// lemmatised on their own ("lasten" -> "lapsi"), so lastensuojelun ->
// lastensuojelu + lapsi + suojelu (WORDBASES would give "suojella" + "u").
// Words with a proper-name reading (place, first or family name) are never
// split (Kangasala stays whole, not kangas + ala).
//
// Threading: one instance per thread (a Voikko handle is not thread-safe).
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct VoikkoHandle;

namespace palveluhaku::analysis {

struct FinnishAnalysis {
  bool known = false;               // Voikko recognised the word
  bool proper = false;              // a reading is a proper name
  std::vector<std::string> bases;   // lower-case base forms, Voikko's order
  std::vector<std::string> parts;   // lower-case compound parts and sub-compounds
};

class VoikkoBaseforms {
 public:
  // Opens the "fi" dictionary. Throws Error(internal) if libvoikko or the
  // voikko-fi dictionary is missing.
  VoikkoBaseforms();
  ~VoikkoBaseforms();
  VoikkoBaseforms(const VoikkoBaseforms&) = delete;
  VoikkoBaseforms& operator=(const VoikkoBaseforms&) = delete;

  // Full analysis of a case-folded word (no caching here).
  FinnishAnalysis analyze(std::string_view word);

  // Base forms only (lower case), empty if unknown. No compound splitting.
  std::vector<std::string> bases(std::string_view word);

  // The surface after the last compound boundary of the first compound
  // reading ("parisuhdeneuvonnassa" -> "neuvonnassa"); "" if not a compound or a
  // proper name.
  std::string compound_tail(std::string_view word);

  // Voikko's spelling suggestions for a misspelt word, best first, at most
  // `max` (single words only). Slow (1-2 ms): query time, unknown words only.
  std::vector<std::string> suggest(std::string_view word, std::size_t max);

  // True if Voikko knows the word (spell check).
  bool known(std::string_view word);

 private:
  struct Reading {
    std::string base, cls, structure;
  };
  std::vector<Reading> readings(std::string_view word);

  VoikkoHandle* handle_ = nullptr;
  std::string buf_;  // NUL-terminated copy of the current word
};

}  // namespace palveluhaku::analysis
