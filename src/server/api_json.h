// api_json.h — the JSON shapes of the API answers (documented in
// openapi.json and docs/API.md). Pure functions of engine values.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "palveluhaku/codes.h"
#include "palveluhaku/search.h"

namespace palveluhaku::server {

// The URL of a service's page on the site: BASE/palvelu/ID (plus ?lang=
// for sv/en). `base` is --public-url ("" = a relative link).
std::string service_page_url(std::string_view base, std::string_view id, Lang lang);

// Provider type, cost and channel labels in fi/sv/en (not in the PTV code lists).
std::string provider_type_label(std::string_view code, Lang lang);
std::string cost_label(std::string_view code, Lang lang);
std::string channel_label(std::string_view code, Lang lang);

// The municipality a record is shown under: its first location's, else the
// first of its service area; "" if none.
std::string record_municipality(const ServiceRecord& r);

// One search hit.
nlohmann::json hit_to_json(const SearchHit& hit, const CodeLists& codes, Lang lang,
                           std::string_view base_url);

// The whole /api/v1/search answer.
nlohmann::json search_result_to_json(const SearchResult& result, const CodeLists& codes,
                                     Lang lang, std::string_view base_url);

// GET /api/v1/services/{id}: record_to_json plus "labels" (code -> label in
// `lang` for classes, target groups, life events, municipalities, regions,
// provider type, cost) and "url".
nlohmann::json service_to_json(const ServiceRecord& r, const CodeLists& codes, Lang lang,
                               std::string_view base_url);

// GET /api/v1/facets: every code list with labels in `lang`.
nlohmann::json facet_lists_to_json(const CodeLists& codes, Lang lang);

}  // namespace palveluhaku::server
