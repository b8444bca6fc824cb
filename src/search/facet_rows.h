// facet_rows.h — the snapshot's per-document facet data packed into one row
// per document, for the counting pass of a search.
//
// The counting pass visits every matching document (thousands per search at
// 100k services) in docid order, but only a few percent of all documents:
// with the snapshot's separate columns (alive, doc_offsets, doc_gids,
// has_age, age_min, age_max) each visit touched six or more cache lines. A
// row here is [gid count, age_min | age_max << 8, flags, gids...] in 16-bit
// words, so a visit is one offset and one or two cache lines.
//
// Built once per snapshot (about 10 ms at 100k); immutable afterwards and
// shared read-only. Not built (nullptr) when the snapshot has more than
// 65,535 facet values.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "search/snapshot.h"

namespace palveluhaku::search {

struct FacetRows {
  static constexpr std::uint16_t kAlive = 1;
  static constexpr std::uint16_t kHasAge = 2;

  std::vector<std::uint32_t> start;  // docid -> row offset in data
  std::vector<std::uint16_t> data;

  // The row of `d` (d <= the snapshot's max_docid).
  const std::uint16_t* row(std::uint32_t d) const { return data.data() + start[d]; }

  static std::shared_ptr<const FacetRows> build(const Snapshot& s);
};

}  // namespace palveluhaku::search
