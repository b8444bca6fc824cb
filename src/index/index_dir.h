// index_dir.h — the index directory: stub file, generations, writer lock.
//
// Layout (see palveluhaku/index.h): DIR/XAPIANDB names the live generation
// ("auto gen-000042"), DIR/gen-NNNNNN are glass databases, DIR/.lock is
// flock()ed by a writer.
//
// Threading: functions are re-entrant; the lock serialises writers across
// processes.
#pragma once

#include <string>
#include <vector>

namespace palveluhaku::index {

// Name of generation n: "gen-000042".
std::string generation_name(unsigned long n);
// Parses "gen-000042" -> 42; returns 0 for anything else.
unsigned long parse_generation_name(const std::string& name);

// The live generation's directory name from DIR/XAPIANDB ("gen-000042"), or
// "" if there is no stub or it does not name an existing database.
std::string live_generation(const std::string& dir);

// All generation numbers present in DIR, ascending.
std::vector<unsigned long> generations(const std::string& dir);

// Atomically points DIR/XAPIANDB at `gen_name` (write temp, fsync, rename,
// fsync DIR). Throws Error(io_error).
void switch_live_generation(const std::string& dir, const std::string& gen_name);

// Removes every generation except the live one and the newest one older than
// it (readers may still have that open), and leftover temporary files.
// Partial generations of an interrupted rebuild are newer than the live one
// and are removed too, as are the shard databases of an interrupted parallel
// rebuild ("gen-NNNNNN.shardK"). Errors are ignored (best effort).
void remove_stale_generations(const std::string& dir);

// Exclusive writer lock on DIR/.lock (creates DIR if needed). Throws
// Error(index_locked) if another writer holds it, Error(io_error) if DIR
// cannot be created. Released by the destructor.
class WriterLock {
 public:
  explicit WriterLock(const std::string& dir);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace palveluhaku::index
