#include "index/doc_values.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace palveluhaku::index {

using nlohmann::json;

namespace {
unsigned char age_byte(std::optional<int> v) {
  if (!v) return kAgeOpen;
  return static_cast<unsigned char>(std::clamp(*v, 0, 254));
}

json text_json(const LocalizedText& t) {
  json j = json::object();
  for (Lang l : kAllLangs)
    if (!t.get(l).empty()) j[std::string(lang_code(l))] = t.get(l);
  return j;
}

void text_from(const json& j, LocalizedText& t) {
  if (!j.is_object()) return;
  for (Lang l : kAllLangs) {
    auto it = j.find(std::string(lang_code(l)));
    if (it != j.end() && it->is_string()) t.get(l) = it->get<std::string>();
  }
}
}  // namespace

std::string encode_age(std::optional<int> min, std::optional<int> max) {
  if (!min && !max) return {};
  std::string v(2, '\0');
  v[0] = static_cast<char>(age_byte(min));
  v[1] = static_cast<char>(age_byte(max));
  return v;
}

bool decode_age(std::string_view v, int& min, int& max) {
  if (v.size() != 2) return false;
  const auto a = static_cast<unsigned char>(v[0]);
  const auto b = static_cast<unsigned char>(v[1]);
  min = a == kAgeOpen ? 0 : a;
  max = b == kAgeOpen ? 1000 : b;
  return true;
}

std::string encode_hours(const std::vector<Location>& locations) {
  json all = json::array();
  bool any = false;
  for (const auto& loc : locations) {
    json entries = json::array();
    for (const auto& h : loc.hours) {
      json e;
      e["k"] = static_cast<int>(h.kind);
      if (!h.valid_from.empty()) e["f"] = h.valid_from;
      if (!h.valid_to.empty()) e["t"] = h.valid_to;
      if (h.closed) e["c"] = 1;
      if (h.always_open) e["a"] = 1;
      json days = json::array();
      for (const auto& d : h.days) days.push_back({d.weekday, d.open_min, d.close_min});
      e["d"] = days;
      entries.push_back(std::move(e));
      any = true;
    }
    all.push_back(std::move(entries));
  }
  return any ? all.dump() : std::string();
}

std::vector<std::vector<HoursEntry>> decode_hours(std::string_view v) {
  std::vector<std::vector<HoursEntry>> out;
  if (v.empty()) return out;
  const json all = json::parse(v, nullptr, false);
  if (!all.is_array()) return out;
  for (const auto& entries : all) {
    if (!entries.is_array()) continue;
    std::vector<HoursEntry> loc;
    for (const auto& e : entries) {
      if (!e.is_object()) continue;
      HoursEntry h;
      h.kind = static_cast<HoursEntry::Kind>(std::clamp(e.value("k", 0), 0, 2));
      h.valid_from = e.value("f", std::string());
      h.valid_to = e.value("t", std::string());
      h.closed = e.value("c", 0) != 0;
      h.always_open = e.value("a", 0) != 0;
      if (auto d = e.find("d"); d != e.end() && d->is_array()) {
        for (const auto& x : *d) {
          if (!x.is_array() || x.size() != 3) continue;
          DayHours dh;
          dh.weekday = static_cast<std::uint8_t>(std::clamp(x[0].get<int>(), 0, 6));
          dh.open_min = static_cast<std::uint16_t>(std::clamp(x[1].get<int>(), 0, 2880));
          dh.close_min = static_cast<std::uint16_t>(std::clamp(x[2].get<int>(), 0, 2880));
          h.days.push_back(dh);
        }
      }
      loc.push_back(std::move(h));
    }
    out.push_back(std::move(loc));
  }
  return out;
}

std::string encode_suggest(const SuggestData& d) {
  json j;
  j["n"] = text_json(d.name);
  if (!d.provider.empty()) j["p"] = text_json(d.provider);
  j["k"] = d.name_keys;
  if (!d.provider_keys.empty()) j["pk"] = d.provider_keys;
  return j.dump();
}

bool decode_suggest(std::string_view v, SuggestData& out) {
  const json j = json::parse(v, nullptr, false);
  if (!j.is_object()) return false;
  if (auto it = j.find("n"); it != j.end()) text_from(*it, out.name);
  if (auto it = j.find("p"); it != j.end()) text_from(*it, out.provider);
  if (auto it = j.find("k"); it != j.end() && it->is_array())
    for (const auto& k : *it)
      if (k.is_string()) out.name_keys.push_back(k.get<std::string>());
  if (auto it = j.find("pk"); it != j.end() && it->is_array())
    for (const auto& k : *it)
      if (k.is_string()) out.provider_keys.push_back(k.get<std::string>());
  return true;
}

}  // namespace palveluhaku::index
