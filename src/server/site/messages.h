// messages.h — the user-interface texts of the website in fi / sv / en.
//
// Loaded once from web/i18n/{fi,sv,en}.json (flat objects: "key": "text").
// The same files serve the page scripts. A key missing in sv or en falls
// back to fi, then to the key itself, so a page never shows an empty label.
// Texts may contain {n}-style placeholders, filled by format().
//
// Threading: immutable after load; share one instance between threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "palveluhaku/record.h"

namespace palveluhaku::site {

class Messages {
 public:
  // Reads fi.json, sv.json and en.json from `i18n_dir`. Throws
  // Error(invalid_config) naming the file if one is missing or not a flat
  // JSON object of strings.
  static std::shared_ptr<const Messages> load(const std::string& i18n_dir);

  // Builds from in-memory tables (tests).
  explicit Messages(std::map<std::string, std::string> fi, std::map<std::string, std::string> sv = {},
                    std::map<std::string, std::string> en = {});

  // The text for `key` in `lang` (fallback fi, then the key).
  const std::string& get(Lang lang, std::string_view key) const;

  // get() with "{name}" placeholders replaced by the values (not escaped:
  // escape the result).
  std::string format(Lang lang, std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const;

  // True if `key` exists in fi (the reference language).
  bool has(std::string_view key) const;

 private:
  std::map<std::string, std::string, std::less<>> tables_[3];
};

}  // namespace palveluhaku::site
