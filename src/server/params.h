// params.h — request parameter parsing and validation.
//
// Policy (documented in docs/API.md): unknown parameter NAMES are ignored
// (as the web does: tracking tags, cache busters); every KNOWN parameter's
// value is validated and a bad one is a 400 whose error.parameter names it.
// Single-valued parameters given twice are a 400; repeatable filters OR
// their values; empty filter values (an unselected form field) are ignored.
// Text must be valid UTF-8 without control characters.
//
// All functions throw Error(invalid_parameter, message, parameter name).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "palveluhaku/codes.h"
#include "palveluhaku/search.h"
#include "server_options.h"

namespace httplib {
struct Request;
}

namespace palveluhaku::server {

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool valid_utf8(std::string_view s);

// Checks a free-text parameter: valid UTF-8, no control characters other
// than tab/CR/LF, at most `max_len` bytes.
void check_text(std::string_view name, std::string_view value, std::size_t max_len);

// The value of a single-valued parameter, nullopt if absent. Throws if given
// more than once.
std::optional<std::string> single_param(const httplib::Request& req, const std::string& name);

// `lang` (fi|sv|en, default fi).
Lang parse_lang_param(const httplib::Request& req);

// Limits that apply to every request: the parameter count.
void check_param_count(const httplib::Request& req, const ServerOptions& opts);

// The whole /api/v1/search request. Municipality names are resolved to
// codes, postcode= / near_municipality= to coordinates, through `codes`.
SearchRequest parse_search_request(const httplib::Request& req, const ServerOptions& opts,
                                   const CodeLists& codes);

}  // namespace palveluhaku::server
