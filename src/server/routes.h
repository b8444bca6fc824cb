// routes.h — the one route table of palveluhaku-server.
//
// Every URL the server answers is a row in routes() (routes.cpp): method,
// a regular expression for the whole path (cpp-httplib 0.11 has no `/:id`
// parameters; capture groups arrive in req.matches), a stable name used as
// the metrics label, the handler, and the kind of route (API routes get CORS
// headers and JSON errors; pages get HTML). Rows are tried in order; the
// first match wins, so specific patterns come before general ones.
//
// To add a page: declare `void get_something(const RequestContext&, const
// httplib::Request&, httplib::Response&)` in your header and add a row.
#pragma once

#include <string>
#include <vector>

#include "request_context.h"

namespace palveluhaku::server {

enum class RouteKind {
  api,   // JSON under /api/: CORS, JSON errors, ETag + Cache-Control
  page,  // HTML pages of the site: ETag + Cache-Control, security headers
  ops,   // /healthz, /metrics: no caching
  admin, // state-changing, needs the admin token; registered only when one is configured
  file,  // static files
};

struct Route {
  std::string method;   // "GET" or "POST"
  std::string pattern;  // std::regex (ECMAScript) matched against the whole decoded path
  std::string name;     // metrics label, e.g. "/api/v1/services/{id}"
  Handler handler;
  RouteKind kind = RouteKind::api;
};

// The table, in matching order. Built once; never changes while serving.
const std::vector<Route>& routes();

}  // namespace palveluhaku::server
