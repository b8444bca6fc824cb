#include "search/match_set.h"

#include <algorithm>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define PALVELUHAKU_AVX2_PATHS 1
#endif

namespace palveluhaku::search {

// The build targets baseline x86-64, where __builtin_popcountll is a call
// to libgcc's table-based __popcountdi2 (several ns a word: 7 % of a search
// profile once facets were counted over bitmaps). These loops get a POPCNT
// clone chosen at load time (GCC target_clones) where the CPU has it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define PALVELUHAKU_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define PALVELUHAKU_POPCNT_CLONES
#endif

namespace {

PALVELUHAKU_POPCNT_CLONES
std::size_t popcount_words_scalar(const std::uint64_t* w, std::size_t n) {
  std::size_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += static_cast<std::size_t>(__builtin_popcountll(w[i]));
  return c;
}

PALVELUHAKU_POPCNT_CLONES
std::size_t popcount_and_scalar(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  std::size_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += static_cast<std::size_t>(__builtin_popcountll(a[i] & b[i]));
  return c;
}

std::size_t count_members_scalar(const std::uint32_t* ids, std::size_t n, const std::uint64_t* words,
                                 std::size_t n_words) {
  std::size_t c = 0;
  const std::size_t limit = n_words * 64;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t d = ids[i];
    if (d < limit) c += static_cast<std::size_t>((words[d >> 6] >> (d & 63)) & 1);
  }
  return c;
}

#ifdef PALVELUHAKU_AVX2_PATHS
// AVX2 forms of the loops above, chosen at run time where the CPU has AVX2
// (the build targets baseline x86-64). The facet columns of a broad search
// are ~100 bitmaps of 1,563 words and ~170k listed docids at 100k services
// (facet_rows.h): with one POPCNT and one bit test at a time they were 29 %
// of a search's instructions.

// Set bits per byte of 32 bytes: a nibble table (vpshufb) and a sum of the
// bytes per 64-bit lane (vpsadbw).
__attribute__((target("avx2"))) inline __m256i popcount_lanes(__m256i v) {
  const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,  //
                                         0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0f);
  const __m256i lo = _mm256_shuffle_epi8(table, _mm256_and_si256(v, low));
  const __m256i hi = _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(v, 4), low));
  return _mm256_sad_epu8(_mm256_add_epi8(lo, hi), _mm256_setzero_si256());
}

__attribute__((target("avx2"))) std::size_t sum_lanes64(__m256i v) {
  alignas(32) std::uint64_t lanes[4];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), v);
  return static_cast<std::size_t>(lanes[0] + lanes[1] + lanes[2] + lanes[3]);
}

__attribute__((target("avx2,popcnt"))) std::size_t popcount_words_avx2(const std::uint64_t* w, std::size_t n) {
  __m256i acc = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4)
    acc = _mm256_add_epi64(acc, popcount_lanes(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + i))));
  std::size_t c = sum_lanes64(acc);
  for (; i < n; ++i) c += static_cast<std::size_t>(__builtin_popcountll(w[i]));
  return c;
}

__attribute__((target("avx2,popcnt"))) std::size_t popcount_and_avx2(const std::uint64_t* a, const std::uint64_t* b,
                                                                    std::size_t n) {
  __m256i acc0 = _mm256_setzero_si256(), acc1 = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256i v0 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i)),
                                        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i)));
    const __m256i v1 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i + 4)),
                                        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i + 4)));
    acc0 = _mm256_add_epi64(acc0, popcount_lanes(v0));
    acc1 = _mm256_add_epi64(acc1, popcount_lanes(v1));
  }
  std::size_t c = sum_lanes64(_mm256_add_epi64(acc0, acc1));
  for (; i < n; ++i) c += static_cast<std::size_t>(__builtin_popcountll(a[i] & b[i]));
  return c;
}

// Eight docids at a time: the 32-bit word of each one's bit is gathered
// (little-endian: bit d of the set is bit d % 32 of 32-bit word d / 32).
// Every id must be below n_words * 64 (checked by the caller on the last,
// largest one).
__attribute__((target("avx2"))) std::size_t count_members_avx2(const std::uint32_t* ids, std::size_t n,
                                                              const std::uint64_t* words) {
  const int* base = reinterpret_cast<const int*>(words);
  const __m256i m31 = _mm256_set1_epi32(31), one = _mm256_set1_epi32(1);
  __m256i acc = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256i d = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ids + i));
    const __m256i w = _mm256_i32gather_epi32(base, _mm256_srli_epi32(d, 5), 4);
    acc = _mm256_add_epi32(acc, _mm256_and_si256(_mm256_srlv_epi32(w, _mm256_and_si256(d, m31)), one));
  }
  alignas(32) std::uint32_t lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), acc);
  std::size_t c = 0;
  for (auto l : lanes) c += l;
  for (; i < n; ++i) c += static_cast<std::size_t>((words[ids[i] >> 6] >> (ids[i] & 63)) & 1);
  return c;
}

// AVX-512 forms (VPOPCNTDQ: one instruction counts eight words; Zen 4,
// Ice Lake and later). The nibble table of the AVX2 forms takes ~2.2
// instructions a word: the ~100 dense columns of a broad search (153k
// words at 100k services) were 10 % of a median search's instructions.
// (GCC 12 warns of _mm512_reduce_add_epi64, whose header starts from an
// uninitialised vector: the lanes are summed through memory instead.)
#define PALVELUHAKU_AVX512_TARGET __attribute__((target("avx512f,avx512vpopcntdq,popcnt")))

PALVELUHAKU_AVX512_TARGET inline std::size_t sum_lanes512(__m512i v) {
  alignas(64) std::uint64_t lanes[8];
  _mm512_store_si512(lanes, v);
  std::uint64_t c = 0;
  for (auto l : lanes) c += l;
  return static_cast<std::size_t>(c);
}

PALVELUHAKU_AVX512_TARGET std::size_t popcount_words_avx512(const std::uint64_t* w, std::size_t n) {
  __m512i acc0 = _mm512_setzero_si512(), acc1 = _mm512_setzero_si512();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    acc0 = _mm512_add_epi64(acc0, _mm512_popcnt_epi64(_mm512_loadu_si512(w + i)));
    acc1 = _mm512_add_epi64(acc1, _mm512_popcnt_epi64(_mm512_loadu_si512(w + i + 8)));
  }
  if (i + 8 <= n) {
    acc0 = _mm512_add_epi64(acc0, _mm512_popcnt_epi64(_mm512_loadu_si512(w + i)));
    i += 8;
  }
  if (i < n) {
    const __mmask8 m = static_cast<__mmask8>((1u << (n - i)) - 1);
    acc1 = _mm512_add_epi64(acc1, _mm512_popcnt_epi64(_mm512_maskz_loadu_epi64(m, w + i)));
  }
  return sum_lanes512(_mm512_add_epi64(acc0, acc1));
}

PALVELUHAKU_AVX512_TARGET std::size_t popcount_and_avx512(const std::uint64_t* a, const std::uint64_t* b,
                                                         std::size_t n) {
  __m512i acc0 = _mm512_setzero_si512(), acc1 = _mm512_setzero_si512();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512i v0 = _mm512_and_si512(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i));
    const __m512i v1 = _mm512_and_si512(_mm512_loadu_si512(a + i + 8), _mm512_loadu_si512(b + i + 8));
    acc0 = _mm512_add_epi64(acc0, _mm512_popcnt_epi64(v0));
    acc1 = _mm512_add_epi64(acc1, _mm512_popcnt_epi64(v1));
  }
  if (i + 8 <= n) {
    acc0 = _mm512_add_epi64(acc0, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_loadu_si512(a + i),
                                                                       _mm512_loadu_si512(b + i))));
    i += 8;
  }
  if (i < n) {
    const __mmask8 m = static_cast<__mmask8>((1u << (n - i)) - 1);
    acc1 = _mm512_add_epi64(acc1, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_maskz_loadu_epi64(m, a + i),
                                                                       _mm512_maskz_loadu_epi64(m, b + i))));
  }
  return sum_lanes512(_mm512_add_epi64(acc0, acc1));
}

SimdLevel cpu_level() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq")) return SimdLevel::avx512;
  if (__builtin_cpu_supports("avx2")) return SimdLevel::avx2;
  return SimdLevel::portable;
}
#endif

// The level a call runs: `want`, or the highest below it the CPU has.
SimdLevel run_level(SimdLevel want) {
#ifdef PALVELUHAKU_AVX2_PATHS
  static const SimdLevel cpu = cpu_level();
  return std::min(want, cpu);
#else
  (void)want;
  return SimdLevel::portable;
#endif
}

}  // namespace

SimdLevel simd_level() { return run_level(SimdLevel::avx512); }

std::size_t popcount_words_at(SimdLevel level, const std::uint64_t* w, std::size_t n) {
  switch (run_level(level)) {
#ifdef PALVELUHAKU_AVX2_PATHS
    case SimdLevel::avx512: return popcount_words_avx512(w, n);
    case SimdLevel::avx2: return popcount_words_avx2(w, n);
#endif
    default: return popcount_words_scalar(w, n);
  }
}

std::size_t popcount_and_at(SimdLevel level, const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  switch (run_level(level)) {
#ifdef PALVELUHAKU_AVX2_PATHS
    case SimdLevel::avx512: return popcount_and_avx512(a, b, n);
    case SimdLevel::avx2: return popcount_and_avx2(a, b, n);
#endif
    default: return popcount_and_scalar(a, b, n);
  }
}

std::size_t count_members_at(SimdLevel level, const std::uint32_t* ids, std::size_t n, const DocBitmap& set) {
  const auto& w = set.words();
#ifdef PALVELUHAKU_AVX2_PATHS
  // Ascending: the last id is the largest.
  if (n > 0 && ids[n - 1] < w.size() * 64) {
    // AVX-512 has no faster form: 16-wide gathers took 70.8 us for the
    // 100k index's 172k listed docids against 64.4 us of 8-wide ones (Zen 4).
    if (run_level(level) != SimdLevel::portable) return count_members_avx2(ids, n, w.data());
  }
#else
  (void)level;
#endif
  return count_members_scalar(ids, n, w.data(), w.size());
}

std::size_t popcount_words(const std::uint64_t* w, std::size_t n) {
  return popcount_words_at(SimdLevel::avx512, w, n);
}

std::size_t popcount_and(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  return popcount_and_at(SimdLevel::avx512, a, b, n);
}

std::size_t count_members(const std::uint32_t* ids, std::size_t n, const DocBitmap& set) {
  return count_members_at(SimdLevel::avx512, ids, n, set);
}

std::size_t popcount_words_portable(const std::uint64_t* w, std::size_t n) { return popcount_words_scalar(w, n); }
std::size_t popcount_and_portable(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  return popcount_and_scalar(a, b, n);
}
std::size_t count_members_portable(const std::uint32_t* ids, std::size_t n, const DocBitmap& set) {
  return count_members_scalar(ids, n, set.words().data(), set.words().size());
}

std::size_t DocBitmap::count() const { return popcount_words(words_.data(), words_.size()); }

bool DocBitmap::any() const {
  for (auto w : words_)
    if (w) return true;
  return false;
}

void DocBitmap::and_with(const DocBitmap& o) {
  const std::size_t n = std::min(words_.size(), o.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] &= o.words_[i];
  for (std::size_t i = n; i < words_.size(); ++i) words_[i] = 0;
}

void DocBitmap::or_with(const DocBitmap& o) {
  const std::size_t n = std::min(words_.size(), o.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] |= o.words_[i];
}

void DocBitmap::and_not(const DocBitmap& o) {
  const std::size_t n = std::min(words_.size(), o.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] &= ~o.words_[i];
}

void DocBitmap::xor_with(const DocBitmap& o) {
  const std::size_t n = std::min(words_.size(), o.words_.size());
  for (std::size_t i = 0; i < n; ++i) words_[i] ^= o.words_[i];
}

void DocList::or_into(DocBitmap& out) const {
  if (dense) {
    out.or_with(bits);
    return;
  }
  const std::size_t limit = out.words().size() * 64;
  for (Xapian::docid d : ids)
    if (d < limit) out.set(d);
}

std::shared_ptr<const DocList> PostingCache::get(const std::string& key) {
  std::lock_guard lk(mu_);
  auto it = map_.find(key);
  if (it == map_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

namespace {

// What an entry costs besides its list's own bytes (DocList::bytes counts
// the object): the key twice (list and map), the list node, the map node
// and bucket, the shared_ptr's control block and malloc's headers. Without
// it, a long tail of rare terms (lists of a few docids, ~80 accounted bytes)
// kept about three times the bound, and its real memory kept rising after
// the gauge said full as small lists replaced larger ones (the likely cause
// of soak_new_words' ~6 MB past 2 MiB caches, SECURITY.md).
constexpr std::size_t kEntryOverhead = 192;

std::size_t entry_cost(const std::string& key, const DocList& list) {
  return list.bytes() + 2 * key.size() + kEntryOverhead;
}

}  // namespace

void PostingCache::put(const std::string& key, std::shared_ptr<const DocList> list) {
  const std::size_t b = entry_cost(key, *list);
  if (b > max_ / 4) return;  // one list never takes most of the cache
  std::lock_guard lk(mu_);
  if (map_.count(key)) return;
  lru_.emplace_front(key, std::move(list));
  map_.emplace(key, lru_.begin());
  bytes_ += b;
  while (bytes_ > max_ && !lru_.empty()) {
    const auto& last = lru_.back();
    bytes_ -= entry_cost(last.first, *last.second);
    map_.erase(last.first);
    lru_.pop_back();
  }
}

std::size_t PostingCache::bytes() const {
  std::lock_guard lk(mu_);
  return bytes_;
}

Xapian::Query only_docs(const Xapian::Query& q, std::vector<Xapian::docid> ids) {
  auto* only = new DocListSource(std::move(ids));
  return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(only->release()));
}

void DocListSource::skip_to(Xapian::docid did, double) {
  std::size_t from = pos_ == npos ? 0 : pos_;
  if (from < ids_.size() && ids_[from] >= did) {
    pos_ = from;
    return;
  }
  pos_ = static_cast<std::size_t>(std::lower_bound(ids_.begin() + static_cast<std::ptrdiff_t>(from), ids_.end(), did) -
                                  ids_.begin());
}

namespace {

// The documents of `key` from the cache, or made by `make` (and cached).
template <class Make>
std::shared_ptr<const DocList> cached(PostingCache* cache, const std::string& key, Make&& make) {
  if (cache)
    if (auto hit = cache->get(key)) return hit;
  auto list = std::make_shared<DocList>();
  make(*list);
  if (cache) cache->put(key, list);
  return list;
}

// Stores sorted ids as a bitmap when that is smaller.
void finish(DocList& l, Xapian::docid max_docid) {
  if (l.ids.size() * 32 > static_cast<std::size_t>(max_docid)) {
    l.bits.reset(max_docid);
    for (Xapian::docid d : l.ids) l.bits.set(d);
    l.ids.clear();
    l.ids.shrink_to_fit();
    l.dense = true;
  } else {
    l.ids.shrink_to_fit();
  }
}

// Every document matching `q`, as Xapian matches it (weights ignored).
void match_with_xapian(Xapian::Database& db, const Xapian::Query& q, DocList& out) {
  Xapian::Enquire enq(db);
  enq.set_query(q);
  enq.set_weighting_scheme(Xapian::BoolWeight());
  enq.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
  Xapian::MSet m = enq.get_mset(0, all, all);
  out.ids.reserve(m.size());
  for (auto it = m.begin(); it != m.end(); ++it) out.ids.push_back(*it);
  std::sort(out.ids.begin(), out.ids.end());
}

void eval(Xapian::Database& db, const Xapian::Query& q, PostingCache* cache, Xapian::docid maxd,
          DocBitmap& out);

// Whether eval() of `q` only adds documents to its output (a term, an OR,
// what Xapian matches), so that an OR can evaluate it straight into its own
// output; an AND, XOR or AND_NOT changes what is there and needs a bitmap
// of its own.
bool adds_only(const Xapian::Query& q) {
  using Q = Xapian::Query;
  switch (q.get_type()) {
    case Q::OP_AND:
    case Q::OP_FILTER:
    case Q::OP_XOR:
    case Q::OP_AND_NOT:
      return q.get_num_subqueries() == 0;
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT:
      return q.get_num_subqueries() == 0 || adds_only(q.get_subquery(0));
    default:
      return true;
  }
}

void eval_children(Xapian::Database& db, const Xapian::Query& q, PostingCache* cache,
                   Xapian::docid maxd, std::size_t from, DocBitmap& out, Xapian::Query::op op) {
  const std::size_t n = q.get_num_subqueries();
  DocBitmap tmp;
  for (std::size_t i = from; i < n; ++i) {
    if (op == Xapian::Query::OP_AND && i > from && !out.any()) return;
    if (op == Xapian::Query::OP_OR && adds_only(q.get_subquery(i))) {
      eval(db, q.get_subquery(i), cache, maxd, out);  // no bitmap to clear and OR in
      continue;
    }
    tmp.reset(maxd);
    eval(db, q.get_subquery(i), cache, maxd, tmp);
    switch (op) {
      case Xapian::Query::OP_AND: out.and_with(tmp); break;
      case Xapian::Query::OP_AND_NOT: out.and_not(tmp); break;
      case Xapian::Query::OP_XOR: out.xor_with(tmp); break;
      default: out.or_with(tmp); break;
    }
  }
}

void eval(Xapian::Database& db, const Xapian::Query& q, PostingCache* cache, Xapian::docid maxd,
          DocBitmap& out) {
  using Q = Xapian::Query;
  const Q::op op = q.get_type();
  switch (op) {
    case Q::LEAF_MATCH_NOTHING:
      return;
    case Q::LEAF_TERM: {
      const std::string term = *q.get_terms_begin();
      std::string key(1, 'T');
      key += term;
      auto list = cached(cache, key, [&](DocList& l) {
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) l.ids.push_back(*p);
        finish(l, maxd);
      });
      list->or_into(out);
      return;
    }
    case Q::LEAF_MATCH_ALL: {
      auto list = cached(cache, "A", [&](DocList& l) {
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) l.ids.push_back(*p);
        finish(l, maxd);
      });
      list->or_into(out);
      return;
    }
    case Q::OP_AND:
    case Q::OP_FILTER:
      if (q.get_num_subqueries() == 0) break;
      eval(db, q.get_subquery(0), cache, maxd, out);
      eval_children(db, q, cache, maxd, 1, out, Q::OP_AND);
      return;
    case Q::OP_OR:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
      if (q.get_num_subqueries() == 0) break;
      eval_children(db, q, cache, maxd, 0, out, Q::OP_OR);
      return;
    case Q::OP_XOR:
      if (q.get_num_subqueries() == 0) break;
      eval(db, q.get_subquery(0), cache, maxd, out);
      eval_children(db, q, cache, maxd, 1, out, Q::OP_XOR);
      return;
    case Q::OP_AND_NOT:
      if (q.get_num_subqueries() == 0) break;
      eval(db, q.get_subquery(0), cache, maxd, out);
      eval_children(db, q, cache, maxd, 1, out, Q::OP_AND_NOT);
      return;
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT:
      if (q.get_num_subqueries() == 0) break;
      eval(db, q.get_subquery(0), cache, maxd, out);
      return;
    default:
      break;
  }
  // Wildcards, phrases, posting sources, value ranges: Xapian decides.
  std::string key;
  try {
    key.assign(1, 'Q');
    key += q.serialise();
  } catch (const Xapian::UnimplementedError&) {
    cache = nullptr;  // a posting source that cannot be serialised: no key
  }
  auto list = cached(cache, key, [&](DocList& l) {
    match_with_xapian(db, q, l);
    finish(l, maxd);
  });
  list->or_into(out);
}

}  // namespace

void match_bitmap(Xapian::Database& db, const Xapian::Query& q, PostingCache* cache, DocBitmap& out) {
  const Xapian::docid maxd = db.get_lastdocid();
  out.reset(maxd);
  eval(db, q, cache, maxd, out);
}

}  // namespace palveluhaku::search
