// validate.h — checks of codes and coordinates shared by the importers (private).
//
// Threading: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "palveluhaku/record.h"

namespace palveluhaku::sources {

bool is_municipality_code(std::string_view s);   // "837": three digits
bool is_region_code(std::string_view s);         // "06": two digits
bool is_service_class_code(std::string_view s);  // "P3", "P3.7", "P3.7.1"
bool is_target_group_code(std::string_view s);   // "KR1", "KR1.2"
bool is_life_event_code(std::string_view s);     // "KE7", "KE7.1"

// A WGS84 point inside Finland's rough bounding box. If only (lon, lat) is
// inside Finland the values were swapped and the corrected point is
// returned. nullopt otherwise (including NaN/inf).
std::optional<GeoPoint> check_wgs84(double lat, double lon);

}  // namespace palveluhaku::sources
