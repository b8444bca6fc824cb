#include "site/messages.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "palveluhaku/error.h"

namespace palveluhaku::site {

namespace {

std::map<std::string, std::string> read_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::invalid_config, "cannot read UI messages file " + path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::invalid_config, path + ": not valid JSON: " + e.what());
  }
  if (!j.is_object()) throw Error(ErrorCode::invalid_config, path + ": must be a JSON object");
  std::map<std::string, std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string())
      throw Error(ErrorCode::invalid_config, path + ": value of \"" + it.key() + "\" is not a string");
    out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

}  // namespace

std::shared_ptr<const Messages> Messages::load(const std::string& dir) {
  return std::make_shared<const Messages>(read_table(dir + "/fi.json"), read_table(dir + "/sv.json"),
                                          read_table(dir + "/en.json"));
}

Messages::Messages(std::map<std::string, std::string> fi, std::map<std::string, std::string> sv,
                   std::map<std::string, std::string> en) {
  tables_[0].insert(fi.begin(), fi.end());
  tables_[1].insert(sv.begin(), sv.end());
  tables_[2].insert(en.begin(), en.end());
}

const std::string& Messages::get(Lang lang, std::string_view key) const {
  const auto& t = tables_[static_cast<int>(lang)];
  if (auto it = t.find(key); it != t.end()) return it->second;
  if (auto it = tables_[0].find(key); it != tables_[0].end()) return it->second;
  // Unknown key: remember it so the reference stays valid.
  thread_local std::string fallback;
  fallback.assign(key);
  return fallback;
}

std::string Messages::format(Lang lang, std::string_view key,
                             const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string s = get(lang, key);
  for (const auto& [name, value] : args) {
    const std::string ph = "{" + name + "}";
    for (std::size_t p = s.find(ph); p != std::string::npos; p = s.find(ph, p + value.size()))
      s.replace(p, ph.size(), value);
  }
  return s;
}

bool Messages::has(std::string_view key) const { return tables_[0].find(key) != tables_[0].end(); }

}  // namespace palveluhaku::site
