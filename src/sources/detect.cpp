// detect.cpp — telling PTV JSON, own JSON, JSON Lines and CSV apart.
#include <array>

#include "palveluhaku/sources.h"
#include "sources/importers.h"
#include "sources/text_util.h"

namespace palveluhaku {

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && sources::ascii_lower(s.substr(s.size() - suffix.size())) == suffix;
}

// Offset just past the first complete JSON value starting at `start`
// (which is '{' or '['), or npos if it does not end within `s`.
std::size_t end_of_first_value(std::string_view s, std::size_t start) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = start; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0 || --depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

// Keys only PTV Open API documents (and the PTV general descriptions) have.
bool looks_like_ptv(std::string_view head) {
  static constexpr std::array<std::string_view, 15> kMarkers = {
      "\"serviceHourType\"", "\"openingHour\"", "\"ConceptType\"",
      "\"itemList\"",          "\"pageNumber\"",          "\"serviceChannelType\"",
      "\"serviceNames\"",      "\"serviceChannelNames\"", "\"organizationNames\"",
      "\"organizationType\"",  "\"serviceChargeType\"",   "\"serviceChannels\"",
      "\"ShortDescription\"",  "\"ServiceClasses\"",      "\"statutoryServiceGeneralDescriptionId\""};
  for (auto m : kMarkers)
    if (head.find(m) != std::string_view::npos) return true;
  return false;
}

}  // namespace

SourceFormat detect_format(std::string_view content, std::string_view name) {
  content = sources::strip_bom(content);
  std::size_t i = 0;
  while (i < content.size() && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n'))
    ++i;
  if (i < content.size() && (content[i] == '{' || content[i] == '[')) {
    const std::string_view head = content.substr(i, 64 * 1024);
    if (looks_like_ptv(head)) return SourceFormat::ptv;
    if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson")) return SourceFormat::jsonl;
    // JSON Lines: something follows the first complete value.
    const std::size_t end = end_of_first_value(content, i);
    if (end != std::string_view::npos) {
      std::size_t k = end;
      while (k < content.size() && (content[k] == ' ' || content[k] == '\t' || content[k] == '\r' || content[k] == '\n'))
        ++k;
      if (k < content.size() && content.substr(end, k - end).find('\n') != std::string_view::npos)
        return SourceFormat::jsonl;
    }
    return SourceFormat::json;
  }
  if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson")) return SourceFormat::jsonl;
  if (ends_with_ci(name, ".json")) return SourceFormat::json;
  if (ends_with_ci(name, ".csv") || ends_with_ci(name, ".tsv")) return SourceFormat::csv;
  // A header line with a separator and an "id" column is our CSV template.
  const std::string_view first = content.substr(0, content.find('\n'));
  if ((first.find(',') != std::string_view::npos || first.find(';') != std::string_view::npos) &&
      sources::ascii_lower(first).find("id") != std::string::npos)
    return SourceFormat::csv;
  return SourceFormat::automatic;
}

}  // namespace palveluhaku
