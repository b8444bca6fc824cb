// record_json.cpp — ServiceRecord <-> own JSON (see record_json.h and
// data/schema/service.schema.json).
//
// Reading is total: any JSON value gives a record or problems, never an
// exception or undefined behaviour. Bad optional fields are dropped with a
// warning; a missing/invalid id or name makes the record unusable (error).
#include "palveluhaku/record_json.h"

#include <cmath>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "palveluhaku/geo.h"
#include "sources/hours_util.h"
#include "sources/report.h"
#include "sources/text_util.h"
#include "sources/validate.h"

namespace palveluhaku {

using nlohmann::json;

// ---------------------------------------------------------------- writing

namespace {

void put_text(json& j, const char* key, const LocalizedText& t) {
  if (t.empty()) return;
  json o = json::object();
  for (Lang l : kAllLangs)
    if (!t.get(l).empty()) o[std::string(lang_code(l))] = t.get(l);
  j[key] = std::move(o);
}

void put_list(json& j, const char* key, const std::vector<std::string>& v) {
  if (!v.empty()) j[key] = v;
}

void put_str(json& j, const char* key, const std::string& s) {
  if (!s.empty()) j[key] = s;
}

json link_json(const Link& l) {
  json o = json::object();
  o["url"] = l.url;
  put_text(o, "name", l.name);
  return o;
}

json phone_json(const Phone& p) {
  json o = json::object();
  o["number"] = p.number;
  put_text(o, "description", p.description);
  put_str(o, "charge", p.charge);
  return o;
}

std::string_view hours_kind_code(HoursEntry::Kind k) {
  switch (k) {
    case HoursEntry::Kind::exception: return "exception";
    case HoursEntry::Kind::special: return "special";
    case HoursEntry::Kind::regular: break;
  }
  return "regular";
}

json hours_json(const HoursEntry& h) {
  json o = json::object();
  o["kind"] = hours_kind_code(h.kind);
  put_str(o, "valid_from", h.valid_from);
  put_str(o, "valid_to", h.valid_to);
  if (h.closed) o["closed"] = true;
  if (h.always_open) o["always_open"] = true;
  if (!h.days.empty()) {
    json days = json::array();
    for (const DayHours& d : h.days) {
      days.push_back({{"weekday", d.weekday},
                      {"open", sources::format_hhmm(d.open_min)},
                      {"close", sources::format_hhmm(d.close_min > 1440 ? d.close_min - 1440 : d.close_min)}});
    }
    o["days"] = std::move(days);
  }
  put_text(o, "note", h.note);
  return o;
}

json location_json(const Location& l) {
  json o = json::object();
  put_str(o, "id", l.id);
  put_text(o, "name", l.name);
  json a = json::object();
  put_text(a, "street", l.address.street);
  put_str(a, "postcode", l.address.postcode);
  put_text(a, "post_office", l.address.post_office);
  put_str(a, "municipality_code", l.address.municipality_code);
  if (!a.empty()) o["address"] = std::move(a);
  if (l.coord) o["coord"] = {{"lat", l.coord->lat}, {"lon", l.coord->lon}};
  put_text(o, "accessibility", l.accessibility);
  if (!l.hours.empty()) {
    json hs = json::array();
    for (const auto& h : l.hours) hs.push_back(hours_json(h));
    o["hours"] = std::move(hs);
  }
  if (!l.phones.empty()) {
    json ps = json::array();
    for (const auto& p : l.phones) ps.push_back(phone_json(p));
    o["phones"] = std::move(ps);
  }
  put_list(o, "emails", l.emails);
  return o;
}

}  // namespace

json record_to_json(const ServiceRecord& r) {
  json j = json::object();
  j["id"] = r.id;
  put_str(j, "source", r.source);
  put_str(j, "source_id", r.source_id);
  {
    json p = json::object();
    put_str(p, "id", r.provider.id);
    put_str(p, "business_id", r.provider.business_id);
    put_text(p, "name", r.provider.name);
    if (r.provider.type != ProviderType::unknown || !p.empty())
      p["type"] = provider_type_code(r.provider.type);
    if (!p.empty()) j["provider"] = std::move(p);
  }
  put_text(j, "name", r.name);
  put_text(j, "summary", r.summary);
  put_text(j, "description", r.description);
  put_list(j, "service_classes", r.service_classes);
  put_list(j, "target_groups", r.target_groups);
  put_list(j, "life_events", r.life_events);
  if (!r.keywords.empty()) {
    json k = json::object();
    for (Lang l : kAllLangs)
      if (!r.keywords.get(l).empty()) k[std::string(lang_code(l))] = r.keywords.get(l);
    j["keywords"] = std::move(k);
  }
  if (r.age_min) j["age_min"] = *r.age_min;
  if (r.age_max) j["age_max"] = *r.age_max;
  put_list(j, "languages", r.languages);
  if (r.cost != Cost::unknown) j["cost"] = cost_code(r.cost);
  put_text(j, "cost_note", r.cost_note);
  put_text(j, "how_to_apply", r.how_to_apply);
  if (r.referral_required) j["referral_required"] = *r.referral_required;
  if (r.area.whole_country || !r.area.regions.empty() || !r.area.municipalities.empty()) {
    json a = json::object();
    a["whole_country"] = r.area.whole_country;
    put_list(a, "regions", r.area.regions);
    put_list(a, "municipalities", r.area.municipalities);
    j["area"] = std::move(a);
  }
  if (!r.locations.empty()) {
    json ls = json::array();
    for (const auto& l : r.locations) ls.push_back(location_json(l));
    j["locations"] = std::move(ls);
  }
  if (!r.phones.empty()) {
    json ps = json::array();
    for (const auto& p : r.phones) ps.push_back(phone_json(p));
    j["phones"] = std::move(ps);
  }
  put_list(j, "emails", r.emails);
  for (auto [key, links] : {std::pair{"web_pages", &r.web_pages}, std::pair{"eservices", &r.eservices}}) {
    if (links->empty()) continue;
    json ls = json::array();
    for (const auto& l : *links) ls.push_back(link_json(l));
    j[key] = std::move(ls);
  }
  put_str(j, "last_modified", r.last_modified);
  return j;
}

// ---------------------------------------------------------------- reading

namespace {

using sources::clean_line;
using sources::clean_text;
using sources::quote;

const char* type_name(const json& v) { return v.type_name(); }

// Reads one record; `ptr` is the JSON pointer of the value being read,
// relative to the record.
class Reader {
 public:
  Reader(const SourcePlace& base, std::vector<Problem>& problems) : base_(base), rep_(problems) {}

  std::size_t errors() const { return rep_.error_count(); }

  SourcePlace at(const std::string& ptr) const {
    SourcePlace p = base_;
    p.pointer = base_.pointer + ptr;
    return p;
  }
  void warn(const std::string& ptr, const std::string& field, std::string msg) {
    rep_.warning(at(ptr), field, std::move(msg));
  }
  void error(const std::string& ptr, const std::string& field, std::string msg) {
    rep_.error(at(ptr), field, std::move(msg));
  }
  static std::string child(const std::string& ptr, const std::string& key) {
    return ptr + "/" + sources::pointer_token(key);
  }
  static std::string child(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

  void wrong_type(const std::string& ptr, const std::string& field, const char* want, const json& v) {
    warn(ptr, field, std::string("expected ") + want + ", got " + type_name(v) + "; ignored");
  }

  // A one-line or multi-line string. Returns false (with a warning) if not a string.
  bool str(const json& v, const std::string& ptr, const std::string& field, std::string& out,
           bool multiline = false) {
    if (v.is_null()) return false;
    if (!v.is_string()) {
      wrong_type(ptr, field, "a string", v);
      return false;
    }
    bool truncated = false;
    const std::string& s = v.get_ref<const std::string&>();
    out = multiline ? clean_text(s, &truncated) : clean_line(s, &truncated);
    if (truncated) warn(ptr, field, "text is too long; cut to " + std::to_string(sources::kMaxTextBytes) + " bytes");
    return true;
  }

  void text(const json& v, const std::string& ptr, const std::string& field, LocalizedText& out,
            bool multiline = false) {
    if (v.is_null()) return;
    if (v.is_string()) {  // a bare string is taken as Finnish
      str(v, ptr, field, out.fi, multiline);
      return;
    }
    if (!v.is_object()) {
      wrong_type(ptr, field, "an object {\"fi\",\"sv\",\"en\"}", v);
      return;
    }
    for (const auto& [k, val] : v.items()) {
      const auto lang = parse_lang(k);
      if (!lang) {
        warn(child(ptr, k), field, "unknown language " + quote(k) + "; ignored");
        continue;
      }
      str(val, child(ptr, k), field, out.get(*lang), multiline);
    }
  }

  void str_list(const json& v, const std::string& ptr, const std::string& field, std::vector<std::string>& out) {
    if (v.is_null()) return;
    if (v.is_string()) {  // a single value for a list
      std::string s;
      if (str(v, ptr, field, s) && !s.empty()) out.push_back(std::move(s));
      return;
    }
    if (!v.is_array()) {
      wrong_type(ptr, field, "an array of strings", v);
      return;
    }
    std::size_t i = 0;
    for (const auto& e : v) {
      std::string s;
      if (str(e, child(ptr, i), field, s) && !s.empty()) out.push_back(std::move(s));
      ++i;
    }
  }

  // A list of codes checked against `valid`.
  template <class Pred>
  void code_list(const json& v, const std::string& ptr, const std::string& field, std::vector<std::string>& out,
                 Pred valid, const char* what) {
    std::vector<std::string> raw;
    str_list(v, ptr, field, raw);
    for (auto& s : raw) {
      if (valid(s)) {
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
      } else {
        warn(ptr, field, quote(s) + " is not " + what + "; ignored");
      }
    }
  }

  void bool_val(const json& v, const std::string& ptr, const std::string& field, bool& out) {
    if (v.is_null()) return;
    if (!v.is_boolean()) {
      wrong_type(ptr, field, "true or false", v);
      return;
    }
    out = v.get<bool>();
  }

  // An integer in [lo, hi]; accepts integral floats (3.0).
  bool int_val(const json& v, const std::string& ptr, const std::string& field, long long lo, long long hi,
               long long& out) {
    if (v.is_null()) return false;
    long long n = 0;
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(hi)) {
        warn(ptr, field, std::to_string(u) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi) + "; ignored");
        return false;
      }
      n = static_cast<long long>(u);
    } else if (v.is_number_integer()) {
      n = v.get<std::int64_t>();
    } else if (v.is_number_float()) {
      const double d = v.get<double>();
      if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
        warn(ptr, field, v.dump() + " is not a whole number in " + std::to_string(lo) + ".." + std::to_string(hi) + "; ignored");
        return false;
      }
      n = static_cast<long long>(d);
    } else {
      wrong_type(ptr, field, "a whole number", v);
      return false;
    }
    if (n < lo || n > hi) {
      warn(ptr, field, std::to_string(n) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi) + "; ignored");
      return false;
    }
    out = n;
    return true;
  }

  bool number(const json& v, const std::string& ptr, const std::string& field, double& out) {
    if (!v.is_number()) {
      wrong_type(ptr, field, "a number", v);
      return false;
    }
    const double d = v.get<double>();
    if (!std::isfinite(d)) {
      warn(ptr, field, "not a finite number; ignored");
      return false;
    }
    out = d;
    return true;
  }

  const json* object(const json& v, const std::string& ptr, const std::string& field) {
    if (v.is_null()) return nullptr;
    if (!v.is_object()) {
      wrong_type(ptr, field, "an object", v);
      return nullptr;
    }
    return &v;
  }

  const json* array(const json& v, const std::string& ptr, const std::string& field) {
    if (v.is_null()) return nullptr;
    if (!v.is_array()) {
      wrong_type(ptr, field, "an array", v);
      return nullptr;
    }
    return &v;
  }

  void unknown(const std::string& ptr, const std::string& key) {
    warn(child(ptr, key), key, "unknown key; ignored");
  }

  // ---- composite values

  void provider(const json& v, const std::string& ptr, Provider& out) {
    if (!object(v, ptr, "provider")) return;
    for (const auto& [k, val] : v.items()) {
      const std::string p = child(ptr, k);
      if (k == "id") str(val, p, "provider.id", out.id);
      else if (k == "business_id") str(val, p, "provider.business_id", out.business_id);
      else if (k == "name") text(val, p, "provider.name", out.name);
      else if (k == "type") {
        std::string s;
        if (!str(val, p, "provider.type", s)) continue;
        if (auto t = parse_provider_type(s)) out.type = *t;
        else warn(p, "provider.type", quote(s) + " is not one of municipality, wellbeing_county, state, ngo, parish, private_company, unknown; ignored");
      } else unknown(ptr, k);
    }
  }

  void link(const json& v, const std::string& ptr, const std::string& field, std::vector<Link>& out) {
    if (v.is_string()) {  // a bare URL
      Link l;
      if (str(v, ptr, field, l.url) && !l.url.empty()) out.push_back(std::move(l));
      return;
    }
    if (!object(v, ptr, field)) return;
    Link l;
    for (const auto& [k, val] : v.items()) {
      if (k == "url") str(val, child(ptr, k), field, l.url);
      else if (k == "name") text(val, child(ptr, k), field, l.name);
      else unknown(ptr, k);
    }
    if (l.url.empty()) {
      warn(ptr, field, "link without \"url\"; ignored");
      return;
    }
    out.push_back(std::move(l));
  }

  void links(const json& v, const std::string& ptr, const std::string& field, std::vector<Link>& out) {
    if (!array(v, ptr, field)) return;
    for (std::size_t i = 0; i < v.size(); ++i) link(v[i], child(ptr, i), field, out);
  }

  void phone(const json& v, const std::string& ptr, std::vector<Phone>& out) {
    if (v.is_string()) {
      Phone p;
      if (str(v, ptr, "phones", p.number) && !p.number.empty()) out.push_back(std::move(p));
      return;
    }
    if (!object(v, ptr, "phones")) return;
    Phone p;
    for (const auto& [k, val] : v.items()) {
      if (k == "number") str(val, child(ptr, k), "phones.number", p.number);
      else if (k == "description") text(val, child(ptr, k), "phones.description", p.description);
      else if (k == "charge") str(val, child(ptr, k), "phones.charge", p.charge);
      else unknown(ptr, k);
    }
    if (p.number.empty()) {
      warn(ptr, "phones", "phone without \"number\"; ignored");
      return;
    }
    out.push_back(std::move(p));
  }

  void phones(const json& v, const std::string& ptr, std::vector<Phone>& out) {
    if (!array(v, ptr, "phones")) return;
    for (std::size_t i = 0; i < v.size(); ++i) phone(v[i], child(ptr, i), out);
  }

  void emails(const json& v, const std::string& ptr, std::vector<std::string>& out) {
    std::vector<std::string> raw;
    str_list(v, ptr, "emails", raw);
    for (auto& e : raw) {
      if (e.find('@') == std::string::npos || e.find(' ') != std::string::npos)
        warn(ptr, "emails", quote(e) + " is not an e-mail address; ignored");
      else out.push_back(std::move(e));
    }
  }

  void date(const json& v, const std::string& ptr, const std::string& field, std::string& out) {
    std::string s;
    if (!str(v, ptr, field, s) || s.empty()) return;
    if (!sources::is_iso_date(s)) {
      warn(ptr, field, quote(s) + " is not a date YYYY-MM-DD; ignored");
      return;
    }
    out = std::move(s);
  }

  void day(const json& v, const std::string& ptr, std::vector<DayHours>& out) {
    if (!object(v, ptr, "hours.days")) return;
    long long wd = -1;
    std::optional<int> open, close;
    for (const auto& [k, val] : v.items()) {
      const std::string p = child(ptr, k);
      if (k == "weekday") int_val(val, p, "hours.days.weekday", 0, 6, wd);
      else if (k == "open" || k == "close") {
        std::string s;
        if (!str(val, p, "hours.days." + k, s)) continue;
        const auto m = sources::parse_hhmm(s);
        if (!m) warn(p, "hours.days." + k, quote(s) + " is not a time HH:MM; ignored");
        else (k == "open" ? open : close) = *m;
      } else unknown(ptr, k);
    }
    if (wd < 0 || !open || !close) {
      warn(ptr, "hours.days", "needs \"weekday\" (0-6), \"open\" and \"close\"; interval ignored");
      return;
    }
    out.push_back(sources::make_day(static_cast<int>(wd), *open, *close));
  }

  void hours_entry(const json& v, const std::string& ptr, std::vector<HoursEntry>& out) {
    if (!object(v, ptr, "hours")) return;
    HoursEntry h;
    for (const auto& [k, val] : v.items()) {
      const std::string p = child(ptr, k);
      if (k == "kind") {
        std::string s;
        if (!str(val, p, "hours.kind", s)) continue;
        if (s == "regular") h.kind = HoursEntry::Kind::regular;
        else if (s == "exception") h.kind = HoursEntry::Kind::exception;
        else if (s == "special") h.kind = HoursEntry::Kind::special;
        else warn(p, "hours.kind", quote(s) + " is not regular, exception or special; taken as regular");
      } else if (k == "valid_from") date(val, p, "hours.valid_from", h.valid_from);
      else if (k == "valid_to") date(val, p, "hours.valid_to", h.valid_to);
      else if (k == "closed") bool_val(val, p, "hours.closed", h.closed);
      else if (k == "always_open") bool_val(val, p, "hours.always_open", h.always_open);
      else if (k == "days") {
        if (!array(val, p, "hours.days")) continue;
        for (std::size_t i = 0; i < val.size(); ++i) day(val[i], child(p, i), h.days);
      } else if (k == "note") text(val, p, "hours.note", h.note);
      else unknown(ptr, k);
    }
    out.push_back(std::move(h));
  }

  void address(const json& v, const std::string& ptr, Address& out) {
    if (!object(v, ptr, "address")) return;
    for (const auto& [k, val] : v.items()) {
      const std::string p = child(ptr, k);
      if (k == "street") text(val, p, "address.street", out.street);
      else if (k == "postcode") {
        std::string s;
        if (!str(val, p, "postcode", s) || s.empty()) continue;
        if (is_valid_postcode(s)) out.postcode = std::move(s);
        else warn(p, "postcode", quote(s) + " is not a 5-digit Finnish postcode; ignored");
      } else if (k == "post_office") text(val, p, "address.post_office", out.post_office);
      else if (k == "municipality_code") {
        std::string s;
        if (!str(val, p, "municipality_code", s) || s.empty()) continue;
        if (sources::is_municipality_code(s)) out.municipality_code = std::move(s);
        else warn(p, "municipality_code", quote(s) + " is not a 3-digit municipality code; ignored");
      } else unknown(ptr, k);
    }
  }

  void coord(const json& v, const std::string& ptr, std::optional<GeoPoint>& out) {
    if (!object(v, ptr, "coord")) return;
    double lat = 0, lon = 0;
    bool has_lat = false, has_lon = false;
    for (const auto& [k, val] : v.items()) {
      const std::string p = child(ptr, k);
      if (k == "lat") has_lat = number(val, p, "coord.lat", lat);
      else if (k == "lon") has_lon = number(val, p, "coord.lon", lon);
      else unknown(ptr, k);
    }
    if (!has_lat || !has_lon) {
      warn(ptr, "coord", "needs both \"lat\" and \"lon\"; ignored");
      return;
    }
    if (auto g = sources::check_wgs84(lat, lon)) {
      if (g->lat != lat) warn(ptr, "coord", "lat and lon were swapped; corrected");
      out = *g;
    } else {
      warn(ptr, "coord", "(" + json(lat).dump() + ", " + json(lon).dump() + ") is not a WGS84 point in Finland; ignored");
    }
  }

  void location(const json& v, const std::string& ptr, std::vector<Location>& out) {
    if (!object(v, ptr, "locations")) return;
    Location l;
    for (const auto& [k, val] : v.items()) {
      const std::string p = child(ptr, k);
      if (k == "id") str(val, p, "locations.id", l.id);
      else if (k == "name") text(val, p, "locations.name", l.name);
      else if (k == "address") address(val, p, l.address);
      else if (k == "coord") coord(val, p, l.coord);
      else if (k == "accessibility") text(val, p, "locations.accessibility", l.accessibility, true);
      else if (k == "hours") {
        if (!array(val, p, "hours")) continue;
        for (std::size_t i = 0; i < val.size(); ++i) hours_entry(val[i], child(p, i), l.hours);
      } else if (k == "phones") phones(val, p, l.phones);
      else if (k == "emails") emails(val, p, l.emails);
      else unknown(ptr, k);
    }
    out.push_back(std::move(l));
  }

  void area(const json& v, const std::string& ptr, ServiceArea& out) {
    if (!object(v, ptr, "area")) return;
    for (const auto& [k, val] : v.items()) {
      const std::string p = child(ptr, k);
      if (k == "whole_country") bool_val(val, p, "area.whole_country", out.whole_country);
      else if (k == "regions")
        code_list(val, p, "area.regions", out.regions, sources::is_region_code, "a 2-digit region code");
      else if (k == "municipalities")
        code_list(val, p, "area.municipalities", out.municipalities, sources::is_municipality_code,
                  "a 3-digit municipality code");
      else unknown(ptr, k);
    }
  }

  void keywords(const json& v, const std::string& ptr, LocalizedList& out) {
    if (!object(v, ptr, "keywords")) return;
    for (const auto& [k, val] : v.items()) {
      const auto lang = parse_lang(k);
      if (!lang) {
        warn(child(ptr, k), "keywords", "unknown language " + quote(k) + "; ignored");
        continue;
      }
      str_list(val, child(ptr, k), "keywords", out.get(*lang));
    }
  }

 private:
  const SourcePlace& base_;
  sources::Reporter rep_;
};

bool is_lang_code(const std::string& s) {
  if (s.size() < 2 || s.size() > 3) return false;
  for (char c : s)
    if (c < 'a' || c > 'z') return false;
  return true;
}

}  // namespace

bool record_from_json(const json& j, const SourcePlace& place, ServiceRecord& out, std::vector<Problem>& problems) {
  Reader rd(place, problems);
  out = ServiceRecord{};
  if (!j.is_object()) {
    rd.error("", "", std::string("a record must be a JSON object, got ") + j.type_name());
    return false;
  }
  bool has_id = false;
  for (const auto& [k, v] : j.items()) {
    const std::string p = Reader::child("", k);
    if (k == "id") {
      if (!v.is_string()) {
        rd.error(p, "id", std::string("must be a string, got ") + v.type_name());
        continue;
      }
      const std::string& id = v.get_ref<const std::string&>();
      const std::string why = sources::id_problem(id);
      if (!why.empty()) {
        rd.error(p, "id", why);
        continue;
      }
      out.id = id;
      has_id = true;
    } else if (k == "source") rd.str(v, p, "source", out.source);
    else if (k == "source_id") rd.str(v, p, "source_id", out.source_id);
    else if (k == "provider") rd.provider(v, p, out.provider);
    else if (k == "name") {
      if (!v.is_object() && !v.is_string() && !v.is_null()) {
        rd.error(p, "name", std::string("must be an object {\"fi\",\"sv\",\"en\"}, got ") + v.type_name());
        continue;
      }
      rd.text(v, p, "name", out.name);
    } else if (k == "summary") rd.text(v, p, "summary", out.summary, true);
    else if (k == "description") rd.text(v, p, "description", out.description, true);
    else if (k == "service_classes")
      rd.code_list(v, p, "service_classes", out.service_classes, sources::is_service_class_code, "a service class code P<n>[.<n>...]");
    else if (k == "target_groups")
      rd.code_list(v, p, "target_groups", out.target_groups, sources::is_target_group_code, "a target group code KR<n>[.<n>...]");
    else if (k == "life_events")
      rd.code_list(v, p, "life_events", out.life_events, sources::is_life_event_code, "a life event code KE<n>[.<n>...]");
    else if (k == "keywords") rd.keywords(v, p, out.keywords);
    else if (k == "age_min" || k == "age_max") {
      long long n = 0;
      if (rd.int_val(v, p, k, 0, 150, n)) (k == "age_min" ? out.age_min : out.age_max) = static_cast<int>(n);
    } else if (k == "languages") {
      std::vector<std::string> raw;
      rd.str_list(v, p, "languages", raw);
      for (auto& s : raw) {
        s = sources::ascii_lower(s);
        if (is_lang_code(s)) {
          if (std::find(out.languages.begin(), out.languages.end(), s) == out.languages.end())
            out.languages.push_back(s);
        } else {
          rd.warn(p, "languages", quote(s) + " is not an ISO 639 language code; ignored");
        }
      }
    } else if (k == "cost") {
      std::string s;
      if (!rd.str(v, p, "cost", s)) continue;
      if (auto c = parse_cost(s)) out.cost = *c;
      else rd.warn(p, "cost", quote(s) + " is not one of free, paid, partly, unknown; ignored");
    } else if (k == "cost_note") rd.text(v, p, "cost_note", out.cost_note, true);
    else if (k == "how_to_apply") rd.text(v, p, "how_to_apply", out.how_to_apply, true);
    else if (k == "referral_required") {
      bool b = false;
      if (v.is_boolean()) {
        rd.bool_val(v, p, "referral_required", b);
        out.referral_required = b;
      } else if (!v.is_null()) rd.wrong_type(p, "referral_required", "true or false", v);
    } else if (k == "area") rd.area(v, p, out.area);
    else if (k == "locations") {
      if (!rd.array(v, p, "locations")) continue;
      for (std::size_t i = 0; i < v.size(); ++i) rd.location(v[i], Reader::child(p, i), out.locations);
    } else if (k == "phones") rd.phones(v, p, out.phones);
    else if (k == "emails") rd.emails(v, p, out.emails);
    else if (k == "web_pages") rd.links(v, p, "web_pages", out.web_pages);
    else if (k == "eservices") rd.links(v, p, "eservices", out.eservices);
    else if (k == "last_modified") {
      std::string s;
      if (!rd.str(v, p, "last_modified", s) || s.empty()) continue;
      if (sources::is_iso_datetime(s)) out.last_modified = std::move(s);
      else rd.warn(p, "last_modified", quote(s) + " is not an ISO 8601 date or time; ignored");
    } else if (!k.empty() && k[0] == '$') {
      // "$schema", "$comment": allowed annotations.
    } else rd.unknown("", k);
  }
  if (!has_id) {
    if (!j.contains("id")) rd.error("", "id", "missing (every record needs an \"id\")");
    return false;
  }
  if (out.name.empty()) {
    rd.error(j.contains("name") ? "/name" : "", "name", "missing (a name in at least one of fi, sv, en is required)");
    return false;
  }
  if (out.age_min && out.age_max && *out.age_min > *out.age_max) {
    rd.warn("", "age_min", "age_min " + std::to_string(*out.age_min) + " is greater than age_max " +
                               std::to_string(*out.age_max) + "; both ignored");
    out.age_min.reset();
    out.age_max.reset();
  }
  return true;
}

}  // namespace palveluhaku
