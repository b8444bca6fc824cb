// sources.h — importers: PTV Open API JSON, CSV, own JSON / JSON Lines.
//
// Sources are untrusted. An importer never throws for a bad record: it
// reports a Problem with its place (file:line for CSV and JSONL, file + JSON
// pointer for JSON) and field, skips that record and goes on. Only a source
// that cannot be read at all (missing file) is an error, and even then the
// other sources still load (the problem is reported, the file is counted).
//
// Threading: the functions are independent and re-entrant.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "palveluhaku/record.h"

namespace palveluhaku {

class CodeLists;  // codes.h

// Where a problem is. Rendered as "file:line" or "file#/json/pointer".
struct SourcePlace {
  std::string file;     // path as given by the user
  std::size_t line = 0; // 1-based line for CSV / JSONL, 0 if not applicable
  std::string pointer;  // JSON pointer for JSON sources, "" if not applicable
  std::string to_string() const;
};

struct Problem {
  enum class Severity { warning, error };
  Severity severity = Severity::error;  // error: the record was skipped
  SourcePlace place;
  std::string field;    // record field or source column/key, may be empty
  std::string message;  // e.g. "\"3310\" is not a 5-digit Finnish postcode"
  // "services.csv:14: postcode: \"3310\" is not a 5-digit Finnish postcode"
  std::string to_string() const;
};

enum class SourceFormat { automatic, ptv, csv, json, jsonl };
std::string_view source_format_name(SourceFormat f);
std::optional<SourceFormat> parse_source_format(std::string_view s);

struct ImportOptions {
  // Format of every path; automatic detects it per file from the content.
  // Default: automatic.
  SourceFormat format = SourceFormat::automatic;
  // Called now and then with (bytes or records done, total) for a progress
  // bar. Default: none.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Code lists used to turn municipality and region names ("Tampere",
  // "Pirkanmaa") into codes and to fill a location's municipality from its
  // postcode. Default: null = the lists in default_codes_dir() (paths.h),
  // loaded once on first use; if those cannot be loaded, names that are not
  // codes are dropped with a warning.
  std::shared_ptr<const CodeLists> codes;
  // JSON Lines files are read and parsed a chunk of whole lines of about this
  // many bytes at a time, so a file of any size loads with memory for its
  // records and one chunk; every other format is read whole and refused
  // above 1 GiB. Default: 256 MiB.
  std::size_t jsonl_chunk_bytes = 256u << 20;
};

struct ImportResult {
  std::vector<ServiceRecord> records;  // valid records, in source order
  std::vector<Problem> problems;       // errors (skipped records) and warnings
  std::size_t skipped = 0;             // records not loaded
  std::size_t warnings() const;
  std::size_t errors() const;
};

// Loads every path (files or directories, recursively; *.json, *.jsonl,
// *.ndjson, *.csv). PTV files found anywhere among the paths are joined
// together: services to their channels and organisations by id. Duplicate
// record ids within and across sources are reported (the later one is
// skipped).
ImportResult import_sources(const std::vector<std::string>& paths, const ImportOptions& opts = {});

// Single-format entry points, for tests and the fuzzers. `name` is the file
// name used in problem places. `codes` as ImportOptions::codes (null = the
// default lists); the caller keeps it alive during the call.
ImportResult import_csv(std::string_view content, const std::string& name, const CodeLists* codes = nullptr);
ImportResult import_json(std::string_view content, const std::string& name);   // one record or an array
ImportResult import_jsonl(std::string_view content, const std::string& name);
// PTV: any mix of services, channels and organisations, as single records or
// v11 list pages ({pageNumber, pageCount, itemList}).
struct PtvFile {
  std::string name;
  std::string content;
};
ImportResult import_ptv(const std::vector<PtvFile>& files, const CodeLists* codes = nullptr);

// Detects the format of one file from its content (and name as a hint).
// Returns SourceFormat::automatic when it cannot tell.
SourceFormat detect_format(std::string_view content, std::string_view name);

}  // namespace palveluhaku
