// Fuzz target: the query analysis path (ICU normalisation, word breaking,
// Voikko, folding, synonyms) must accept any bytes, including invalid UTF-8
// and NULs, for every UI language.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "palveluhaku/analysis.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto resources =
      palveluhaku::AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config");
  static palveluhaku::Analyzer analyzer(resources);
  if (size > 4096) return 0;  // the server caps queries far below this
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto lang : palveluhaku::kAllLangs) {
    (void)analyzer.analyze_query(text, lang);
    analyzer.index_terms(text, lang, [](const palveluhaku::IndexTerm&) {});
  }
  (void)analyzer.words(text);
  return 0;
}
