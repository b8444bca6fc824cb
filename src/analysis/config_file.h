// config_file.h — reading the line-based data files of index-config/analysis/.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace palveluhaku::analysis {

// Calls `line_fn(line, line_number)` for each line of `path` with comments
// ('#' to end of line) and surrounding white space removed; blank lines are
// skipped. The text is NFC-normalised. Throws Error(invalid_config) if the
// file cannot be read; `line_fn` may throw bad_line() for a bad entry.
void read_config_lines(const std::string& path,
                       const std::function<void(std::string_view, int)>& line_fn);

// Builds the Error(invalid_config) for a bad entry, naming file and line.
[[noreturn]] void bad_line(const std::string& path, int line, std::string_view why);

// Splits on any of `seps`, trims each piece, drops empty pieces.
std::vector<std::string> split_trim(std::string_view s, std::string_view seps);

}  // namespace palveluhaku::analysis
