#include "search/result_cache.h"

#include <cstdio>

namespace palveluhaku::search {

namespace {

// Appends a length-prefixed field, so that no value can imitate another.
void field(std::string& k, std::string_view v) {
  k += std::to_string(v.size());
  k += ':';
  k += v;
}

}  // namespace

std::string result_cache_key(const SearchRequest& req, const std::string& index_key,
                             const std::string& minute) {
  std::string k;
  k.reserve(128 + req.q.size());
  field(k, index_key);
  field(k, minute);
  field(k, req.q);
  k += static_cast<char>('0' + static_cast<int>(req.lang));
  k += static_cast<char>('0' + static_cast<int>(req.sort));
  k += req.open_now ? 'o' : '-';
  k += req.facets ? 'f' : '-';
  field(k, std::to_string(req.page) + "/" + std::to_string(req.per_page));
  field(k, req.age ? std::to_string(*req.age) : std::string("-"));
  if (req.near) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g,%.17g", req.near->lat, req.near->lon);
    field(k, buf);
  } else {
    field(k, "-");
  }
  if (req.radius_km) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *req.radius_km);
    field(k, buf);
  } else {
    field(k, "-");
  }
  for (const auto& [name, values] : req.filters) {
    field(k, name);
    k += std::to_string(values.size());
    for (const auto& v : values) field(k, v);
  }
  return k;
}

std::shared_ptr<const SearchResult> ResultCache::get(const std::string& key) {
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

void ResultCache::put(const std::string& key, std::shared_ptr<const SearchResult> result) {
  if (max_ == 0) return;
  std::lock_guard lk(mu_);
  if (auto it = map_.find(key); it != map_.end()) {
    it->second->second = std::move(result);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.emplace_front(key, std::move(result));
  map_.emplace(key, lru_.begin());
  while (map_.size() > max_) {
    map_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

std::size_t ResultCache::size() const {
  std::lock_guard lk(mu_);
  return map_.size();
}

}  // namespace palveluhaku::search
