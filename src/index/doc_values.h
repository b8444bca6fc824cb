// doc_values.h — the small binary/JSON values stored in value slots, shared
// by the document builder (writes) and the search snapshot (reads).
//
// Threading: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "palveluhaku/record.h"

namespace palveluhaku::index {

// Age range: two bytes (min, max); 255 means open-ended.
inline constexpr unsigned char kAgeOpen = 255;
std::string encode_age(std::optional<int> min, std::optional<int> max);
// Returns false if `v` is not a valid encoding.
bool decode_age(std::string_view v, int& min, int& max);  // open ends: min 0, max 1000

// Opening hours of every location: one list of entries per location.
std::string encode_hours(const std::vector<Location>& locations);
// Returns the per-location entries; empty if `v` is empty or malformed.
std::vector<std::vector<HoursEntry>> decode_hours(std::string_view v);

// What suggest needs of a document.
struct SuggestData {
  LocalizedText name;
  LocalizedText provider;
  std::vector<std::string> name_keys;      // lower-case words, bases, parts, folded forms
  std::vector<std::string> provider_keys;  // the same for the provider name
};
std::string encode_suggest(const SuggestData& d);
bool decode_suggest(std::string_view v, SuggestData& out);

}  // namespace palveluhaku::index
