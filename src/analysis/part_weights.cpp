#include "analysis/part_weights.h"

#include <charconv>
#include <filesystem>

#include "analysis/config_file.h"

namespace palveluhaku::analysis {

PartWeights PartWeights::load(const std::string& path, bool required) {
  PartWeights pw;
  if (!required && !std::filesystem::exists(path)) return pw;
  read_config_lines(path, [&](std::string_view line, int no) {
    auto f = split_trim(line, "\t ");
    if (f.size() != 2) bad_line(path, no, "expected 'part<TAB>weight'");
    double w = 0;
    const char* b = f[1].data();
    const char* e = b + f[1].size();
    auto r = std::from_chars(b, e, w);
    if (r.ec != std::errc() || r.ptr != e || w < 0 || w > 1)
      bad_line(path, no, "weight must be a number in [0, 1]");
    pw.weights_[f[0]] = w;
  });
  return pw;
}

double PartWeights::weight(std::string_view part) const {
  auto it = weights_.find(std::string(part));
  return it == weights_.end() ? 1.0 : it->second;
}

}  // namespace palveluhaku::analysis
