// result_cache.h — an LRU of whole search results.
//
// The key is the request as the engine sees it (every field of
// SearchRequest that changes the answer, with "now" reduced to the local
// minute that open_now and the open_now facet depend on) plus the index
// generation directory and Xapian revision the result was computed at. A
// new generation or an update (a new revision) therefore never hits an old
// entry: stale entries are simply not asked for again and age out.
//
// Threading: thread-safe (one mutex; the critical sections are a hash
// lookup and a list splice). Results are shared read-only.
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "palveluhaku/search.h"

namespace palveluhaku::search {

// The cache key of `req` against the index state `index_key` (generation
// path and revision), with `minute` = the local minute of the request's
// "now" (e.g. "2026-11-25 630").
std::string result_cache_key(const SearchRequest& req, const std::string& index_key,
                             const std::string& minute);

class ResultCache {
 public:
  explicit ResultCache(std::size_t max_entries) : max_(max_entries) {}
  bool enabled() const { return max_ > 0; }
  // The cached result, or nullptr (counted as a hit or a miss).
  std::shared_ptr<const SearchResult> get(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const SearchResult> result);
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  std::size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const SearchResult>>;
  std::size_t max_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // front = most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> map_;
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace palveluhaku::search
