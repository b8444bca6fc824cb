// csv_reader.h — an RFC 4180 CSV tokenizer with line numbers (private).
//
// Quoted fields may hold separators, doubled quotes and newlines; CRLF, LF
// and CR line ends are accepted. The reader is lenient where spreadsheets
// are sloppy (a quote inside an unquoted field is kept as text) and strict
// only where data would be lost (an unterminated quote).
//
// Threading: one reader per input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace palveluhaku::sources {

// ',', ';' or '\t': whichever occurs most often outside quotes in the first
// line (',' when none occurs).
char detect_separator(std::string_view content);

class CsvReader {
 public:
  // Rows longer than this many cells are cut (the rest reported by the caller).
  static constexpr std::size_t kMaxCells = 1000;

  CsvReader(std::string_view content, char sep) : s_(content), sep_(sep) {}

  // Reads the next row into `cells`; `line` is the 1-based line where the
  // row starts. Returns false at the end of the input. Blank lines give a
  // row with one empty cell.
  bool next(std::vector<std::string>& cells, std::size_t& line);

  // Bytes of the input consumed so far.
  std::size_t position() const { return pos_; }
  // Set when the last row ended inside a quoted field (input truncated).
  bool unterminated_quote() const { return unterminated_; }
  // Set when the last row had more than kMaxCells cells.
  bool too_many_cells() const { return too_many_; }

 private:
  std::string_view s_;
  char sep_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool unterminated_ = false;
  bool too_many_ = false;
};

}  // namespace palveluhaku::sources
