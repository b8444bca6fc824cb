#include "sources/validate.h"

#include <cmath>

#include "palveluhaku/geo.h"

namespace palveluhaku::sources {

namespace {
bool all_digits(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// prefix followed by n(.n)* with each n 1..4 digits, at most 5 levels.
bool dotted_code(std::string_view s, std::string_view prefix) {
  if (s.size() <= prefix.size() || s.size() > 32 || s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  std::size_t run = 0;
  int levels = 1;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (++run > 4) return false;
    } else if (c == '.') {
      if (run == 0 || ++levels > 5) return false;
      run = 0;
    } else {
      return false;
    }
  }
  return run > 0;
}
}  // namespace

bool is_municipality_code(std::string_view s) { return all_digits(s, 3); }
bool is_region_code(std::string_view s) { return all_digits(s, 2); }
bool is_service_class_code(std::string_view s) { return dotted_code(s, "P"); }
bool is_target_group_code(std::string_view s) { return dotted_code(s, "KR"); }
bool is_life_event_code(std::string_view s) { return dotted_code(s, "KE"); }

std::optional<GeoPoint> check_wgs84(double lat, double lon) {
  if (!std::isfinite(lat) || !std::isfinite(lon)) return std::nullopt;
  if (in_finland(GeoPoint{lat, lon})) return GeoPoint{lat, lon};
  if (in_finland(GeoPoint{lon, lat})) return GeoPoint{lon, lat};
  return std::nullopt;
}

}  // namespace palveluhaku::sources
