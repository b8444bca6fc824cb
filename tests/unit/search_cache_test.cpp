// search_cache_test.cpp — the engine's result cache and posting cache:
// a hit gives the same answer as the search itself, and an update in place
// or a rebuild is never answered from an entry of the older index state.
#include <catch2/catch.hpp>

#include <thread>

#include "engine_fixtures.h"
#include "search/match_set.h"

using namespace engine_test;

namespace {

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> v;
  for (const auto& h : r.hits) v.push_back(h.id);
  return v;
}

std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> counts(const SearchResult& r) {
  std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> m;
  for (const auto& [f, list] : r.facets)
    for (const auto& c : list) m[f].emplace_back(c.value, c.count);
  return m;
}

SearchRequest request(const std::string& q) {
  SearchRequest r;
  r.q = q;
  r.now = std::chrono::sys_days{std::chrono::year{2026} / std::chrono::November / 25} +
          std::chrono::hours{8} + std::chrono::minutes{30};
  return r;
}

}  // namespace

TEST_CASE("a result cache hit is the same answer as the search", "[search][cache]") {
  TempDir t;
  rebuild_index(t.index(), sample_records(), index_options());
  EngineOptions eo = engine_options();
  eo.result_cache_entries = 8;
  SearchEngine cached(t.index(), eo);
  eo.result_cache_entries = 0;
  eo.postings_cache_bytes = 0;
  SearchEngine plain(t.index(), eo);

  const std::vector<SearchRequest> reqs = [] {
    std::vector<SearchRequest> v = {request("neuvola"), request("perhe"), request(""), request("perhekerho")};
    v[1].filters["municipality"] = {"837"};
    v[2].near = kTampere;
    v[3].open_now = true;
    return v;
  }();
  for (const auto& r : reqs) {
    const auto want = plain.search(r);
    const auto first = cached.search(r);   // a miss, computed
    const auto second = cached.search(r);  // a hit
    CHECK(first.total == want.total);
    CHECK(second.total == want.total);
    CHECK(ids(first) == ids(want));
    CHECK(ids(second) == ids(want));
    CHECK(counts(second) == counts(want));
    CHECK(second.did_you_mean == want.did_you_mean);
  }
  const auto st = cached.cache_stats();
  CHECK(st.result_hits == reqs.size());
  CHECK(st.result_misses == reqs.size());
  CHECK(st.result_entries == reqs.size());
  CHECK(plain.cache_stats().result_hits == 0);

  SECTION("different requests are different entries") {
    auto r = request("neuvola");
    r.page = 2;
    r.per_page = 1;
    const auto p2 = cached.search(r);
    CHECK(cached.cache_stats().result_misses == reqs.size() + 1);
    CHECK(ids(p2) == ids(plain.search(r)));
    r.lang = Lang::sv;
    cached.search(r);
    CHECK(cached.cache_stats().result_misses == reqs.size() + 2);
  }
  SECTION("a different minute is a different entry (open_now)") {
    auto r = reqs[3];
    *r.now += std::chrono::minutes(1);
    cached.search(r);
    CHECK(cached.cache_stats().result_misses == reqs.size() + 1);
  }
  SECTION("the cache holds at most its number of entries") {
    for (int i = 0; i < 20; ++i) cached.search(request("perhe" + std::to_string(i)));
    CHECK(cached.cache_stats().result_entries == 8);
  }
}

TEST_CASE("an update in place is never answered from the result cache", "[search][cache]") {
  TempDir t;
  auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  EngineOptions eo = engine_options();
  eo.result_cache_entries = 64;
  SearchEngine e(t.index(), eo);

  auto r = request("perhekahvila");
  const auto before = e.search(r);
  REQUIRE(before.total == 1);
  CHECK(e.search(r).total == 1);
  CHECK(e.cache_stats().result_hits == 1);

  // The same record, renamed in place: the old answer must not come back.
  auto renamed = recs[3];
  REQUIRE(renamed.id == "mll-perhekahvila");
  renamed.name.fi = "MLL:n vauvatreffit Hervanta";
  renamed.summary.fi = "Avoin kohtaamispaikka vauvaperheille.";
  renamed.description.fi = "";
  update_index(t.index(), {renamed}, {}, index_options());
  e.reload_if_changed();
  const auto after = e.search(r);
  CHECK(after.total == 0);
  CHECK(e.cache_stats().result_hits == 1);  // computed again, not a hit
  auto v = request("vauvatreffit");
  REQUIRE(e.search(v).total == 1);
  CHECK(e.search(v).hits[0].record->name.fi == "MLL:n vauvatreffit Hervanta");

  // A new generation (rebuild) too.
  rebuild_index(t.index(), recs, index_options());
  e.reload_if_changed();
  CHECK(e.search(r).total == 1);
  CHECK(e.search(v).total == 0);
}

TEST_CASE("the posting cache gives the same totals as reading the index", "[search][cache]") {
  TempDir t;
  rebuild_index(t.index(), sample_records(), index_options());
  EngineOptions eo = engine_options();
  eo.result_cache_entries = 0;
  SearchEngine cached(t.index(), eo);
  eo.postings_cache_bytes = 0;
  SearchEngine plain(t.index(), eo);
  for (const char* q : {"neuvola", "perhe", "lapsi perhe", "neuvola kahvila", "perhek", "aitiysneuvola"}) {
    INFO(q);
    for (int round = 0; round < 2; ++round) {  // the second round reads the cache
      const auto a = cached.search(request(q));
      const auto b = plain.search(request(q));
      CHECK(a.total == b.total);
      CHECK(ids(a) == ids(b));
      CHECK(counts(a) == counts(b));
    }
  }
  CHECK(cached.cache_stats().postings_bytes > 0);
  CHECK(plain.cache_stats().postings_bytes == 0);
}

TEST_CASE("the result cache keeps one minute's results and stays within its memory bound",
          "[search][cache]") {
  TempDir t;
  rebuild_index(t.index(), sample_records(), index_options());
  EngineOptions eo = engine_options();
  eo.result_cache_entries = 64;
  SearchEngine cached(t.index(), eo);
  const std::vector<std::string> words = {"neuvola", "perhe", "kerho", "lapsi", "perhekerho"};

  SECTION("a new minute drops the entries of the previous one") {
    for (const auto& w : words) cached.search(request(w));
    CHECK(cached.cache_stats().result_entries == words.size());
    auto next = request("neuvola");
    *next.now += std::chrono::minutes(1);
    cached.search(next);
    CHECK(cached.cache_stats().result_entries == 1);
    // and the previous minute's answer is computed again, not served stale
    const auto misses = cached.cache_stats().result_misses;
    cached.search(request("perhe"));
    CHECK(cached.cache_stats().result_misses == misses + 1);
  }
  SECTION("the byte bound holds whatever the entry bound allows") {
    for (const auto& w : words) cached.search(request(w));
    const std::size_t all = cached.cache_stats().result_bytes;
    REQUIRE(all > 0);
    eo.result_cache_bytes = all / 2;
    SearchEngine small(t.index(), eo);
    for (const auto& w : words) small.search(request(w));
    const auto st = small.cache_stats();
    CHECK(st.result_bytes <= all / 2);
    CHECK(st.result_entries < words.size());
    CHECK(st.result_entries > 0);
  }
}

TEST_CASE("concurrent searches share at most max_workers workers", "[search][cache]") {
  TempDir t;
  rebuild_index(t.index(), sample_records(), index_options());
  EngineOptions eo = engine_options();
  eo.result_cache_entries = 0;
  eo.max_workers = 2;
  SearchEngine engine(t.index(), eo);
  const auto want = engine.search(request("neuvola"));
  REQUIRE(want.total > 0);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 10; ++k)
        if (ids(engine.search(request("neuvola"))) != ids(want)) ++wrong;
    });
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
  CHECK(engine.cache_stats().workers <= 2);  // 8 without the bound
}

TEST_CASE("the record cache stays within its memory bound and changes nothing", "[search][cache]") {
  TempDir t;
  rebuild_index(t.index(), sample_records(), index_options());
  EngineOptions eo = engine_options();
  eo.result_cache_entries = 0;
  eo.record_cache_bytes = 40000;  // a few records
  SearchEngine small(t.index(), eo);
  eo.record_cache_entries = 0;
  SearchEngine none(t.index(), eo);
  for (const std::string w : {"neuvola", "perhe", "kerho", "lapsi", ""}) {
    auto r = request(w);
    r.per_page = 50;
    const auto a = small.search(r), b = none.search(r);
    CHECK(ids(a) == ids(b));
    for (std::size_t i = 0; i < a.hits.size() && i < b.hits.size(); ++i) CHECK(*a.hits[i].record == *b.hits[i].record);
  }
  CHECK(small.cache_stats().record_bytes <= 40000);
  CHECK(small.cache_stats().record_entries > 0);
  CHECK(none.cache_stats().record_entries == 0);
}

TEST_CASE("a hit shares its record with the record cache, and keeps it after eviction", "[search][cache]") {
  TempDir t;
  rebuild_index(t.index(), sample_records(), index_options());
  EngineOptions eo = engine_options();
  eo.result_cache_entries = 0;
  SearchEngine shared(t.index(), eo);
  eo.record_cache_entries = 2;
  SearchEngine small(t.index(), eo);
  eo.record_cache_entries = 0;
  SearchEngine none(t.index(), eo);
  auto r = request("");
  r.per_page = 50;
  // The same record object for the same hit of two searches: not a copy.
  const auto a = shared.search(r), b = shared.search(r);
  REQUIRE(a.hits.size() > 4);
  REQUIRE(ids(a) == ids(b));
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    REQUIRE(a.hits[i].record != nullptr);
    CHECK(a.hits[i].record.get() == b.hits[i].record.get());
    CHECK(a.hits[i].record->id == a.hits[i].id);
  }
  // Without the cache every search parses its own records.
  const auto c = none.search(r), d = none.search(r);
  for (std::size_t i = 0; i < c.hits.size() && i < d.hits.size(); ++i) {
    REQUIRE(c.hits[i].record != nullptr);
    CHECK(c.hits[i].record.get() != d.hits[i].record.get());
    CHECK(*c.hits[i].record == *d.hits[i].record);
  }
  // A kept result's records outlive their eviction from a small cache.
  const auto kept = small.search(r);
  std::vector<ServiceRecord> copies;
  for (const auto& h : kept.hits) copies.push_back(*h.record);
  for (const std::string w : {"neuvola", "perhe", "kerho", "lapsi"}) {
    auto o = request(w);
    o.per_page = 50;
    (void)small.search(o);
  }
  REQUIRE(small.cache_stats().record_entries <= 2);  // most were evicted
  for (std::size_t i = 0; i < kept.hits.size(); ++i) CHECK(*kept.hits[i].record == copies[i]);
}

TEST_CASE("the posting cache counts each entry's overhead, so rare terms cannot overfill it", "[cache]") {
  // A long tail of rare terms: 100,000 lists of one docid each into 1 MiB.
  // Each entry really costs ~300 bytes (nodes, control block, two keys,
  // malloc headers); counted at its list's ~70 bytes and key alone, about
  // 13,000 stayed, ~4 MB. At most 1 MiB / 192 bytes of overhead may stay.
  palveluhaku::search::PostingCache cache("db@1", std::size_t{1} << 20);
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    auto l = std::make_shared<palveluhaku::search::DocList>();
    l->ids.push_back(static_cast<Xapian::docid>(i + 1));
    cache.put("Zterm" + std::to_string(i), l);
  }
  int kept = 0;
  for (int i = 0; i < n; ++i)
    if (cache.get("Zterm" + std::to_string(i))) ++kept;
  CHECK(cache.bytes() <= (std::size_t{1} << 20));
  CHECK(kept > 1000);                                 // it still caches
  CHECK(kept <= static_cast<int>((std::size_t{1} << 20) / 192));
}
