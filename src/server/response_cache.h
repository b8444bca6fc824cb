// response_cache.h — finished GET /api/v1/search answers (JSON body and its
// ETag), kept by request target and index state.
//
// The key is the index generation and revision, the local minute (open_now
// depends on it) and the request target as sent (path and query string), so
// an update or a rebuild is never answered from an older entry, and an entry
// lives at most until the minute changes. Repeated searches (the same link
// shared, a widget on many pages, paging back) then cost a hash lookup
// instead of a search and a JSON rendering. Bounded by entries
// (--response-cache; a search answer is typically 20-60 kB) and by memory
// (--response-cache-mb).
//
// Threading: thread-safe (lru_cache.h).
#pragma once

#include <string>

#include "palveluhaku/lru_cache.h"
#include "palveluhaku/search.h"

namespace palveluhaku::server {

struct CachedResponse {
  std::string body;  // application/json
  std::string etag;  // of body
};

// Answers by key, in the epoch generation/revision + minute (lru_cache.h:
// a past minute's answers are dropped once the next minute's first is kept).
using ResponseCache = LruCache<CachedResponse>;

// The Prometheus lines of the engine's caches and of `responses` (may be
// nullptr): palveluhaku_cache_{hits,misses}_total{cache="result"|"response"},
// palveluhaku_cache_entries{cache=...}, palveluhaku_postings_cache_bytes.
std::string cache_metrics(const CacheStats& engine, const ResponseCache* responses);

}  // namespace palveluhaku::server
