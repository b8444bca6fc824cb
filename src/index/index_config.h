// index_config.h — the declared shape of the index (index-config/index.json).
//
// Fields → weight, boolean prefixes, value slots; see index-config/README.md
// ("## index.json"). The indexer loads it from the config directory and
// stores the effective configuration in the index metadata
// (kConfigMetadataKey) so that the search engine reads the shape from the
// index it searches, never from a config file that may have changed since.
//
// Threading: plain values.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace palveluhaku::index {

inline constexpr const char* kConfigMetadataKey = "palveluhaku.index-config";
inline constexpr const char* kBuiltAtMetadataKey = "palveluhaku.built-at";
inline constexpr const char* kGenerationMetadataKey = "palveluhaku.generation";
// Docids changed by the last in-place updates (index/change_log.h).
inline constexpr const char* kChangesMetadataKey = "palveluhaku.changes";
inline constexpr int kFormatVersion = 1;

// The boolean (filter) fields in a fixed order; the facet columns use this
// order as field numbers. "id" (unique term) is separate.
inline const std::vector<std::string> kBooleanFields = {
    "municipality", "region",   "provider_type", "service_class", "target_group",
    "life_event",   "language", "cost",          "channel",       "source"};

struct IndexConfig {
  int version = kFormatVersion;
  // Free-text field -> within-document frequency added per term occurrence
  // (the field weight). Fields: name, keywords, service_class, target_group,
  // life_event, provider, summary, description, location.
  std::map<std::string, unsigned> text_weights = {
      {"name", 12},        {"keywords", 6},   {"service_class", 5}, {"target_group", 2},
      {"life_event", 2},   {"provider", 4},   {"summary", 3},       {"description", 1},
      {"location", 2}};
  // TermKind -> factor applied to the field weight (compound parts are in
  // addition scaled by Analyzer::part_weight).
  std::map<std::string, double> kind_factors = {
      {"surface", 1.0}, {"base", 1.0}, {"part", 0.8}, {"folded", 0.5}, {"synonym", 0.8}};
  // Unique id term prefix.
  std::string id_prefix = "Q";
  // Boolean field -> term prefix.
  std::map<std::string, std::string> prefixes = {
      {"municipality", "XM"}, {"region", "XR"},   {"provider_type", "XP"},
      {"service_class", "XC"}, {"target_group", "XT"}, {"life_event", "XE"},
      {"language", "XL"},     {"cost", "XK"},     {"channel", "XH"},
      {"source", "XS"}};
  // Value slots.
  unsigned slot_name_sort = 0;  // ICU Finnish collation key of the name
  unsigned slot_age = 1;        // 2 bytes: min, max (255 = open)
  unsigned slot_coords = 2;     // Xapian::LatLongCoords of all locations
  unsigned slot_hours = 3;      // compact JSON of the locations' opening hours
  unsigned slot_suggest = 4;    // JSON: names, provider, prefix keys for suggest
  // Fields whose words go into the spelling dictionary (did-you-mean).
  std::vector<std::string> spelling_fields = {"name", "keywords", "summary", "provider"};
  // Whether the index stores a word as written where its base forms differ
  // ("neuvolaan" beside "neuvola", TermKind::inflected). Default: false (the
  // base forms stand for it; its wdf still counts in the document length).
  // An index built before this option existed has them, and keeps them on
  // --update.
  bool inflected_forms = false;
  // BM25 parameters used at search time.
  double bm25_k1 = 1.2;
  double bm25_b = 0.5;

  nlohmann::json to_json() const;
};

// Loads `dir`/index.json over the defaults. A missing file gives the
// defaults. Throws Error(invalid_config) naming the file and the key for bad
// values (unknown key, prefix that is a prefix of another, slot clash).
IndexConfig load_index_config(const std::string& dir);

// Parses the JSON form (as stored in the index metadata). Throws
// Error(invalid_config / index_corrupt) with `what` in the message.
IndexConfig index_config_from_json(const nlohmann::json& j, const std::string& what);

}  // namespace palveluhaku::index
