// finnish_words.h — the Finnish word analysis in one call: lexicon, then
// Voikko (base forms + compound parts), then the "N-" trick for bound
// words Voikko only knows after a number ("vuotiaille" -> "6-vuotiaille" ->
// vuotias), then the Snowball "finnish" stem as the last fallback.
//
// Threading: one instance per thread (uses a Voikko handle).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/lexicon.h"
#include "analysis/snowball_fallback.h"
#include "analysis/voikko_baseforms.h"

namespace palveluhaku::analysis {

struct FinnishWord {
  enum class Source : unsigned char { lexicon, voikko, bound, snowball };
  Source source = Source::snowball;
  bool proper = false;
  std::vector<std::string> bases;  // never empty
  std::vector<std::string> parts;  // compound parts (Voikko only)
  bool known() const { return source != Source::snowball; }
};

class FinnishWords {
 public:
  FinnishWords(const Lexicon& lexicon, std::shared_ptr<VoikkoBaseforms> voikko);

  // `word` is case-folded, one token without hyphens or colons.
  FinnishWord analyze(std::string_view word);

  // The surface of `word` after its first compound boundary
  // ("parisuhdeneuvonnassa" -> "neuvonnassa"), or "" if it is not a compound.
  std::string compound_tail(std::string_view word);

  VoikkoBaseforms& voikko() { return *voikko_; }

 private:
  const Lexicon& lexicon_;
  std::shared_ptr<VoikkoBaseforms> voikko_;
  Xapian::Stem snowball_{"finnish"};
};

}  // namespace palveluhaku::analysis
