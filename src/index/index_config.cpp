#include "index/index_config.h"

#include <fstream>
#include <set>
#include <sstream>

#include "palveluhaku/error.h"

namespace palveluhaku::index {

using nlohmann::json;

json IndexConfig::to_json() const {
  json j;
  j["version"] = version;
  json text = json::object();
  for (const auto& [f, w] : text_weights) text[f] = {{"weight", w}};
  j["text_fields"] = text;
  j["term_kinds"] = kind_factors;
  json boolean = json::object();
  boolean["id"] = {{"prefix", id_prefix}, {"unique", true}};
  for (const auto& [f, p] : prefixes) boolean[f] = {{"prefix", p}};
  j["boolean_fields"] = boolean;
  j["values"] = {{"name_sort", slot_name_sort}, {"age", slot_age},         {"coords", slot_coords},
                 {"hours", slot_hours},         {"suggest", slot_suggest}};
  j["spelling_fields"] = spelling_fields;
  j["inflected_forms"] = inflected_forms;
  j["bm25"] = {{"k1", bm25_k1}, {"b", bm25_b}};
  return j;
}

namespace {

[[noreturn]] void bad(const std::string& what, const std::string& key, const std::string& msg) {
  throw Error(ErrorCode::invalid_config, what + ": " + key + ": " + msg);
}

void check_keys(const json& obj, const std::set<std::string>& allowed, const std::string& what,
                const std::string& where) {
  if (!obj.is_object()) bad(what, where, "must be an object");
  for (const auto& [k, v] : obj.items()) {
    (void)v;
    if (!allowed.count(k)) bad(what, where.empty() ? k : where + "." + k, "unknown key");
  }
}

}  // namespace

IndexConfig index_config_from_json(const json& j, const std::string& what) {
  IndexConfig c;
  check_keys(j, {"version", "text_fields", "term_kinds", "boolean_fields", "values",
                 "spelling_fields", "inflected_forms", "bm25", "$comment"},
             what, "");
  try {
    if (j.contains("version")) {
      c.version = j.at("version").get<int>();
      if (c.version != kFormatVersion)
        bad(what, "version", "unsupported version " + std::to_string(c.version));
    }
    if (j.contains("text_fields")) {
      for (const auto& [f, v] : j.at("text_fields").items()) {
        if (!c.text_weights.count(f)) bad(what, "text_fields." + f, "unknown text field");
        check_keys(v, {"weight", "$comment"}, what, "text_fields." + f);
        const int w = v.value("weight", 1);
        if (w < 0 || w > 1000) bad(what, "text_fields." + f + ".weight", "must be 0..1000");
        c.text_weights[f] = static_cast<unsigned>(w);
      }
    }
    if (j.contains("term_kinds")) {
      for (const auto& [k, v] : j.at("term_kinds").items()) {
        if (!c.kind_factors.count(k)) bad(what, "term_kinds." + k, "unknown term kind");
        const double f = v.get<double>();
        if (f < 0 || f > 10) bad(what, "term_kinds." + k, "must be 0..10");
        c.kind_factors[k] = f;
      }
    }
    if (j.contains("boolean_fields")) {
      for (const auto& [f, v] : j.at("boolean_fields").items()) {
        check_keys(v, {"prefix", "unique", "$comment"}, what, "boolean_fields." + f);
        const std::string p = v.at("prefix").get<std::string>();
        if (p.empty()) bad(what, "boolean_fields." + f + ".prefix", "must not be empty");
        for (char ch : p)
          if (ch < 'A' || ch > 'Z')
            bad(what, "boolean_fields." + f + ".prefix", "must be upper-case ASCII letters");
        if (f == "id") {
          c.id_prefix = p;
        } else if (c.prefixes.count(f)) {
          c.prefixes[f] = p;
        } else {
          bad(what, "boolean_fields." + f, "unknown boolean field");
        }
      }
    }
    if (j.contains("values")) {
      const auto& v = j.at("values");
      check_keys(v, {"name_sort", "age", "coords", "hours", "suggest", "$comment"}, what, "values");
      c.slot_name_sort = v.value("name_sort", c.slot_name_sort);
      c.slot_age = v.value("age", c.slot_age);
      c.slot_coords = v.value("coords", c.slot_coords);
      c.slot_hours = v.value("hours", c.slot_hours);
      c.slot_suggest = v.value("suggest", c.slot_suggest);
    }
    if (j.contains("spelling_fields"))
      c.spelling_fields = j.at("spelling_fields").get<std::vector<std::string>>();
    if (j.contains("inflected_forms")) {
      if (!j.at("inflected_forms").is_boolean()) bad(what, "inflected_forms", "must be true or false");
      c.inflected_forms = j.at("inflected_forms").get<bool>();
    }
    if (j.contains("bm25")) {
      const auto& b = j.at("bm25");
      check_keys(b, {"k1", "b", "$comment"}, what, "bm25");
      c.bm25_k1 = b.value("k1", c.bm25_k1);
      c.bm25_b = b.value("b", c.bm25_b);
      if (c.bm25_k1 < 0 || c.bm25_b < 0 || c.bm25_b > 1) bad(what, "bm25", "k1 >= 0, 0 <= b <= 1");
    }
  } catch (const json::exception& e) {
    throw Error(ErrorCode::invalid_config, what + ": " + e.what());
  }
  // Prefixes must be distinct and none a prefix of another (the facet loader
  // walks all terms with a prefix); "F" is the analysis' folded-term prefix.
  std::vector<std::string> all{c.id_prefix};
  for (const auto& [f, p] : c.prefixes) all.push_back(p);
  for (std::size_t a = 0; a < all.size(); ++a) {
    if (all[a][0] == 'F') bad(what, "boolean_fields", "prefix " + all[a] + " clashes with F (folded terms)");
    for (std::size_t b = 0; b < all.size(); ++b)
      if (a != b && all[b].compare(0, all[a].size(), all[a]) == 0)
        bad(what, "boolean_fields", "prefix " + all[a] + " is a prefix of " + all[b]);
  }
  const std::set<unsigned> slots{c.slot_name_sort, c.slot_age, c.slot_coords, c.slot_hours,
                                 c.slot_suggest};
  if (slots.size() != 5) bad(what, "values", "two values share a slot");
  for (const auto& f : c.spelling_fields)
    if (!c.text_weights.count(f)) bad(what, "spelling_fields", "unknown text field " + f);
  return c;
}

IndexConfig load_index_config(const std::string& dir) {
  const std::string path = dir + "/index.json";
  std::ifstream in(path);
  if (!in) return IndexConfig{};
  std::stringstream ss;
  ss << in.rdbuf();
  json j;
  try {
    j = json::parse(ss.str());
  } catch (const json::exception& e) {
    throw Error(ErrorCode::invalid_config, path + ": " + e.what());
  }
  return index_config_from_json(j, path);
}

}  // namespace palveluhaku::index
