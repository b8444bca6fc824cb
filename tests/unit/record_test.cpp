#include "palveluhaku/record.h"

#include <catch2/catch.hpp>

using namespace palveluhaku;

TEST_CASE("language codes round-trip and reject unknown ones", "[record]") {
  for (Lang l : kAllLangs) REQUIRE(parse_lang(lang_code(l)) == l);
  CHECK(parse_lang("SV") == Lang::sv);
  CHECK_FALSE(parse_lang("de").has_value());
  CHECK_FALSE(parse_lang("").has_value());
}

TEST_CASE("LocalizedText::best falls back to another language", "[record]") {
  LocalizedText t;
  t.sv = "Rådgivning";
  CHECK(t.best(Lang::fi) == "Rådgivning");
  t.fi = "Neuvola";
  CHECK(t.best(Lang::fi) == "Neuvola");
  CHECK(t.best(Lang::en) == "Neuvola");
  CHECK(LocalizedText{}.best(Lang::en).empty());
}

TEST_CASE("provider type and cost codes round-trip", "[record]") {
  for (auto t : {ProviderType::municipality, ProviderType::wellbeing_county, ProviderType::state,
                 ProviderType::ngo, ProviderType::parish, ProviderType::private_company})
    CHECK(parse_provider_type(provider_type_code(t)) == t);
  CHECK_FALSE(parse_provider_type("church").has_value());
  for (auto c : {Cost::free, Cost::paid, Cost::partly_free}) CHECK(parse_cost(cost_code(c)) == c);
  CHECK(cost_code(Cost::partly_free) == "partly");
}
