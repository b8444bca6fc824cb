#include "sources/draftjs.h"

#include <nlohmann/json.hpp>

#include "sources/importers.h"
#include "sources/text_util.h"

namespace palveluhaku::sources {

bool looks_like_draftjs(std::string_view s) {
  s = trim(s);
  return s.size() >= 2 && s.front() == '{' && s.back() == '}' && s.find("\"blocks\"") != std::string_view::npos;
}

std::string draftjs_to_text(std::string_view s) {
  if (!looks_like_draftjs(s)) return std::string(s);
  std::vector<Problem> ignored;
  const auto j = parse_json_bounded(s, SourcePlace{}, ignored);
  if (!j || !j->is_object() || !j->contains("blocks") || !(*j)["blocks"].is_array()) return std::string(s);
  std::string out;
  bool pending_blank = false;
  for (const auto& b : (*j)["blocks"]) {
    if (!b.is_object() || !b.contains("text") || !b["text"].is_string()) continue;
    const std::string_view text = trim(b["text"].get_ref<const std::string&>());
    if (text.empty()) {
      pending_blank = !out.empty();
      continue;
    }
    const std::string type = b.contains("type") && b["type"].is_string() ? b["type"].get<std::string>() : "";
    if (!out.empty()) out += pending_blank ? "\n\n" : "\n";
    pending_blank = false;
    if (type == "unordered-list-item" || type == "ordered-list-item") out += "- ";
    out += text;
  }
  return out;
}

}  // namespace palveluhaku::sources
