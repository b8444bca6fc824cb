// lexicon.h — stage: a small lexicon for words Voikko does not know
// (abbreviations such as MLL, THL, Kela; "vuotias" on its own).
//
// File format (index-config/analysis/lexicon-fi.txt), one entry a line:
//   word [base ...]
// `word` is matched case-insensitively against a whole word (the part before
// a colon: "MLL:n" -> "mll"); the base forms default to the word itself.
// Lexicon words are never split into compound parts.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace palveluhaku::analysis {

class Lexicon {
 public:
  // Missing file: empty lexicon when !required, else Error(invalid_config).
  static Lexicon load(const std::string& path, bool required);

  // Base forms of `word` (case-folded), or nullptr if not listed.
  const std::vector<std::string>* find(std::string_view word) const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, std::vector<std::string>> entries_;
};

}  // namespace palveluhaku::analysis
