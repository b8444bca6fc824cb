// params.cpp — validating request parameters into engine requests.
#include "params.h"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "palveluhaku/error.h"
#include "palveluhaku/geo.h"

namespace palveluhaku::server {

namespace {

[[noreturn]] void bad(const std::string& name, const std::string& message) {
  throw Error(ErrorCode::invalid_parameter, message, name);
}

// Quotes a client value in a message, shortened (the JSON writer replaces
// invalid UTF-8, so only the length needs care).
std::string shown(std::string_view v) {
  constexpr std::size_t kMax = 40;
  std::string s(v.substr(0, kMax));
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return "'" + s + (v.size() > kMax ? "...'" : "'");
}

std::optional<long long> parse_int(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<std::string> multi_param(const httplib::Request& req, const std::string& name,
                                     const ServerOptions& opts) {
  std::vector<std::string> out;
  auto range = req.params.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) {
    check_text(name, it->second, 200);
    // "a,b" is accepted as two values too (handy in hand-written URLs).
    std::string_view rest = it->second;
    while (true) {
      auto comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (out.size() > opts.max_filter_values)
    bad(name, "too many values for '" + name + "' (at most " +
                  std::to_string(opts.max_filter_values) + ")");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// A code from a hierarchical code list, accepted in any letter case.
std::string resolve_code(const CodeLists& codes, std::string_view kind, const std::string& name,
                         const std::string& v) {
  if (codes.find(kind, v)) return v;
  if (std::string u = upper(v); codes.find(kind, u)) return u;
  bad(name, "unknown " + name + " code " + shown(v));
}

// A municipality code ("837", "91" -> "091") or a fi/sv name ("Tampere").
const Municipality& resolve_municipality(const CodeLists& codes, const std::string& name,
                                         const std::string& v) {
  if (!v.empty() && v.size() <= 3 && std::all_of(v.begin(), v.end(), [](char c) {
        return c >= '0' && c <= '9';
      })) {
    std::string padded = std::string(3 - v.size(), '0') + v;
    if (const Municipality* m = codes.municipality(padded)) return *m;
    bad(name, "unknown municipality code " + shown(v));
  }
  if (const Municipality* m = codes.municipality_by_name(v)) return *m;
  bad(name, "unknown municipality " + shown(v) + " (give a code such as 837 or a name)");
}

bool parse_bool_param(const std::string& name, const std::string& v) {
  std::string l = lower(v);
  if (l == "true" || l == "1" || l == "yes" || l == "on") return true;
  if (l == "false" || l == "0" || l == "no" || l == "off" || l.empty()) return false;
  bad(name, name + " must be true or false, not " + shown(v));
}

// The parameters /api/v1/search knows; anything else is ignored.
const std::vector<std::string> kSingle = {"q",        "lang",       "page",     "per_page",
                                          "sort",     "near",       "postcode", "near_municipality",
                                          "radius_km", "age",       "open_now", "facets"};

}  // namespace

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

void check_text(std::string_view name, std::string_view value, std::size_t max_len) {
  const std::string n(name);
  if (value.size() > max_len)
    bad(n, n + " is too long (" + std::to_string(value.size()) + " bytes; at most " +
               std::to_string(max_len) + ")");
  if (!valid_utf8(value)) bad(n, n + " is not valid UTF-8");
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      bad(n, n + " contains a control character");
  }
}

std::optional<std::string> single_param(const httplib::Request& req, const std::string& name) {
  auto n = req.params.count(name);
  if (n == 0) return std::nullopt;
  if (n > 1) bad(name, "'" + name + "' is given " + std::to_string(n) + " times; give it once");
  return req.params.find(name)->second;
}

Lang parse_lang_param(const httplib::Request& req) {
  auto v = single_param(req, "lang");
  if (!v || v->empty()) return Lang::fi;
  check_text("lang", *v, 10);
  if (auto l = parse_lang(*v)) return *l;
  bad("lang", "lang must be fi, sv or en, not " + shown(*v));
}

void check_param_count(const httplib::Request& req, const ServerOptions& opts) {
  if (req.params.size() <= opts.max_params) return;
  // Name the parameter given most often: that is usually the culprit.
  std::map<std::string_view, std::size_t> counts;
  std::string_view worst;
  std::size_t most = 0;
  for (const auto& [k, v] : req.params) {
    if (++counts[k] > most) {
      most = counts[k];
      worst = k;
    }
  }
  std::string name(worst.substr(0, 64));
  throw Error(ErrorCode::invalid_parameter,
              "too many query parameters (" + std::to_string(req.params.size()) + "; at most " +
                  std::to_string(opts.max_params) + ")",
              valid_utf8(name) ? name : std::string());
}

SearchRequest parse_search_request(const httplib::Request& req, const ServerOptions& opts,
                                   const CodeLists& codes) {
  check_param_count(req, opts);
  for (const auto& name : kSingle) single_param(req, name);  // duplicates -> 400

  SearchRequest r;
  r.lang = parse_lang_param(req);

  if (auto q = single_param(req, "q")) {
    check_text("q", *q, opts.max_query_length);
    r.q = *q;
  }

  if (auto v = single_param(req, "page"); v && !v->empty()) {
    auto n = parse_int(*v);
    if (!n || *n < 1 || *n > 100000) bad("page", "page must be a whole number from 1, not " + shown(*v));
    r.page = static_cast<int>(*n);
  }
  if (auto v = single_param(req, "per_page"); v && !v->empty()) {
    auto n = parse_int(*v);
    if (!n || *n < 1 || *n > 100)
      bad("per_page", "per_page must be a whole number from 1 to 100, not " + shown(*v));
    r.per_page = static_cast<int>(*n);
  }

  // ---- filters -------------------------------------------------------------
  if (auto vs = multi_param(req, "municipality", opts); !vs.empty()) {
    std::vector<std::string> out;
    for (const auto& v : vs) out.push_back(resolve_municipality(codes, "municipality", v).code);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    r.filters["municipality"] = out;
  }
  for (const char* kind : {"region", "service_class", "target_group", "life_event"}) {
    const std::string name = kind;
    if (auto vs = multi_param(req, name, opts); !vs.empty()) {
      std::vector<std::string> out;
      for (const auto& v : vs) {
        if (name == "region" && v.size() == 1 && v[0] >= '0' && v[0] <= '9')
          out.push_back(resolve_code(codes, kind, name, "0" + v));
        else
          out.push_back(resolve_code(codes, kind, name, v));
      }
      r.filters[name] = out;
    }
  }
  if (auto vs = multi_param(req, "provider_type", opts); !vs.empty()) {
    for (auto& v : vs) {
      auto t = parse_provider_type(lower(v));
      if (!t || *t == ProviderType::unknown)
        bad("provider_type", "unknown provider_type " + shown(v) +
                                 " (municipality, wellbeing_county, state, ngo, parish, "
                                 "private_company)");
      v = std::string(provider_type_code(*t));
    }
    r.filters["provider_type"] = vs;
  }
  if (auto vs = multi_param(req, "language", opts); !vs.empty()) {
    for (auto& v : vs) {
      v = lower(v);
      if (v.size() != 2 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        bad("language", "language must be a two-letter ISO 639-1 code such as fi, not " + shown(v));
    }
    r.filters["language"] = vs;
  }
  if (auto vs = multi_param(req, "cost", opts); !vs.empty()) {
    for (auto& v : vs) {
      v = lower(v);
      if (v != "free" && v != "paid" && v != "partly")
        bad("cost", "cost must be free, paid or partly, not " + shown(v));
    }
    r.filters["cost"] = vs;
  }
  if (auto vs = multi_param(req, "channel", opts); !vs.empty()) {
    for (auto& v : vs) {
      v = lower(v);
      if (v != "location" && v != "phone" && v != "web" && v != "eservice")
        bad("channel", "channel must be location, phone, web or eservice, not " + shown(v));
    }
    r.filters["channel"] = vs;
  }
  if (auto v = single_param(req, "age"); v && !v->empty()) {
    auto n = parse_int(*v);
    if (!n || *n < 0 || *n > 120) bad("age", "age must be a whole number of years 0-120, not " + shown(*v));
    r.age = static_cast<int>(*n);
  }
  if (auto v = single_param(req, "open_now")) r.open_now = parse_bool_param("open_now", *v);
  if (auto v = single_param(req, "facets")) r.facets = parse_bool_param("facets", *v) || v->empty();

  // ---- near me ----------------------------------------------------------------
  std::string location_param;
  auto set_location = [&](const std::string& name, const GeoPoint& p) {
    if (!location_param.empty())
      bad(name, "give only one of near, postcode and near_municipality (got " + location_param +
                    " and " + name + ")");
    location_param = name;
    r.near = p;
  };
  if (auto v = single_param(req, "near"); v && !v->empty()) {
    check_text("near", *v, 64);
    auto p = parse_lat_lon(*v);
    if (!p) bad("near", "near must be 'lat,lon' in degrees (e.g. 61.4978,23.7610), not " + shown(*v));
    set_location("near", *p);
  }
  if (auto v = single_param(req, "postcode"); v && !v->empty()) {
    check_text("postcode", *v, 16);
    if (!is_valid_postcode(*v)) bad("postcode", "postcode must be five digits, not " + shown(*v));
    const PostcodeArea* a = codes.postcode(*v);
    if (!a || !a->centroid) bad("postcode", "unknown postcode " + shown(*v));
    set_location("postcode", *a->centroid);
  }
  if (auto v = single_param(req, "near_municipality"); v && !v->empty()) {
    check_text("near_municipality", *v, 100);
    const Municipality& m = resolve_municipality(codes, "near_municipality", *v);
    if (!m.centre) bad("near_municipality", "no known centre for municipality " + shown(*v));
    set_location("near_municipality", *m.centre);
  }
  if (auto v = single_param(req, "radius_km"); v && !v->empty()) {
    auto d = parse_double(*v);
    if (!d || *d <= 0 || *d > 2000)
      bad("radius_km", "radius_km must be a number of kilometres above 0 and at most 2000, not " +
                           shown(*v));
    if (location_param.empty())
      bad("radius_km", "radius_km needs a location: near, postcode or near_municipality");
    r.radius_km = *d;
  }
  if (auto v = single_param(req, "sort"); v && !v->empty()) {
    const std::string s = lower(*v);
    if (s == "relevance") r.sort = SortOrder::relevance;
    else if (s == "name") r.sort = SortOrder::name;
    else if (s == "distance") {
      if (location_param.empty())
        bad("sort", "sort=distance needs a location: near, postcode or near_municipality");
      r.sort = SortOrder::distance;
    } else {
      bad("sort", "sort must be relevance, distance or name, not " + shown(*v));
    }
  }
  return r;
}

}  // namespace palveluhaku::server
