// analysis_cache.h — a bounded word -> analysis cache, one per Analyzer.
//
// The vocabulary of the service texts is small compared with the text, so
// nearly every word after the first few thousand records is a hit. When the
// cache holds `capacity` entries it is emptied and refilled (cheaper and
// simpler than LRU bookkeeping on every hit; the working set refills fast).
//
// Layout (index time looks a word up for every word of every text, so the
// lookup is on the hot path of a rebuild): a flat open-addressing table of
// 8-byte slots (entry number + 32 more bits of the hash, linear probing, at
// most half full) over a vector of entries in insertion order. A lookup
// hashes the word once (no allocation), compares slot tags without touching
// the entries, and reads one entry on a hit. std::unordered_map needed a
// bucket array, a node and the node's key on every lookup: three dependent
// cache misses in a table of a whole corpus's vocabulary (12 % of a 100k
// build's CPU).
//
// Threading: not thread-safe (one per Analyzer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace palveluhaku::analysis {

// A fast 64-bit hash of a short string (words are 2-30 bytes): 8 bytes at a
// time, multiply-xorshift mixing. Not for untrusted keys in adversarial
// settings beyond this cache (a bad distribution only costs probe length).
inline std::uint64_t word_hash(std::string_view s) {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x243F6A8885A308D3ull ^ (s.size() * k);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * k;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * k;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return h;
}

template <class Value>
class AnalysisCache {
 public:
  explicit AnalysisCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // The cached value for `key`, or nullptr. The pointer stays valid until
  // the next put().
  const Value* get(std::string_view key) {
    if (!slots_.empty()) {
      const std::uint64_t h = word_hash(key);
      const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
      for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
        const Slot s = slots_[i];
        if (s.entry == 0) break;
        if (s.tag == tag) {
          const Entry& e = entries_[s.entry - 1];
          if (e.key == key) {
            ++hits_;
            return &e.value;
          }
        }
      }
    }
    ++misses_;
    return nullptr;
  }

  // Stores `v` for `key` (replacing an existing value) and returns it.
  // Invalidates pointers returned before.
  const Value& put(std::string_view key, Value v) {
    const std::uint64_t h = word_hash(key);
    if (slots_.empty()) grow(64);
    // Replace in place if present.
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.entry == 0) break;
      if (s.tag == tag && entries_[s.entry - 1].key == key) {
        entries_[s.entry - 1].value = std::move(v);
        return entries_[s.entry - 1].value;
      }
    }
    if (entries_.size() >= capacity_) {
      clear();
      grow(64);
    } else if ((entries_.size() + 1) * 2 > slots_.size()) {
      grow(slots_.size() * 2);
    } else {
      entries_.push_back(Entry{h, std::string(key), std::move(v)});
      slots_[i] = Slot{static_cast<std::uint32_t>(entries_.size()), tag};
      return entries_.back().value;
    }
    entries_.push_back(Entry{h, std::string(key), std::move(v)});
    place(entries_.size() - 1);
    return entries_.back().value;
  }

  std::size_t size() const { return entries_.size(); }
  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }

 private:
  struct Slot {
    std::uint32_t entry = 0;  // index into entries_ + 1; 0 = empty
    std::uint32_t tag = 0;    // the hash's high 32 bits
  };
  struct Entry {
    std::uint64_t hash;
    std::string key;
    Value value;
  };

  void clear() {
    entries_.clear();
    slots_.clear();
  }

  // Resizes the slot table to `n` (a power of two) and re-places every entry.
  void grow(std::size_t n) {
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (std::size_t e = 0; e < entries_.size(); ++e) place(e);
  }

  void place(std::size_t e) {
    const std::uint64_t h = entries_[e].hash;
    std::size_t i = h & mask_;
    while (slots_[i].entry != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<std::uint32_t>(e + 1), static_cast<std::uint32_t>(h >> 32)};
  }

  std::size_t capacity_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::vector<Entry> entries_;
  std::size_t hits_ = 0, misses_ = 0;
};

}  // namespace palveluhaku::analysis
