// slow_clients_test.cpp — slow clients (slowloris) cannot starve the real
// HttpServer: a request must arrive complete within --read-timeout of the
// connection being accepted (src/server/guarded_server.h). Before the fix a
// few clients sending one header line every 100 ms held every worker thread
// for ever (cpp-httplib's read timeout applies to each recv() only).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "http_server.h"
#include "palveluhaku/index.h"
#include "palveluhaku/record_json.h"
#include "palveluhaku/search.h"
#include "server_options.h"

namespace fs = std::filesystem;
namespace ps = palveluhaku::server;
using Clock = std::chrono::steady_clock;

namespace {

struct SlowFixture {
  fs::path dir;
  std::unique_ptr<palveluhaku::SearchEngine> engine;
  std::unique_ptr<ps::HttpServer> server;

  explicit SlowFixture(int read_timeout_s, unsigned threads) {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("palveluhaku-slow-test-" + std::to_string(rd()));
    fs::create_directories(dir / "index");
    const std::string path = std::string(PALVELUHAKU_SOURCE_DIR) + "/tests/fixtures/server/services.json";
    std::ifstream in(path);
    REQUIRE(in);
    const auto all = nlohmann::json::parse(in);
    std::vector<palveluhaku::ServiceRecord> records;
    std::vector<palveluhaku::Problem> problems;
    for (std::size_t i = 0; i < all.size() && i < 5; ++i) {
      palveluhaku::ServiceRecord r;
      REQUIRE(palveluhaku::record_from_json(all[i], {path, 0, "/" + std::to_string(i)}, r, problems));
      records.push_back(std::move(r));
    }
    palveluhaku::rebuild_index((dir / "index").string(), records, palveluhaku::IndexOptions{});
    engine = std::make_unique<palveluhaku::SearchEngine>((dir / "index").string(),
                                                         palveluhaku::EngineOptions{});
    ps::ServerOptions o;
    o.index_dir = (dir / "index").string();
    o.port = 0;
    o.threads = threads;
    o.read_timeout_s = read_timeout_s;
    server = std::make_unique<ps::HttpServer>(*engine, o);
    server->start();
  }
  ~SlowFixture() {
    server->stop();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

int connect_to(int port) {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  return s;
}

// `n` clients that send a request line and then one header line every
// 100 ms, never finishing, until `stop`.
struct Slowloris {
  std::vector<int> socks;
  std::atomic<bool> stop{false};
  std::thread feeder;
  Slowloris(int port, int n) {
    for (int i = 0; i < n; ++i) {
      socks.push_back(connect_to(port));
      const std::string start = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
      (void)::send(socks.back(), start.data(), start.size(), MSG_NOSIGNAL);
    }
    feeder = std::thread([this] {
      while (!stop) {
        for (int s : socks) (void)::send(s, "X-a: b\r\n", 8, MSG_NOSIGNAL);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  ~Slowloris() {
    stop = true;
    feeder.join();
    for (int s : socks) ::close(s);
  }
};

}  // namespace

TEST_CASE("slow clients cannot starve the server (slowloris)", "[server][slowloris]") {
  SlowFixture f(/*read_timeout_s=*/1, /*threads=*/2);
  Slowloris slow(f.server->port(), 10);  // five times the workers
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  httplib::Client c("127.0.0.1", f.server->port());
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(10, 0);
  const auto t0 = Clock::now();
  auto r = c.Get("/healthz");
  const double waited = std::chrono::duration<double>(Clock::now() - t0).count();
  INFO("a normal request during slowloris waited " << waited << " s");
  REQUIRE(r);
  CHECK(r->status == 200);
  // the slow clients are cut after the 1 s read timeout; well before 10 s
  CHECK(waited < 5.0);
}

TEST_CASE("a complete request that waited for a worker is still served", "[server][slowloris]") {
  SlowFixture f(/*read_timeout_s=*/1, /*threads=*/1);
  Slowloris slow(f.server->port(), 1);  // holds the only worker for ~1 s
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // This request is sent whole at once, then waits in the queue past its
  // receive deadline: it must be served, not dropped.
  httplib::Client c("127.0.0.1", f.server->port());
  c.set_read_timeout(10, 0);
  auto r = c.Get("/api/v1/search?q=neuvola&per_page=1");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("kept-alive connections still serve many requests", "[server][slowloris]") {
  SlowFixture f(/*read_timeout_s=*/1, /*threads=*/2);
  httplib::Client c("127.0.0.1", f.server->port());
  c.set_keep_alive(true);
  for (int i = 0; i < 20; ++i) {
    auto r = c.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 200);
  }
  // An idle pause shorter than the keep-alive timeout, then more requests.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auto r = c.Get("/api/v1/search?q=neuvola");
  REQUIRE(r);
  CHECK(r->status == 200);
}

namespace {

// Sends one GET on `s` and reads its answer (headers and Content-Length body).
std::string request_on(int s, const std::string& target) {
  const std::string req = "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
  REQUIRE(::send(s, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
  std::string got;
  char buf[4096];
  std::size_t want = std::string::npos;
  while (want == std::string::npos || got.size() < want) {
    const ssize_t n = ::recv(s, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
    const auto end = got.find("\r\n\r\n");
    if (want == std::string::npos && end != std::string::npos) {
      const auto cl = got.find("Content-Length: ");
      want = end + 4 + (cl == std::string::npos ? 0 : std::stoul(got.substr(cl + 16)));
    }
  }
  return got;
}

}  // namespace

TEST_CASE("a kept-alive connection gives its thread up while another connection waits",
          "[server][keepalive]") {
  // One worker thread. Before the fix, connection B waited until A had sent
  // keep-alive-max (50) requests or idled for the keep-alive timeout: under
  // a steady load of kept-alive connections the queued ones timed out
  // (wrk, 10 s) although the server was answering.
  SlowFixture f(/*read_timeout_s=*/5, /*threads=*/1);
  const int a = connect_to(f.server->port());
  const std::string first = request_on(a, "/healthz");
  CHECK(first.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(first.find("Connection: close") == std::string::npos);  // nobody waits: kept alive
  const int b = connect_to(f.server->port());                    // queued behind A
  std::this_thread::sleep_for(std::chrono::milliseconds(200));    // ... accepted and waiting
  const std::string second = request_on(a, "/healthz");
  CHECK(second.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(second.find("Connection: close") != std::string::npos);  // B waits: A's last request
  const auto t0 = Clock::now();
  const std::string other = request_on(b, "/healthz");
  const double waited = std::chrono::duration<double>(Clock::now() - t0).count();
  INFO("the waiting connection was answered after " << waited << " s");
  CHECK(other.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(waited < 1.5);  // not the 2 s keep-alive timeout of A
  ::close(a);
  ::close(b);
}
