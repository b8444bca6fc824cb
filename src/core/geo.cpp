// geo.cpp — EPSG:3067 (ETRS-TM35FIN) to WGS84, distances, postcodes.
//
// The inverse projection uses the Krüger series for the transverse Mercator
// on GRS80 as given in JHS 154 (the Finnish public-administration
// recommendation for ETRS89 map projections); its error is at the millimetre
// level inside the zone. ETRS89 and WGS84 differ by well under a metre in
// Finland, which is below anything the directory cares about.
#include "palveluhaku/geo.h"

#include <cmath>
#include <string>

namespace palveluhaku {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kA = 6378137.0;                // GRS80 semi-major axis
constexpr double kF = 1.0 / 298.257222101;      // GRS80 flattening
constexpr double kK0 = 0.9996;                  // scale on the central meridian
constexpr double kLon0 = 27.0 * kPi / 180.0;    // central meridian 27°E
constexpr double kE0 = 500000.0;                // false easting

// Finland's extent in ETRS-TM35FIN with a margin (the official extent is
// N 6 600 000 .. 7 800 000, E 50 000 .. 760 000).
constexpr double kMinN = 6500000.0, kMaxN = 7900000.0;
constexpr double kMinE = -100000.0, kMaxE = 1000000.0;

double deg(double r) { return r * 180.0 / kPi; }
double rad(double d) { return d * kPi / 180.0; }

}  // namespace

std::optional<GeoPoint> etrs_tm35fin_to_wgs84(double northing, double easting) {
  if (!std::isfinite(northing) || !std::isfinite(easting)) return std::nullopt;
  if (northing < kMinN || northing > kMaxN || easting < kMinE || easting > kMaxE) return std::nullopt;

  const double n = kF / (2.0 - kF);
  const double n2 = n * n, n3 = n2 * n, n4 = n3 * n;
  const double a1 = kA / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0);
  const double e2 = kF * (2.0 - kF);
  const double e = std::sqrt(e2);
  const double h1 = n / 2.0 - 2.0 / 3.0 * n2 + 37.0 / 96.0 * n3 - 1.0 / 360.0 * n4;
  const double h2 = 1.0 / 48.0 * n2 + 1.0 / 15.0 * n3 - 437.0 / 1440.0 * n4;
  const double h3 = 17.0 / 480.0 * n3 - 37.0 / 840.0 * n4;
  const double h4 = 4397.0 / 161280.0 * n4;

  const double xi = northing / (a1 * kK0);
  const double eta = (easting - kE0) / (a1 * kK0);
  const double xi_p = xi - h1 * std::sin(2 * xi) * std::cosh(2 * eta) - h2 * std::sin(4 * xi) * std::cosh(4 * eta) -
                      h3 * std::sin(6 * xi) * std::cosh(6 * eta) - h4 * std::sin(8 * xi) * std::cosh(8 * eta);
  const double eta_p = eta - h1 * std::cos(2 * xi) * std::sinh(2 * eta) - h2 * std::cos(4 * xi) * std::sinh(4 * eta) -
                       h3 * std::cos(6 * xi) * std::sinh(6 * eta) - h4 * std::cos(8 * xi) * std::sinh(8 * eta);
  const double beta = std::asin(std::sin(xi_p) / std::cosh(eta_p));
  const double l = std::asin(std::tanh(eta_p) / std::cos(beta));
  const double q = std::asinh(std::tan(beta));
  double qp = q + e * std::atanh(e * std::tanh(q));
  for (int i = 0; i < 8; ++i) {
    const double next = q + e * std::atanh(e * std::tanh(qp));
    if (std::fabs(next - qp) < 1e-15) {
      qp = next;
      break;
    }
    qp = next;
  }
  GeoPoint p{deg(std::atan(std::sinh(qp))), deg(kLon0 + l)};
  if (!std::isfinite(p.lat) || !std::isfinite(p.lon)) return std::nullopt;
  return p;
}

double distance_km(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kEarthRadiusKm = 6371.0088;  // mean radius
  const double dlat = rad(b.lat - a.lat);
  const double dlon = rad(b.lon - a.lon);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(rad(a.lat)) * std::cos(rad(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::fmin(1.0, std::fmax(0.0, h))));
}

bool in_finland(const GeoPoint& p) {
  // Hanko/Åland (59.5N, 19.1E) to Nuorgam (70.1N) and Ilomantsi (31.6E), with a margin.
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= 59.0 && p.lat <= 70.5 && p.lon >= 19.0 &&
         p.lon <= 32.0;
}

std::optional<GeoPoint> parse_lat_lon(std::string_view s) {
  if (s.size() > 100) return std::nullopt;
  const std::size_t comma = s.find(',');
  if (comma == std::string_view::npos || s.find(',', comma + 1) != std::string_view::npos) return std::nullopt;
  auto num = [](std::string_view t, double& out) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    if (t.empty()) return false;
    for (char c : t)
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) return false;
    try {
      std::size_t used = 0;
      const std::string str(t);
      out = std::stod(str, &used);
      return used == str.size() && std::isfinite(out);
    } catch (...) {
      return false;
    }
  };
  GeoPoint p;
  if (!num(s.substr(0, comma), p.lat) || !num(s.substr(comma + 1), p.lon)) return std::nullopt;
  if (p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) return std::nullopt;
  return p;
}

bool is_valid_postcode(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace palveluhaku
