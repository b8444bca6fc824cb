// request_context.h — what every HTTP handler gets besides the request.
//
// One RequestContext is built by HttpServer at start and passed (const) to
// every handler, so handlers reach the engine, the options and the metrics
// through their argument, never through globals. Handlers all have the one
// signature `Handler` below and are named verb_noun (get_search, ...).
//
// Threading: the engine is thread-safe; options are immutable after start;
// Metrics is internally synchronised. Handlers run on the server's thread
// pool, many at once.
#pragma once

#include <functional>
#include <string>

#include "palveluhaku/lru_cache.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace palveluhaku {
class SearchEngine;
}

namespace palveluhaku::server {

struct ServerOptions;
class Metrics;
struct CachedResponse;
using ResponseCache = LruCache<CachedResponse>;  // response_cache.h

struct RequestContext {
  const SearchEngine& engine;    // the index being served (thread-safe)
  const ServerOptions& options;  // validated options (immutable)
  Metrics& metrics;              // request counters (thread-safe)
  // The site (src/server/site/) may hang its own state here: templates,
  // translations. Owned by HttpServer; nullptr when the site is not built.
  const void* site = nullptr;
  // Finished search answers by URL (response_cache.h); nullptr or disabled =
  // none. Owned by HttpServer.
  ResponseCache* responses = nullptr;
};

// Every route handler has this signature. The handler fills `res` (status,
// body, content type); it may throw palveluhaku::Error, which the server
// turns into the JSON error response (errors.h) — any other exception is a
// bug and becomes a logged 500.
using Handler =
    std::function<void(const RequestContext&, const httplib::Request&, httplib::Response&)>;

}  // namespace palveluhaku::server
