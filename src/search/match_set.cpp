#include "search/match_set.h"

#include <algorithm>

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

PALVELUHAKU_POPCNT_CLONES
std::size_t popcount_words(const std::uint64_t* w, std::size_t n) {
  std::size_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += static_cast<std::size_t>(__builtin_popcountll(w[i]));
  return c;
}

PALVELUHAKU_POPCNT_CLONES
std::size_t popcount_and(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  std::size_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += static_cast<std::size_t>(__builtin_popcountll(a[i] & b[i]));
  return c;
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
