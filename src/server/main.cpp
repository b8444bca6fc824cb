// palveluhaku-server — serves the search API and the site over HTTP.
// Thin: load options, open the index, run the HTTP front until a signal.
#include <malloc.h>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "http_server.h"
#include "palveluhaku/error.h"
#include "palveluhaku/options.h"
#include "palveluhaku/search.h"
#include "palveluhaku/version.h"
#include "server_options.h"

namespace ph = palveluhaku;

namespace {

// glibc gives each thread that allocates its own malloc arena, up to 8 per
// core: with --threads 32 request threads nearly every thread had one, and
// memory freed in one arena (a cache entry dropped, a search's buffers)
// served only that arena's later requests, so the process held each arena's
// own high-water mark. With made-up words driving the bounded caches on a
// 2-core machine, PSS grew 22 -> 38 MB in 2300 requests with the default
// arenas against 18 -> 31 MB with two (the same load at the same time). At
// most as many searches run as cores (--search-workers), so one arena per
// core (at least two) is enough for them. MALLOC_ARENA_MAX in the
// environment still wins.
void limit_malloc_arenas() {
  if (std::getenv("MALLOC_ARENA_MAX")) return;
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  mallopt(M_ARENA_MAX, std::max(2, cores));
}

// Freed memory stays in its arena until the top of that arena's heap is
// free: the result and answer caches drop a past minute's entries, the
// record and posting caches replace entries all the time, and the holes
// they leave below live blocks are never given back. Under made-up words at
// 100k with 2 MiB caches the server's anonymous memory stepped 97 -> 108 MB
// in 5 minutes while malloc's in-use bytes stayed level, and one
// malloc_trim(0) gave 11.5 MB back at once. Every kTrimInterval the free
// pages of every arena go back to the system (a few ms of arena locks).
constexpr std::chrono::seconds kTrimInterval{30};

void start_malloc_trimmer() {
  std::thread([] {
    for (;;) {
      std::this_thread::sleep_for(kTrimInterval);
      malloc_trim(0);
    }
  }).detach();
}

}  // namespace

int main(int argc, char** argv) {
  limit_malloc_arenas();
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto& specs = ph::server::server_option_specs();
  ph::server::ServerOptions options;
  try {
    const ph::LoadedOptions loaded = ph::load_options(specs, args);
    if (loaded.help) {
      std::cout << ph::options_help("palveluhaku-server",
                                    "Serves the Palveluhaku search API (/api/v1/...), the site, "
                                    "/healthz and /metrics from an index directory.",
                                    specs);
      return 0;
    }
    if (loaded.version) {
      std::cout << "palveluhaku-server " << ph::version() << "\n";
      return 0;
    }
    options = ph::server::server_options_from(loaded);
  } catch (const ph::Error& e) {
    std::cerr << "palveluhaku-server: " << e.what() << "\n"
              << "Try 'palveluhaku-server --help'.\n";
    return 2;
  }

  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    ph::EngineOptions eo;
    eo.config_dir = options.config_dir;
    eo.codes_dir = options.codes_dir;
    eo.reload_interval_ms = options.reload_interval_ms;
    eo.result_cache_entries = options.result_cache;
    eo.max_workers = options.search_workers;
    eo.result_cache_bytes = options.result_cache_mb << 20;
    eo.postings_cache_bytes = options.postings_cache_mb << 20;
    eo.record_cache_bytes = options.record_cache_mb << 20;
    eo.analysis_cache_entries = options.analysis_cache_entries;
    eo.suggestion_cache_entries = options.suggestion_cache_entries;
    const ph::SearchEngine engine(options.index_dir, eo);
    ph::server::HttpServer server(engine, options);
    const int port = server.bind();
    const auto info = engine.info();
    std::cerr << "palveluhaku-server " << ph::version() << ": serving " << options.index_dir
              << " (" << info.documents << " documents, generation " << info.generation
              << ") on http://" << options.host << ":" << port << "/\n";

    std::thread watcher([&server, stop_signals] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      std::cerr << "palveluhaku-server: signal " << sig << ", stopping\n";
      server.stop();
    });
    start_malloc_trimmer();
    const bool ok = server.listen();
    if (watcher.joinable()) {
      // listen() returned on its own (socket error): wake the watcher.
      if (!ok) pthread_kill(watcher.native_handle(), SIGTERM);
      watcher.join();
    }
    return ok ? 0 : 1;
  } catch (const ph::Error& e) {
    std::cerr << "palveluhaku-server: " << e.what() << "\n";
    return e.code() == ph::ErrorCode::invalid_config ? 2 : 1;
  }
}
