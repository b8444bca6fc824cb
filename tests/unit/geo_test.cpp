// Tests of geo.h: EPSG:3067 -> WGS84 against PROJ reference values, distances,
// coordinate and postcode parsing.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "palveluhaku/geo.h"

using namespace palveluhaku;

TEST_CASE("geo: ETRS-TM35FIN to WGS84 matches PROJ (cs2cs EPSG:3067 EPSG:4326) to 1e-7 degrees") {
  // Reference values computed with PROJ 9.1.1: echo "E N" | cs2cs -f %.8f EPSG:3067 EPSG:4326
  struct Case {
    double n, e, lat, lon;
    const char* what;
  };
  const Case cases[] = {
      {6822000, 327500, 61.49308556, 23.75934457, "Tampere centre"},
      {7001836.409, 224930.408, 63.04118767, 21.55699205, "Vaasa (real PTV channel)"},
      {6713890.211, 226225.47, 60.46791952, 22.01797748, "Naantali (real PTV channel)"},
      {6836247, 514138, 61.65922133, 27.26694983, "Mikkeli (real PTV channel)"},
      {6672000, 385800, 60.16889057, 24.94186449, "Helsinki"},
      {7777777, 500000, 70.10674381, 27.0, "central meridian, Lapland"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto p = etrs_tm35fin_to_wgs84(c.n, c.e);
    REQUIRE(p);
    CHECK(std::fabs(p->lat - c.lat) < 1e-7);
    CHECK(std::fabs(p->lon - c.lon) < 1e-7);
  }
}

TEST_CASE("geo: values outside Finland's extent are refused") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(etrs_tm35fin_to_wgs84(61.49, 23.76));     // WGS84 degrees, not metres
  CHECK_FALSE(etrs_tm35fin_to_wgs84(0, 0));
  CHECK_FALSE(etrs_tm35fin_to_wgs84(1e308, 1e308));
  CHECK_FALSE(etrs_tm35fin_to_wgs84(inf, 327500));
  CHECK_FALSE(etrs_tm35fin_to_wgs84(6822000, nan));
  CHECK_FALSE(etrs_tm35fin_to_wgs84(327500, 6822000));  // swapped
}

TEST_CASE("geo: distances") {
  const GeoPoint tampere{61.4981, 23.7608}, helsinki{60.1699, 24.9384};
  CHECK(distance_km(tampere, helsinki) == Approx(160.6).epsilon(0.01));
  CHECK(distance_km(tampere, tampere) == 0.0);
  CHECK(distance_km(GeoPoint{0, 0}, GeoPoint{0, 180}) == Approx(20015.1).epsilon(0.001));
}

TEST_CASE("geo: in_finland, parse_lat_lon, is_valid_postcode") {
  CHECK(in_finland(GeoPoint{61.5, 23.76}));
  CHECK(in_finland(GeoPoint{60.1, 19.9}));  // Åland
  CHECK_FALSE(in_finland(GeoPoint{23.76, 61.5}));
  CHECK_FALSE(in_finland(GeoPoint{59.33, 18.06}));  // Stockholm
  CHECK_FALSE(in_finland(GeoPoint{std::numeric_limits<double>::quiet_NaN(), 25}));

  struct Case {
    const char* text;
    bool ok;
    double lat, lon;
  };
  const Case cases[] = {
      {"61.4978,23.7610", true, 61.4978, 23.7610}, {" 61.4978 , 23.7610 ", true, 61.4978, 23.7610},
      {"-33.9,151.2", true, -33.9, 151.2},         {"91,0", false, 0, 0},
      {"61.4978", false, 0, 0},                    {"61,4978,23,7610", false, 0, 0},
      {"a,b", false, 0, 0},                        {"1e400,2", false, 0, 0},
      {"", false, 0, 0},                           {"nan,inf", false, 0, 0},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto p = parse_lat_lon(c.text);
    CHECK(bool(p) == c.ok);
    if (p && c.ok) {
      CHECK(p->lat == Approx(c.lat));
      CHECK(p->lon == Approx(c.lon));
    }
  }
  CHECK(is_valid_postcode("33100"));
  CHECK(is_valid_postcode("00100"));
  CHECK_FALSE(is_valid_postcode("3310"));
  CHECK_FALSE(is_valid_postcode("331000"));
  CHECK_FALSE(is_valid_postcode("3310a"));
  CHECK_FALSE(is_valid_postcode(""));
}
