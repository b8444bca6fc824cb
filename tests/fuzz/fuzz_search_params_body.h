// fuzz_search_params_body.h — the search request parameters: a fuzzed query
// string (the part after '?') is split and percent-decoded exactly as
// cpp-httplib does for a request, then validated by the server's own
// parse_search_request (src/server/params.h) with the real code lists. The
// only allowed outcomes are a SearchRequest within the documented bounds or
// Error(invalid_parameter) naming a parameter. Shared by the fuzz target and
// tests/unit/fuzz_regressions_test.cpp.
#pragma once

#include <httplib.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "palveluhaku/codes.h"
#include "palveluhaku/error.h"
#include "params.h"
#include "server_options.h"

namespace palveluhaku::fuzz {

inline void search_params(std::string_view query_string) {
  static const auto codes = CodeLists::load(PALVELUHAKU_SOURCE_DIR "/data/codes");
  static const server::ServerOptions opts;  // the defaults: the limits a server runs with
  if (query_string.size() > opts.max_url_length) return;  // refused before parsing
  httplib::Request req;
  httplib::detail::parse_query_text(std::string(query_string), req.params);
  try {
    const SearchRequest r = server::parse_search_request(req, opts, *codes);
    // What the engine may rely on after validation.
    if (r.page < 1 || r.page > 100000 || r.per_page < 1 || r.per_page > 100) std::abort();
    if (r.q.size() > opts.max_query_length || !server::valid_utf8(r.q)) std::abort();
    if (r.age && (*r.age < 0 || *r.age > 120)) std::abort();
    if (r.radius_km && !r.near) std::abort();
    for (const auto& [field, values] : r.filters)
      if (values.empty() || values.size() > opts.max_filter_values) std::abort();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::invalid_parameter) std::abort();
    if (!server::valid_utf8(e.parameter())) std::abort();  // the message is made safe by the JSON writer
  }
}

}  // namespace palveluhaku::fuzz
