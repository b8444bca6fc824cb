// snapshot.h — the immutable in-memory view of one index revision that makes
// filters, disjunctive facets, distance and name sorting fast.
//
// Built once per generation / revision from the Xapian database: the
// boolean filter terms become per-document lists of small value ids (one
// flat CSR array), the value slots become columns (name rank, age range,
// coordinates, opening hours). Shared read-only by every thread through a
// shared_ptr; a reload builds a new one (or, after an in-place update,
// patches a copy of the old one: update()) and swaps it in.
//
// Threading: immutable after build(), except the suggest index which is
// built on first use under a std::once_flag.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "index/index_config.h"
#include "palveluhaku/record.h"
#include "search/match_set.h"
#include "search/spelling_lexicon.h"

namespace palveluhaku {
class Analyzer;
class CodeLists;
}

namespace palveluhaku::search {

inline constexpr std::uint32_t kNoValue = 0xffffffffu;

// A WGS84 point as a unit vector on the sphere.
std::array<double, 3> unit_vector(const GeoPoint& p);

struct SuggestIndex {
  struct Entry {
    LocalizedText text;
    std::string kind;  // service, category, organisation
    std::string id;
    std::uint32_t count = 1;  // documents behind it
  };
  std::vector<Entry> entries;
  // Sorted unique keys; key i's entries are key_entries[key_offsets[i] ..
  // key_offsets[i+1]).
  std::vector<std::string> keys;
  std::vector<std::uint32_t> key_offsets;
  std::vector<std::uint32_t> key_entries;
};

struct Snapshot {
  index::IndexConfig config;
  std::string path;             // the generation's database directory
  unsigned long generation = 0;
  Xapian::rev revision = 0;
  std::size_t doccount = 0;
  std::string built_at;         // ISO 8601 from metadata
  Xapian::docid max_docid = 0;  // arrays are indexed by docid (0 unused)

  // Facet / filter values. A "gid" numbers one (field, value) pair, in
  // (field number, value) order (values compared as std::string, bytewise,
  // Xapian's term order), by build() and update() alike: a field's gids are
  // consecutive, after the earlier fields' (value_gid[f].size() each), and
  // the facets' order by value is their order by gid.
  std::vector<std::uint8_t> gid_field;   // gid -> field number (index::kBooleanFields)
  std::vector<std::string> gid_value;    // gid -> value
  std::vector<std::unordered_map<std::string, std::uint32_t>> value_gid;  // per field
  std::uint32_t whole_country_municipality = kNoValue;  // gid of municipality "*"
  std::uint32_t whole_country_region = kNoValue;        // gid of region "*"
  std::vector<std::uint32_t> doc_offsets;  // docid -> range in doc_gids
  std::vector<std::uint32_t> doc_gids;
  std::vector<std::uint32_t> gid_offsets;  // gid -> range in gid_docs (ascending docids)
  std::vector<Xapian::docid> gid_docs;

  std::vector<Xapian::docid> docids;   // every live document, ascending
  std::vector<std::uint8_t> alive;     // docid -> 1 if live
  std::vector<std::uint32_t> name_rank;  // docid -> position in name order
  std::vector<std::uint8_t> age_min, age_max;  // 255 = open end / none
  std::vector<std::uint8_t> has_age;
  std::vector<std::uint32_t> coord_offsets;  // docid -> range in coords
  std::vector<GeoPoint> coords;
  // The same points as unit vectors: the chord between two of them orders
  // exactly like the great-circle distance, for three multiplications.
  std::vector<std::array<double, 3>> unit;
  std::vector<std::uint32_t> hours_index;  // docid -> 1-based index into hours, 0 = none
  std::vector<std::vector<std::vector<HoursEntry>>> hours;  // per location
  // Plain weekly hours compiled to minute-of-week intervals [from, to)
  // (0 = Monday 00:00); `complex` entries (exceptions, validity dates,
  // closed periods) are evaluated from `hours` instead.
  struct WeeklyHours {
    bool complex = false;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> intervals;
  };
  std::vector<WeeklyHours> weekly;  // parallel to hours

  // True if this snapshot was patched from an older one by update() rather
  // than built from scratch (for tests and diagnostics).
  bool patched = false;

  // Builds the snapshot of `db` as it is now. Throws Error(index_corrupt) if
  // the database is not a Palveluhaku index.
  static std::shared_ptr<Snapshot> build(Xapian::Database& db, const std::string& path);

  // The snapshot of `db` as it is now, where `prev` is a snapshot of an
  // older revision of the same database (`path`). If the index's change log
  // (index/change_log.h) lists the documents changed by every commit since
  // prev.revision and they are few (at most max(1000, 5 % of the
  // documents)), only those documents are read from `db` and the rest is
  // copied from `prev`; the result equals build(db, path) array for array.
  // Otherwise (another generation, a log that does not reach back, a bulk
  // update) it is build(db, path). Throws like build().
  static std::shared_ptr<Snapshot> update(const Snapshot& prev, Xapian::Database& db,
                                          const std::string& path);

  // The suggest index, built on first call with `analyzer` (used for
  // category labels) under a once_flag.
  const SuggestIndex& suggest_index(Xapian::Database& db, Analyzer& analyzer,
                                    const CodeLists& codes) const;

  // The index's spelling dictionary in memory (spelling_lexicon.h), read
  // from `db` on first call under a once_flag: only a query with a word the
  // index does not know needs it.
  const SpellingLexicon& spelling_lexicon(const Xapian::Database& db,
                                          const std::vector<std::string>& extra) const;

  int field_number(const std::string& field) const;

  // Open status of every document at one local minute (-1 unknown, 0
  // closed, 1 open) and the open ones as a bitmap (counted with the match
  // set instead of a lookup per document), computed once per minute and
  // shared. `eval` computes one document's status.
  struct OpenStatus {
    std::vector<std::int8_t> status;  // by docid
    DocBitmap open;                   // sized for max_docid
  };
  std::shared_ptr<const OpenStatus> open_status_at(
      const std::string& minute_key, const std::function<std::int8_t(Xapian::docid)>& eval) const;

  // Facet label of every gid in `lang`, computed on first use.
  const std::vector<std::string>& labels(Lang lang,
                                         const std::function<std::string(std::uint32_t)>& make) const;


 private:
  mutable std::mutex open_mu_;
  mutable std::string open_key_;
  mutable std::shared_ptr<const OpenStatus> open_status_;
  mutable std::array<std::once_flag, 3> labels_once_;
  mutable std::array<std::vector<std::string>, 3> labels_;
  mutable std::once_flag suggest_once_;
  mutable std::unique_ptr<SuggestIndex> suggest_;
  mutable std::once_flag spelling_once_;
  mutable std::unique_ptr<SpellingLexicon> spelling_;
};

}  // namespace palveluhaku::search
