#include "analysis/stopwords.h"

#include <filesystem>

#include "analysis/case_fold.h"
#include "analysis/config_file.h"

namespace palveluhaku::analysis {

StopwordList StopwordList::load(const std::string& path, bool required) {
  StopwordList list;
  if (!required && !std::filesystem::exists(path)) return list;
  read_config_lines(path, [&](std::string_view line, int no) {
    if (line.find_first_of(" \t") != std::string_view::npos)
      bad_line(path, no, "a stopword is one word per line");
    list.words_.insert(fold_case(line));
  });
  return list;
}

bool StopwordList::contains(std::string_view word) const {
  return words_.find(std::string(word)) != words_.end();
}

}  // namespace palveluhaku::analysis
