// problems.cpp — rendering of problem places, result counts, format names.
#include <string>

#include "palveluhaku/sources.h"
#include "sources/report.h"
#include "sources/text_util.h"

namespace palveluhaku {

std::string SourcePlace::to_string() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) out += ":" + std::to_string(line);
  if (!pointer.empty()) out += "#" + pointer;
  return out;
}

std::string Problem::to_string() const {
  std::string out = place.to_string();
  out += ": ";
  if (severity == Severity::warning) out += "warning: ";
  if (!field.empty()) out += field + ": ";
  out += message;
  return out;
}

std::size_t ImportResult::warnings() const {
  std::size_t n = 0;
  for (const auto& p : problems)
    if (p.severity == Problem::Severity::warning) ++n;
  return n;
}

std::size_t ImportResult::errors() const { return problems.size() - warnings(); }

std::string_view source_format_name(SourceFormat f) {
  switch (f) {
    case SourceFormat::ptv: return "ptv";
    case SourceFormat::csv: return "csv";
    case SourceFormat::json: return "json";
    case SourceFormat::jsonl: return "jsonl";
    case SourceFormat::automatic: break;
  }
  return "auto";
}

std::optional<SourceFormat> parse_source_format(std::string_view s) {
  const std::string l = sources::ascii_lower(s);
  if (l == "auto" || l == "automatic") return SourceFormat::automatic;
  if (l == "ptv") return SourceFormat::ptv;
  if (l == "csv") return SourceFormat::csv;
  if (l == "json") return SourceFormat::json;
  if (l == "jsonl" || l == "ndjson") return SourceFormat::jsonl;
  return std::nullopt;
}

namespace sources {
std::string pointer_token(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}
}  // namespace sources

}  // namespace palveluhaku
