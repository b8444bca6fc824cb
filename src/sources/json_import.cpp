// json_import.cpp — the own JSON format: one record, an array of records, or
// JSON Lines (one record per line).
#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <unordered_map>

#include "palveluhaku/record_json.h"
#include "palveluhaku/sources.h"
#include "sources/importers.h"
#include "sources/report.h"
#include "sources/text_util.h"

namespace palveluhaku {

namespace sources {

using nlohmann::json;

void Batch::append(Batch&& other) {
  for (std::size_t i = 0; i < other.result.records.size(); ++i)
    add(std::move(other.result.records[i]), std::move(other.places[i]));
  for (auto& p : other.result.problems) result.problems.push_back(std::move(p));
  result.skipped += other.result.skipped;
}

void drop_duplicate_ids(Batch& b) {
  std::unordered_map<std::string, std::size_t> first;  // id -> index in kept
  std::vector<ServiceRecord> kept_records;
  std::vector<SourcePlace> kept_places;
  Reporter rep(b.result.problems);
  for (std::size_t i = 0; i < b.result.records.size(); ++i) {
    auto& r = b.result.records[i];
    auto [it, inserted] = first.emplace(r.id, kept_records.size());
    if (!inserted) {
      rep.error(b.places[i], "id",
                "duplicate id " + quote(r.id) + " (first seen at " + kept_places[it->second].to_string() +
                    "); this record is skipped");
      ++b.result.skipped;
      continue;
    }
    kept_records.push_back(std::move(r));
    kept_places.push_back(std::move(b.places[i]));
  }
  b.result.records = std::move(kept_records);
  b.places = std::move(kept_places);
}

std::string_view strip_bom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

namespace {

// Deepest [ / { nesting of a JSON text (strings skipped); stops counting
// once `limit` is exceeded.
std::size_t json_depth(std::string_view s, std::size_t limit) {
  std::size_t depth = 0, max = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return max;
}

std::size_t line_of_offset(std::string_view s, std::size_t offset) {
  if (offset > s.size()) offset = s.size();
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset; ++i)
    if (s[i] == '\n') ++line;
  return line;
}

}  // namespace

std::optional<json> parse_json_bounded(std::string_view content, const SourcePlace& place,
                                       std::vector<Problem>& problems) {
  Reporter rep(problems);
  if (json_depth(content, kMaxJsonDepth) > kMaxJsonDepth) {
    rep.error(place, "", "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels; not read");
    return std::nullopt;
  }
  try {
    return json::parse(content.begin(), content.end());
  } catch (const json::parse_error& e) {
    SourcePlace p = place;
    if (p.line == 0 && e.byte > 0) p.line = line_of_offset(content, e.byte - 1);
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1, column 2: "
    std::string msg = e.what();
    const std::size_t colon = msg.find(": ", msg.find("parse error"));
    if (colon != std::string::npos) msg = msg.substr(colon + 2);
    rep.error(p, "", "not valid JSON: " + msg);
  } catch (const std::exception& e) {
    // e.g. "[json.exception.out_of_range.406] number overflow parsing '1e999'"
    std::string msg = e.what();
    if (msg.rfind("[json.exception.", 0) == 0 && msg.find("] ") != std::string::npos) msg = msg.substr(msg.find("] ") + 2);
    rep.error(place, "", "not valid JSON: " + msg);
  }
  return std::nullopt;
}

namespace {

void read_one(const json& j, SourcePlace place, const std::string& default_source, Batch& b) {
  ServiceRecord r;
  if (record_from_json(j, place, r, b.result.problems)) {
    if (r.source.empty()) r.source = default_source;
    if (r.source_id.empty()) r.source_id = r.id;
    b.add(std::move(r), std::move(place));
  } else {
    ++b.result.skipped;
  }
}

}  // namespace

Batch read_json(std::string_view content, const std::string& name) {
  Batch b;
  const SourcePlace file{name, 0, ""};
  auto j = parse_json_bounded(strip_bom(content), file, b.result.problems);
  if (!j) return b;
  const std::string source = "json:" + file_stem(name);
  if (j->is_array()) {
    for (std::size_t i = 0; i < j->size(); ++i)
      read_one((*j)[i], SourcePlace{name, 0, "/" + std::to_string(i)}, source, b);
  } else if (j->is_object()) {
    read_one(*j, SourcePlace{name, 0, ""}, source, b);
  } else {
    Reporter(b.result.problems)
        .error(file, "", std::string("expected a record (object) or an array of records, got ") + j->type_name());
  }
  return b;
}

namespace {

// The records of content[from, to) (whole lines; `first_line` is the number
// of the line at `from`). `done` counts the bytes read by every part; `tick`
// (may be empty) is called with it now and then.
Batch read_jsonl_part(std::string_view content, std::size_t from, std::size_t to, std::size_t first_line,
                      const std::string& name, const std::string& source, std::atomic<std::size_t>& done,
                      std::size_t bom, const Tick& tick) {
  Batch b;
  std::size_t next_tick = from + (1 << 20);
  std::size_t line = first_line - 1, pos = from, counted = from;
  while (pos < to) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos || end > to) end = to;
    std::string_view text = content.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (pos >= next_tick) {
      const std::size_t now = std::min(pos, to);
      const std::size_t all = done.fetch_add(now - counted) + (now - counted);
      counted = now;
      if (tick) tick(bom + std::min(all, content.size()));
      next_tick = pos + (1 << 20);
    }
    if (trim(text).empty()) continue;
    const SourcePlace place{name, line, ""};
    auto j = parse_json_bounded(text, place, b.result.problems);
    if (!j) {
      ++b.result.skipped;
      continue;
    }
    read_one(*j, place, source, b);
  }
  done.fetch_add(std::min(pos, to) - counted);
  return b;
}

}  // namespace

// A large file is cut at line starts into one part per thread; the parts
// are parsed in parallel (JSON parsing and record_from_json are ~0.1 ms a
// record, 2-3 minutes for a million on one core) and concatenated in order,
// so records, places and problems are the same as read in one pass.
Batch read_jsonl(std::string_view input, const std::string& name, const Tick& tick, unsigned threads,
                 std::size_t start_line) {
  const std::string_view content = start_line == 1 ? strip_bom(input) : input;
  const std::size_t bom = input.size() - content.size();
  const std::string source = "json:" + file_stem(name);
  if (threads == 0)
    threads = content.size() < kParallelJsonlBytes ? 1u : std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::vector<std::size_t> cut{0};
  for (unsigned k = 1; k < threads; ++k) {
    const std::size_t p = content.find('\n', std::max(cut.back(), content.size() / threads * k));
    if (p == std::string_view::npos) break;
    if (p + 1 > cut.back() && p + 1 < content.size()) cut.push_back(p + 1);
  }
  cut.push_back(content.size());
  const std::size_t parts = cut.size() - 1;
  std::vector<std::size_t> first_line(parts, start_line);
  for (std::size_t k = 1; k < parts; ++k)
    first_line[k] = first_line[k - 1] +
                    static_cast<std::size_t>(std::count(content.begin() + static_cast<std::ptrdiff_t>(cut[k - 1]),
                                                        content.begin() + static_cast<std::ptrdiff_t>(cut[k]), '\n'));
  std::atomic<std::size_t> done{0};
  std::vector<Batch> out(parts);
  std::vector<std::exception_ptr> errors(parts);
  std::vector<std::thread> pool;
  for (std::size_t k = 1; k < parts; ++k)
    pool.emplace_back([&, k] {
      try {
        out[k] = read_jsonl_part(content, cut[k], cut[k + 1], first_line[k], name, source, done, bom, Tick{});
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  // Part 0 on this thread, which also reports the progress of all parts.
  try {
    out[0] = read_jsonl_part(content, cut[0], cut[1], first_line[0], name, source, done, bom, tick);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& t : pool) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  for (std::size_t k = 1; k < parts; ++k) out[0].append(std::move(out[k]));
  return std::move(out[0]);
}

}  // namespace sources

ImportResult import_json(std::string_view content, const std::string& name) {
  auto b = sources::read_json(content, name);
  sources::drop_duplicate_ids(b);
  return std::move(b.result);
}

ImportResult import_jsonl(std::string_view content, const std::string& name) {
  auto b = sources::read_jsonl(content, name);
  sources::drop_duplicate_ids(b);
  return std::move(b.result);
}

}  // namespace palveluhaku
