#include "analysis/finnish_words.h"

namespace palveluhaku::analysis {

namespace {
bool has_letter(std::string_view w) {
  for (unsigned char c : w)
    if (c >= 0x80 || (c >= 'a' && c <= 'z')) return true;
  return false;
}
}  // namespace

FinnishWords::FinnishWords(const Lexicon& lexicon, std::shared_ptr<VoikkoBaseforms> voikko)
    : lexicon_(lexicon), voikko_(std::move(voikko)) {}

FinnishWord FinnishWords::analyze(std::string_view word) {
  FinnishWord fw;
  if (const auto* bases = lexicon_.find(word)) {
    fw.source = FinnishWord::Source::lexicon;
    fw.bases = *bases;
    return fw;
  }
  if (has_letter(word)) {
    FinnishAnalysis fa = voikko_->analyze(word);
    if (fa.known) {
      fw.source = FinnishWord::Source::voikko;
      fw.proper = fa.proper;
      fw.bases = std::move(fa.bases);
      fw.parts = std::move(fa.parts);
      return fw;
    }
    // Compound-initial forms of -minen nouns: "oppimis" (oppimisvaikeus,
    // "oppimis- ja ...") -> oppiminen.
    if (word.size() > 5 && word.substr(word.size() - 3) == "mis") {
      std::string probe = std::string(word.substr(0, word.size() - 1)) + "nen";
      auto b = voikko_->bases(probe);
      if (!b.empty()) {
        fw.source = FinnishWord::Source::bound;
        fw.bases = std::move(b);
        return fw;
      }
    }
    // Bound words Voikko knows only after a number: "vuotiaille" -> "6-vuotiaille".
    if (word.size() >= 4 && word.front() != '-') {
      std::string probe = "6-" + std::string(word);
      for (auto& b : voikko_->bases(probe)) {
        if (b.size() > 2 && b.compare(0, 2, "6-") == 0) {
          fw.bases.push_back(b.substr(2));
        }
      }
      if (!fw.bases.empty()) {
        fw.source = FinnishWord::Source::bound;
        return fw;
      }
    }
  }
  fw.source = FinnishWord::Source::snowball;
  fw.bases.push_back(snowball_(std::string(word)));
  if (fw.bases.front().empty()) fw.bases.front() = std::string(word);
  return fw;
}

std::string FinnishWords::compound_tail(std::string_view word) {
  return voikko_->compound_tail(word);
}

}  // namespace palveluhaku::analysis
