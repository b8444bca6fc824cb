// codes.cpp — loading the code lists (PTV classes, target groups, life
// events; municipalities and regions; postcode areas).
#include "palveluhaku/codes.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "palveluhaku/error.h"
#include "palveluhaku/geo.h"
#include "sources/csv_reader.h"
#include "sources/text_util.h"

namespace palveluhaku {

struct CodeLists::Impl {
  std::map<std::string, std::vector<Code>, std::less<>> lists;  // kind -> codes, sorted
  std::map<std::string, std::unordered_map<std::string, std::size_t>, std::less<>> index;  // kind -> code -> pos
  std::vector<Municipality> municipalities;
  std::unordered_map<std::string, std::size_t> municipality_by_code;
  std::unordered_map<std::string, std::size_t> municipality_by_folded_name;
  std::unordered_map<std::string, PostcodeArea> postcodes;
  std::map<std::string, std::unordered_map<std::string, std::string>, std::less<>> by_uri;  // kind -> uri -> code
};

namespace {

using nlohmann::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::invalid_config, "code list " + path + " cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P1.4" -> "P1.4"
std::string code_of_uri(const std::string& uri) {
  const std::size_t slash = uri.rfind('/');
  return slash == std::string::npos ? uri : uri.substr(slash + 1);
}

// Natural order of dotted codes: P1 < P1.2 < P1.10 < P2 < P10.
bool code_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = a[i] >= '0' && a[i] <= '9', db = b[j] >= '0' && b[j] <= '9';
    if (da && db) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && a[ie] >= '0' && a[ie] <= '9') ++ie;
      while (je < b.size() && b[je] >= '0' && b[je] <= '9') ++je;
      if (ie - i != je - j) return ie - i < je - j;
      const int c = a.compare(i, ie - i, b, j, je - j);
      if (c != 0) return c < 0;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::vector<Code> load_ptv_list(const std::string& path, std::unordered_map<std::string, std::string>& by_uri) {
  const std::string text = read_file(path);
  json j;
  try {
    j = json::parse(text);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::invalid_config, "code list " + path + " is not valid JSON: " + e.what());
  }
  if (!j.is_array()) throw Error(ErrorCode::invalid_config, "code list " + path + " is not a JSON array");
  std::vector<Code> out;
  for (const auto& e : j) {
    if (!e.is_object() || !e.contains("Notation") || !e["Notation"].is_string())
      throw Error(ErrorCode::invalid_config, "code list " + path + " has an entry without \"Notation\"");
    Code c;
    c.code = e["Notation"].get<std::string>();
    for (const char* k : {"Id", "OldUri"})
      if (e.contains(k) && e[k].is_string()) by_uri[e[k].get<std::string>()] = c.code;
    if (e.contains("BroaderUris") && e["BroaderUris"].is_array() && !e["BroaderUris"].empty() &&
        e["BroaderUris"][0].is_string())
      c.parent = code_of_uri(e["BroaderUris"][0].get<std::string>());
    if (e.contains("Label") && e["Label"].is_object()) {
      const json& l = e["Label"];
      auto get = [&](const char* k) { return l.contains(k) && l[k].is_string() ? l[k].get<std::string>() : ""; };
      c.label = LocalizedText{get("Fi"), get("Sv"), get("En")};
    }
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Code& a, const Code& b) { return code_less(a.code, b.code); });
  return out;
}

// Rows of a CSV file as maps column -> value.
std::vector<std::unordered_map<std::string, std::string>> load_csv(const std::string& path,
                                                                   const std::vector<std::string>& required) {
  const std::string text = read_file(path);
  std::string_view content(text);
  if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  sources::CsvReader reader(content, sources::detect_separator(content));
  std::vector<std::string> header, cells;
  std::size_t line = 0;
  if (!reader.next(header, line)) throw Error(ErrorCode::invalid_config, "code list " + path + " is empty");
  for (const auto& col : required)
    if (std::find(header.begin(), header.end(), col) == header.end())
      throw Error(ErrorCode::invalid_config, "code list " + path + " has no column \"" + col + "\"");
  std::vector<std::unordered_map<std::string, std::string>> rows;
  while (reader.next(cells, line)) {
    if (cells.size() == 1 && cells[0].empty()) continue;
    if (reader.unterminated_quote())
      throw Error(ErrorCode::invalid_config, path + ":" + std::to_string(line) + ": unterminated quoted field");
    if (cells.size() < header.size())
      throw Error(ErrorCode::invalid_config, path + ":" + std::to_string(line) + ": row has " +
                                                 std::to_string(cells.size()) + " cells, the header " +
                                                 std::to_string(header.size()));
    std::unordered_map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<GeoPoint> point(const std::string& lat, const std::string& lon) {
  double a = 0, b = 0;
  if (!sources::parse_double(lat, a) || !sources::parse_double(lon, b)) return std::nullopt;
  GeoPoint p{a, b};
  if (!in_finland(p)) return std::nullopt;
  return p;
}

bool file_exists(const std::string& path) { return std::ifstream(path).good(); }

// Lower case, ä/å -> a, ö -> o, é -> e, ü -> u, '-' and spaces kept as one space.
std::string fold_name(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == 0xC3 && i + 1 < in.size()) {
      const auto d = static_cast<unsigned char>(in[i + 1]);
      ++i;
      switch (d) {
        case 0x84: case 0xA4: case 0x85: case 0xA5: case 0x80: case 0xA0: case 0x81: case 0xA1: out += 'a'; break;
        case 0x96: case 0xB6: case 0x98: case 0xB8: out += 'o'; break;
        case 0x89: case 0xA9: case 0x88: case 0xA8: out += 'e'; break;
        case 0x9C: case 0xBC: out += 'u'; break;
        default: out += static_cast<char>(c); out += static_cast<char>(d);
      }
      continue;
    }
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (c == '-' || c == ' ' || c == '_') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else out += static_cast<char>(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::shared_ptr<const CodeLists> CodeLists::load(const std::string& dir) {
  auto impl = std::make_shared<Impl>();
  const std::pair<const char*, const char*> ptv_lists[] = {
      {"service_class", "ServiceClasses.json"}, {"target_group", "TargetGroups.json"}, {"life_event", "LifeEvents.json"}};
  for (const auto& [kind, file] : ptv_lists) impl->lists[kind] = load_ptv_list(dir + "/" + file, impl->by_uri[kind]);

  // Municipalities and regions.
  const std::string mpath = dir + "/municipalities.csv";
  std::vector<Code> muni_codes, regions;
  for (const auto& row : load_csv(mpath, {"kuntakoodi", "name_fi", "name_sv", "maakunta_code"})) {
    // A short row lacks some cells: read them as empty, never throw out_of_range.
    auto get = [&](const char* k) {
      auto it = row.find(k);
      return it == row.end() ? std::string() : it->second;
    };
    Municipality m;
    m.code = get("kuntakoodi");
    if (m.code.size() != 3) throw Error(ErrorCode::invalid_config, mpath + ": bad municipality code \"" + m.code + "\"");
    m.name = LocalizedText{get("name_fi"), get("name_sv"), get("name_fi")};
    m.region = get("maakunta_code");
    m.centre = point(get("centre_lat"), get("centre_lon"));
    if (!m.centre) m.centre = point(get("centroid_lat"), get("centroid_lon"));
    muni_codes.push_back(Code{m.code, m.region, m.name});
    if (std::none_of(regions.begin(), regions.end(), [&](const Code& c) { return c.code == m.region; }))
      regions.push_back(Code{m.region, "", LocalizedText{get("maakunta_fi"), get("maakunta_sv"), get("maakunta_fi")}});
    impl->municipality_by_code[m.code] = impl->municipalities.size();
    impl->municipality_by_folded_name.emplace(fold_name(m.name.fi), impl->municipalities.size());
    impl->municipality_by_folded_name.emplace(fold_name(m.name.sv), impl->municipalities.size());
    impl->municipalities.push_back(std::move(m));
  }
  std::sort(muni_codes.begin(), muni_codes.end(), [](const Code& a, const Code& b) { return a.code < b.code; });
  std::sort(regions.begin(), regions.end(), [](const Code& a, const Code& b) { return a.code < b.code; });
  impl->lists["municipality"] = std::move(muni_codes);
  impl->lists["region"] = std::move(regions);

  // Postcode areas (the file is named postal-code-centroids.csv in the
  // repository; postcodes.csv is accepted too).
  std::string ppath = dir + "/postal-code-centroids.csv";
  if (!file_exists(ppath) && file_exists(dir + "/postcodes.csv")) ppath = dir + "/postcodes.csv";
  for (const auto& row : load_csv(ppath, {"postcode", "municipal_code", "latitude", "longitude"})) {
    auto get = [&](const char* k) {
      auto it = row.find(k);
      return it == row.end() ? std::string() : it->second;
    };
    PostcodeArea a;
    a.postcode = get("postcode");
    if (!is_valid_postcode(a.postcode)) continue;
    a.municipality_code = get("municipal_code");
    a.centroid = point(get("latitude"), get("longitude"));
    impl->postcodes.emplace(a.postcode, std::move(a));
  }

  for (const auto& [kind, list] : impl->lists) {
    auto& idx = impl->index[kind];
    for (std::size_t i = 0; i < list.size(); ++i) idx.emplace(list[i].code, i);
  }
  auto lists = std::shared_ptr<CodeLists>(new CodeLists());
  lists->impl_ = std::move(impl);
  return lists;
}

const Code* CodeLists::find(std::string_view kind, std::string_view code) const {
  const auto k = impl_->index.find(kind);
  if (k == impl_->index.end()) return nullptr;
  const auto it = k->second.find(std::string(code));
  if (it == k->second.end()) return nullptr;
  return &impl_->lists.find(kind)->second[it->second];
}

const Code* CodeLists::find_by_uri(std::string_view kind, std::string_view uri) const {
  const auto k = impl_->by_uri.find(kind);
  if (k == impl_->by_uri.end()) return nullptr;
  const auto it = k->second.find(std::string(uri));
  return it == k->second.end() ? nullptr : find(kind, it->second);
}

const std::vector<Code>& CodeLists::all(std::string_view kind) const {
  static const std::vector<Code> kEmpty;
  const auto it = impl_->lists.find(kind);
  return it == impl_->lists.end() ? kEmpty : it->second;
}

std::string CodeLists::label(std::string_view kind, std::string_view code, Lang lang) const {
  const Code* c = find(kind, code);
  if (!c) return std::string(code);
  if (!c->label.get(lang).empty()) return c->label.get(lang);
  if (!c->label.fi.empty()) return c->label.fi;
  return std::string(code);
}

std::vector<std::string> CodeLists::ancestors(std::string_view kind, std::string_view code) const {
  std::vector<std::string> out;
  const Code* c = find(kind, code);
  // Bounded walk: a cycle in a broken list cannot loop forever.
  for (int depth = 0; c && !c->parent.empty() && depth < 16; ++depth) {
    out.push_back(c->parent);
    c = find(kind, c->parent);
  }
  return out;
}

const Municipality* CodeLists::municipality(std::string_view code) const {
  const auto it = impl_->municipality_by_code.find(std::string(code));
  return it == impl_->municipality_by_code.end() ? nullptr : &impl_->municipalities[it->second];
}

const Municipality* CodeLists::municipality_by_name(std::string_view name) const {
  const auto it = impl_->municipality_by_folded_name.find(fold_name(sources::trim(name)));
  return it == impl_->municipality_by_folded_name.end() ? nullptr : &impl_->municipalities[it->second];
}

const PostcodeArea* CodeLists::postcode(std::string_view postcode) const {
  const auto it = impl_->postcodes.find(std::string(postcode));
  return it == impl_->postcodes.end() ? nullptr : &it->second;
}

}  // namespace palveluhaku
