#include "analysis/lexicon.h"

#include <filesystem>

#include "analysis/case_fold.h"
#include "analysis/config_file.h"

namespace palveluhaku::analysis {

Lexicon Lexicon::load(const std::string& path, bool required) {
  Lexicon lex;
  if (!required && !std::filesystem::exists(path)) return lex;
  read_config_lines(path, [&](std::string_view line, int no) {
    auto words = split_trim(line, " \t");
    if (words.empty()) bad_line(path, no, "empty entry");
    for (auto& w : words) w = fold_case(w);
    std::string key = words.front();
    if (!lex.entries_.emplace(key, std::vector<std::string>{}).second)
      bad_line(path, no, "duplicate lexicon word '" + key + "'");
    auto& bases = lex.entries_[key];
    if (words.size() == 1)
      bases.push_back(key);
    else
      bases.assign(words.begin() + 1, words.end());
  });
  return lex;
}

const std::vector<std::string>* Lexicon::find(std::string_view word) const {
  auto it = entries_.find(std::string(word));
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace palveluhaku::analysis
