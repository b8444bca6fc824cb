// site_query.h — the search parameters of a page URL, and URLs built from them.
//
// The pages use the same parameter names as GET /api/v1/search (q, lang,
// municipality, region, provider_type, service_class, target_group,
// life_event, language, cost, channel, age, open_now, near, postcode,
// near_municipality, radius_km, sort, page, per_page), so a results page URL
// and an API URL differ only in the path. A SiteQuery keeps the parameters in
// order; every link on a page (facet toggles, pagination, sorting, the
// language switch) is this query with one change, so links are shareable and
// work without JavaScript.
//
// Threading: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "palveluhaku/codes.h"
#include "palveluhaku/record.h"
#include "palveluhaku/search.h"

namespace palveluhaku::site {

// One problem with a parameter, shown on the page (the parameter is ignored).
struct ParamProblem {
  std::string parameter;
  std::string value;
};

class SiteQuery {
 public:
  SiteQuery() = default;
  explicit SiteQuery(std::vector<std::pair<std::string, std::string>> params);

  // All values of `name`, in order; empty values are skipped.
  std::vector<std::string> all(std::string_view name) const;
  // The first non-empty value of `name`, or "".
  std::string get(std::string_view name) const;
  bool has(std::string_view name, std::string_view value) const;

  // The UI language: lang=fi|sv|en, default fi (an unknown value gives fi).
  Lang lang() const;

  // Copies with one change. Every change except a page change drops `page`
  // (new filters start again from page 1).
  SiteQuery with(std::string_view name, std::string_view value) const;      // set (replace all)
  SiteQuery with_added(std::string_view name, std::string_view value) const;
  SiteQuery without(std::string_view name) const;
  SiteQuery without(std::string_view name, std::string_view value) const;
  SiteQuery with_page(int page) const;

  // "path?a=b&c=d" (just "path" when empty), values percent-encoded.
  // The lang parameter is left out when it is fi (the default).
  std::string url(std::string_view path) const;

  const std::vector<std::pair<std::string, std::string>>& params() const { return params_; }

  // True if there is anything to search for (a query, a filter or a place).
  bool has_search() const;

  // Builds the engine request. Values that cannot be used (a non-numeric
  // age, an unknown postcode, a malformed `near`) are left out and reported
  // in `problems`; filter values are passed on for the engine to check.
  // `per_page` is clamped to 1..100 and `page` to >= 1.
  SearchRequest to_request(const CodeLists* codes, std::vector<ParamProblem>& problems) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// Filter fields the pages offer, in sidebar order (a subset of kFacetFields
// plus open_now and age).
const std::vector<std::string>& site_filter_fields();

}  // namespace palveluhaku::site
