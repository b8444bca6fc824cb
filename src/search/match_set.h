// match_set.h — which documents a text query matches, without weighting.
//
// The search takes its page of hits from a normal top-k Xapian match, and
// the exact total and the facet counts from the whole set of matching
// documents. That set is computed here by walking the Xapian::Query tree
// (terms, AND, OR, SYNONYM, SCALE_WEIGHT, FILTER, AND_MAYBE, AND_NOT, XOR,
// MAX) over posting lists into a bitmap of docids; any other subquery
// (wildcards, phrases, posting sources) is matched by Xapian itself with
// BoolWeight, so the set is always exactly what Xapian would match.
//
// Posting lists and wildcard matches of one database revision are kept in a
// PostingCache (bounded by bytes) so that common words cost a few word-wide
// ORs instead of a walk over tens of thousands of postings.
//
// Threading: PostingCache is thread-safe; the functions are reentrant (the
// Database passed in must be used by one thread at a time, as always).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace palveluhaku::search {

// Set bits of n words, and of the AND of two arrays of n words (POPCNT,
// AVX2 or AVX-512 VPOPCNTDQ forms where the CPU has them).
std::size_t popcount_words(const std::uint64_t* w, std::size_t n);
std::size_t popcount_and(const std::uint64_t* a, const std::uint64_t* b, std::size_t n);
// The same without the AVX2 and AVX-512 forms (what a CPU without AVX2
// runs), for tests.
std::size_t popcount_words_portable(const std::uint64_t* w, std::size_t n);
std::size_t popcount_and_portable(const std::uint64_t* a, const std::uint64_t* b, std::size_t n);

// The vector forms of the kernels here and below, by level: the one a
// call runs is the highest the CPU has (simd_level()). The *_at functions
// run the given level's form, or the highest below it that the CPU has,
// so that tests cover every form the CPU can run.
enum class SimdLevel { portable, avx2, avx512 };
SimdLevel simd_level();
std::size_t popcount_words_at(SimdLevel level, const std::uint64_t* w, std::size_t n);
std::size_t popcount_and_at(SimdLevel level, const std::uint64_t* a, const std::uint64_t* b, std::size_t n);

// A set of docids 0..size-1 as bits.
class DocBitmap {
 public:
  DocBitmap() = default;
  explicit DocBitmap(Xapian::docid max_docid) { reset(max_docid); }
  void reset(Xapian::docid max_docid) { words_.assign(max_docid / 64 + 1, 0); }
  void set(Xapian::docid d) { words_[d >> 6] |= std::uint64_t{1} << (d & 63); }
  bool test(Xapian::docid d) const {
    return (d >> 6) < words_.size() && (words_[d >> 6] >> (d & 63) & 1);
  }
  std::size_t count() const;
  bool any() const;
  void and_with(const DocBitmap& o);
  void or_with(const DocBitmap& o);
  void and_not(const DocBitmap& o);
  void xor_with(const DocBitmap& o);
  std::vector<std::uint64_t>& words() { return words_; }
  const std::vector<std::uint64_t>& words() const { return words_; }

  // Calls f(docid) for every member, ascending.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::uint64_t w = words_[i];
      while (w) {
        f(static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(__builtin_ctzll(w))));
        w &= w - 1;
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

// How many of the n ascending docids `ids` are in `set` (ids past the set's
// size are not). AVX2 gathers where the CPU has it (also on an AVX-512
// CPU: 16-wide gathers are no faster); *_portable without.
std::size_t count_members(const std::uint32_t* ids, std::size_t n, const DocBitmap& set);
std::size_t count_members_portable(const std::uint32_t* ids, std::size_t n, const DocBitmap& set);
std::size_t count_members_at(SimdLevel level, const std::uint32_t* ids, std::size_t n, const DocBitmap& set);

// The documents of one term or subquery: a sorted docid list, or a bitmap
// when that is smaller (dense terms).
struct DocList {
  std::vector<Xapian::docid> ids;  // ascending; empty if `dense`
  DocBitmap bits;                  // if `dense`
  bool dense = false;
  std::vector<float> weights;      // per id, only in top_k.h's weighted lists
  std::vector<Xapian::termcount> lengths;  // per docid, only in top_k.h's document lengths
  // A term's termfreq and its postlist's wdf bound, only in term_weights.h's
  // entries.
  Xapian::doccount termfreq = 0;
  Xapian::termcount wdf_bound = 0;
  std::size_t bytes() const {
    return ids.capacity() * sizeof(Xapian::docid) + weights.capacity() * sizeof(float) +
           lengths.capacity() * sizeof(Xapian::termcount) + bits.words().size() * 8 + 64;
  }
  void or_into(DocBitmap& out) const;
};

// LRU of DocLists of one database revision, bounded by `max_bytes`
// (0 = cache nothing).
class PostingCache {
 public:
  PostingCache(std::string db_key, std::size_t max_bytes) : key_(std::move(db_key)), max_(max_bytes) {}
  const std::string& db_key() const { return key_; }
  std::shared_ptr<const DocList> get(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const DocList> list);
  std::size_t bytes() const;
  // The bound: put() keeps no list that costs more than a quarter of it.
  std::size_t max_bytes() const { return max_; }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const DocList>>;
  std::string key_;
  std::size_t max_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // front = most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> map_;
  std::size_t bytes_ = 0;
};

// Sets `out` (sized for db.get_lastdocid()) to the documents matching `q`.
// `cache` may be nullptr (the database is not at the cached revision).
void match_bitmap(Xapian::Database& db, const Xapian::Query& q, PostingCache* cache, DocBitmap& out);

// A weight-free PostingSource over a sorted docid list: used as OP_FILTER
// to restrict a ranked match to the documents that passed the in-memory
// filters. Single-database only (clone() is null). Give it to a Query with
// release() so that the query owns it.
class DocListSource : public Xapian::PostingSource {
 public:
  explicit DocListSource(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {}
  Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(ids_.size()); }
  Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(ids_.size()); }
  Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(ids_.size()); }
  void init(const Xapian::Database&) override { pos_ = npos; }
  void next(double) override { pos_ = pos_ == npos ? 0 : pos_ + 1; }
  void skip_to(Xapian::docid did, double) override;
  bool check(Xapian::docid did, double min_wt) override {
    skip_to(did, min_wt);
    return true;
  }
  bool at_end() const override { return pos_ != npos && pos_ >= ids_.size(); }
  Xapian::docid get_docid() const override { return ids_[pos_]; }
  std::string get_description() const override { return "DocListSource"; }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<Xapian::docid> ids_;
  std::size_t pos_ = npos;
};

// `q` restricted to the documents `ids` (ascending): OP_FILTER with a
// DocListSource, so that Xapian weighs only those.
Xapian::Query only_docs(const Xapian::Query& q, std::vector<Xapian::docid> ids);

}  // namespace palveluhaku::search
