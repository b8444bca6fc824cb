// text_util.h — small text helpers shared by the importers (private).
//
// Every string that enters a ServiceRecord from an untrusted source goes
// through clean_text() so that records always hold valid UTF-8 without
// control characters, bounded in length (nlohmann::json::dump() throws on
// invalid UTF-8, Xapian rejects over-long terms).
//
// Threading: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace palveluhaku::sources {

// Longest text kept in any field; longer texts are cut at a character boundary.
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;
// Longest record id (ids become Xapian terms, which are limited to 245 bytes).
inline constexpr std::size_t kMaxIdBytes = 200;
// Deepest JSON nesting accepted in any source file.
inline constexpr std::size_t kMaxJsonDepth = 64;

bool is_valid_utf8(std::string_view s);
// Decodes Windows-1252 (what Finnish Excel writes as "CSV") to UTF-8.
std::string cp1252_to_utf8(std::string_view s);
// Replaces every invalid UTF-8 sequence with U+FFFD.
std::string repair_utf8(std::string_view s);

std::string_view trim(std::string_view s);
std::string ascii_lower(std::string_view s);

// Valid UTF-8, trimmed, control characters other than newline and tab
// removed (CR LF and CR become LF), NFC, at most kMaxTextBytes. Sets
// `truncated` when the text was cut.
std::string clean_text(std::string_view s, bool* truncated = nullptr);
// Like clean_text but on one line (newlines and tabs become spaces, runs of
// spaces collapse).
std::string clean_line(std::string_view s, bool* truncated = nullptr);

// A value quoted for a problem message: "3310", cut to ~60 characters,
// control characters escaped.
std::string quote(std::string_view s);

// Splits on `sep`, trims the parts and drops empty parts.
std::vector<std::string> split_trim(std::string_view s, char sep);

// A record id is 1..kMaxIdBytes bytes of printable non-space characters.
// Returns "" if valid, else the reason.
std::string id_problem(std::string_view id);

// "2026-05-01" with a real month and day.
bool is_iso_date(std::string_view s);
// "2026-05-01", "2026-05-01T12:00:00Z", "2026-05-01T12:00:00.123+03:00", ...
bool is_iso_datetime(std::string_view s);

// Parses a whole decimal integer (optional sign); false on junk or overflow.
bool parse_int(std::string_view s, long long& out);
// Parses a whole decimal number with '.' or ',' as decimal point; false on
// junk, overflow, NaN or infinity.
bool parse_double(std::string_view s, double& out);

// File name without directories and the last extension ("a/b/x.csv" -> "x").
std::string file_stem(std::string_view path);

}  // namespace palveluhaku::sources
