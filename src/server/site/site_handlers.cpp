// site_handlers.cpp — page handlers: fetch from the engine, render, send.
#include "site/site_handlers.h"

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "errors.h"
#include "palveluhaku/error.h"
#include "palveluhaku/search.h"
#include "palveluhaku/version.h"
#include "site/html.h"
#include "site/messages.h"
#include "site/pages.h"
#include "server_options.h"

namespace palveluhaku::server {

std::shared_ptr<const SiteState> SiteState::load(const std::string& web_dir) {
  auto s = std::make_shared<SiteState>();
  s->messages = palveluhaku::site::Messages::load(web_dir + "/i18n");
  return s;
}

namespace {

namespace ps = palveluhaku::site;

const SiteState& state(const RequestContext& ctx) {
  if (ctx.site) return *static_cast<const SiteState*>(ctx.site);
  // Not wired by the server: load once per web directory.
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const SiteState>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[ctx.options.web_dir];
  if (!slot) slot = SiteState::load(ctx.options.web_dir);
  return *slot;
}

ps::SiteQuery query_of(const httplib::Request& req) {
  std::vector<std::pair<std::string, std::string>> params;
  params.reserve(req.params.size());
  for (const auto& [k, v] : req.params) params.emplace_back(k, v);
  return ps::SiteQuery(std::move(params));
}

std::string origin_of(const RequestContext& ctx, const httplib::Request& req) {
  if (!ctx.options.public_url.empty()) {
    std::string u = ctx.options.public_url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    return u;
  }
  const std::string host = req.get_header_value("Host");
  // Only a plausible host[:port] goes into the snippet.
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return {};
  return host.empty() ? std::string() : "http://" + host;
}

ps::PageEnv env_of(const RequestContext& ctx, const httplib::Request& req) {
  ps::PageEnv env;
  env.query = query_of(req);
  env.lang = env.query.lang();
  env.msg = state(ctx).messages.get();
  env.codes = &ctx.engine.codes();
  env.path = req.path;
  env.asset_version = std::string(version());
  env.origin = origin_of(ctx, req);
  return env;
}

void send_page(httplib::Response& res, int status, std::string html) {
  res.status = status;
  res.set_header("Content-Security-Policy", ps::kPageCsp);
  res.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
  res.set_header("X-Frame-Options", "SAMEORIGIN");
  res.set_header("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
  res.set_content(std::move(html), "text/html; charset=utf-8");
}

void send_error_page(const ps::PageEnv& env, httplib::Response& res, int status, const std::string& key) {
  const ps::Messages& m = *env.msg;
  send_page(res, status, ps::render_error(env, status, m.get(env.lang, key + ".title"), m.get(env.lang, key + ".text")));
}

}  // namespace

void get_home_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const ps::PageEnv env = env_of(ctx, req);
  send_page(res, 200, ps::render_home(env));
}

void get_search_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const ps::PageEnv env = env_of(ctx, req);
  std::vector<ps::ParamProblem> problems;
  SearchRequest sreq = env.query.to_request(env.codes, problems);
  if (sreq.q.size() > ctx.options.max_query_length) {
    problems.push_back({"q", ps::truncate_text(sreq.q, 40)});
    sreq.q.resize(0);
  }
  try {
    const SearchResult result = ctx.engine.search(sreq);
    send_page(res, 200, ps::render_results(env, &result, problems, {}));
  } catch (const Error& e) {
    if (e.code() == ErrorCode::invalid_parameter || e.code() == ErrorCode::bad_query) {
      std::string msg = env.msg->get(env.lang, "error.bad_request");
      if (!e.parameter().empty()) msg += " (" + e.parameter() + ")";
      send_page(res, 400, ps::render_results(env, nullptr, problems, msg));
    } else if (e.code() == ErrorCode::index_unavailable || e.code() == ErrorCode::index_corrupt) {
      send_error_page(env, res, 503, "error.unavailable");
    } else {
      throw;
    }
  }
}

void get_service_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const ps::PageEnv env = env_of(ctx, req);
  const std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
  std::optional<ServiceRecord> record;
  if (!id.empty() && id.size() <= 200) record = ctx.engine.get(id);
  if (!record) return send_error_page(env, res, 404, "error.not_found");
  send_page(res, 200, ps::render_service(env, *record));
}

void get_embed_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const ps::PageEnv env = env_of(ctx, req);
  send_page(res, 200, ps::render_embed(env));
}

void get_widget_js(const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
  namespace fs = std::filesystem;
  const fs::path file = fs::path(ctx.options.web_dir) / "static" / "widget.js";
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  std::ifstream in(file, std::ios::binary);
  if (ec || !in || size > (1u << 20)) {
    set_http_error(res, 404, "not_found", "widget.js is not installed");
    return;
  }
  std::string body(static_cast<std::size_t>(size), '\0');
  in.read(body.data(), static_cast<std::streamsize>(size));
  body.resize(static_cast<std::size_t>(in.gcount()));
  res.status = 200;
  // A script tag needs no CORS, but fetch()/module loaders on other sites do.
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Cache-Control", "public, max-age=300");
  res.set_content(std::move(body), "text/javascript; charset=utf-8");
}

void get_service_alias(const RequestContext&, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
  std::string target = "/palvelu/" + ps::url_encode(id);
  const std::string lang = req.get_param_value("lang");
  if (auto l = parse_lang(lang); l && *l != Lang::fi) target += "?lang=" + std::string(lang_code(*l));
  res.status = 301;
  res.set_header("Location", target);
  res.set_content("", "text/plain");
}

}  // namespace palveluhaku::server
