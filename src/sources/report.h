// report.h — collecting import problems (private to src/sources/).
//
// Threading: one Reporter per import; not shared.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "palveluhaku/sources.h"

namespace palveluhaku::sources {

// Appends problems for one place-prefix; counts errors so a caller can tell
// whether the current record had any.
class Reporter {
 public:
  explicit Reporter(std::vector<Problem>& out) : out_(out) {}

  void error(SourcePlace place, std::string field, std::string message) {
    add(Problem::Severity::error, std::move(place), std::move(field), std::move(message));
  }
  void warning(SourcePlace place, std::string field, std::string message) {
    add(Problem::Severity::warning, std::move(place), std::move(field), std::move(message));
  }
  std::size_t error_count() const { return errors_; }

 private:
  void add(Problem::Severity s, SourcePlace place, std::string field, std::string message) {
    if (s == Problem::Severity::error) ++errors_;
    out_.push_back(Problem{s, std::move(place), std::move(field), std::move(message)});
  }
  std::vector<Problem>& out_;
  std::size_t errors_ = 0;
};

// A JSON pointer token with ~ and / escaped (RFC 6901).
std::string pointer_token(const std::string& key);

}  // namespace palveluhaku::sources
