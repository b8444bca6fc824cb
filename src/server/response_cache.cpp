#include "response_cache.h"

namespace palveluhaku::server {

std::shared_ptr<const CachedResponse> ResponseCache::get(const std::string& key) {
  {
    std::lock_guard lk(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      hits_.fetch_add(1, std::memory_order_relaxed);
      return it->second->second;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

void ResponseCache::put(const std::string& key, std::shared_ptr<const CachedResponse> value) {
  if (max_ == 0) return;
  std::lock_guard lk(mu_);
  if (auto it = map_.find(key); it != map_.end()) {
    it->second->second = std::move(value);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.emplace_front(key, std::move(value));
  map_.emplace(key, lru_.begin());
  while (map_.size() > max_) {
    map_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

std::string cache_metrics(const CacheStats& engine, const ResponseCache* responses) {
  const std::uint64_t rh = responses ? responses->hits() : 0, rm = responses ? responses->misses() : 0;
  const std::size_t re = responses ? responses->size() : 0;
  std::string o;
  o += "# HELP palveluhaku_cache_hits_total Searches answered from a cache (result: the engine's; response: the JSON by URL).\n"
       "# TYPE palveluhaku_cache_hits_total counter\n";
  o += "palveluhaku_cache_hits_total{cache=\"result\"} " + std::to_string(engine.result_hits) + "\n";
  o += "palveluhaku_cache_hits_total{cache=\"response\"} " + std::to_string(rh) + "\n";
  o += "# HELP palveluhaku_cache_misses_total Searches looked up in a cache and computed.\n"
       "# TYPE palveluhaku_cache_misses_total counter\n";
  o += "palveluhaku_cache_misses_total{cache=\"result\"} " + std::to_string(engine.result_misses) + "\n";
  o += "palveluhaku_cache_misses_total{cache=\"response\"} " + std::to_string(rm) + "\n";
  o += "# HELP palveluhaku_cache_entries Entries held by a cache.\n# TYPE palveluhaku_cache_entries gauge\n";
  o += "palveluhaku_cache_entries{cache=\"result\"} " + std::to_string(engine.result_entries) + "\n";
  o += "palveluhaku_cache_entries{cache=\"response\"} " + std::to_string(re) + "\n";
  o += "# HELP palveluhaku_postings_cache_bytes Posting lists of the current revision kept for counting.\n"
       "# TYPE palveluhaku_postings_cache_bytes gauge\n";
  o += "palveluhaku_postings_cache_bytes " + std::to_string(engine.postings_bytes) + "\n";
  return o;
}

std::size_t ResponseCache::size() const {
  std::lock_guard lk(mu_);
  return map_.size();
}

}  // namespace palveluhaku::server
