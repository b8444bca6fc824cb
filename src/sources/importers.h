// importers.h — the per-format readers behind sources.h (private).
//
// Each reader returns a Batch: the result plus the place of every record
// (parallel to result.records) so that duplicate ids can be reported with
// both places, within one file and across all sources.
//
// Threading: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "palveluhaku/sources.h"

namespace palveluhaku::sources {

struct Batch {
  ImportResult result;
  std::vector<SourcePlace> places;  // place of result.records[i]
  void add(ServiceRecord r, SourcePlace p) {
    result.records.push_back(std::move(r));
    places.push_back(std::move(p));
  }
  void append(Batch&& other);
};

// Called now and then with the number of bytes of the content read so far
// (for a progress bar over one large file); may be empty.
using Tick = std::function<void(std::size_t bytes_done)>;

Batch read_json(std::string_view content, const std::string& name);
// JSON Lines; `threads` parts parsed in parallel (0: one per core, at most
// 8, for content of kParallelJsonlBytes or more, else 1). The result does
// not depend on `threads`. `first_line` is the line number of the content's
// first line: a file read in chunks of whole lines passes where each chunk
// starts (a byte order mark is skipped only at line 1).
inline constexpr std::size_t kParallelJsonlBytes = 8u << 20;
Batch read_jsonl(std::string_view content, const std::string& name, const Tick& tick = {},
                 unsigned threads = 0, std::size_t first_line = 1);
// `codes` may be null (then names cannot be resolved to codes).
Batch read_csv(std::string_view content, const std::string& name, const CodeLists* codes, const Tick& tick = {});
Batch read_ptv(const std::vector<PtvFile>& files, const CodeLists* codes);

// The code lists in default_codes_dir(), loaded once (thread-safe); null if
// they cannot be loaded.
const CodeLists* default_code_lists();

// Removes records whose id was seen before (reported as errors, counted as
// skipped); the first one wins.
void drop_duplicate_ids(Batch& b);

// Strips a UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view s);

// Parses JSON with bounded nesting (kMaxJsonDepth). On failure reports an
// error at `place` (with the line of the syntax error when known) and
// returns nullopt. Never throws.
std::optional<nlohmann::json> parse_json_bounded(std::string_view content, const SourcePlace& place,
                                                 std::vector<Problem>& problems);

}  // namespace palveluhaku::sources
