// handlers_ops.cpp — /healthz, /metrics, the OpenAPI document, admin.
#include <httplib.h>

#include <chrono>
#include <ctime>
#include <optional>

#include <nlohmann/json.hpp>

#include "errors.h"
#include "handlers.h"
#include "http_util.h"
#include "metrics.h"
#include "openapi_json.h"
#include "response_cache.h"
#include "palveluhaku/search.h"
#include "palveluhaku/version.h"
#include "server_options.h"

namespace palveluhaku::server {

namespace {

std::string iso_utc(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<IndexInfo> try_info(const SearchEngine& engine) {
  try {
    return engine.info();
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace

void get_healthz(const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
  const auto info = try_info(ctx.engine);
  nlohmann::json j;
  j["version"] = version();
  if (!info) {
    j["status"] = "unavailable";
    j["index_loaded"] = false;
    set_json(res, j, 503);
    return;
  }
  j["status"] = "ok";
  j["index_loaded"] = true;
  j["documents"] = info->documents;
  j["generation"] = info->generation;
  j["revision"] = info->revision;
  j["built_at"] = iso_utc(info->built_at);
  j["index_age_seconds"] =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() -
                                                       info->built_at)
          .count();
  set_json(res, j);
}

void get_metrics(const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
  res.status = 200;
  res.set_content(ctx.metrics.render(try_info(ctx.engine)) + cache_metrics(ctx.engine.cache_stats(), ctx.responses),
                  "text/plain; version=0.0.4; charset=utf-8");
}

void get_openapi(const RequestContext&, const httplib::Request&, httplib::Response& res) {
  res.status = 200;
  res.set_content(std::string(openapi_json()), "application/json; charset=utf-8");
}

void post_admin_reload(const RequestContext& ctx, const httplib::Request& req,
                       httplib::Response& res) {
  const std::string& token = ctx.options.admin_token;
  const std::string auth = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  const bool ok = !token.empty() && auth.size() > kBearer.size() &&
                  auth.compare(0, kBearer.size(), kBearer) == 0 &&
                  constant_time_equal(std::string_view(auth).substr(kBearer.size()), token);
  if (!ok) {
    res.set_header("WWW-Authenticate", "Bearer");
    set_http_error(res, 401, "unauthorized", "a valid admin token is required");
    return;
  }
  ctx.engine.reload_if_changed();
  const IndexInfo info = ctx.engine.info();
  set_json(res, {{"status", "ok"},
                 {"documents", info.documents},
                 {"generation", info.generation},
                 {"revision", info.revision}});
}

}  // namespace palveluhaku::server
