// record.h — the canonical service record.
//
// One ServiceRecord describes one service as a family sees it: what it is, who
// provides it, for whom, where and when. It is close to PTV (Suomi.fi service
// catalogue) and Open Referral HSDS so that every source maps onto it without
// loss of what the search and the website need. All importers produce it, the
// indexer stores it (as JSON, see record_json.h) and the API returns it.
//
// Conventions:
//  - Texts are UTF-8, NFC, plain text (importers strip rich text / HTML).
//  - Codes are kept as the source gives them: municipality codes are the
//    three-digit Statistics Finland codes ("837"), regions the two-digit
//    maakunta codes ("06"), classes "P3.7", target groups "KR1.2", life
//    events "KE7".
//  - Times are ISO 8601 strings; opening hours are local (Europe/Helsinki).
//
// Threading: plain values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace palveluhaku {

// Interface and content languages of the directory.
enum class Lang : std::uint8_t { fi = 0, sv = 1, en = 2 };
inline constexpr Lang kAllLangs[] = {Lang::fi, Lang::sv, Lang::en};
std::string_view lang_code(Lang l);                  // "fi", "sv", "en"
std::optional<Lang> parse_lang(std::string_view s);  // accepts "fi"/"sv"/"en" (any case)

// A text in up to three languages; any subset may be empty.
struct LocalizedText {
  std::string fi, sv, en;

  const std::string& get(Lang l) const;
  std::string& get(Lang l);
  // The text in `l`, else the first non-empty of fi, sv, en; "" if none.
  const std::string& best(Lang l) const;
  bool empty() const { return fi.empty() && sv.empty() && en.empty(); }
  bool operator==(const LocalizedText&) const = default;
};

// Several values per language (keywords, ontology terms).
struct LocalizedList {
  std::vector<std::string> fi, sv, en;
  std::vector<std::string>& get(Lang l);
  const std::vector<std::string>& get(Lang l) const;
  bool empty() const { return fi.empty() && sv.empty() && en.empty(); }
  bool operator==(const LocalizedList&) const = default;
};

enum class ProviderType : std::uint8_t {
  unknown = 0,
  municipality,
  wellbeing_county,  // hyvinvointialue
  state,
  ngo,               // järjestö / yhdistys / säätiö
  parish,            // seurakunta
  private_company,
};
std::string_view provider_type_code(ProviderType t);  // "municipality", "wellbeing_county", ...
std::optional<ProviderType> parse_provider_type(std::string_view s);

struct Provider {
  std::string id;           // source's organisation id (PTV GUID), may be empty
  std::string business_id;  // Y-tunnus, may be empty
  LocalizedText name;
  ProviderType type = ProviderType::unknown;
  bool operator==(const Provider&) const = default;
};

enum class Cost : std::uint8_t { unknown = 0, free, paid, partly_free };
std::string_view cost_code(Cost c);  // "unknown", "free", "paid", "partly"
std::optional<Cost> parse_cost(std::string_view s);

struct GeoPoint {
  double lat = 0;  // WGS84 degrees
  double lon = 0;
  bool operator==(const GeoPoint&) const = default;
};

// One opening interval on one weekday; minutes from local midnight. A
// close_min beyond 1440 means the interval runs past midnight.
struct DayHours {
  std::uint8_t weekday = 0;  // 0 = Monday ... 6 = Sunday
  std::uint16_t open_min = 0;
  std::uint16_t close_min = 0;
  bool operator==(const DayHours&) const = default;
};

// A block of opening hours (PTV serviceHours entry).
struct HoursEntry {
  enum class Kind : std::uint8_t { regular = 0, exception, special };
  Kind kind = Kind::regular;
  std::string valid_from;  // ISO date "2026-12-24", empty = open-ended
  std::string valid_to;    // ISO date, empty = open-ended
  bool closed = false;     // closed for the whole validity period
  bool always_open = false;
  std::vector<DayHours> days;
  LocalizedText note;
  bool operator==(const HoursEntry&) const = default;
};

struct Phone {
  std::string number;  // as given, E.164 where the source allows ("+358401234567")
  LocalizedText description;
  std::string charge;  // free-text charge info, may be empty
  bool operator==(const Phone&) const = default;
};

struct Link {
  std::string url;
  LocalizedText name;
  bool operator==(const Link&) const = default;
};

struct Address {
  LocalizedText street;     // "Hämeenkatu 10" (street + number)
  std::string postcode;     // five digits
  LocalizedText post_office;
  std::string municipality_code;
  bool operator==(const Address&) const = default;
};

// A place where the service is given (PTV ServiceLocation channel).
struct Location {
  std::string id;  // channel id in the source, may be empty
  LocalizedText name;
  Address address;
  std::optional<GeoPoint> coord;
  LocalizedText accessibility;
  std::vector<HoursEntry> hours;
  std::vector<Phone> phones;
  std::vector<std::string> emails;
  bool operator==(const Location&) const = default;
};

struct ServiceArea {
  bool whole_country = false;
  std::vector<std::string> regions;         // maakunta codes
  std::vector<std::string> municipalities;  // municipality codes
  bool operator==(const ServiceArea&) const = default;
};

struct ServiceRecord {
  std::string id;         // stable id in Palveluhaku ("ptv-<guid>", "csv-mll-tre-1", ...)
  std::string source;     // "ptv", "csv:<file stem>", "json:<file stem>", ...
  std::string source_id;  // id in the source system (PTV GUID, CSV id column)

  Provider provider;

  LocalizedText name;
  LocalizedText summary;
  LocalizedText description;

  std::vector<std::string> service_classes;  // "P3.7"
  std::vector<std::string> target_groups;    // "KR1.2"
  std::vector<std::string> life_events;      // "KE7"
  LocalizedList keywords;                    // keywords and ontology term labels

  std::optional<int> age_min;  // years, inclusive
  std::optional<int> age_max;  // years, inclusive
  std::vector<std::string> languages;  // ISO 639-1 codes the service is given in

  Cost cost = Cost::unknown;
  LocalizedText cost_note;
  LocalizedText how_to_apply;
  std::optional<bool> referral_required;

  ServiceArea area;
  std::vector<Location> locations;
  std::vector<Phone> phones;
  std::vector<std::string> emails;
  std::vector<Link> web_pages;
  std::vector<Link> eservices;  // e-services and printable forms

  std::string last_modified;  // ISO 8601 UTC, "2026-05-01T12:00:00Z"

  bool operator==(const ServiceRecord&) const = default;
};

}  // namespace palveluhaku
