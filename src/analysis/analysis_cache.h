// analysis_cache.h — a bounded word -> analysis cache, one per Analyzer.
//
// The vocabulary of the service texts is small compared with the text, so
// nearly every word after the first few thousand records is a hit. When the
// cache holds `capacity` entries it is emptied and refilled (cheaper and
// simpler than LRU bookkeeping on every hit; the working set refills fast).
//
// Threading: not thread-safe (one per Analyzer).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace palveluhaku::analysis {

template <class Value>
class AnalysisCache {
 public:
  explicit AnalysisCache(std::size_t capacity) : capacity_(capacity) {}

  // The cached value for `key`, or nullptr. The pointer stays valid until
  // the next put().
  const Value* get(std::string_view key) {
    auto it = map_.find(key);
    if (it == map_.end()) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    return &it->second;
  }

  const Value& put(std::string_view key, Value v) {
    if (map_.size() >= capacity_) map_.clear();
    return map_.insert_or_assign(std::string(key), std::move(v)).first->second;
  }

  std::size_t size() const { return map_.size(); }
  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::size_t capacity_;
  std::unordered_map<std::string, Value, Hash, std::equal_to<>> map_;
  std::size_t hits_ = 0, misses_ = 0;
};

}  // namespace palveluhaku::analysis
