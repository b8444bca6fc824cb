// stopwords.h — stage: stopword lists (one per language, from index-config/analysis/).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace palveluhaku::analysis {

class StopwordList {
 public:
  // Reads one lower-case word per line ('#' comments). A missing file is an
  // Error(invalid_config) when `required`, else an empty list.
  static StopwordList load(const std::string& path, bool required);

  // `word` must be case-folded.
  bool contains(std::string_view word) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

}  // namespace palveluhaku::analysis
