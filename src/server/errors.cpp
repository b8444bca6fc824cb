// errors.cpp — ErrorCode → HTTP status + JSON body, in one table.
#include "errors.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace palveluhaku::server {

namespace {

struct Mapping {
  ErrorCode code;
  int status;
  bool expose_message;  // false: the message may hold internals; send a generic one
};

// The table. Client errors expose the engine's message (it names the
// parameter and the problem); server-side faults send a generic text.
constexpr Mapping kMappings[] = {
    {ErrorCode::invalid_parameter, 400, true},
    {ErrorCode::bad_query, 400, true},
    {ErrorCode::not_found, 404, true},
    {ErrorCode::index_unavailable, 503, false},
    {ErrorCode::index_corrupt, 503, false},
    {ErrorCode::index_locked, 503, false},
    {ErrorCode::io_error, 503, false},
    {ErrorCode::invalid_data, 500, false},
    {ErrorCode::invalid_config, 500, false},
    {ErrorCode::internal, 500, false},
};

const Mapping& mapping(ErrorCode c) {
  for (const auto& m : kMappings)
    if (m.code == c) return m;
  return kMappings[std::size(kMappings) - 1];
}

}  // namespace

int http_status(ErrorCode code) { return mapping(code).status; }

std::string error_body(std::string_view code, std::string_view message,
                       std::string_view parameter) {
  nlohmann::json j;
  j["error"]["code"] = code;
  j["error"]["message"] = message;
  if (parameter.empty())
    j["error"]["parameter"] = nullptr;
  else
    j["error"]["parameter"] = parameter;
  // Messages may quote client input: never fail on invalid UTF-8.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void set_error(httplib::Response& res, const Error& e) {
  const Mapping& m = mapping(e.code());
  res.status = m.status;
  std::string message = m.expose_message ? e.what()
                        : m.status == 503 ? "the index is not available right now; try again"
                                          : "internal error";
  res.set_content(error_body(error_code_name(e.code()), message, e.parameter()),
                  "application/json; charset=utf-8");
}

void set_http_error(httplib::Response& res, int status, std::string_view code,
                    std::string_view message, std::string_view parameter) {
  res.status = status;
  res.set_content(error_body(code, message, parameter), "application/json; charset=utf-8");
}

std::string_view http_error_code(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 416: return "range_not_satisfiable";
    case 431: return "headers_too_large";
    case 503: return "unavailable";
    default: break;
  }
  return status >= 500 ? "internal" : "bad_request";
}

}  // namespace palveluhaku::server
