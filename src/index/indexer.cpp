// indexer.cpp — rebuild_index / update_index (palveluhaku/index.h).
//
// A rebuild cuts the records into small chunks that worker threads (one
// DocumentBuilder, i.e. one Analyzer, each) analyse and write into chunk
// databases, merged in record order by Xapian's compactor, so docids are
// deterministic (see write_documents). The new generation is committed
// (Xapian fsyncs), then the stub is switched with rename(). An update
// writes in place and records the docids it changed in the metadata
// (kChangesMetadataKey) so a reader can patch its in-memory view instead of
// rebuilding it.
#include "palveluhaku/index.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <xapian.h>

#include "index/change_log.h"
#include "index/document_builder.h"
#include "index/folded_terms.h"
#include "index/index_config.h"
#include "index/index_dir.h"
#include "palveluhaku/error.h"
#include "palveluhaku/paths.h"

namespace palveluhaku {

namespace fs = std::filesystem;
using namespace palveluhaku::index;

namespace {

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct Setup {
  IndexConfig config;
  std::shared_ptr<const AnalysisResources> resources;
  std::shared_ptr<const CodeLists> codes;
};

Setup load_setup(const IndexOptions& opts) {
  Setup s;
  const std::string cfg = opts.config_dir.empty() ? default_index_config_dir() : opts.config_dir;
  const std::string codes = opts.codes_dir.empty() ? default_codes_dir() : opts.codes_dir;
  s.config = load_index_config(cfg);
  s.resources = AnalysisResources::load(cfg);
  s.codes = CodeLists::load(codes);
  return s;
}

unsigned thread_count(const IndexOptions& opts, std::size_t n) {
  unsigned t = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  t = std::min<unsigned>(t, 16);
  if (n < 64) t = 1;
  return t;
}

// Builds documents for records[i] on `threads` workers and hands them to
// `consume` in record order on the calling thread.
void build_documents(const Setup& s, const std::vector<ServiceRecord>& records, unsigned threads,
                     const std::function<void(std::size_t, BuiltDocument&)>& consume) {
  const std::size_t n = records.size();
  if (threads <= 1) {
    DocumentBuilder b(s.config, s.resources, s.codes);
    for (std::size_t i = 0; i < n; ++i) {
      BuiltDocument d = b.build(records[i]);
      consume(i, d);
    }
    return;
  }
  const std::size_t window = 2048;
  std::vector<std::optional<BuiltDocument>> ring(window);
  std::mutex mu;
  std::condition_variable cv_ready, cv_space;
  std::atomic<std::size_t> next_claim{0};
  std::size_t next_consume = 0;  // guarded by mu
  bool failed = false;           // guarded by mu
  std::exception_ptr error;

  auto worker = [&] {
    try {
      DocumentBuilder b(s.config, s.resources, s.codes);
      for (;;) {
        const std::size_t i = next_claim.fetch_add(1);
        if (i >= n) return;
        {
          std::unique_lock lk(mu);
          cv_space.wait(lk, [&] { return failed || i < next_consume + window; });
          if (failed) return;
        }
        BuiltDocument d = b.build(records[i]);
        {
          std::lock_guard lk(mu);
          ring[i % window] = std::move(d);
        }
        cv_ready.notify_all();
      }
    } catch (...) {
      std::lock_guard lk(mu);
      if (!error) error = std::current_exception();
      failed = true;
      cv_ready.notify_all();
      cv_space.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  try {
    for (std::size_t i = 0; i < n; ++i) {
      BuiltDocument d;
      {
        std::unique_lock lk(mu);
        cv_ready.wait(lk, [&] { return failed || ring[i % window].has_value(); });
        if (failed) break;
        d = std::move(*ring[i % window]);
        ring[i % window].reset();
        next_consume = i + 1;
      }
      cv_space.notify_all();
      consume(i, d);
    }
  } catch (...) {
    {
      std::lock_guard lk(mu);
      if (!error) error = std::current_exception();
      failed = true;
    }
    cv_space.notify_all();
  }
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

void write_metadata(Xapian::WritableDatabase& db, const IndexConfig& config, unsigned long gen) {
  db.set_metadata(kConfigMetadataKey, config.to_json().dump());
  db.set_metadata(kBuiltAtMetadataKey, now_iso());
  db.set_metadata(kGenerationMetadataKey, std::to_string(gen));
}

[[noreturn]] void rethrow_xapian(const Xapian::Error& e, const std::string& what) {
  const std::string type = e.get_type();
  if (type == "DatabaseLockError")
    throw Error(ErrorCode::index_locked, what + ": " + e.get_description());
  if (type == "DatabaseCorruptError")
    throw Error(ErrorCode::index_corrupt, what + ": " + e.get_description());
  throw Error(ErrorCode::io_error, what + ": " + e.get_description());
}

}  // namespace

std::string live_generation_path(const std::string& dir) {
  const std::string gen = live_generation(dir);
  return gen.empty() ? std::string() : (fs::path(dir) / gen).string();
}

namespace {

// Parallel rebuild. Xapian's writer is the larger half of the cost: its
// inverter keeps every pending posting in std::maps (term -> docid -> wdf),
// and once a batch holds thousands of documents each add_posting walks deep
// trees that no longer fit in the cache (1.1 ms per document at 10,000 per
// batch, 0.4 ms at 500). And one database takes one writer. So the records
// are cut into small contiguous chunks; worker threads claim chunks in order
// and each writes its chunk into its own small database ("gen-N.shardK",
// one commit, no fsync: it is temporary). Xapian's compactor then
// concatenates the chunks in order (docids as if one writer had added the
// records one by one), in groups of at most kMergeFanIn databases so the
// number of open files stays bounded, the groups on the worker threads.
// The spelling words are counted per thread and written once at the end.
constexpr std::size_t kMergeFanIn = 64;
// One merge pass per compaction: DBCOMPACT_MULTIPASS (postlists merged in
// several passes through temporary files) gave the same index but took
// twice the merge time (10k records in 20 chunks: 0.78 -> 0.52 s; in 200
// chunks, two levels: 4.9 -> 2.0-2.6 s wall).
constexpr int kCompactFlags = Xapian::DB_BACKEND_GLASS;

struct ChunkPlan {
  std::size_t chunk = 0;   // documents per chunk
  std::size_t chunks = 0;  // number of chunks
};

ChunkPlan plan_chunks(std::size_t n, std::size_t batch) {
  ChunkPlan p;
  p.chunk = std::max<std::size_t>(1, batch);
  p.chunks = n == 0 ? 1 : (n + p.chunk - 1) / p.chunk;
  return p;
}

// Runs task(i) for i in [0, count) on `threads` threads, calling
// `on_tick` on the calling thread every 100 ms until all are done. The first
// exception is rethrown after every thread has stopped; a failure stops the
// others from claiming new tasks.
void run_parallel(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task,
                  const std::function<void()>& on_tick) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::atomic<unsigned> running{0};
  std::exception_ptr error;
  std::mutex error_mu;
  std::condition_variable finished;  // a worker stopped (signalled under error_mu)
  auto worker = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count || failed) break;
      try {
        task(i);
      } catch (...) {
        std::lock_guard lk(error_mu);
        if (!error) error = std::current_exception();
        failed = true;
        break;
      }
    }
    std::lock_guard lk(error_mu);
    --running;
    finished.notify_all();
  };
  threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, count)));
  std::vector<std::thread> pool;
  running = threads;
  try {
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (;;) {
      if (on_tick) on_tick();
      std::unique_lock lk(error_mu);
      if (finished.wait_for(lk, std::chrono::milliseconds(100), [&] { return running.load() == 0; })) break;
    }
  } catch (...) {
    failed = true;
    for (auto& th : pool) th.join();
    throw;
  }
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

// Concatenates `parts` (in order) into a new database at `out`, removing
// the parts. More than kMergeFanIn parts are merged in groups first.
void merge_parts(std::vector<std::string> parts, const std::string& out, unsigned threads) {
  int level = 0;
  while (parts.size() > kMergeFanIn) {
    // Groups of equal size, as many as a multiple of the threads allows
    // (200 parts on 2 threads: 4 x 50, not 64, 64, 64, 8 where one thread
    // merged the third group alone).
    std::size_t groups = (parts.size() + kMergeFanIn - 1) / kMergeFanIn;
    const std::size_t rounded = (groups + threads - 1) / threads * threads;
    if ((parts.size() + rounded - 1) / rounded >= 2) groups = rounded;
    const std::size_t per = (parts.size() + groups - 1) / groups;
    groups = (parts.size() + per - 1) / per;
    std::vector<std::string> merged(groups);
    for (std::size_t g = 0; g < groups; ++g)
      merged[g] = out + ".shardm" + std::to_string(level) + "_" + std::to_string(g);
    run_parallel(groups, threads, [&](std::size_t g) {
      Xapian::Database group;
      const std::size_t from = g * per, to = std::min(parts.size(), from + per);
      for (std::size_t i = from; i < to; ++i) group.add_database(Xapian::Database(parts[i]));
      group.compact(merged[g], kCompactFlags);
      group.close();
      std::error_code ec;
      for (std::size_t i = from; i < to; ++i) fs::remove_all(parts[i], ec);
    }, nullptr);
    parts = std::move(merged);
    ++level;
  }
  Xapian::Database all;
  for (const auto& p : parts) all.add_database(Xapian::Database(p));
  all.compact(out, kCompactFlags);
  all.close();
  std::error_code ec;
  for (const auto& p : parts) fs::remove_all(p, ec);
}

// Writes the documents of records[order[i]] for every i into a complete
// database at `path` (without metadata), counting the spelling words into
// `spelling`. `stats.added` / `replaced` are not touched.
void write_documents(const Setup& s, const std::vector<ServiceRecord>& records,
                     const std::vector<std::size_t>& order, unsigned threads, std::size_t batch,
                     const std::string& path, const IndexOptions& opts,
                     std::unordered_map<std::string, Xapian::termcount>& spelling,
                     std::vector<std::string>& diacritic_terms) {
  const std::size_t n = order.size();
  const ChunkPlan plan = plan_chunks(n, batch);
  // One chunk: write it straight into `path` (small indexes, tests).
  const bool direct = plan.chunks == 1;
  std::vector<std::string> parts(plan.chunks);
  for (std::size_t k = 0; k < plan.chunks; ++k)
    parts[k] = direct ? path : path + ".shard" + std::to_string(k);
  threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, plan.chunks)));

  // Per thread: its DocumentBuilder (claimed by index) and spelling counts.
  struct Slot {
    std::unique_ptr<DocumentBuilder> builder;
    std::unordered_map<std::string, Xapian::termcount> spelling;
    std::vector<std::string> diacritic_terms;
  };
  std::vector<Slot> slots(threads);
  std::mutex slots_mu;
  std::vector<bool> slot_busy(threads, false);
  std::atomic<std::size_t> done{0};
  auto cleanup = [&] {
    std::error_code ec;
    if (!direct)
      for (const auto& p : parts) fs::remove_all(p, ec);
  };
  auto task = [&](std::size_t k) {
    std::size_t si = 0;
    {
      std::lock_guard lk(slots_mu);
      while (slot_busy[si]) ++si;  // at most `threads` tasks run at once
      slot_busy[si] = true;
    }
    Slot& slot = slots[si];
    if (!slot.builder) slot.builder = std::make_unique<DocumentBuilder>(s.config, s.resources, s.codes);
    const int flags = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS |
                      (direct ? 0 : Xapian::DB_NO_SYNC);
    Xapian::WritableDatabase db(parts[k], flags);
    const std::size_t from = k * plan.chunk, to = std::min(n, from + plan.chunk);
    for (std::size_t i = from; i < to; ++i) {
      BuiltDocument d = slot.builder->build(records[order[i]]);
      db.add_document(d.doc);
      for (auto& w : d.spelling_words) ++slot.spelling[w];
      for (auto& t : d.new_diacritic_terms) slot.diacritic_terms.push_back(std::move(t));
      ++done;
    }
    db.commit();
    db.close();
    std::lock_guard lk(slots_mu);
    slot_busy[si] = false;
  };
  try {
    run_parallel(plan.chunks, threads, task, [&] {
      if (opts.progress) opts.progress(std::min(done.load(), n), n);
    });
    if (opts.progress) opts.progress(n, n);
    for (auto& slot : slots)
      for (const auto& [w, f] : slot.spelling) spelling[w] += f;
    for (auto& slot : slots)
      for (auto& t : slot.diacritic_terms) diacritic_terms.push_back(std::move(t));
    if (!direct) merge_parts(parts, path, threads);
  } catch (...) {
    cleanup();
    throw;
  }
}

}  // namespace

IndexStats rebuild_index(const std::string& dir, const std::vector<ServiceRecord>& records,
                         const IndexOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  WriterLock lock(dir);
  remove_stale_generations(dir);
  const Setup s = load_setup(opts);

  const auto gens = generations(dir);
  const unsigned long gen = (gens.empty() ? 0 : gens.back()) + 1;
  const std::string gen_name = generation_name(gen);
  const std::string path = (fs::path(dir) / gen_name).string();
  IndexStats stats;
  try {
    // A duplicated id keeps its last record, as replace_document would
    // (importers report and skip duplicates before this).
    std::unordered_map<std::string, std::size_t> last;
    last.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) last[records[i].id] = i;
    std::vector<std::size_t> order;
    order.reserve(last.size());
    for (std::size_t i = 0; i < records.size(); ++i)
      if (last[records[i].id] == i) order.push_back(i);
    stats.added = order.size();
    stats.replaced = records.size() - order.size();

    std::unordered_map<std::string, Xapian::termcount> spelling;
    std::vector<std::string> diacritic_terms;
    write_documents(s, records, order, thread_count(opts, records.size()), opts.batch_size, path, opts,
                    spelling, diacritic_terms);
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    // The terms with diacritics by folded form (instead of indexed "F" terms).
    std::sort(diacritic_terms.begin(), diacritic_terms.end());
    diacritic_terms.erase(std::unique(diacritic_terms.begin(), diacritic_terms.end()), diacritic_terms.end());
    add_folded_terms(db, diacritic_terms);
    // Rarely used words make most spelling suggestions noise: keep them all,
    // Xapian prefers the most frequent candidate.
    for (const auto& [w, f] : spelling) db.add_spelling(w, f);
    write_metadata(db, s.config, gen);
    db.commit();
    stats.documents = db.get_doccount();
    db.close();
    switch_live_generation(dir, gen_name);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(path, ec);
    rethrow_xapian(e, "building " + path);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(path, ec);
    throw;
  }
  remove_stale_generations(dir);
  stats.generation = gen;
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

IndexStats update_index(const std::string& dir, const std::vector<ServiceRecord>& upserts,
                        const std::vector<std::string>& delete_ids, const IndexOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::string path;
  {
    WriterLock lock(dir);
    path = live_generation_path(dir);
  }
  if (path.empty()) {
    // No index yet: build one from the upserts (deletes have nothing to act on).
    IndexStats st = rebuild_index(dir, upserts, opts);
    st.not_found = delete_ids.size();
    return st;
  }
  WriterLock lock(dir);
  path = live_generation_path(dir);
  remove_stale_generations(dir);
  const Setup s = load_setup(opts);
  IndexStats stats;
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    // Keep the index's own shape: terms must match what is already there.
    const std::string stored = db.get_metadata(kConfigMetadataKey);
    Setup eff = s;
    if (!stored.empty()) {
      const auto stored_json = nlohmann::json::parse(stored);
      eff.config = index_config_from_json(stored_json, path + " metadata");
      // Built before "inflected_forms" existed: it has them.
      if (!stored_json.contains("inflected_forms")) eff.config.inflected_forms = true;
    }
    // Every docid this commit touches, for readers patching their view.
    std::vector<Xapian::docid> changed;
    auto holders = [&](const std::string& term) {
      std::size_t k = 0;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p, ++k) changed.push_back(*p);
      return k;
    };
    build_documents(eff, upserts, thread_count(opts, upserts.size()),
                    [&](std::size_t i, BuiltDocument& d) {
                      if (holders(d.id_term) > 0)
                        ++stats.replaced;
                      else
                        ++stats.added;
                      changed.push_back(db.replace_document(d.id_term, d.doc));
                      for (auto& w : d.spelling_words) db.add_spelling(w, 1);
                      add_folded_terms(db, d.new_diacritic_terms);
                      if (opts.progress) opts.progress(i + 1, upserts.size());
                    });
    for (const auto& id : delete_ids) {
      const std::string term = eff.config.id_prefix + id;
      if (holders(term) > 0) {
        db.delete_document(term);
        ++stats.deleted;
      } else {
        ++stats.not_found;
      }
    }
    db.set_metadata(kBuiltAtMetadataKey, now_iso());
    // Xapian numbers each commit's revision one above the last.
    db.set_metadata(kChangesMetadataKey,
                    append_change(db.get_metadata(kChangesMetadataKey), db.get_revision() + 1, changed));
    db.commit();
    stats.documents = db.get_doccount();
    stats.generation = parse_generation_name(fs::path(path).filename().string());
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, "updating " + path);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::index_corrupt, path + ": bad index configuration metadata: " + e.what());
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace palveluhaku
