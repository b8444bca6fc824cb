#include "search/facet_rows.h"

namespace palveluhaku::search {

std::shared_ptr<const FacetRows> FacetRows::build(const Snapshot& s) {
  if (s.gid_value.size() > 0xffff) return nullptr;
  auto rows = std::make_shared<FacetRows>();
  const std::size_t n = static_cast<std::size_t>(s.max_docid) + 1;
  rows->start.resize(n);
  rows->data.reserve(s.doc_gids.size() + 3 * s.doccount + 3);
  rows->data.insert(rows->data.end(), {0, 0, 0});  // the row of every dead docid
  for (std::size_t d = 0; d < n; ++d) {
    if (!s.alive[d]) {
      rows->start[d] = 0;
      continue;
    }
    const std::uint32_t b = s.doc_offsets[d], e = s.doc_offsets[d + 1];
    if (e - b > 0xffff) return nullptr;
    rows->start[d] = static_cast<std::uint32_t>(rows->data.size());
    rows->data.push_back(static_cast<std::uint16_t>(e - b));
    rows->data.push_back(static_cast<std::uint16_t>(s.age_min[d] | (s.age_max[d] << 8)));
    rows->data.push_back(static_cast<std::uint16_t>(kAlive | (s.has_age[d] ? kHasAge : 0)));
    for (std::uint32_t i = b; i < e; ++i) rows->data.push_back(static_cast<std::uint16_t>(s.doc_gids[i]));
  }
  rows->data.shrink_to_fit();
  return rows;
}

}  // namespace palveluhaku::search
