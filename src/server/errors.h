// errors.h — the ONE place where failures become HTTP statuses and JSON.
//
// Engine errors (palveluhaku::Error with an ErrorCode) and the server's own
// HTTP-level refusals (unknown route, URI too long, missing admin token) are
// all answered with the same body, built with nlohmann::json:
//   {"error": {"code": "invalid_parameter", "message": "...", "parameter": "age"|null}}
// Client mistakes are 4xx; index trouble is 503; anything else 500 (with a
// generic message: internals are logged, not sent).
#pragma once

#include <string>
#include <string_view>

#include "palveluhaku/error.h"

namespace httplib {
struct Response;
}

namespace palveluhaku::server {

// The HTTP status for an engine error code.
int http_status(ErrorCode code);

// The JSON error body as text.
std::string error_body(std::string_view code, std::string_view message, std::string_view parameter);

// Sets status, Content-Type and the JSON body for an engine error.
void set_error(httplib::Response& res, const Error& e);

// Sets an HTTP-level error: `status` with machine code `code`
// ("not_found", "uri_too_long", "unauthorized", "payload_too_large", ...).
void set_http_error(httplib::Response& res, int status, std::string_view code,
                    std::string_view message, std::string_view parameter = {});

// A machine code for an HTTP status produced by cpp-httplib itself
// (400 -> "bad_request", 404 -> "not_found", 413, 414, ...).
std::string_view http_error_code(int status);

}  // namespace palveluhaku::server
