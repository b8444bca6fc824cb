// response_cache.h — finished GET /api/v1/search answers (JSON body and its
// ETag), kept by request target and index state.
//
// The key is the index generation and revision, the local minute (open_now
// depends on it) and the request target as sent (path and query string), so
// an update or a rebuild is never answered from an older entry, and an entry
// lives at most until the minute changes. Repeated searches (the same link
// shared, a widget on many pages, paging back) then cost a hash lookup
// instead of a search and a JSON rendering. Bounded by entries
// (--response-cache; a search answer is typically 20-60 kB).
//
// Threading: thread-safe (one mutex around a hash lookup and a list splice).
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "palveluhaku/search.h"

namespace palveluhaku::server {

struct CachedResponse {
  std::string body;  // application/json
  std::string etag;  // of body
};

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_entries) : max_(max_entries) {}
  bool enabled() const { return max_ > 0; }
  // The cached answer, or nullptr (counted as a hit or a miss).
  std::shared_ptr<const CachedResponse> get(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const CachedResponse> value);
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  std::size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const CachedResponse>>;
  std::size_t max_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // front = most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> map_;
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

// The Prometheus lines of the engine's caches and of `responses` (may be
// nullptr): palveluhaku_cache_{hits,misses}_total{cache="result"|"response"},
// palveluhaku_cache_entries{cache=...}, palveluhaku_postings_cache_bytes.
std::string cache_metrics(const CacheStats& engine, const ResponseCache* responses);

}  // namespace palveluhaku::server
