#include "analysis/config_file.h"

#include <fstream>

#include "analysis/icu_normalize.h"
#include "palveluhaku/error.h"

namespace palveluhaku::analysis {

namespace {
std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}
}  // namespace

void read_config_lines(const std::string& path,
                       const std::function<void(std::string_view, int)>& line_fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::invalid_config, "cannot read analysis file " + path);
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    auto hash = line.find('#');
    std::string_view v(line);
    if (hash != std::string::npos) v = v.substr(0, hash);
    v = trim(v);
    if (v.empty()) continue;
    std::string n = nfc(v);
    line_fn(n, no);
  }
  if (in.bad()) throw Error(ErrorCode::invalid_config, "error reading analysis file " + path);
}

void bad_line(const std::string& path, int line, std::string_view why) {
  throw Error(ErrorCode::invalid_config,
              path + ":" + std::to_string(line) + ": " + std::string(why));
}

std::vector<std::string> split_trim(std::string_view s, std::string_view seps) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    auto j = s.find_first_of(seps, i);
    if (j == std::string_view::npos) j = s.size();
    auto piece = trim(s.substr(i, j - i));
    if (!piece.empty()) out.emplace_back(piece);
    i = j + 1;
  }
  return out;
}

}  // namespace palveluhaku::analysis
