// csv_import.cpp — the CSV template for NGOs, parishes and small providers
// (documented column by column in data/templates/README.md).
//
// One row per service location; rows sharing an id are one service with
// several locations. Service-level cells are taken from the first good row
// of an id; a later row whose non-empty service-level cells differ gets a
// warning. A row with a bad required cell, postcode or coordinate is skipped
// (error) and counted in ImportResult::skipped; a bad optional cell is
// dropped with a warning.
#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "palveluhaku/codes.h"
#include "palveluhaku/geo.h"
#include "palveluhaku/sources.h"
#include "sources/csv_reader.h"
#include "sources/hours_util.h"
#include "sources/importers.h"
#include "sources/report.h"
#include "sources/text_util.h"
#include "sources/validate.h"

namespace palveluhaku {

namespace sources {

namespace {

// Columns describing the service (taken from the first row of an id).
constexpr std::array<std::string_view, 38> kServiceColumns = {
    "id",           "name_fi",          "name_sv",          "name_en",           "summary_fi",
    "summary_sv",   "summary_en",       "description_fi",   "description_sv",    "description_en",
    "provider_name", "provider_name_sv", "provider_name_en", "provider_type",     "provider_business_id",
    "service_classes", "target_groups", "life_events",      "keywords_fi",       "keywords_sv",
    "keywords_en",  "age_min",          "age_max",          "languages",         "cost",
    "cost_note",    "cost_note_sv",     "cost_note_en",     "how_to_apply",      "how_to_apply_sv",
    "how_to_apply_en", "referral_required", "area_municipalities", "area_regions", "whole_country",
    "website",      "eservice_url",     "last_modified"};
// Columns describing the location of the row.
constexpr std::array<std::string_view, 13> kLocationColumns = {
    "location_name", "location_name_sv", "street_address", "postcode", "post_office", "municipality",
    "latitude",      "longitude",        "accessibility",  "opening_hours", "phone", "email", "location_name_en"};

bool known_column(std::string_view c) {
  return std::find(kServiceColumns.begin(), kServiceColumns.end(), c) != kServiceColumns.end() ||
         std::find(kLocationColumns.begin(), kLocationColumns.end(), c) != kLocationColumns.end();
}

std::optional<bool> parse_yes_no(std::string_view s) {
  const std::string l = ascii_lower(trim(s));
  if (l == "yes" || l == "y" || l == "kyllä" || l == "kylla" || l == "k" || l == "true" || l == "1" || l == "ja" ||
      l == "x")
    return true;
  if (l == "no" || l == "n" || l == "ei" || l == "e" || l == "false" || l == "0" || l == "nej") return false;
  return std::nullopt;
}

std::optional<Cost> parse_cost_cell(std::string_view s) {
  const std::string l = ascii_lower(trim(s));
  if (auto c = parse_cost(l)) return c;
  if (l == "maksuton" || l == "ilmainen" || l == "avgiftsfri" || l == "gratis" || l == "kostnadsfri") return Cost::free;
  if (l == "maksullinen" || l == "avgiftsbelagd" || l == "chargeable") return Cost::paid;
  if (l == "osittain maksullinen" || l == "osittain" || l == "delvis avgiftsbelagd" || l == "partly free" ||
      l == "partly_free")
    return Cost::partly_free;
  return std::nullopt;
}

std::optional<ProviderType> parse_provider_type_cell(std::string_view s) {
  const std::string l = ascii_lower(trim(s));
  if (auto t = parse_provider_type(l)) return t;
  if (l == "kunta" || l == "kaupunki" || l == "kommun" || l == "stad") return ProviderType::municipality;
  if (l == "hyvinvointialue" || l == "välfärdsområde" || l == "wellbeing services county")
    return ProviderType::wellbeing_county;
  if (l == "valtio" || l == "staten") return ProviderType::state;
  if (l == "järjestö" || l == "jarjesto" || l == "yhdistys" || l == "säätiö" || l == "saatio" ||
      l == "förening" || l == "organisation" || l == "association")
    return ProviderType::ngo;
  if (l == "seurakunta" || l == "församling" || l == "church") return ProviderType::parish;
  if (l == "yritys" || l == "företag" || l == "company" || l == "private") return ProviderType::private_company;
  return std::nullopt;
}

std::optional<std::string> parse_language(std::string_view s) {
  const std::string l = ascii_lower(trim(s));
  if (l == "suomi" || l == "finska" || l == "finnish") return "fi";
  if (l == "ruotsi" || l == "svenska" || l == "swedish") return "sv";
  if (l == "englanti" || l == "engelska" || l == "english") return "en";
  if (l == "saame" || l == "saamen kieli" || l == "samiska" || l == "sami") return "se";
  if (l == "venäjä" || l == "ryska" || l == "russian") return "ru";
  if (l == "viittomakieli" || l == "teckenspråk" || l == "sign language") return "sgn";
  if (l.size() >= 2 && l.size() <= 3 && std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return l;
  return std::nullopt;
}

bool plausible_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (!(c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '/')) return false;
  }
  return digits >= 3 && digits <= 20;
}

bool plausible_email(std::string_view s) {
  const std::size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size() && s.find(' ') == std::string_view::npos &&
         s.find('@', at + 1) == std::string_view::npos;
}

// Column name -> cell index.
using Columns = std::unordered_map<std::string, std::size_t>;

class RowReader {
 public:
  RowReader(const Columns& cols, const std::vector<std::string>& cells, SourcePlace place, Reporter& rep,
            const CodeLists* codes)
      : cols_(cols), cells_(cells), place_(std::move(place)), rep_(rep), codes_(codes) {}

  // The trimmed raw cell, "" if the column or cell is absent.
  std::string_view raw(std::string_view col) const {
    const auto it = cols_.find(std::string(col));
    if (it == cols_.end() || it->second >= cells_.size()) return {};
    return trim(cells_[it->second]);
  }
  std::string line(std::string_view col) {
    bool cut = false;
    std::string s = clean_line(raw(col), &cut);
    if (cut) warn(col, "text is too long; cut to " + std::to_string(kMaxTextBytes) + " bytes");
    return s;
  }
  std::string text(std::string_view col) {
    bool cut = false;
    std::string s = clean_text(raw(col), &cut);
    if (cut) warn(col, "text is too long; cut to " + std::to_string(kMaxTextBytes) + " bytes");
    return s;
  }
  std::vector<std::string> list(std::string_view col) {
    std::vector<std::string> out;
    for (const auto& part : split_trim(raw(col), '|')) {
      std::string s = clean_line(part);
      if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    }
    return out;
  }
  void warn(std::string_view col, std::string msg) { rep_.warning(place_, std::string(col), std::move(msg)); }
  void error(std::string_view col, std::string msg) {
    rep_.error(place_, std::string(col), std::move(msg));
    ++errors_;
  }
  std::size_t errors() const { return errors_; }
  const CodeLists* codes() const { return codes_; }

  // Municipality code or name -> code; "" (with a warning) if unknown.
  std::string municipality(std::string_view col, std::string_view value) {
    const std::string v(trim(value));
    if (!v.empty() && v.size() <= 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const std::string code = std::string(3 - v.size(), '0') + v;
      if (codes_ && !codes_->municipality(code)) {
        warn(col, quote(v) + " is not a municipality code; ignored");
        return {};
      }
      if (code != v) warn(col, quote(v) + " taken as municipality code " + quote(code) + " (leading zeros lost?)");
      return code;
    }
    if (!codes_) {
      warn(col, "municipality name " + quote(v) + " cannot be resolved (code lists unavailable); ignored");
      return {};
    }
    if (const Municipality* m = codes_->municipality_by_name(v)) return m->code;
    warn(col, quote(v) + " is not a Finnish municipality name or code; ignored");
    return {};
  }

  std::string region(std::string_view col, std::string_view value) {
    const std::string v(trim(value));
    if (!v.empty() && v.size() <= 2 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const std::string code = std::string(2 - v.size(), '0') + v;
      if (codes_ && !codes_->find("region", code)) {
        warn(col, quote(v) + " is not a region code; ignored");
        return {};
      }
      return code;
    }
    if (codes_) {
      const std::string l = ascii_lower(v);
      for (const Code& c : codes_->all("region"))
        if (ascii_lower(c.label.fi) == l || ascii_lower(c.label.sv) == l) return c.code;
    }
    warn(col, quote(v) + " is not a region (maakunta) name or code; ignored");
    return {};
  }

 private:
  const Columns& cols_;
  const std::vector<std::string>& cells_;
  SourcePlace place_;
  Reporter& rep_;
  const CodeLists* codes_;
  std::size_t errors_ = 0;
};

// Codes from a '|' list, validated.
template <class Pred>
std::vector<std::string> codes_cell(RowReader& row, std::string_view col, Pred valid, const char* what) {
  std::vector<std::string> out;
  for (auto& s : row.list(col)) {
    if (valid(s)) out.push_back(std::move(s));
    else row.warn(col, quote(s) + " is not " + what + "; ignored");
  }
  return out;
}

void add_links(RowReader& row, std::string_view col, std::vector<Link>& out) {
  for (auto& url : row.list(col)) {
    std::string u = url;
    if (ascii_lower(u).rfind("www.", 0) == 0) u = "https://" + u;
    const std::string l = ascii_lower(u);
    if (l.rfind("http://", 0) != 0 && l.rfind("https://", 0) != 0) {
      row.warn(col, quote(url) + " is not a web address (http:// or https://); ignored");
      continue;
    }
    if (std::none_of(out.begin(), out.end(), [&](const Link& k) { return k.url == u; })) out.push_back(Link{u, {}});
  }
}

void add_phones(RowReader& row, std::vector<Phone>& out) {
  for (auto& p : row.list("phone")) {
    if (!plausible_phone(p)) {
      row.warn("phone", quote(p) + " is not a phone number; ignored");
      continue;
    }
    if (std::none_of(out.begin(), out.end(), [&](const Phone& k) { return k.number == p; }))
      out.push_back(Phone{p, {}, ""});
  }
}

void add_emails(RowReader& row, std::vector<std::string>& out) {
  for (auto& e : row.list("email")) {
    if (!plausible_email(e)) {
      row.warn("email", quote(e) + " is not an e-mail address; ignored");
      continue;
    }
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  }
}

bool has_location(const RowReader& row) {
  for (auto col : kLocationColumns)
    if (col != "phone" && col != "email" && !row.raw(col).empty()) return true;
  return false;
}

// A row with location cells adds a location (with the row's phones and
// e-mails); a row without them gives its phones and e-mails to the service.
void attach_row_place(RowReader& row, Location l, ServiceRecord& r) {
  if (has_location(row)) {
    add_phones(row, l.phones);
    add_emails(row, l.emails);
    r.locations.push_back(std::move(l));
  } else {
    add_phones(row, r.phones);
    add_emails(row, r.emails);
  }
}

// The service-level fields of a row. Returns false (errors reported) if a
// required cell is missing or bad.
bool read_service(RowReader& row, ServiceRecord& r) {
  r.name = LocalizedText{row.line("name_fi"), row.line("name_sv"), row.line("name_en")};
  if (r.name.empty()) row.error("name_fi", "missing (one of name_fi, name_sv, name_en is required)");
  r.provider.name = LocalizedText{row.line("provider_name"), row.line("provider_name_sv"), row.line("provider_name_en")};
  if (r.provider.name.empty()) row.error("provider_name", "missing (required)");
  if (row.errors() > 0) return false;

  r.summary = LocalizedText{row.text("summary_fi"), row.text("summary_sv"), row.text("summary_en")};
  r.description = LocalizedText{row.text("description_fi"), row.text("description_sv"), row.text("description_en")};
  if (auto t = row.raw("provider_type"); !t.empty()) {
    if (auto pt = parse_provider_type_cell(t)) r.provider.type = *pt;
    else row.warn("provider_type", quote(t) + " is not one of municipality, wellbeing_county, state, ngo, parish, private_company; ignored");
  }
  r.provider.business_id = row.line("provider_business_id");
  r.service_classes = codes_cell(row, "service_classes", is_service_class_code, "a service class code (P3.7)");
  r.target_groups = codes_cell(row, "target_groups", is_target_group_code, "a target group code (KR1.2)");
  r.life_events = codes_cell(row, "life_events", is_life_event_code, "a life event code (KE7)");
  r.keywords.fi = row.list("keywords_fi");
  r.keywords.sv = row.list("keywords_sv");
  r.keywords.en = row.list("keywords_en");
  for (const char* col : {"age_min", "age_max"}) {
    const auto v = row.raw(col);
    if (v.empty()) continue;
    long long n = 0;
    if (!parse_int(v, n) || n < 0 || n > 150) {
      row.warn(col, quote(v) + " is not an age in years 0..150; ignored");
      continue;
    }
    (std::string_view(col) == "age_min" ? r.age_min : r.age_max) = static_cast<int>(n);
  }
  if (r.age_min && r.age_max && *r.age_min > *r.age_max) {
    row.warn("age_min", "age_min " + std::to_string(*r.age_min) + " is greater than age_max " +
                            std::to_string(*r.age_max) + "; both ignored");
    r.age_min.reset();
    r.age_max.reset();
  }
  for (const auto& l : row.list("languages")) {
    if (auto code = parse_language(l)) {
      if (std::find(r.languages.begin(), r.languages.end(), *code) == r.languages.end()) r.languages.push_back(*code);
    } else {
      row.warn("languages", quote(l) + " is not a language (fi, sv, en, suomi, ruotsi, ...); ignored");
    }
  }
  if (auto c = row.raw("cost"); !c.empty()) {
    if (auto cost = parse_cost_cell(c)) r.cost = *cost;
    else row.warn("cost", quote(c) + " is not one of free, paid, partly, unknown (maksuton, maksullinen, osittain); ignored");
  }
  r.cost_note = LocalizedText{row.text("cost_note"), row.text("cost_note_sv"), row.text("cost_note_en")};
  r.how_to_apply = LocalizedText{row.text("how_to_apply"), row.text("how_to_apply_sv"), row.text("how_to_apply_en")};
  if (auto v = row.raw("referral_required"); !v.empty()) {
    if (auto b = parse_yes_no(v)) r.referral_required = *b;
    else row.warn("referral_required", quote(v) + " is not yes/no (kyllä/ei, true/false); ignored");
  }
  if (auto v = row.raw("whole_country"); !v.empty()) {
    if (auto b = parse_yes_no(v)) r.area.whole_country = *b;
    else row.warn("whole_country", quote(v) + " is not yes/no (kyllä/ei, true/false); ignored");
  }
  for (const auto& m : row.list("area_municipalities")) {
    std::string code = row.municipality("area_municipalities", m);
    if (!code.empty() && std::find(r.area.municipalities.begin(), r.area.municipalities.end(), code) ==
                             r.area.municipalities.end())
      r.area.municipalities.push_back(std::move(code));
  }
  for (const auto& m : row.list("area_regions")) {
    std::string code = row.region("area_regions", m);
    if (!code.empty() && std::find(r.area.regions.begin(), r.area.regions.end(), code) == r.area.regions.end())
      r.area.regions.push_back(std::move(code));
  }
  add_links(row, "website", r.web_pages);
  add_links(row, "eservice_url", r.eservices);
  if (auto v = row.raw("last_modified"); !v.empty()) {
    if (is_iso_datetime(v)) r.last_modified = std::string(v);
    else row.warn("last_modified", quote(v) + " is not an ISO 8601 date (2026-05-01) or time; ignored");
  }
  return true;
}

// The location of a row. Returns false (errors reported) for a bad postcode
// or coordinate: the row is then skipped.
bool read_location(RowReader& row, Location& l) {
  l.name = LocalizedText{row.line("location_name"), row.line("location_name_sv"), row.line("location_name_en")};
  l.address.street.fi = row.line("street_address");
  l.address.post_office.fi = row.line("post_office");
  if (auto pc = row.raw("postcode"); !pc.empty()) {
    if (is_valid_postcode(pc)) l.address.postcode = std::string(pc);
    else row.error("postcode", quote(pc) + " is not a 5-digit Finnish postcode");
  }
  if (auto m = row.raw("municipality"); !m.empty()) l.address.municipality_code = row.municipality("municipality", m);
  if (l.address.municipality_code.empty() && !l.address.postcode.empty() && row.codes())
    if (const PostcodeArea* a = row.codes()->postcode(l.address.postcode)) l.address.municipality_code = a->municipality_code;
  const auto lat = row.raw("latitude"), lon = row.raw("longitude");
  if (!lat.empty() || !lon.empty()) {
    double a = 0, b = 0;
    if (lat.empty() || lon.empty()) {
      row.error(lat.empty() ? "latitude" : "longitude", "missing (latitude and longitude go together)");
    } else if (!parse_double(lat, a)) {
      row.error("latitude", quote(lat) + " is not a number (WGS84 degrees, e.g. 61.4981)");
    } else if (!parse_double(lon, b)) {
      row.error("longitude", quote(lon) + " is not a number (WGS84 degrees, e.g. 23.7608)");
    } else if (auto p = check_wgs84(a, b)) {
      if (p->lat != a) row.warn("latitude", "latitude and longitude were swapped; corrected");
      l.coord = *p;
    } else {
      row.error("latitude", "(" + std::string(lat) + ", " + std::string(lon) + ") is not a WGS84 point in Finland");
    }
  }
  l.accessibility.fi = row.text("accessibility");
  if (auto h = row.raw("opening_hours"); !h.empty()) {
    HoursEntry e;
    std::string why;
    if (parse_opening_hours(h, e, why)) {
      if (e.days.empty()) e.closed = true;
      l.hours.push_back(std::move(e));
    } else {
      row.warn("opening_hours", why + "; opening hours ignored");
    }
  }
  return row.errors() == 0;
}

// Service-level cells of a later row that differ from the first row.
void compare_service_cells(RowReader& row, const std::vector<std::string>& first, const Columns& cols,
                           std::size_t first_line) {
  std::string differing;
  for (auto col : kServiceColumns) {
    if (col == "id") continue;
    const auto it = cols.find(std::string(col));
    if (it == cols.end()) continue;
    const auto v = row.raw(col);
    const std::string_view f = it->second < first.size() ? trim(first[it->second]) : std::string_view();
    if (!v.empty() && v != f) differing += (differing.empty() ? "" : ", ") + std::string(col);
  }
  if (!differing.empty())
    row.warn("", "service-level cells (" + differing + ") differ from the first row of this id (line " +
                     std::to_string(first_line) + "); the first row's values are used");
}

}  // namespace

Batch read_csv(std::string_view input, const std::string& name, const CodeLists* codes, const Tick& tick) {
  Batch b;
  const std::size_t input_size = input.size();
  Reporter rep(b.result.problems);
  const SourcePlace file{name, 0, ""};
  input = strip_bom(input);
  std::string decoded;
  if (!is_valid_utf8(input)) {
    decoded = cp1252_to_utf8(input);
    input = decoded;
    rep.warning(file, "", "file is not UTF-8; read as Windows-1252 (save as \"CSV UTF-8\" to avoid this)");
  }
  CsvReader reader(input, detect_separator(input));
  std::vector<std::string> header, cells;
  std::size_t line = 0;
  if (!reader.next(header, line)) {
    rep.error(file, "", "empty file (expected a header line)");
    return b;
  }
  Columns cols;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string col = ascii_lower(trim(strip_bom(header[i])));
    if (col.empty()) continue;
    if (!known_column(col)) {
      rep.warning(SourcePlace{name, line, ""}, col, "unknown column; ignored");
      continue;
    }
    if (!cols.emplace(col, i).second) rep.warning(SourcePlace{name, line, ""}, col, "column appears twice; the first is used");
  }
  bool usable = true;
  for (const char* req : {"id", "provider_name"})
    if (!cols.count(req)) {
      rep.error(SourcePlace{name, line, ""}, req, "required column is missing from the header");
      usable = false;
    }
  if (!cols.count("name_fi") && !cols.count("name_sv") && !cols.count("name_en")) {
    rep.error(SourcePlace{name, line, ""}, "name_fi", "the header needs one of name_fi, name_sv, name_en");
    usable = false;
  }
  if (!usable) return b;

  struct Seen {
    std::size_t record;  // index in b.result.records
    std::size_t line;
    std::vector<std::string> cells;
  };
  std::unordered_map<std::string, Seen> seen;
  const std::string source = "csv:" + file_stem(name);
  std::size_t next_tick = 1 << 20;
  while (reader.next(cells, line)) {
    // Progress in bytes of the original input (a Windows-1252 file grows when decoded).
    if (tick && reader.position() >= next_tick) {
      tick(std::min(input_size, reader.position()));
      next_tick = reader.position() + (1 << 20);
    }
    const SourcePlace place{name, line, ""};
    if (reader.unterminated_quote()) {
      rep.error(place, "", "a quoted cell is not closed before the end of the file; the row is skipped");
      ++b.result.skipped;
      break;
    }
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); })) continue;
    if (cells.size() > header.size())
      rep.warning(place, "", "row has " + std::to_string(cells.size()) + " cells but the header has " +
                                 std::to_string(header.size()) + "; extra cells ignored");
    const std::size_t errors_before = rep.error_count();
    RowReader row(cols, cells, place, rep, codes);
    const std::string id(row.raw("id"));
    if (const std::string why = id_problem(id); !why.empty()) {
      row.error("id", id.empty() ? "missing (required)" : why);
      ++b.result.skipped;
      continue;
    }
    auto it = seen.find(id);
    if (it == seen.end()) {
      ServiceRecord r;
      r.id = id;
      r.source = source;
      r.source_id = id;
      Location l;
      const bool service_ok = read_service(row, r);
      const bool location_ok = read_location(row, l);  // read even after a service error: report all
      if (!service_ok || !location_ok || rep.error_count() != errors_before) {
        ++b.result.skipped;
        continue;
      }
      attach_row_place(row, std::move(l), r);
      seen.emplace(id, Seen{b.result.records.size(), line, cells});
      b.add(std::move(r), place);
    } else {
      compare_service_cells(row, it->second.cells, cols, it->second.line);
      Location l;
      if (!read_location(row, l)) {
        ++b.result.skipped;
        continue;
      }
      attach_row_place(row, std::move(l), b.result.records[it->second.record]);
    }
    if (reader.too_many_cells()) rep.warning(place, "", "row has more than 1000 cells; the rest are ignored");
  }
  return b;
}

}  // namespace sources

ImportResult import_csv(std::string_view content, const std::string& name, const CodeLists* codes) {
  auto b = sources::read_csv(content, name, codes ? codes : sources::default_code_lists());
  sources::drop_duplicate_ids(b);
  return std::move(b.result);
}

}  // namespace palveluhaku
