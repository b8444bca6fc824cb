// openapi_json.h — the OpenAPI 3 document (src/server/openapi.json,
// embedded at build time so the server needs no file for it).
#pragma once

#include <string_view>

namespace palveluhaku::server {
std::string_view openapi_json();
}
