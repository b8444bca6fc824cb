// lru_cache_test.cpp — the LRU shared by the result and answer caches:
// entry and byte bounds, least recently used first out, a past epoch's
// entries dropped when the next epoch's first entry is stored.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "palveluhaku/lru_cache.h"

using palveluhaku::LruCache;

namespace {
std::shared_ptr<const std::string> v(const std::string& s) { return std::make_shared<const std::string>(s); }
std::string value(LruCache<std::string>& c, const std::string& key) {
  auto p = c.get(key);
  return p ? std::string(*p) : std::string("<none>");
}
}  // namespace

TEST_CASE("LruCache: entry bound, recency, hits and misses", "[cache]") {
  LruCache<std::string> c(3, 1 << 20);
  c.put("a", v("A"), 1, "e1");
  c.put("b", v("B"), 1, "e1");
  c.put("c", v("C"), 1, "e1");
  REQUIRE(c.get("a"));  // a is now the most recent: b is the oldest
  c.put("d", v("D"), 1, "e1");
  CHECK(c.size() == 3);
  CHECK_FALSE(c.get("b"));
  CHECK(value(c, "a") == "A");
  CHECK(value(c, "d") == "D");
  CHECK(c.hits() == 3);
  CHECK(c.misses() == 1);
  c.put("a", v("A2"), 1, "e1");  // replaced, not duplicated
  CHECK(c.size() == 3);
  CHECK(value(c, "a") == "A2");
}

TEST_CASE("LruCache: byte bound", "[cache]") {
  LruCache<std::string> c(1000, 10000);
  for (int i = 0; i < 100; ++i) c.put("k" + std::to_string(i), v("x"), 1000, "e");
  CHECK(c.bytes() <= 10000);
  CHECK(c.size() < 10);
  CHECK(c.size() > 0);
  CHECK(c.get("k99"));  // the newest stays
  c.put("huge", v("x"), 20000, "e");  // larger than the bound: not kept, nothing evicted for it
  CHECK_FALSE(c.get("huge"));
  CHECK(c.get("k99"));
}

TEST_CASE("LruCache: a new epoch drops the previous epoch's entries", "[cache]") {
  LruCache<std::string> c(100, 1 << 20);
  for (int i = 0; i < 10; ++i) c.put("old" + std::to_string(i), v("x"), 100, "minute 1");
  CHECK(c.size() == 10);
  const std::size_t before = c.bytes();
  c.put("new", v("y"), 100, "minute 2");
  CHECK(c.size() == 1);
  CHECK(c.bytes() < before);
  CHECK(c.get("new"));
  CHECK_FALSE(c.get("old3"));
  // a late put of the old epoch (a request that started before the minute
  // turned) neither throws the new epoch's entries away nor is kept
  c.put("new2", v("z"), 100, "minute 2");
  c.put("late", v("w"), 100, "minute 1");
  CHECK(c.get("new"));
  CHECK(c.get("new2"));
  CHECK_FALSE(c.get("late"));
  CHECK(c.size() == 2);
}

TEST_CASE("LruCache: zero bounds disable it", "[cache]") {
  LruCache<std::string> none(0, 1 << 20), nomem(10, 0);
  none.put("a", v("A"), 1, "e");
  nomem.put("a", v("A"), 1, "e");
  CHECK_FALSE(none.enabled());
  CHECK_FALSE(nomem.enabled());
  CHECK_FALSE(none.get("a"));
  CHECK_FALSE(nomem.get("a"));
}
