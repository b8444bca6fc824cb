// indexer.cpp — rebuild_index / update_index (palveluhaku/index.h).
//
// A rebuild analyses the records on several threads (one DocumentBuilder,
// i.e. one Analyzer, each) and adds the documents in record order on the
// calling thread, so docids are deterministic. The new generation is
// committed (Xapian fsyncs), then the stub is switched with rename().
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
#include <unordered_set>

#include <xapian.h>

#include "index/document_builder.h"
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

// Parallel rebuild: Xapian's writer (its inverter) costs about as much as
// the analysis, and one database takes one writer. So each thread analyses
// and writes a contiguous slice of the records into its own shard database;
// the shards are then merged by Xapian's compactor, which concatenates them
// in order (docids as if written by one writer) and sums the spelling
// tables. Returns the number of documents per shard.
void build_sharded(const Setup& s, const std::vector<ServiceRecord>& records,
                   const std::vector<std::size_t>& order, unsigned shards, const std::string& path,
                   const IndexOptions& opts) {
  const std::size_t n = order.size();
  std::vector<std::string> shard_paths;
  for (unsigned k = 0; k < shards; ++k) shard_paths.push_back(path + ".shard" + std::to_string(k));
  std::atomic<std::size_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mu;
  auto cleanup = [&] {
    std::error_code ec;
    for (const auto& sp : shard_paths) fs::remove_all(sp, ec);
  };
  auto shard = [&](unsigned k) {
    try {
      const std::size_t from = n * k / shards, to = n * (k + 1) / shards;
      DocumentBuilder b(s.config, s.resources, s.codes);
      Xapian::WritableDatabase db(shard_paths[k], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
      std::unordered_map<std::string, Xapian::termcount> spelling;
      const std::size_t batch = std::max<std::size_t>(1, opts.batch_size / shards);
      std::size_t since_commit = 0;
      for (std::size_t i = from; i < to && !failed; ++i) {
        BuiltDocument d = b.build(records[order[i]]);
        db.add_document(d.doc);
        for (auto& w : d.spelling_words) ++spelling[w];
        if (++since_commit >= batch) {
          db.commit();
          since_commit = 0;
        }
        ++done;
      }
      for (const auto& [w, f] : spelling) db.add_spelling(w, f);
      db.commit();
      db.close();
    } catch (...) {
      std::lock_guard lk(error_mu);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> pool;
  try {
    for (unsigned k = 0; k < shards; ++k) pool.emplace_back(shard, k);
    for (;;) {
      const std::size_t d = done.load();
      if (opts.progress) opts.progress(d, n);
      if (d >= n || failed) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  } catch (...) {
    failed = true;
    for (auto& th : pool) th.join();
    cleanup();
    throw;
  }
  for (auto& th : pool) th.join();
  if (error) {
    cleanup();
    std::rethrow_exception(error);
  }
  try {
    Xapian::Database all;
    for (const auto& sp : shard_paths) all.add_database(Xapian::Database(sp));
    all.compact(path, Xapian::DB_BACKEND_GLASS);
  } catch (...) {
    cleanup();
    throw;
  }
  cleanup();
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
  const unsigned threads = thread_count(opts, records.size());
  if (threads > 1 && records.size() >= 2000) {
    try {
      // The last record of a duplicated id wins, as with replace_document.
      std::unordered_map<std::string, std::size_t> last;
      for (std::size_t i = 0; i < records.size(); ++i) last[records[i].id] = i;
      std::vector<std::size_t> order;
      order.reserve(last.size());
      for (std::size_t i = 0; i < records.size(); ++i)
        if (last[records[i].id] == i) order.push_back(i);
      stats.added = order.size();
      stats.replaced = records.size() - order.size();
      build_sharded(s, records, order, threads, path, opts);
      Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
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
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    std::unordered_map<std::string, Xapian::termcount> spelling;
    std::unordered_set<std::string> seen_ids;
    const std::size_t batch = std::max<std::size_t>(1, opts.batch_size);
    std::size_t since_commit = 0;
    build_documents(s, records, thread_count(opts, records.size()),
                    [&](std::size_t i, BuiltDocument& d) {
                      // replace_document keeps the last record of a duplicated id
                      // (importers report and skip duplicates before this). The
                      // database is new: a set of ids answers without asking it.
                      if (!seen_ids.insert(d.id_term).second) {
                        db.replace_document(d.id_term, d.doc);
                        ++stats.replaced;
                      } else {
                        db.add_document(d.doc);
                        ++stats.added;
                      }
                      for (auto& w : d.spelling_words) ++spelling[w];
                      if (++since_commit >= batch) {
                        db.commit();
                        since_commit = 0;
                      }
                      if (opts.progress && ((i + 1) % 256 == 0 || i + 1 == records.size()))
                        opts.progress(i + 1, records.size());
                    });
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
    if (!stored.empty())
      eff.config = index_config_from_json(nlohmann::json::parse(stored), path + " metadata");
    build_documents(eff, upserts, thread_count(opts, upserts.size()),
                    [&](std::size_t i, BuiltDocument& d) {
                      if (db.term_exists(d.id_term))
                        ++stats.replaced;
                      else
                        ++stats.added;
                      db.replace_document(d.id_term, d.doc);
                      for (auto& w : d.spelling_words) db.add_spelling(w, 1);
                      if (opts.progress) opts.progress(i + 1, upserts.size());
                    });
    for (const auto& id : delete_ids) {
      const std::string term = eff.config.id_prefix + id;
      if (db.term_exists(term)) {
        db.delete_document(term);
        ++stats.deleted;
      } else {
        ++stats.not_found;
      }
    }
    db.set_metadata(kBuiltAtMetadataKey, now_iso());
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
