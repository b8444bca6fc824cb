// http_util.cpp — CORS, ETag/304, caching and security headers.
#include "http_util.h"

#include <httplib.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "server_options.h"

namespace palveluhaku::server {

void set_json(httplib::Response& res, const nlohmann::json& j, int status) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void add_cors_headers(const ServerOptions& opts, const httplib::Request& req,
                      httplib::Response& res) {
  const bool any = std::find(opts.cors_origins.begin(), opts.cors_origins.end(), "*") !=
                   opts.cors_origins.end();
  if (any) {
    res.set_header("Access-Control-Allow-Origin", "*");
  } else {
    res.set_header("Vary", "Origin");
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty() ||
        std::find(opts.cors_origins.begin(), opts.cors_origins.end(), origin) ==
            opts.cors_origins.end())
      return;
    res.set_header("Access-Control-Allow-Origin", origin);
  }
  res.set_header("Access-Control-Expose-Headers", "ETag");
}

std::string etag_of(std::string_view body) {
  // FNV-1a, 64 bit: stable across builds and runs; collisions only cost a
  // needless full response.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (int i = 60; i >= 0; i -= 4) out += hex[(h >> i) & 0xF];
  out += '"';
  return out;
}

bool if_none_match(std::string_view header, std::string_view etag) {
  std::string_view rest = header;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

std::string url_encode_segment(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

void finish_response(const RequestContext& ctx, RouteKind kind, const httplib::Request& req,
                     httplib::Response& res) {
  if (res.status == -1) res.status = 200;
  if (kind == RouteKind::api) add_cors_headers(ctx.options, req, res);
  res.set_header("X-Content-Type-Options", "nosniff");

  const bool cacheable = res.status == 200 && (kind == RouteKind::api || kind == RouteKind::page ||
                                               kind == RouteKind::file);
  if (!cacheable) {
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    return;
  }
  if (!res.has_header("Cache-Control")) {
    const int age = kind == RouteKind::file ? 3600 : ctx.options.cache_max_age_s;
    res.set_header("Cache-Control", "public, max-age=" + std::to_string(age));
  }
  // A handler that knows its body's ETag (a cached answer) has set it.
  const std::string tag = res.has_header("ETag") ? res.get_header_value("ETag") : etag_of(res.body);
  if (!res.has_header("ETag")) res.set_header("ETag", tag);
  if (req.has_header("If-None-Match") &&
      if_none_match(req.get_header_value("If-None-Match"), tag)) {
    res.status = 304;
    res.body.clear();
  }
}

}  // namespace palveluhaku::server
