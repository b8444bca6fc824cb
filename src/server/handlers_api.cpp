// handlers_api.cpp — the JSON API: search, services/{id}, suggest, facets.
#include <httplib.h>

#include <chrono>

#include "api_json.h"
#include "errors.h"
#include "handlers.h"
#include "http_util.h"
#include "params.h"
#include "palveluhaku/search.h"
#include "response_cache.h"
#include "server_options.h"

namespace palveluhaku::server {

void get_search(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const CodeLists& codes = ctx.engine.codes();
  SearchRequest sr = parse_search_request(req, ctx.options, codes);  // validates, also for a cached URL
  ResponseCache* cache = ctx.responses && ctx.responses->enabled() ? ctx.responses : nullptr;
  if (!cache) {
    set_json(res, search_result_to_json(ctx.engine.search(sr), codes, sr.lang, ctx.options.public_url));
    return;
  }
  // The key: index generation and revision, the minute (open_now; Finnish
  // time differs from UTC by whole hours) and the URL as sent; the search
  // runs at that same minute.
  if (!sr.now) sr.now = std::chrono::system_clock::now();
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(sr.now->time_since_epoch()).count();
  const IndexInfo info = ctx.engine.info();
  const std::string epoch = std::to_string(info.generation) + "/" + info.revision + " " + std::to_string(minute);
  const std::string key = epoch + " " + req.target;
  std::shared_ptr<const CachedResponse> answer = cache->get(key);
  if (!answer) {
    auto fresh = std::make_shared<CachedResponse>();
    fresh->body = search_result_to_json(ctx.engine.search(sr), codes, sr.lang, ctx.options.public_url)
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    fresh->etag = etag_of(fresh->body);
    cache->put(key, fresh, fresh->body.size() + fresh->etag.size(), epoch);
    answer = std::move(fresh);
  }
  res.status = 200;
  res.set_content(answer->body, "application/json; charset=utf-8");
  res.set_header("ETag", answer->etag);
}

void get_service(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  check_param_count(req, ctx.options);
  const Lang lang = parse_lang_param(req);
  const std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
  check_text("id", id, 512);
  auto record = ctx.engine.get(id);
  if (!record) throw Error(ErrorCode::not_found, "no service with id '" + id + "'", "id");
  set_json(res, service_to_json(*record, ctx.engine.codes(), lang, ctx.options.public_url));
}

void get_suggest(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  check_param_count(req, ctx.options);
  const Lang lang = parse_lang_param(req);
  std::string q;
  if (auto v = single_param(req, "q")) {
    check_text("q", *v, ctx.options.max_query_length);
    q = *v;
  }
  std::size_t limit = 10;
  if (auto v = single_param(req, "limit"); v && !v->empty()) {
    if (v->size() > 2 || v->find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(*v) < 1 || std::stoi(*v) > 20)
      throw Error(ErrorCode::invalid_parameter, "limit must be a whole number from 1 to 20",
                  "limit");
    limit = static_cast<std::size_t>(std::stoi(*v));
  }
  nlohmann::json a = nlohmann::json::array();
  if (q.find_first_not_of(" \t\r\n") != std::string::npos) {
    for (const auto& s : ctx.engine.suggest(q, lang, limit)) {
      nlohmann::json e = {{"text", s.text}, {"kind", s.kind}};
      e["id"] = s.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.id);
      if (s.kind == "service" && !s.id.empty())
        e["url"] = service_page_url(ctx.options.public_url, s.id, lang);
      a.push_back(std::move(e));
    }
  }
  set_json(res, {{"q", q}, {"lang", lang_code(lang)}, {"suggestions", a}});
}

void get_facets(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
  check_param_count(req, ctx.options);
  const Lang lang = parse_lang_param(req);
  set_json(res, facet_lists_to_json(ctx.engine.codes(), lang));
}

void get_api_not_found(const RequestContext&, const httplib::Request& req, httplib::Response& res) {
  std::string path = req.path.substr(0, 200);
  set_http_error(res, 404, "not_found", "no such API endpoint: " + path);
}

void options_api(const RequestContext&, const httplib::Request&, httplib::Response& res) {
  // Allow-Origin is added by finish_response, as for every API route.
  res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
  res.set_header("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Type, If-None-Match");
  res.set_header("Access-Control-Max-Age", "86400");
  res.status = 204;
}

}  // namespace palveluhaku::server
