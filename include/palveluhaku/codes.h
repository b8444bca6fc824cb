// codes.h — the code lists: service classes, target groups, life events,
// municipalities, regions and postcodes, with labels in fi/sv/en.
//
// Loaded once from the data directory installed with the programs
// (share/palveluhaku/codes/: ServiceClasses.json, TargetGroups.json,
// LifeEvents.json from PTV; municipalities.csv and postcodes.csv from
// Statistics Finland / Posti data). Used for facet labels, the
// /api/v1/facets endpoint, municipality names in filters and postcode
// locations for "near me".
//
// Threading: immutable after load; share one instance between threads.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "palveluhaku/record.h"

namespace palveluhaku {

struct Code {
  std::string code;    // "P3.7", "KR1.2", "KE7", "837", "06"
  std::string parent;  // parent code, "" for top level
  LocalizedText label;
};

struct Municipality {
  std::string code;    // "837"
  LocalizedText name;  // fi / sv (en = fi)
  std::string region;  // maakunta code "06"
  std::optional<GeoPoint> centre;  // town centre, for near_municipality
};

struct PostcodeArea {
  std::string postcode;
  std::string municipality_code;
  std::optional<GeoPoint> centroid;
};

class CodeLists {
 public:
  // Loads the lists from `dir`. Throws Error(invalid_config) naming the file
  // and the problem if a file is missing or malformed.
  static std::shared_ptr<const CodeLists> load(const std::string& dir);

  // kind: "service_class", "target_group", "life_event", "municipality",
  // "region". Unknown codes give nullptr.
  const Code* find(std::string_view kind, std::string_view code) const;
  // The code whose PTV URI ("http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P1")
  // or old URI ("http://urn.fi/URN:NBN:fi:au:ptvl:v1001") is `uri`; nullptr if none.
  const Code* find_by_uri(std::string_view kind, std::string_view uri) const;
  // All codes of a kind, in code-list order.
  const std::vector<Code>& all(std::string_view kind) const;
  // Label in `lang`, falling back to fi, then to the code itself.
  std::string label(std::string_view kind, std::string_view code, Lang lang) const;
  // Ancestors of a hierarchical code, nearest first ("P3.7" -> {"P3"}).
  std::vector<std::string> ancestors(std::string_view kind, std::string_view code) const;

  const Municipality* municipality(std::string_view code) const;
  // Case- and diacritic-insensitive match on fi or sv name ("tampere",
  // "Tammerfors", "Hameenlinna").
  const Municipality* municipality_by_name(std::string_view name) const;
  const PostcodeArea* postcode(std::string_view postcode) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace palveluhaku
