// perf_runner.cpp — the in-process side of bench/run: index build
// throughput, search latency with all facet counts, memory, and the time
// from an --update until a second engine finds the record.
//
//   palveluhaku-perf-runner build  --corpus FILE --index DIR [--threads N] [--batch-size N] [--out JSON]
//   palveluhaku-perf-runner search --index DIR --queries TSV [--rounds N] [--out JSON] [--per-query TSV]
//                                  [--result-cache off|on] [--postings-cache-mb N] [--dump FILE]
//   palveluhaku-perf-runner update --index DIR --indexer PATH [--out JSON]
//
// Each mode prints one human line per figure and, with --out, writes the
// figures as JSON for bench/run's table. Exit status: 0 on success, 1 if
// something is broken (an exception, every query empty, update never seen).
//
// `build` runs with the allocator palveluhaku-index is linked with
// (tcmalloc-minimal, see PALVELUHAKU_INDEXER_TCMALLOC in CMakeLists.txt): the
// runner re-executes itself with it in LD_PRELOAD, so its build figures are
// the indexer's; `search` and `update` keep glibc malloc, as the server does.
// The JSON's "allocator" says which one a build ran with.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "palveluhaku/error.h"
#include "palveluhaku/index.h"
#include "palveluhaku/search.h"
#include "palveluhaku/sources.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using palveluhaku::SearchRequest;

namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of the calling thread in ms: unlike wall time it does not grow
// when other processes compete for the cores.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// VmRSS / VmHWM of this process in kB.
long proc_status_kb(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const std::string k = std::string(key) + ":";
  while (std::getline(f, line))
    if (line.rfind(k, 0) == 0) return std::atol(line.c_str() + k.size());
  return -1;
}

std::uintmax_t dir_size(const std::string& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// Wednesday 2026-11-25 10:30 Helsinki (08:30 UTC): the fixed "now" that the
// peers use as well.
std::chrono::system_clock::time_point bench_now() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 25} + hours{8} + minutes{30};
}

struct BenchQuery {
  std::string tag;
  SearchRequest req;
};

// One line of queries.tsv: tag \t q \t params (GET /api/v1/search names).
BenchQuery parse_query(const std::string& line) {
  BenchQuery bq;
  std::vector<std::string> cols;
  std::stringstream ss(line);
  std::string col;
  while (std::getline(ss, col, '\t')) cols.push_back(col);
  cols.resize(3);
  bq.tag = cols[0];
  bq.req.q = cols[1];
  bq.req.now = bench_now();
  std::stringstream ps(cols[2]);
  std::string kv;
  while (std::getline(ps, kv, '&')) {
    if (kv.empty()) continue;
    auto eq = kv.find('=');
    std::string k = kv.substr(0, eq), v = url_decode(kv.substr(eq + 1));
    if (k == "age") {
      bq.req.age = std::stoi(v);
    } else if (k == "near") {
      auto comma = v.find(',');
      bq.req.near = palveluhaku::GeoPoint{std::stod(v.substr(0, comma)), std::stod(v.substr(comma + 1))};
    } else if (k == "radius_km") {
      bq.req.radius_km = std::stod(v);
    } else if (k == "sort") {
      bq.req.sort = v == "distance" ? palveluhaku::SortOrder::distance
                    : v == "name"   ? palveluhaku::SortOrder::name
                                    : palveluhaku::SortOrder::relevance;
    } else {
      bq.req.filters[k].push_back(v);
    }
  }
  if (bq.req.q.empty() && bq.req.sort == palveluhaku::SortOrder::relevance)
    bq.req.sort = bq.req.near ? palveluhaku::SortOrder::distance : palveluhaku::SortOrder::name;
  bq.req.facets = true;
  return bq;
}

std::vector<BenchQuery> read_queries(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::vector<BenchQuery> out;
  std::string line;
  while (std::getline(f, line))
    if (!line.empty() && line[0] != '#') out.push_back(parse_query(line));
  return out;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  double k = (static_cast<double>(sorted.size()) - 1) * p / 100.0;
  auto lo = static_cast<std::size_t>(k);
  std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (k - static_cast<double>(lo));
}

struct Args {
  std::map<std::string, std::string> kv;
  std::string get(const std::string& k, const std::string& def = "") const {
    auto it = kv.find(k);
    return it == kv.end() ? def : it->second;
  }
};

void write_json(const Args& a, const nlohmann::json& j) {
  std::cout << j.dump() << "\n";
  if (auto out = a.get("out"); !out.empty()) std::ofstream(out) << j.dump(1) << "\n";
}

// CPU seconds (user + system) of this process so far, every thread.
double process_cpu_s() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// The indexer's allocator library ("" = glibc malloc).
const char* indexer_allocator() {
#ifdef PALVELUHAKU_INDEXER_MALLOC
  return PALVELUHAKU_INDEXER_MALLOC;
#else
  return "";
#endif
}

bool allocator_preloaded() {
  const char* pre = std::getenv("LD_PRELOAD");
  return *indexer_allocator() && pre && std::string(pre).find(indexer_allocator()) != std::string::npos;
}

std::string build_allocator() {
  return allocator_preloaded() ? fs::path(indexer_allocator()).filename().string() : "glibc";
}

// Re-executes the runner with the indexer's allocator preloaded (returns
// only if that is not possible; the build then runs on glibc malloc).
void reexec_with_indexer_allocator(char** argv) {
  if (!*indexer_allocator() || allocator_preloaded() || std::getenv("PALVELUHAKU_RUNNER_GLIBC")) return;
  std::string pre = indexer_allocator();
  if (const char* old = std::getenv("LD_PRELOAD"); old && *old) pre += std::string(":") + old;
  ::setenv("LD_PRELOAD", pre.c_str(), 1);
  ::execv("/proc/self/exe", argv);
  std::perror("palveluhaku-perf-runner: re-exec with the indexer's allocator");
}

int run_build(const Args& a) {
  const std::string corpus = a.get("corpus"), index = a.get("index");
  auto t0 = Clock::now();
  const double cpu0 = process_cpu_s();
  palveluhaku::ImportResult imp = palveluhaku::import_sources({corpus});
  double import_ms = ms_since(t0);
  const double import_cpu = process_cpu_s() - cpu0;
  if (imp.records.empty()) {
    std::cerr << "no records imported from " << corpus << " (" << imp.problems.size() << " problems)\n";
    for (std::size_t i = 0; i < imp.problems.size() && i < 5; ++i)
      std::cerr << "  " << imp.problems[i].to_string() << "\n";
    return 1;
  }
  palveluhaku::IndexOptions opts;
  if (auto t = a.get("threads"); !t.empty()) opts.threads = static_cast<unsigned>(std::stoul(t));
  if (auto b = a.get("batch-size"); !b.empty()) opts.batch_size = std::stoul(b);
  fs::remove_all(index);
  auto t1 = Clock::now();
  // When every document is written (into its chunk); the rest is merging
  // the chunks and the final commit.
  double written_ms = 0;
  opts.progress = [&](std::size_t done, std::size_t total) {
    if (done >= total && written_ms == 0) written_ms = ms_since(t1);
  };
  const double cpu1 = process_cpu_s();
  palveluhaku::IndexStats st = palveluhaku::rebuild_index(index, imp.records, opts);
  double build_ms = ms_since(t1);
  const double build_cpu = process_cpu_s() - cpu1;
  const std::string live = palveluhaku::live_generation_path(index);
  const double n = static_cast<double>(st.documents);
  nlohmann::json j = {{"mode", "build"},
                      {"documents", st.documents},
                      {"problems", imp.problems.size()},
                      {"import_s", import_ms / 1000},
                      {"import_cpu_s", import_cpu},
                      {"build_s", build_ms / 1000},
                      {"build_write_s", written_ms / 1000},
                      {"build_merge_s", (build_ms - written_ms) / 1000},
                      {"build_cpu_s", build_cpu},
                      {"build_cpu_ms_per_doc", 1000 * build_cpu / std::max(1.0, n)},
                      {"build_docs_per_s_two_free_cores_est", n / std::max(1e-9, build_cpu / 2)},
                      {"build_docs_per_s", n / (build_ms / 1000)},
                      {"import_and_build_docs_per_s", n / ((import_ms + build_ms) / 1000)},
                      {"index_bytes", dir_size(live)},
                      {"peak_rss_kb", proc_status_kb("VmHWM")},
                      {"batch_size", opts.batch_size},
                      {"allocator", build_allocator()},
                      {"threads", opts.threads == 0 ? std::thread::hardware_concurrency() : opts.threads}};
  std::fprintf(stderr,
               "build: %zu docs, import %.1f s (%.1f CPU-s), rebuild_index %.1f s (write %.1f + merge %.1f; "
               "%.1f CPU-s = %.3f ms/doc) = %.0f docs/s, index %.1f MB\n",
               st.documents, import_ms / 1000, import_cpu, build_ms / 1000, written_ms / 1000,
               (build_ms - written_ms) / 1000, build_cpu, 1000 * build_cpu / std::max(1.0, n),
               n / (build_ms / 1000), static_cast<double>(dir_size(live)) / 1e6);
  write_json(a, j);
  return st.documents > 0 ? 0 : 1;
}

int run_search(const Args& a) {
  const int rounds = std::stoi(a.get("rounds", "5"));
  std::vector<BenchQuery> queries = read_queries(a.get("queries"));
  long rss_before = proc_status_kb("VmRSS");
  auto t0 = Clock::now();
  // The result cache is off by default: the figures are then the engine's
  // own work for every search, not a lookup of the previous round's answer.
  palveluhaku::EngineOptions eo;
  const bool result_cache = a.get("result-cache", "off") == "on";
  eo.result_cache_entries = result_cache ? 4096 : 0;
  if (auto mb = a.get("postings-cache-mb"); !mb.empty()) eo.postings_cache_bytes = std::stoul(mb) << 20;
  palveluhaku::SearchEngine engine(a.get("index"), eo);
  double open_ms = ms_since(t0);
  long rss_open = proc_status_kb("VmRSS");
  std::size_t errors = 0, zero = 0;
  std::vector<std::size_t> totals(queries.size());
  auto one = [&](std::size_t i) {
    try {
      auto r = engine.search(queries[i].req);
      totals[i] = r.total;
      return true;
    } catch (const std::exception& e) {
      if (errors++ < 5) std::cerr << "query " << i << " (" << queries[i].req.q << "): " << e.what() << "\n";
      return false;
    }
  };
  if (auto dump = a.get("dump"); !dump.empty()) {
    // Every result of the mix as one JSON line (total, facets, the page with
    // scores and snippets), to compare two versions of the engine exactly.
    std::ofstream f(dump);
    for (const auto& q : queries) {
      nlohmann::json j;
      try {
        const auto r = engine.search(q.req);
        j["total"] = r.total;
        j["relaxed"] = r.relaxed;
        j["corrected"] = r.corrected;
        j["did_you_mean"] = r.did_you_mean ? nlohmann::json(*r.did_you_mean) : nlohmann::json(nullptr);
        for (const auto& h : r.hits)
          j["hits"].push_back({h.id, static_cast<int>(h.match), h.score, h.snippet,
                               h.distance_km ? *h.distance_km : -1.0, h.open_now ? int(*h.open_now) : -1});
        for (const auto& [field, list] : r.facets)
          for (const auto& fc : list) j["facets"][field].push_back({fc.value, fc.label, fc.count});
      } catch (const std::exception& e) {
        j["error"] = e.what();
      }
      f << q.tag << '\t' << q.req.q << '\t' << j.dump() << '\n';
    }
  }
  auto tw = Clock::now();
  for (std::size_t i = 0; i < queries.size(); ++i) one(i);  // warm-up (first touch of every page)
  double warm_ms = ms_since(tw);
  std::vector<double> lat, cpu;
  std::vector<double> query_cpu(queries.size(), 0.0);  // summed over the rounds
  std::map<std::string, std::vector<double>> by_tag;
  for (int r = 0; r < rounds; ++r)
    for (std::size_t i = 0; i < queries.size(); ++i) {
      auto t = Clock::now();
      const double c0 = thread_cpu_ms();
      one(i);
      double ms = ms_since(t);
      cpu.push_back(thread_cpu_ms() - c0);
      query_cpu[i] += cpu.back();
      lat.push_back(ms);
      by_tag[queries[i].tag.substr(0, queries[i].tag.find('+')) +
             (queries[i].tag.find("+near") != std::string::npos ? "+near" : "")]
          .push_back(ms);
    }
  for (auto t : totals) zero += t == 0;
  if (auto pq = a.get("per-query"); !pq.empty()) {
    // tag, q, total, mean thread CPU ms: which searches cost what.
    std::ofstream f(pq);
    for (std::size_t i = 0; i < queries.size(); ++i)
      f << queries[i].tag << '\t' << queries[i].req.q << '\t' << totals[i] << '\t'
        << query_cpu[i] / std::max(1, rounds) << '\n';
  }
  std::sort(lat.begin(), lat.end());
  std::sort(cpu.begin(), cpu.end());
  double mean_total = 0;
  for (auto t : totals) mean_total += static_cast<double>(t);
  mean_total /= static_cast<double>(std::max<std::size_t>(1, totals.size()));
  nlohmann::json tags = nlohmann::json::object();
  for (auto& [tag, v] : by_tag) {
    std::sort(v.begin(), v.end());
    tags[tag] = {{"p50_ms", percentile(v, 50)}, {"p99_ms", percentile(v, 99)}, {"n", v.size()}};
  }
  auto info = engine.info();
  nlohmann::json j = {{"mode", "search"},
                      {"documents", info.documents},
                      {"searches", lat.size()},
                      {"rounds", rounds},
                      {"result_cache", result_cache},
                      {"postings_cache_bytes", eo.postings_cache_bytes},
                      {"result_cache_hits", engine.cache_stats().result_hits},
                      {"open_ms", open_ms},
                      {"warmup_ms", warm_ms},
                      {"p50_ms", percentile(lat, 50)},
                      {"p95_ms", percentile(lat, 95)},
                      {"p99_ms", percentile(lat, 99)},
                      {"max_ms", lat.empty() ? 0 : lat.back()},
                      {"cpu_p50_ms", percentile(cpu, 50)},
                      {"cpu_p95_ms", percentile(cpu, 95)},
                      {"cpu_p99_ms", percentile(cpu, 99)},
                      {"errors", errors},
                      {"zero_hit_queries", zero},
                      {"mean_total", mean_total},
                      {"rss_before_open_kb", rss_before},
                      {"rss_after_open_kb", rss_open},
                      {"rss_after_searches_kb", proc_status_kb("VmRSS")},
                      {"by_tag", tags}};
  std::fprintf(stderr, "search (result cache %s): %zu docs, %zu searches, p50 %.3f ms p95 %.3f ms p99 %.3f ms (CPU p50 %.3f "
               "p99 %.3f ms), RSS %ld MB, errors %zu, zero-hit %zu/%zu\n", result_cache ? "on" : "off",
               info.documents, lat.size(),
               percentile(lat, 50), percentile(lat, 95), percentile(lat, 99), percentile(cpu, 50),
               percentile(cpu, 99), proc_status_kb("VmRSS") / 1024, errors, zero, queries.size());
  write_json(a, j);
  return errors == 0 && zero < queries.size() ? 0 : 1;
}

// Writes one new record with a made-up word, runs the real indexer CLI with
// --update, and searches for the word with an engine opened beforehand
// (as a running server has one) until it is found.
int run_update(const Args& a) {
  const std::string index = a.get("index"), indexer = a.get("indexer");
  palveluhaku::SearchEngine engine(index, palveluhaku::EngineOptions{});
  std::mt19937 rng(static_cast<unsigned>(std::chrono::system_clock::now().time_since_epoch().count()));
  std::string word = "zq";
  for (int i = 0; i < 8; ++i) word += static_cast<char>('a' + rng() % 26);
  const std::string id = "bench-update-" + word;
  nlohmann::json rec = {{"id", id},
                        {"source", "json:bench-update"},
                        {"source_id", word},
                        {"provider", {{"name", {{"fi", "Benchmark"}}}, {"type", "ngo"}}},
                        {"name", {{"fi", "Perhekahvila " + word}}},
                        {"summary", {{"fi", "Päivitetty palvelu " + word}}},
                        {"area", {{"municipalities", {"837"}}}}};
  const std::string file = (fs::temp_directory_path() / ("palveluhaku-update-" + word + ".jsonl")).string();
  std::ofstream(file) << rec.dump() << "\n";
  SearchRequest req;
  req.q = word;
  req.facets = false;
  if (engine.search(req).total != 0) throw std::runtime_error("the made-up word is already indexed");
  const std::string cmd = "'" + indexer + "' --index '" + index + "' --update '" + file + "' >/dev/null 2>&1";
  auto t0 = Clock::now();
  int rc = std::system(cmd.c_str());
  double cli_ms = ms_since(t0);
  double seen_ms = -1;
  while (ms_since(t0) < 10000) {
    if (engine.search(req).total > 0) {
      seen_ms = ms_since(t0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // Leave the index as it was.
  std::system(("'" + indexer + "' --index '" + index + "' --update --delete '" + id + "' >/dev/null 2>&1").c_str());
  fs::remove(file);
  nlohmann::json j = {{"mode", "update"}, {"command", cmd}, {"indexer_exit", rc},
                      {"indexer_ms", cli_ms}, {"visible_ms", seen_ms},
                      {"documents", engine.info().documents}};
  std::fprintf(stderr, "update: indexer %.0f ms (exit %d), searchable after %.0f ms\n", cli_ms, rc, seen_ms);
  write_json(a, j);
  return rc == 0 && seen_ms >= 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: palveluhaku-perf-runner build|search|update --key value ...\n";
    return 2;
  }
  Args a;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0) {
      std::cerr << "expected --option, got " << k << "\n";
      return 2;
    }
    a.kv[k.substr(2)] = argv[i + 1];
  }
  const std::string mode = argv[1];
  if (mode == "build") reexec_with_indexer_allocator(argv);
  try {
    if (mode == "build") return run_build(a);
    if (mode == "search") return run_search(a);
    if (mode == "update") return run_update(a);
  } catch (const std::exception& e) {
    std::cerr << mode << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}
