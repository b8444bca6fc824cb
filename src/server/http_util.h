// http_util.h — response plumbing shared by all routes: JSON bodies, CORS,
// ETag / 304, Cache-Control and security headers.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "routes.h"

namespace palveluhaku::server {

// Sets a 200 JSON body (invalid UTF-8 in strings is replaced, never thrown).
void set_json(httplib::Response& res, const nlohmann::json& j, int status = 200);

// Applied by the server to every routed response after the handler:
//  - API routes: CORS headers (for allowed origins), Vary: Origin;
//  - 200 responses of api/page/file routes: a strong ETag (hash of the
//    body) and Cache-Control (public, max-age); If-None-Match → 304 with no
//    body;
//  - error responses and ops/admin routes: Cache-Control: no-store;
//  - every response: X-Content-Type-Options: nosniff.
void finish_response(const RequestContext& ctx, RouteKind kind, const httplib::Request& req,
                     httplib::Response& res);

// CORS headers for an API response (or preflight) to `req`; nothing if the
// request's Origin is not allowed.
void add_cors_headers(const ServerOptions& opts, const httplib::Request& req,
                      httplib::Response& res);

// The quoted ETag of a body ("\"9f86d081884c7d65\"").
std::string etag_of(std::string_view body);

// True if an If-None-Match header value matches `etag` (list, weak or *).
bool if_none_match(std::string_view header, std::string_view etag);

// Percent-encodes a path segment (for URLs built from record ids).
std::string url_encode_segment(std::string_view s);

// Constant-time equality of two secrets (time depends only on the lengths).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace palveluhaku::server
