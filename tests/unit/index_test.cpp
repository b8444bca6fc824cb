// index_test.cpp — building, switching, updating and locking the index
// (palveluhaku/index.h) on real Xapian databases in fresh temp dirs.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "engine_fixtures.h"
#include "palveluhaku/error.h"

using namespace engine_test;
namespace fs = std::filesystem;

namespace {

std::string stub(const std::string& dir) {
  std::ifstream in(dir + "/XAPIANDB");
  std::string s;
  std::getline(in, s);
  return s;
}

std::size_t total_of(const SearchEngine& e, const std::string& q = "") {
  SearchRequest r;
  r.q = q;
  return e.search(r).total;
}

}  // namespace

TEST_CASE("rebuild writes a generation and switches the stub to it", "[index]") {
  TempDir t;
  const auto recs = sample_records();
  const IndexStats s1 = rebuild_index(t.index(), recs, index_options());
  CHECK(s1.generation == 1);
  CHECK(s1.documents == recs.size());
  CHECK(s1.added == recs.size());
  CHECK(stub(t.index()) == "auto gen-000001");
  CHECK(live_generation_path(t.index()) == (fs::path(t.index()) / "gen-000001").string());

  const IndexStats s2 = rebuild_index(t.index(), recs, index_options());
  CHECK(s2.generation == 2);
  CHECK(stub(t.index()) == "auto gen-000002");
  CHECK(fs::exists(fs::path(t.index()) / "gen-000001"));  // previous kept for open readers

  rebuild_index(t.index(), recs, index_options());
  CHECK(stub(t.index()) == "auto gen-000003");
  CHECK(fs::exists(fs::path(t.index()) / "gen-000002"));
  CHECK_FALSE(fs::exists(fs::path(t.index()) / "gen-000001"));  // older ones removed

  // The stub is a real Xapian stub database.
  CHECK(total_of(SearchEngine(t.index(), engine_options())) == recs.size());
}

TEST_CASE("no index gives index_unavailable with a hint", "[index]") {
  TempDir t;
  CHECK(live_generation_path(t.index()).empty());
  try {
    SearchEngine e(t.index(), engine_options());
    FAIL("opened a missing index");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::index_unavailable);
    CHECK(std::string(e.what()).find("palveluhaku-index") != std::string::npos);
  }
}

TEST_CASE("a damaged generation gives index_corrupt", "[index]") {
  TempDir t;
  fs::create_directories(fs::path(t.index()) / "gen-000001");
  std::ofstream(fs::path(t.index()) / "gen-000001" / "iamglass") << "garbage";
  std::ofstream(fs::path(t.index()) / "XAPIANDB") << "auto gen-000001\n";
  try {
    SearchEngine e(t.index(), engine_options());
    FAIL("opened a damaged index");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::index_corrupt);
  }
}

TEST_CASE("a reader keeps answering from the old generation during a rebuild", "[index]") {
  TempDir t;
  auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  EngineOptions eo = engine_options();
  eo.reload_interval_ms = 1000000;  // only explicit reloads
  SearchEngine e(t.index(), eo);
  CHECK(total_of(e) == recs.size());

  recs.pop_back();
  recs.pop_back();
  rebuild_index(t.index(), recs, index_options());
  // Not reloaded yet: still the old generation, still answering.
  CHECK(total_of(e) == recs.size() + 2);
  CHECK(total_of(e, "neuvola") >= 2);
  e.reload_if_changed();
  CHECK(total_of(e) == recs.size());
  CHECK(e.info().generation == 2);
}

TEST_CASE("searches keep succeeding while rebuilds switch generations", "[index][threads]") {
  TempDir t;
  const auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  EngineOptions eo = engine_options();
  eo.reload_interval_ms = 1;
  SearchEngine e(t.index(), eo);
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0}, searches{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i)
    readers.emplace_back([&] {
      while (!stop) {
        try {
          SearchRequest r;
          r.q = searches % 2 ? "neuvola" : "";
          if (e.search(r).total == 0) ++errors;
          ++searches;
        } catch (...) {
          ++errors;
        }
      }
    });
  for (int i = 0; i < 4; ++i) rebuild_index(t.index(), recs, index_options());
  stop = true;
  for (auto& th : readers) th.join();
  CHECK(errors == 0);
  CHECK(searches > 0);
  e.reload_if_changed();
  CHECK(e.info().generation == 5);
}

TEST_CASE("update adds, replaces and deletes in the live generation", "[index]") {
  TempDir t;
  auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  SearchEngine e(t.index(), engine_options());

  auto changed = recs[0];
  changed.name.fi = "Hervannan lastenneuvola ja perhekeskus Zebra";
  auto fresh = make("new-one", "Uusi vauvauintikoulu");
  const IndexStats st = update_index(t.index(), {changed, fresh}, {recs[1].id, "no-such-id"}, index_options());
  CHECK(st.added == 1);
  CHECK(st.replaced == 1);
  CHECK(st.deleted == 1);
  CHECK(st.not_found == 1);
  CHECK(st.generation == 1);  // in place
  CHECK(st.documents == recs.size());  // +1 -1

  e.reload_if_changed();
  CHECK(total_of(e) == recs.size());
  CHECK(total_of(e, "zebra") == 1);
  CHECK(total_of(e, "vauvauintikoulu") == 1);
  CHECK_FALSE(e.get(recs[1].id).has_value());
  REQUIRE(e.get("new-one").has_value());
  CHECK(e.get("new-one")->name.fi == "Uusi vauvauintikoulu");
  CHECK(e.get(recs[0].id)->name.fi == changed.name.fi);
}

TEST_CASE("re-importing the same data is idempotent", "[index]") {
  TempDir t;
  const auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  const IndexStats a = update_index(t.index(), recs, {}, index_options());
  const IndexStats b = update_index(t.index(), recs, {}, index_options());
  CHECK(a.added == 0);
  CHECK(a.replaced == recs.size());
  CHECK(b.documents == recs.size());
  SearchEngine e(t.index(), engine_options());
  CHECK(total_of(e) == recs.size());
  for (const auto& r : recs) CHECK(e.get(r.id) == r);  // stored record round-trips
}

TEST_CASE("update creates the index when there is none", "[index]") {
  TempDir t;
  const auto recs = sample_records();
  const IndexStats st = update_index(t.index(), recs, {}, index_options());
  CHECK(st.documents == recs.size());
  CHECK(stub(t.index()) == "auto gen-000001");
}

TEST_CASE("a second writer gets index_locked and the live index stays", "[index]") {
  TempDir t;
  const auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  const int fd = ::open((t.index() + "/.lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  try {
    rebuild_index(t.index(), {}, index_options());
    FAIL("rebuild ran under someone else's lock");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::index_locked);
  }
  CHECK_THROWS_AS(update_index(t.index(), recs, {}, index_options()), Error);
  ::close(fd);
  CHECK(stub(t.index()) == "auto gen-000001");
  rebuild_index(t.index(), recs, index_options());  // lock released: works again
  CHECK(stub(t.index()) == "auto gen-000002");
}

TEST_CASE("leftovers of an interrupted rebuild are removed by the next run", "[index]") {
  TempDir t;
  const auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  // What kill -9 in the middle of a rebuild leaves: a partial gen and a temp stub.
  fs::create_directories(fs::path(t.index()) / "gen-000007");
  std::ofstream(fs::path(t.index()) / "gen-000007" / "postlist.glass") << "partial";
  std::ofstream(fs::path(t.index()) / "XAPIANDB.tmp") << "auto gen-000007\n";
  CHECK(total_of(SearchEngine(t.index(), engine_options())) == recs.size());  // old one serves

  const IndexStats st = rebuild_index(t.index(), recs, index_options());
  CHECK(st.generation == 2);
  CHECK_FALSE(fs::exists(fs::path(t.index()) / "gen-000007"));
  CHECK_FALSE(fs::exists(fs::path(t.index()) / "XAPIANDB.tmp"));
  CHECK(total_of(SearchEngine(t.index(), engine_options())) == recs.size());
}

TEST_CASE("a failed rebuild leaves the previous generation live", "[index]") {
  TempDir t;
  const auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  TempDir cfg;
  fs::copy(PALVELUHAKU_SOURCE_DIR "/index-config", cfg.path, fs::copy_options::recursive);
  std::ofstream(cfg.path / "index.json") << R"({"boolean_fields": {"region": {"prefix": "XMX"}}})";
  IndexOptions o = index_options();
  o.config_dir = cfg.str();
  try {
    rebuild_index(t.index(), {}, o);
    FAIL("bad config accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_config);
    CHECK(std::string(e.what()).find("XM") != std::string::npos);
  }
  CHECK(stub(t.index()) == "auto gen-000001");
  CHECK(fs::exists(fs::path(t.index()) / "gen-000001"));
  CHECK(total_of(SearchEngine(t.index(), engine_options())) == recs.size());
}

TEST_CASE("a parallel rebuild merges its shards into one generation in record order", "[index][shards]") {
  TempDir t;
  std::vector<ServiceRecord> recs;
  const auto base = sample_records();
  for (int i = 0; i < 2400; ++i) {
    ServiceRecord r = base[static_cast<std::size_t>(i) % base.size()];
    r.id = "rec-" + std::to_string(i);
    r.name.fi += " " + std::to_string(i);
    recs.push_back(r);
  }
  recs.push_back(recs[5]);  // a duplicated id: the last one wins
  recs.back().name.fi = "Viimeinen versio";
  // Leftovers of an interrupted parallel rebuild.
  fs::create_directories(fs::path(t.index()) / "gen-000003.shard1");
  IndexOptions o = index_options();
  o.threads = 3;
  std::size_t last_progress = 0;
  o.progress = [&](std::size_t done, std::size_t total) {
    CHECK(done <= total);
    last_progress = done;
  };
  const IndexStats st = rebuild_index(t.index(), recs, o);
  CHECK(st.documents == 2400);
  CHECK(st.added == 2400);
  CHECK(st.replaced == 1);
  CHECK(last_progress == 2400);
  CHECK_FALSE(fs::exists(fs::path(t.index()) / "gen-000003.shard1"));
  for (const auto& e : fs::directory_iterator(t.index()))
    CHECK(e.path().filename().string().find(".shard") == std::string::npos);
  SearchEngine e(t.index(), engine_options());
  CHECK(total_of(e) == 2400);
  CHECK(e.get("rec-5")->name.fi == "Viimeinen versio");
  CHECK(e.get("rec-2399").has_value());
  SearchRequest r;
  r.q = "perhekahvila";
  CHECK(e.search(r).total == 300);  // every 8th record
  r.q = "perhekahvla";  // the spelling tables of the shards were merged
  CHECK(e.search(r).did_you_mean == std::optional<std::string>("perhekahvila"));
  // Updates and deletes work on the merged database.
  const IndexStats up = update_index(t.index(), {}, {"rec-0"}, index_options());
  CHECK(up.deleted == 1);
  CHECK(up.documents == 2399);
}

TEST_CASE("searches keep succeeding while updates commit in place", "[index][threads]") {
  TempDir t;
  const auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  EngineOptions eo = engine_options();
  eo.reload_interval_ms = 1;
  SearchEngine e(t.index(), eo);
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0}, searches{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i)
    readers.emplace_back([&, i] {
      while (!stop) {
        try {
          SearchRequest r;
          r.q = i == 0 ? "" : i == 1 ? "neuvola" : "perhe";
          r.near = kTampere;
          if (e.search(r).total == 0) ++errors;
          if (!e.get("kela-lapsilisa")) ++errors;
          (void)e.suggest("perh", Lang::fi);
          ++searches;
        } catch (...) {
          ++errors;
        }
      }
    });
  for (int i = 0; i < 8; ++i) {
    auto r = make("upd-" + std::to_string(i), "Päivitetty palvelu " + std::to_string(i));
    update_index(t.index(), {r, recs[0]}, {}, index_options());
  }
  stop = true;
  for (auto& th : readers) th.join();
  CHECK(errors == 0);
  CHECK(searches > 0);
  e.reload_if_changed();
  CHECK(e.info().documents == recs.size() + 8);
}
