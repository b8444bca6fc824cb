// index.h — building and updating the Xapian index.
//
// Index directory layout (DIR is what --index names):
//   DIR/XAPIANDB         Xapian stub file naming the live generation
//                        ("auto gen-000042"); replaced atomically by rename()
//   DIR/gen-NNNNNN/      one complete Xapian glass database per generation
//   DIR/.lock            held by a writer while it works (flock)
// A rebuild writes gen-(N+1) beside the live one, commits, fsyncs and only
// then renames a new stub over XAPIANDB, so a reader never sees a half-built
// index and an interrupted rebuild (even kill -9) leaves the old one live.
// The generation before the live one is kept (readers may still have it
// open); older ones are removed. An update (--update) writes into the live
// generation in place with one atomic commit and logs the docids it changed.
//
// The index shape (fields, weights, prefixes, value slots) is declared in
// index-config/index.json; see index-config/README.md.
//
// Threading: one writer at a time per DIR (enforced by the lock file; a
// second writer gets Error(index_locked)). Readers need no coordination.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "palveluhaku/analysis.h"
#include "palveluhaku/codes.h"
#include "palveluhaku/record.h"

namespace palveluhaku {

struct IndexOptions {
  // Directory holding index.json and analysis/. Default: the installed
  // share/palveluhaku/index-config (see paths.h).
  std::string config_dir;
  // Directory holding the code lists. Default: share/palveluhaku/codes.
  std::string codes_dir;
  // Worker threads of a rebuild (analyse and write). Default: 0 = cores.
  unsigned threads = 0;
  // Documents per chunk of a rebuild: each chunk is written by one thread
  // into its own small database in one commit, and the chunks are merged in
  // order by Xapian's compactor. Small chunks keep Xapian's in-memory
  // inverter small (its per-posting cost grows with the batch); a rebuild of
  // at most this many records writes one database directly. Default: 500.
  std::size_t batch_size = 500;
  // Progress callback (documents done, total). Default: none.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct IndexStats {
  std::size_t documents = 0;     // documents in the index afterwards
  std::size_t added = 0;         // new ids
  std::size_t replaced = 0;      // ids that existed and were replaced
  std::size_t deleted = 0;       // ids removed
  std::size_t not_found = 0;     // ids asked to delete that did not exist
  unsigned long generation = 0;  // the live generation afterwards
  double seconds = 0;
};

// Builds a complete new generation from `records` and switches to it
// atomically. Throws Error(io_error / index_locked) on failure, in which case
// the previous generation stays live and the partial one is removed.
IndexStats rebuild_index(const std::string& dir, const std::vector<ServiceRecord>& records,
                         const IndexOptions& opts);

// Adds or replaces `upserts` (by id) and deletes `delete_ids` in the live
// generation, in one Xapian commit. Creates the index if DIR has none.
IndexStats update_index(const std::string& dir, const std::vector<ServiceRecord>& upserts,
                        const std::vector<std::string>& delete_ids, const IndexOptions& opts);

// The path of the live generation's database, or "" if DIR holds no index.
std::string live_generation_path(const std::string& dir);

}  // namespace palveluhaku
