// facet_rows.h — the snapshot's per-document facet data packed for the
// counting pass of a search: one row per document, and the same values as
// columns (the documents of each value) for broad unfiltered searches.
//
// Rows. The counting pass visits every matching document (thousands per
// search at 100k services) in docid order, but only a few percent of all
// documents: with the snapshot's separate columns (alive, doc_offsets,
// doc_gids, has_age, age_min, age_max) each visit touched six or more cache
// lines. A row here is [gid count, age_min | age_max << 8, flags, gids...]
// in 16-bit words, so a visit is one offset and one or two cache lines.
//
// Columns. A visit still costs ~100 ns at 100k (a cache miss and ~18
// increments), so a search matching 20,000 documents spent 2 ms walking
// rows. Without filters every matching live document counts in every facet,
// and a value's count is the size of the intersection of two sets: column c
// < gid count is gid c, the columns after it are the age classes (a
// document's age range as the age facet counts it, [lo, hi] within 0..18,
// one per document). A column of at least 1/32 of the docids is a bitmap
// (AND + popcount), a rarer one a docid list tested against the set. The
// pass over all columns costs about as much as visiting 8,000 documents
// (0.8 ms at 100k: 83 bitmaps, 0.54 M listed docids), whatever the number
// of matches; columns_cheaper() says when to take it.
//
// Groups. Most listed docids were municipalities: a service of a region
// lists every municipality of it (~5.6 a service at 100k), so the column
// pass tested 420k listed docids for 100k services. Documents with the same
// set of listed (not dense) values of one field, when at least
// `min_group_docs` share it and it has two or more values, are kept once in
// a group column instead of in each value's column; a value counts its own
// listed documents plus every group it is in (at 100k: 537k listed docids
// become ~170k, and the pass costs about half).
//
// Listed columns by document. Testing each listed docid against the set
// (count_members: ~170k docids at 100k, AVX2 gathers) cost ~65 us a search
// whatever the set's size; a median search matches ~10k documents. The
// same columns are also kept by document (listed_start / listed_cols: each
// live document's listed columns), so that count_listed() can instead walk
// the members of the set (or, for a set of most live documents, the live
// documents outside it) and count each member's listed columns: ~16 us for
// 10k members. 0.7 MB at 100k.
//
// Built once per snapshot (tens of ms at 100k); immutable afterwards and
// shared read-only. Not built (nullptr) when the snapshot has more than
// 65,535 facet values.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "search/match_set.h"
#include "search/snapshot.h"

namespace palveluhaku::search {

struct FacetRows {
  static constexpr std::uint16_t kAlive = 1;
  static constexpr std::uint16_t kHasAge = 2;
  static constexpr int kAgeMax = 18;  // age facet values 0..18

  std::vector<std::uint32_t> start;  // docid -> row offset in data
  std::vector<std::uint16_t> data;

  // The row of `d` (d <= the snapshot's max_docid).
  const std::uint16_t* row(std::uint32_t d) const { return data.data() + start[d]; }

  // Columns: [0, gid count) the gids, then the age classes some live
  // document has (age_lo / age_hi indexed by column - gid count), then the
  // groups from first_group on. A listed gid column holds only its
  // documents outside its groups; col_count is always the whole column.
  std::vector<std::uint32_t> col_count;  // column -> live documents
  std::vector<std::uint8_t> age_lo, age_hi;
  std::vector<std::uint32_t> col_dense;  // column -> index in dense, or kNoValue
  std::vector<DocBitmap> dense;
  std::vector<std::uint32_t> col_offsets;  // column -> its docids in col_docs (if not dense)
  std::vector<std::uint32_t> col_docs;     // ascending per column
  DocBitmap alive;                         // the live documents (sized for max_docid)
  double gids_per_doc = 0;                 // mean row length
  std::uint32_t first_group = 0;           // the first group column
  std::vector<std::uint8_t> group_field;   // group -> field number
  std::vector<std::uint32_t> group_offsets;  // group -> its gids in group_gids
  std::vector<std::uint32_t> group_gids;
  std::vector<std::uint32_t> gid_group_offsets;  // gid -> the groups holding it in gid_groups
  std::vector<std::uint32_t> gid_groups;
  std::size_t live = 0;                        // live documents
  std::vector<std::uint32_t> listed_start;     // docid -> its listed columns in listed_cols (max_docid + 2)
  std::vector<std::uint16_t> listed_cols;      // empty if a column number does not fit 16 bits

  // How many members of `set` (sized for the snapshot's max_docid) are in
  // column `c` (a gid's whole column: its groups too).
  std::uint32_t count_in(std::uint32_t c, const DocBitmap& set) const;
  // The same of what column `c` stores (a listed gid: without its groups).
  std::uint32_t count_stored(std::uint32_t c, const DocBitmap& set) const;
  // Which documents count_listed() walks: the set's members, the live
  // documents outside it, or (automatic) the fewer of the two, and only if
  // that costs less than testing the listed columns' docids.
  enum class ListedWalk { automatic, members, others };
  // For every listed (not dense) column c, how many members of `set` are
  // in what it stores (count_stored), into k[c] (k resized to the number
  // of columns; a dense column's entry is 0). `set` holds live documents
  // only, `members` of them. False (k untouched) if the walk is not taken:
  // then count_stored() each column.
  bool count_listed(const DocBitmap& set, std::size_t members, std::vector<std::uint32_t>& k,
                    ListedWalk how = ListedWalk::automatic) const;
  // Adds the documents of gid `g` (its groups too) to `out`.
  void add_docs(std::uint32_t g, DocBitmap& out) const;

  // Whether counting every column over a set of `visited` documents costs
  // less than a walk over their rows (a cost model in ns, measured on the
  // 100k mix; at 100k services from ~1,800 documents with count_listed's
  // walk, ~5,000 with the docids' tests alone).
  bool columns_cheaper(std::size_t visited) const;
  // What counting the listed columns over a set of `members` costs, in
  // tests of a docid: the docids' tests, or count_listed's walk.
  std::size_t listed_tests(std::size_t members) const;

  static constexpr std::uint32_t kMinGroupDocs = 8;
  static std::shared_ptr<const FacetRows> build(const Snapshot& s, std::uint32_t min_group_docs = kMinGroupDocs);
};

}  // namespace palveluhaku::search
