// geo.h — coordinates: EPSG:3067 to WGS84, distances, postcodes.
//
// Threading: pure functions; PostcodeTable is immutable after load and safe
// to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "palveluhaku/record.h"

namespace palveluhaku {

// ETRS-TM35FIN (EPSG:3067) northing/easting in metres to WGS84 degrees
// (inverse transverse Mercator on GRS80, central meridian 27°E, false easting
// 500 km, scale 0.9996). Accurate to well under a metre inside Finland.
// Returns nullopt for values outside Finland's extent.
std::optional<GeoPoint> etrs_tm35fin_to_wgs84(double northing, double easting);

// Great-circle distance in kilometres.
double distance_km(const GeoPoint& a, const GeoPoint& b);

// True if the point lies in the rough bounding box of Finland.
bool in_finland(const GeoPoint& p);

// Parses "61.4978,23.7610" (lat,lon). Returns nullopt if malformed or out of range.
std::optional<GeoPoint> parse_lat_lon(std::string_view s);

// True for a five-digit postcode string.
bool is_valid_postcode(std::string_view s);

}  // namespace palveluhaku
