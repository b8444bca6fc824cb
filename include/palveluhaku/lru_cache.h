// lru_cache.h — a thread-safe LRU map from string keys to shared, immutable
// values, bounded by entries and by bytes, for answers that depend on an
// "epoch" besides the request (the index state and the local minute).
//
// Used by the engine's result cache (whole SearchResults) and the server's
// answer cache (JSON bodies). Both keys contain the index generation and
// revision and the minute, so once the epoch moves on the older entries can
// never be asked for again. They are dropped as soon as the first entry of
// the new epoch is stored, so the cache holds about one epoch's worth of
// answers, not `max_entries` of dead ones. An answer of an epoch older than
// the newest one seen (a request that began before the minute turned) is
// not stored.
//
// Threading: every member is thread-safe (one mutex around a hash lookup and
// a list splice). Values are shared read-only: a caller may keep one after
// it was evicted.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace palveluhaku {

template <class V>
class LruCache {
 public:
  // At most `max_entries` entries and about `max_bytes` bytes (as reported
  // to put(), plus the keys). Either 0 disables the cache: get() always
  // misses and put() does nothing.
  LruCache(std::size_t max_entries, std::size_t max_bytes) : max_entries_(max_entries), max_bytes_(max_bytes) {}

  bool enabled() const { return max_entries_ > 0 && max_bytes_ > 0; }

  // The value stored under `key`, or nullptr. Counts a hit or a miss.
  std::shared_ptr<const V> get(const std::string& key) {
    {
      std::lock_guard lk(mu_);
      auto it = map_.find(key);
      if (it != map_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second);
        hits_.fetch_add(1, std::memory_order_relaxed);
        return it->second->value;
      }
    }
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }

  // Stores `value` (about `bytes` bytes) under `key`, computed at `epoch`.
  // A new epoch first drops every entry of the older ones; then the least
  // recently used entries go until both bounds hold. Not stored: a value
  // larger than the byte bound, or of an epoch older than the newest seen.
  void put(const std::string& key, std::shared_ptr<const V> value, std::size_t bytes, std::string_view epoch) {
    if (!enabled()) return;
    const std::size_t cost = bytes + 2 * key.size() + kOverhead;
    if (cost > max_bytes_) return;
    std::lock_guard lk(mu_);
    if (epochs_.empty() || epochs_.back() != epoch) {
      for (const auto& e : epochs_)
        if (e == epoch) return;  // an older epoch
      epochs_.emplace_back(epoch);
      if (epochs_.size() > kEpochHistory) epochs_.pop_front();
      lru_.clear();
      map_.clear();
      bytes_ = 0;
    }
    if (auto it = map_.find(key); it != map_.end()) {
      bytes_ -= it->second->cost;
      lru_.erase(it->second);
      map_.erase(it);
    }
    lru_.push_front(Entry{key, std::move(value), cost});
    map_.emplace(key, lru_.begin());
    bytes_ += cost;
    while (map_.size() > max_entries_ || bytes_ > max_bytes_) evict_oldest();
  }

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  std::size_t size() const {
    std::lock_guard lk(mu_);
    return map_.size();
  }
  std::size_t bytes() const {
    std::lock_guard lk(mu_);
    return bytes_;
  }

 private:
  // Per entry beyond the value and the key (held twice): list node, hash
  // node, the epoch string.
  static constexpr std::size_t kOverhead = 128;
  // Epochs remembered to tell an older one from a new one.
  static constexpr std::size_t kEpochHistory = 8;
  struct Entry {
    std::string key;
    std::shared_ptr<const V> value;
    std::size_t cost;
  };
  void evict_oldest() {
    bytes_ -= lru_.back().cost;
    map_.erase(lru_.back().key);
    lru_.pop_back();
  }

  const std::size_t max_entries_, max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // front = most recently used
  std::unordered_map<std::string, typename std::list<Entry>::iterator> map_;
  std::size_t bytes_ = 0;
  std::deque<std::string> epochs_;  // the newest last
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace palveluhaku
