// result_cache.h — an LRU of whole search results.
//
// The key is the request as the engine sees it (every field of
// SearchRequest that changes the answer, with "now" reduced to the local
// minute that open_now and the open_now facet depend on) plus the index
// generation directory and Xapian revision the result was computed at. A
// new generation or an update (a new revision) therefore never hits an old
// entry, and stale entries are dropped when the epoch moves on.
//
// Threading: see lru_cache.h. Results are shared read-only.
#pragma once

#include <cstddef>
#include <string>

#include "palveluhaku/lru_cache.h"
#include "palveluhaku/search.h"

namespace palveluhaku::search {

// The cache key of `req` against the index state `index_key` (generation
// path and revision), with `minute` = the local minute of the request's
// "now" (e.g. "2026-11-25 630").
std::string result_cache_key(const SearchRequest& req, const std::string& index_key,
                             const std::string& minute);

// Whole results by result_cache_key, in the epoch index_key + " " + minute
// (lru_cache.h: entries of a past minute or index state are dropped as soon
// as the first entry of the next one is stored).
using ResultCache = LruCache<SearchResult>;

// About how many bytes `r` holds (texts, snippets, facet lists), for the
// cache's byte bound.
std::size_t approx_bytes(const SearchResult& r);
std::size_t approx_bytes(const ServiceRecord& r);

}  // namespace palveluhaku::search
