// handlers.h — the API, operations and static-file handlers (one signature,
// named verb_noun). Each is listed in the route table (routes.cpp).
// Handlers validate every parameter (params.h) and throw Error for bad
// input; the server maps that to a 4xx JSON body in one place (errors.h).
#pragma once

#include "request_context.h"

namespace palveluhaku::server {

// GET /api/v1/search — full-text search with filters, facets and near me.
void get_search(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /api/v1/services/{id} — one whole record with labels; 404 if unknown.
void get_service(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /api/v1/suggest?q= — as-you-type suggestions.
void get_suggest(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /api/v1/facets — the code lists with labels.
void get_facets(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /api/v1/openapi.json — the OpenAPI 3 document.
void get_openapi(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /healthz — index loaded, documents, index age, generation.
void get_healthz(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /metrics — Prometheus text format.
void get_metrics(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// POST /api/v1/admin/reload — checks the index for a new generation now.
// Only routed when an admin token is configured; needs `Authorization:
// Bearer TOKEN` (constant-time compare), else 401.
void post_admin_reload(const RequestContext& ctx, const httplib::Request& req,
                       httplib::Response& res);
// GET /static/... — files under WEB_DIR/static; no escaping the directory.
void get_static_file(const RequestContext& ctx, const httplib::Request& req,
                     httplib::Response& res);
// OPTIONS /api/... — the CORS preflight: 204 with the allowed methods/headers.
void options_api(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// Any other path under /api/: a JSON 404.
void get_api_not_found(const RequestContext& ctx, const httplib::Request& req,
                       httplib::Response& res);

}  // namespace palveluhaku::server
