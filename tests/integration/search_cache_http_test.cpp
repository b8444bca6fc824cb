// search_cache_http_test.cpp — the server's search answer cache (--response-
// cache) and the engine's result cache seen over HTTP: a repeated URL gets
// the same body and ETag from the cache (counted in /metrics), and an update
// of the index in place is never answered with the older body.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <thread>

#include "http_server.h"
#include "palveluhaku/index.h"
#include "palveluhaku/record_json.h"
#include "palveluhaku/search.h"
#include "server_options.h"

namespace fs = std::filesystem;
using nlohmann::json;
namespace ps = palveluhaku::server;

namespace {

std::vector<palveluhaku::ServiceRecord> fixture_records() {
  const std::string path = std::string(PALVELUHAKU_SOURCE_DIR) + "/tests/fixtures/server/services.json";
  std::ifstream in(path);
  REQUIRE(in);
  const json all = json::parse(in);
  std::vector<palveluhaku::ServiceRecord> out;
  std::vector<palveluhaku::Problem> problems;
  for (std::size_t i = 0; i < all.size(); ++i) {
    palveluhaku::ServiceRecord r;
    REQUIRE(palveluhaku::record_from_json(all[i], palveluhaku::SourcePlace{path, 0, ""}, r, problems));
    out.push_back(std::move(r));
  }
  return out;
}

struct CacheServer {
  fs::path dir;
  std::string index;
  std::vector<palveluhaku::ServiceRecord> records = fixture_records();
  std::unique_ptr<palveluhaku::SearchEngine> engine;
  std::unique_ptr<ps::HttpServer> server;
  std::unique_ptr<httplib::Client> client;

  CacheServer(std::size_t response_cache, std::size_t result_cache) {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("palveluhaku-cache-test-" + std::to_string(rd()));
    index = (dir / "index").string();
    fs::create_directories(index);
    palveluhaku::rebuild_index(index, records, palveluhaku::IndexOptions{});
    palveluhaku::EngineOptions eo;
    eo.reload_interval_ms = 10;
    eo.result_cache_entries = result_cache;
    engine = std::make_unique<palveluhaku::SearchEngine>(index, eo);
    ps::ServerOptions o;
    o.index_dir = index;
    o.port = 0;
    o.threads = 2;
    o.web_dir = (dir / "web").string();
    o.response_cache = response_cache;
    server = std::make_unique<ps::HttpServer>(*engine, o);
    server->start();
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
    client->set_read_timeout(10, 0);
  }
  ~CacheServer() {
    client.reset();
    server->stop();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  httplib::Result get(const std::string& target) { return client->Get(target.c_str()); }
  // One counter of /metrics, e.g. metric("palveluhaku_cache_hits_total", "response").
  long metric(const std::string& name, const std::string& cache) {
    auto r = get("/metrics");
    REQUIRE(r);
    std::smatch m;
    const std::regex re(name + "\\{cache=\"" + cache + "\"\\} ([0-9]+)");
    REQUIRE(std::regex_search(r->body, m, re));
    return std::stol(m[1]);
  }
};

// The response cache's key holds the minute (open_now is computed for it), so
// two requests on either side of a minute's end are two entries. A test that
// expects the second request to hit waits for a fresh minute when fewer than
// 10 s of this one remain (the requests take milliseconds, seconds at most
// under the sanitizers).
void wait_unless_minute_has(std::chrono::seconds room) {
  const auto now = std::chrono::system_clock::now();
  const auto into = now.time_since_epoch() % std::chrono::minutes(1);
  if (std::chrono::minutes(1) - into < room) std::this_thread::sleep_for(std::chrono::minutes(1) - into);
}

}  // namespace

TEST_CASE("a repeated search URL is answered from the response cache", "[server][cache]") {
  CacheServer s(64, 64);
  wait_unless_minute_has(std::chrono::seconds(10));
  const std::string url = "/api/v1/search?q=perheneuvola&municipality=837";
  auto a = s.get(url);
  REQUIRE(a);
  REQUIRE(a->status == 200);
  CHECK(s.metric("palveluhaku_cache_misses_total", "response") == 1);
  CHECK(s.metric("palveluhaku_cache_hits_total", "response") == 0);
  auto b = s.get(url);
  REQUIRE(b);
  CHECK(b->status == 200);
  CHECK(b->body == a->body);
  CHECK(b->get_header_value("ETag") == a->get_header_value("ETag"));
  CHECK(b->get_header_value("Content-Type").find("application/json") == 0);
  CHECK(s.metric("palveluhaku_cache_hits_total", "response") == 1);
  CHECK(s.metric("palveluhaku_cache_entries", "response") == 1);
  // The engine computed it once (the second answer never reached it).
  CHECK(s.metric("palveluhaku_cache_misses_total", "result") == 1);

  // If-None-Match with the cached ETag: 304.
  auto c = s.client->Get(url.c_str(), {{"If-None-Match", a->get_header_value("ETag")}});
  REQUIRE(c);
  CHECK(c->status == 304);

  // Another URL is another entry; a bad one is an error, never cached.
  auto d = s.get("/api/v1/search?q=perheneuvola");
  REQUIRE(d);
  CHECK(d->body != a->body);
  auto e = s.get("/api/v1/search?q=neuvola&per_page=1000");
  REQUIRE(e);
  CHECK(e->status == 400);
  CHECK(s.metric("palveluhaku_cache_entries", "response") == 2);
}

TEST_CASE("an update in place is not answered from the response cache", "[server][cache]") {
  CacheServer s(64, 64);
  const std::string url = "/api/v1/search?q=vauvatreffit";
  auto before = s.get(url);
  REQUIRE(before);
  REQUIRE(json::parse(before->body)["total"] == 0);
  CHECK(json::parse(s.get(url)->body)["total"] == 0);  // now cached

  auto renamed = s.records[3];
  REQUIRE(renamed.id == "fx-perhekahvila-mll");
  renamed.name.fi = "MLL:n vauvatreffit Tampereen keskusta";
  palveluhaku::update_index(s.index, {renamed}, {}, palveluhaku::IndexOptions{});
  // The engine notices the new revision within its reload interval (10 ms).
  json after;
  for (int i = 0; i < 200; ++i) {
    after = json::parse(s.get(url)->body);
    if (after["total"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(after["total"] == 1);
  CHECK(after["hits"][0]["id"] == "fx-perhekahvila-mll");
}

TEST_CASE("with both caches off every search is computed", "[server][cache]") {
  CacheServer s(0, 0);
  const std::string url = "/api/v1/search?q=perhekerho";
  auto a = s.get(url), b = s.get(url);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->body == b->body);
  CHECK(s.metric("palveluhaku_cache_hits_total", "response") == 0);
  CHECK(s.metric("palveluhaku_cache_hits_total", "result") == 0);
  CHECK(s.metric("palveluhaku_cache_entries", "response") == 0);
}
