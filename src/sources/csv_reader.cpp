#include "sources/csv_reader.h"

namespace palveluhaku::sources {

char detect_separator(std::string_view content) {
  std::size_t comma = 0, semi = 0, tab = 0;
  bool quoted = false;
  for (char c : content) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++comma;
    else if (!quoted && c == ';') ++semi;
    else if (!quoted && c == '\t') ++tab;
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

bool CsvReader::next(std::vector<std::string>& cells, std::size_t& line) {
  cells.clear();
  unterminated_ = false;
  too_many_ = false;
  if (pos_ >= s_.size()) return false;
  line = line_;
  std::string cell;
  bool quoted = false;      // inside a quoted section
  bool was_quoted = false;  // the cell started with a quote
  auto push = [&] {
    if (cells.size() < kMaxCells) cells.push_back(std::move(cell));
    else too_many_ = true;
    cell.clear();
    was_quoted = false;
  };
  while (pos_ < s_.size()) {
    const char c = s_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
          cell += '"';
          pos_ += 2;
          continue;
        }
        quoted = false;
        ++pos_;
        continue;
      }
      if (c == '\n') ++line_;
      else if (c == '\r' && !(pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n')) ++line_;
      cell += c;
      ++pos_;
      continue;
    }
    if (c == '"' && cell.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
      ++pos_;
      continue;
    }
    if (c == sep_) {
      push();
      ++pos_;
      continue;
    }
    if (c == '\n' || c == '\r') {
      ++pos_;
      if (c == '\r' && pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
      ++line_;
      push();
      return true;
    }
    cell += c;
    ++pos_;
  }
  if (quoted) unterminated_ = true;
  push();
  return true;
}

}  // namespace palveluhaku::sources
