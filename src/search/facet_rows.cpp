#include "search/facet_rows.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

namespace palveluhaku::search {

namespace {

// The age class of a document as the age facet counts it: lo * 19 + hi, or
// -1 when the document counts in no age value.
int age_class(bool has_age, int amin, int amax) {
  int lo = 0, hi = FacetRows::kAgeMax;
  if (has_age) {
    lo = amin == 255 ? 0 : amin;
    hi = amax == 255 ? FacetRows::kAgeMax : std::min(amax, FacetRows::kAgeMax);
  }
  if (lo > FacetRows::kAgeMax || lo > hi) return -1;
  return lo * (FacetRows::kAgeMax + 1) + hi;
}

// The cost model of columns_cheaper(), in ns as measured on the 100k mix
// (2-core EPYC VM under load): a walk's visit of one document (its row:
// mostly a cache miss at the densities of a search) and each increment
// there; a 64-bit AND + popcount of two bitmaps (memory-bound: 16 bytes a
// word); the test of one listed docid against the set.
constexpr double kVisitNs = 75.0;
constexpr double kIncrementNs = 2.0;
constexpr double kWordNs = 1.2;
constexpr double kListNs = 1.3;
// count_listed()'s walk over one document, in units of a listed docid's
// test (count_members): 1.6 ns a walked document against 0.38 ns a tested
// docid at 100k (AVX2 gathers; microbenchmark of random sets), and more
// per document for sets of 40 % of the documents and more (mispredicted
// branches: 140 us for 40k members against 69 us for the 172k tests).
constexpr std::size_t kWalkPerTest = 5;

}  // namespace

std::uint32_t FacetRows::count_stored(std::uint32_t c, const DocBitmap& set) const {
  const auto& sw = set.words();
  if (col_dense[c] != kNoValue) {
    const auto& dw = dense[col_dense[c]].words();
    return static_cast<std::uint32_t>(popcount_and(sw.data(), dw.data(), std::min(sw.size(), dw.size())));
  }
  const std::uint32_t b = col_offsets[c], e = col_offsets[c + 1];
  return static_cast<std::uint32_t>(count_members(col_docs.data() + b, e - b, set));
}

std::uint32_t FacetRows::count_in(std::uint32_t c, const DocBitmap& set) const {
  std::uint32_t n = count_stored(c, set);
  if (c + 1 < gid_group_offsets.size())
    for (std::uint32_t i = gid_group_offsets[c]; i < gid_group_offsets[c + 1]; ++i)
      n += count_stored(first_group + gid_groups[i], set);
  return n;
}

void FacetRows::add_docs(std::uint32_t g, DocBitmap& out) const {
  auto add = [&](std::uint32_t c) {
    if (col_dense[c] != kNoValue) {
      out.or_with(dense[col_dense[c]]);
    } else {
      for (std::uint32_t i = col_offsets[c]; i < col_offsets[c + 1]; ++i) out.set(col_docs[i]);
    }
  };
  add(g);
  for (std::uint32_t i = gid_group_offsets[g]; i < gid_group_offsets[g + 1]; ++i) add(first_group + gid_groups[i]);
}

bool FacetRows::count_listed(const DocBitmap& set, std::size_t members, std::vector<std::uint32_t>& k,
                             ListedWalk how) const {
  if (listed_cols.empty() && !col_docs.empty()) return false;  // too many columns for 16 bits
  const std::size_t others = live > members ? live - members : 0;
  if (how == ListedWalk::automatic) {
    if (listed_tests(members) >= col_docs.size()) return false;
    how = members <= others ? ListedWalk::members : ListedWalk::others;
  }
  const std::size_t n_cols = col_count.size();
  k.assign(n_cols, 0);
  const std::uint64_t* sw = set.words().data();
  const std::uint64_t* aw = alive.words().data();
  const std::size_t n_words = std::min(set.words().size(), alive.words().size());
  const std::uint32_t* ls = listed_start.data();
  const std::uint16_t* cols = listed_cols.data();
  std::uint32_t* kk = k.data();
  const bool outside = how == ListedWalk::others;
  for (std::size_t i = 0; i < n_words; ++i) {
    std::uint64_t w = outside ? aw[i] & ~sw[i] : sw[i];
    while (w) {
      const std::size_t d = i * 64 + static_cast<std::size_t>(__builtin_ctzll(w));
      for (std::uint32_t p = ls[d]; p < ls[d + 1]; ++p) ++kk[cols[p]];
      w &= w - 1;
    }
  }
  if (outside) {
    // Live documents past the set's words are outside it too.
    for (std::size_t d = n_words * 64; d + 1 < listed_start.size(); ++d)
      for (std::uint32_t p = ls[d]; p < ls[d + 1]; ++p) ++kk[cols[p]];
    for (std::size_t c = 0; c < n_cols; ++c) kk[c] = col_offsets[c + 1] - col_offsets[c] - kk[c];
  }
  return true;
}

std::size_t FacetRows::listed_tests(std::size_t members) const {
  if (listed_cols.empty()) return col_docs.size();
  const std::size_t others = live > members ? live - members : 0;
  return std::min(col_docs.size(), std::min(members, others) * kWalkPerTest);
}

bool FacetRows::columns_cheaper(std::size_t visited) const {
  const double walk = static_cast<double>(visited) * (kVisitNs + kIncrementNs * gids_per_doc);
  // The listed columns as count_listed() counts them (the walk of at most
  // `visited` members, or the docids' tests).
  const double columns = static_cast<double>(dense.size() * alive.words().size()) * kWordNs +
                         static_cast<double>(listed_tests(visited)) * kListNs +
                         static_cast<double>(visited);  // open_now over the set
  return columns < walk;
}

std::shared_ptr<const FacetRows> FacetRows::build(const Snapshot& s, std::uint32_t min_group_docs) {
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

  // Columns: documents per gid and per age class (live documents only).
  const std::size_t n_gids = s.gid_value.size();
  constexpr std::size_t kClasses = (kAgeMax + 1) * (kAgeMax + 1);
  std::vector<std::uint32_t> count(n_gids + kClasses, 0);
  std::vector<int> doc_class(n, -1);
  std::size_t live = 0;
  rows->alive.reset(s.max_docid);
  for (std::size_t d = 0; d < n; ++d) {
    if (!s.alive[d]) continue;
    ++live;
    rows->alive.set(static_cast<Xapian::docid>(d));
    for (std::uint32_t i = s.doc_offsets[d]; i < s.doc_offsets[d + 1]; ++i) ++count[s.doc_gids[i]];
    doc_class[d] = age_class(s.has_age[d] != 0, s.age_min[d], s.age_max[d]);
    if (doc_class[d] >= 0) ++count[n_gids + static_cast<std::size_t>(doc_class[d])];
  }
  std::vector<std::uint32_t> class_col(kClasses, kNoValue);
  rows->col_count.assign(count.begin(), count.begin() + static_cast<std::ptrdiff_t>(n_gids));
  for (std::size_t c = 0; c < kClasses; ++c) {
    if (count[n_gids + c] == 0) continue;
    class_col[c] = static_cast<std::uint32_t>(rows->col_count.size());
    rows->col_count.push_back(count[n_gids + c]);
    rows->age_lo.push_back(static_cast<std::uint8_t>(c / (kAgeMax + 1)));
    rows->age_hi.push_back(static_cast<std::uint8_t>(c % (kAgeMax + 1)));
  }

  // Groups: per document and field, its listed (not dense) gids of the
  // field when they are two or more; a set shared by min_group_docs
  // documents becomes a group column.
  auto dense_gid = [&](std::uint32_t g) { return static_cast<std::size_t>(count[g]) * 32 >= n; };
  std::unordered_map<std::string, std::uint32_t> sig_ids;  // gids as bytes -> signature
  std::vector<std::string> sigs;
  std::vector<std::uint32_t> sig_docs;
  std::vector<std::uint8_t> sig_field;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> doc_sigs;  // (docid, signature), ascending docid
  {
    std::vector<std::uint32_t> listed;
    std::string key;
    for (std::size_t d = 0; d < n; ++d) {
      if (!s.alive[d]) continue;
      listed.clear();
      for (std::uint32_t i = s.doc_offsets[d]; i < s.doc_offsets[d + 1]; ++i)
        if (!dense_gid(s.doc_gids[i])) listed.push_back(s.doc_gids[i]);
      // By field, then gid.
      std::sort(listed.begin(), listed.end(), [&](std::uint32_t a, std::uint32_t b) {
        return s.gid_field[a] != s.gid_field[b] ? s.gid_field[a] < s.gid_field[b] : a < b;
      });
      for (std::size_t b = 0; b < listed.size();) {
        std::size_t e = b + 1;
        while (e < listed.size() && s.gid_field[listed[e]] == s.gid_field[listed[b]]) ++e;
        if (e - b >= 2) {
          key.assign(reinterpret_cast<const char*>(&listed[b]), (e - b) * sizeof(std::uint32_t));
          auto [it, added] = sig_ids.try_emplace(key, static_cast<std::uint32_t>(sigs.size()));
          if (added) {
            sigs.push_back(key);
            sig_docs.push_back(0);
            sig_field.push_back(s.gid_field[listed[b]]);
          }
          ++sig_docs[it->second];
          doc_sigs.emplace_back(static_cast<std::uint32_t>(d), it->second);
        }
        b = e;
      }
    }
  }
  // Signature -> group (kNoValue: its documents stay in the gids' columns);
  // per document, the fields whose gids are in a group.
  std::vector<std::uint32_t> sig_group(sigs.size(), kNoValue);
  std::vector<std::vector<std::uint32_t>> group_of_gid(n_gids);
  std::vector<std::uint32_t> group_size;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (sig_docs[i] < std::max<std::uint32_t>(min_group_docs, 1)) continue;
    const auto grp = static_cast<std::uint32_t>(group_size.size());
    sig_group[i] = grp;
    group_size.push_back(sig_docs[i]);
    const std::size_t k = sigs[i].size() / sizeof(std::uint32_t);
    std::vector<std::uint32_t> gids(k);
    std::memcpy(gids.data(), sigs[i].data(), sigs[i].size());
    rows->group_field.push_back(sig_field[i]);
    rows->group_offsets.push_back(static_cast<std::uint32_t>(rows->group_gids.size()));
    for (auto g : gids) {
      rows->group_gids.push_back(g);
      group_of_gid[g].push_back(grp);
    }
  }
  rows->group_offsets.push_back(static_cast<std::uint32_t>(rows->group_gids.size()));
  rows->gid_group_offsets.assign(n_gids + 1, 0);
  for (std::size_t g = 0; g < n_gids; ++g) {
    rows->gid_group_offsets[g + 1] = rows->gid_group_offsets[g] + static_cast<std::uint32_t>(group_of_gid[g].size());
    rows->gid_groups.insert(rows->gid_groups.end(), group_of_gid[g].begin(), group_of_gid[g].end());
  }
  std::vector<std::uint32_t> grouped_fields(n, 0);  // docid -> bit per field held by a group
  for (const auto& [d, sig] : doc_sigs)
    if (sig_group[sig] != kNoValue) grouped_fields[d] |= 1u << sig_field[sig];
  rows->first_group = static_cast<std::uint32_t>(rows->col_count.size());
  rows->col_count.insert(rows->col_count.end(), group_size.begin(), group_size.end());

  // What each column stores: a dense column every document, a listed gid
  // those outside its groups.
  const std::size_t n_cols = rows->col_count.size();
  std::vector<std::uint32_t> stored(rows->col_count);
  for (std::uint32_t g = 0; g < n_gids; ++g)
    for (auto grp : group_of_gid[g]) stored[g] -= group_size[grp];
  rows->col_dense.assign(n_cols, kNoValue);
  rows->col_offsets.assign(n_cols + 1, 0);
  for (std::size_t c = 0; c < n_cols; ++c) {
    if (static_cast<std::size_t>(rows->col_count[c]) * 32 >= n) {
      rows->col_dense[c] = static_cast<std::uint32_t>(rows->dense.size());
      rows->dense.emplace_back(s.max_docid);
    } else {
      rows->col_offsets[c + 1] = stored[c];
    }
  }
  for (std::size_t c = 1; c <= n_cols; ++c) rows->col_offsets[c] += rows->col_offsets[c - 1];
  rows->col_docs.resize(rows->col_offsets[n_cols]);
  std::vector<std::uint32_t> fill(rows->col_offsets.begin(), rows->col_offsets.end() - 1);
  auto add = [&](std::size_t c, std::size_t d) {
    if (rows->col_dense[c] != kNoValue) rows->dense[rows->col_dense[c]].set(static_cast<Xapian::docid>(d));
    else rows->col_docs[fill[c]++] = static_cast<std::uint32_t>(d);
  };
  for (std::size_t d = 0; d < n; ++d) {
    if (!s.alive[d]) continue;
    for (std::uint32_t i = s.doc_offsets[d]; i < s.doc_offsets[d + 1]; ++i) {
      const std::uint32_t g = s.doc_gids[i];
      if (!dense_gid(g) && (grouped_fields[d] >> s.gid_field[g] & 1)) continue;  // in its group
      add(g, d);
    }
    if (doc_class[d] >= 0) add(class_col[static_cast<std::size_t>(doc_class[d])], d);
  }
  for (const auto& [d, sig] : doc_sigs)
    if (sig_group[sig] != kNoValue) add(rows->first_group + sig_group[sig], d);
  rows->gids_per_doc = static_cast<double>(s.doc_gids.size()) / static_cast<double>(std::max<std::size_t>(1, live));
  rows->live = live;

  // The listed columns by document (ascending column per document).
  if (n_cols <= 0xffff) {
    rows->listed_start.assign(n + 1, 0);
    for (std::uint32_t d : rows->col_docs) ++rows->listed_start[d + 1];
    for (std::size_t d = 1; d <= n; ++d) rows->listed_start[d] += rows->listed_start[d - 1];
    rows->listed_cols.resize(rows->col_docs.size());
    std::vector<std::uint32_t> at(rows->listed_start.begin(), rows->listed_start.end() - 1);
    for (std::size_t c = 0; c < n_cols; ++c)
      for (std::uint32_t i = rows->col_offsets[c]; i < rows->col_offsets[c + 1]; ++i)
        rows->listed_cols[at[rows->col_docs[i]]++] = static_cast<std::uint16_t>(c);
  }
  return rows;
}

}  // namespace palveluhaku::search
