// search_engine.cpp — SearchEngine (palveluhaku/search.h).
//
// One request: resolve the filters to value ids of the snapshot, then two
// passes over a text query:
//  1. counting, without weights: the whole set of documents the query
//     matches (match_set.h: posting lists into a bitmap, cached per
//     revision), each evaluated against the in-memory columns (Evaluator):
//     a bitmask of the filter fields the document fails; 0 = a hit, counted
//     in every facet; exactly one bit = counted only in that field's facet
//     (disjunctive counts). This gives the exact total and facets, and the
//     docids that pass every filter;
//  2. the page: for relevance a normal top-k BM25 match restricted to those
//     docids (OP_FILTER with a DocListSource), so Xapian weighs only what
//     the page needs; for distance / name sort the passing docids sorted in
//     memory.
// An empty query skips Xapian and walks the snapshot's documents directly.
#include "palveluhaku/search.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <unordered_map>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>

#include <xapian.h>

#include "analysis/icu_normalize.h"
#include "index/folded_terms.h"
#include "index/index_dir.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/error.h"
#include "palveluhaku/geo.h"
#include "palveluhaku/paths.h"
#include "palveluhaku/record_json.h"
#include "search/facet_labels.h"
#include "search/facet_rows.h"
#include "search/match_set.h"
#include "search/near_source.h"
#include "search/open_hours.h"
#include "search/query_builder.h"
#include "search/result_cache.h"
#include "search/result_fill.h"
#include "search/snapshot.h"
#include "search/snippet.h"
#include "search/term_weights.h"
#include "search/top_k.h"

namespace palveluhaku {

const std::vector<std::string> kFacetFields = {
    "municipality", "region",   "provider_type", "service_class", "target_group", "life_event",
    "language",     "cost",     "channel",       "age",           "open_now"};

using search::Snapshot;
namespace fs = std::filesystem;

namespace {

constexpr int kAgeBit = 10;
constexpr int kOpenBit = 11;
constexpr std::uint32_t kBooleanMask = (1u << kAgeBit) - 1;
constexpr int kAgeFacetMax = 18;  // age facet values 0..18

// Weight of the index's nearest word for a word no reading of which is
// known (above Voikko's first suggestion, 0.5: it is a word of the texts).
// 0.6 and 0.9 measured alike on the quality set and its typo set.
constexpr double kIndexSuggestionWeight = 0.6;
// The last word of a query is taken as being typed, not as a typo, when the
// commonest word of the index it begins is at least 1/kTypedPrefixRatio as
// common as the nearest indexed word ("perhek" completes, "pehe" is perhe).
constexpr Xapian::doccount kTypedPrefixRatio = 10;

// Only for the radius threshold; displayed distances come from distance_km().
constexpr double kEarthRadiusKm = 6371.0088;
// The near-me weight of a relevance search: up to kNearScale at 0 km, half
// of it at kNearHalfM, nothing beyond kNearRangeM (k1 * (d + k1)^-k2 with
// k1 = kNearHalfM, k2 = 1, as Xapian's LatLongDistancePostingSource).
constexpr double kNearScale = 3.0;
constexpr double kNearHalfM = 5000.0;
constexpr double kNearRangeM = 500000.0;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Where cut_text cuts a text longer than `max` bytes: at a word boundary
// after max / 2 if there is one, never inside a UTF-8 sequence. Looks at no
// byte beyond s[max].
std::size_t cut_end(const std::string& s, std::size_t max) {
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  const std::size_t space = s.rfind(' ', end);
  if (space != std::string::npos && space > max / 2) end = space;
  return end;
}

// Cuts `s` to at most `max` bytes at a word boundary, never inside a UTF-8
// sequence, adding an ellipsis if cut.
std::string cut_text(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  return s.substr(0, cut_end(s, max)) + "…";
}

// out = cut_text(a + "\n" + b, max) (just a or b if the other is empty),
// without building the whole text: cut_end looks at no byte beyond `max`.
void join_cut_text(std::string& out, const std::string& a, const std::string& b, std::size_t max) {
  const bool both = !a.empty() && !b.empty();
  const std::size_t total = a.size() + (both ? 1 : 0) + b.size();
  const std::size_t keep = std::min(total, max + 1);
  out.clear();
  out.append(a, 0, std::min(a.size(), keep));
  if (both && out.size() < keep) out += '\n';
  if (out.size() < keep) out.append(b, 0, keep - out.size());
  if (total <= max) return;
  out.resize(cut_end(out, max));
  out += "…";
}

// A stemmer for MSet::snippet when the stems cannot matter. Xapian 1.4's
// snippet stems every word of the text only to look up "Z" + stem among the
// query's terms (its background model, which would use the stem too, is off
// without SNIPPET_BACKGROUND_MODEL); the engine's queries have such terms
// only if some term starts with 'Z' (the analysis makes lower-case and "F"
// terms, no TermGenerator "Z" stems), so otherwise the stem is never found
// whatever it is. Returning nothing saves the shared stem cache's lock,
// hash and copy for every word of every hit (~5 % of a search).
class NoStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string&) override { return std::string(); }
  std::string get_description() const override { return "none (no Z terms)"; }
};

const std::string kMarkStart = "<mark>", kMarkEnd = "</mark>", kOmit = "…";

// Whether any term of `q` could be a stemmed ("Z") term of MSet::snippet.
bool has_z_terms(const Xapian::Query& q) {
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
    if (!(*t).empty() && (*t)[0] == 'Z') return true;
  return false;
}

// The snippet stems of one language, shared by every worker of an engine:
// a server runs up to --threads workers, and with a cache per worker each of
// them stemmed the same words cold with Voikko (15 % of the server's CPU under
// load). Striped locks; each stripe is bounded (cleared when full).
class StemCache {
 public:
  bool get(const std::string& word, std::string& stem) {
    Stripe& st = stripe(word);
    std::lock_guard lk(st.mu);
    auto it = st.map.find(word);
    if (it == st.map.end()) return false;
    stem = it->second;
    return true;
  }
  void put(const std::string& word, const std::string& stem) {
    Stripe& st = stripe(word);
    std::lock_guard lk(st.mu);
    if (st.map.size() >= kPerStripe) st.map.clear();
    st.map.emplace(word, stem);
  }
  std::size_t size() {
    std::size_t n = 0;
    for (auto& st : stripes_) {
      std::lock_guard lk(st.mu);
      n += st.map.size();
    }
    return n;
  }

 private:
  static constexpr std::size_t kStripes = 16;
  static constexpr std::size_t kPerStripe = 200000 / kStripes;
  struct Stripe {
    std::mutex mu;
    std::unordered_map<std::string, std::string> map;
  };
  Stripe& stripe(const std::string& w) { return stripes_[std::hash<std::string>{}(w) % kStripes]; }
  std::array<Stripe, kStripes> stripes_;
};

// Remembers the analyzer's snippet stems: MSet::snippet stems every word of
// every hit's text, and the Finnish stemmer (Voikko) is the costly part of a
// search otherwise. One per worker over the engine's shared StemCache.
class CachingStem : public Xapian::StemImplementation {
 public:
  CachingStem(Xapian::Stem inner, std::shared_ptr<StemCache> cache)
      : inner_(std::move(inner)), cache_(std::move(cache)) {}
  std::string operator()(const std::string& word) override {
    std::string stem;
    if (cache_->get(word, stem)) return stem;
    stem = inner_(word);
    cache_->put(word, stem);
    return stem;
  }
  std::string get_description() const override { return "caching " + inner_.get_description(); }

 private:
  Xapian::Stem inner_;
  std::shared_ptr<StemCache> cache_;
};

struct Worker {
  std::string path;
  Xapian::rev revision = 0;
  Xapian::Database db;
  std::unique_ptr<Analyzer> analyzer;
  std::array<Xapian::Stem, 3> stems;  // per Lang, CachingStem over the analyzer's
  Xapian::Stem no_stem{new NoStem};   // for queries without "Z" terms
  std::vector<std::pair<Xapian::docid, double>> scratch;  // reused hit buffer
  std::vector<float> bounds;  // top_k.h scratch, by docid (all zero between searches)
  bool open = false;
};

// Filters resolved against one snapshot.
struct Resolved {
  std::uint32_t active = 0;
  std::vector<std::uint8_t> selected;  // gid -> 1 if selected
  // field number -> the selected values as given (codes), for facet output
  std::vector<std::vector<std::string>> values;
};

// Evaluates documents against the filters and counts facets.
struct Evaluator {
  const Snapshot& s;
  const Resolved& r;
  bool facets = false;
  std::optional<int> age;
  bool open_now = false;
  search::LocalTime local;
  std::optional<GeoPoint> near;
  std::optional<double> radius;
  bool collect = false;

  std::size_t total = 0;
  std::vector<std::uint32_t> counts;  // gid -> count
  std::array<long, kAgeFacetMax + 2> age_diff{};
  std::size_t open_count = 0;
  std::vector<std::pair<Xapian::docid, double>> hits;  // (docid, distance) when collecting

  Evaluator(const Snapshot& snap, const Resolved& res) : s(snap), r(res) {}

  std::array<double, 3> near_unit{};
  double radius_chord2 = 0;  // squared chord of radius_km on the unit sphere

  void set_near(const std::optional<GeoPoint>& p, const std::optional<double>& rad) {
    near = p;
    radius = rad;
    if (p) near_unit = search::unit_vector(*p);
    if (rad) {
      const double c = 2 * std::sin(*rad / (2 * kEarthRadiusKm));
      radius_chord2 = c * c;
    }
  }

  // Squared chord to the nearest location (orders like the distance), -1 if
  // the document has no coordinates.
  double nearest_chord2(Xapian::docid d) const {
    double best = -1;
    for (std::uint32_t i = s.coord_offsets[d]; i < s.coord_offsets[d + 1]; ++i) {
      const auto& u = s.unit[i];
      const double dx = u[0] - near_unit[0], dy = u[1] - near_unit[1], dz = u[2] - near_unit[2];
      const double c2 = dx * dx + dy * dy + dz * dz;
      if (best < 0 || c2 < best) best = c2;
    }
    return best;
  }

  // Great-circle distance in km to the nearest location, -1 if none.
  double nearest_km(Xapian::docid d) const {
    double best = -1;
    for (std::uint32_t i = s.coord_offsets[d]; i < s.coord_offsets[d + 1]; ++i) {
      const double km = distance_km(*near, s.coords[i]);
      if (best < 0 || km < best) best = km;
    }
    return best;
  }

  std::shared_ptr<const Snapshot::OpenStatus> open_cache;  // per-minute statuses

  int open_status(Xapian::docid d) const {
    if (open_cache) return d < open_cache->status.size() ? open_cache->status[d] : -1;
    return compute_open(d);
  }

  int compute_open(Xapian::docid d) const {
    const std::uint32_t hi = s.hours_index[d];
    if (!hi) return -1;
    const auto& wh = s.weekly[hi - 1];
    if (!wh.complex) {
      const int m = local.weekday * 1440 + local.minute;
      for (const auto& [from, to] : wh.intervals)
        if (m >= from && m < to) return 1;
      return 0;
    }
    int status = -1;
    for (const auto& loc : s.hours[hi - 1]) {
      const auto o = search::is_open(loc, local);
      if (o) {
        if (*o) return 1;
        status = 0;
      }
    }
    return status;
  }

  // The snapshot's facet rows (facet_rows.h), or nullptr: then the columns.
  const search::FacetRows* rows = nullptr;
  FacetCounting counting = FacetCounting::automatic;
  // Pass 1 of a relevance search needs the passing docids only when some
  // visited document does not pass (then they restrict the top-k).
  bool lazy_hits = false;

  void count_age_range(bool has_age, int amin, int amax) {
    int lo = 0, hi = kAgeFacetMax;
    if (has_age) {
      lo = amin == 255 ? 0 : amin;
      hi = amax == 255 ? kAgeFacetMax : std::min(amax, kAgeFacetMax);
    }
    if (lo > kAgeFacetMax || lo > hi) return;
    ++age_diff[static_cast<std::size_t>(lo)];
    --age_diff[static_cast<std::size_t>(hi + 1)];
  }

  // The decision and the counts of one live document d whose facet values
  // are the gids [g, g_end) (a FacetRows row or the snapshot's columns).
  template <class Gid>
  bool settle(Xapian::docid d, const Gid* g, const Gid* g_end, bool has_age, int amin, int amax) {
    double dist = -1;
    if (near) {
      dist = nearest_chord2(d);
      if (radius && (dist < 0 || dist > radius_chord2)) return false;
    }
    std::uint32_t fail = 0;
    if (r.active & kBooleanMask) {
      std::uint32_t present = 0;
      for (const Gid* p = g; p != g_end; ++p)
        if (r.selected[*p]) present |= 1u << s.gid_field[*p];
      fail = r.active & kBooleanMask & ~present;
    }
    if (age && has_age) {
      const int lo = amin == 255 ? 0 : amin;
      const int hi = amax == 255 ? 1000 : amax;
      if (*age < lo || *age > hi) fail |= 1u << kAgeBit;
    }
    int open = -2;
    if (open_now) {
      open = open_status(d);
      if (open != 1) fail |= 1u << kOpenBit;
    }
    if (fail == 0) {
      ++total;
      if (collect) hits.emplace_back(d, dist);
      if (facets) {
        for (const Gid* p = g; p != g_end; ++p) ++counts[*p];
        count_age_range(has_age, amin, amax);
        if (open == -2) open = open_status(d);
        if (open == 1) ++open_count;
      }
      return true;
    }
    // Failing exactly one field counts in that field's facet only (failing
    // open_now means not open: nothing to count).
    if (facets && (fail & (fail - 1)) == 0) {
      if (fail & kBooleanMask) {
        const int f = std::countr_zero(fail);
        for (const Gid* p = g; p != g_end; ++p)
          if (s.gid_field[*p] == f) ++counts[*p];
      } else if (fail == (1u << kAgeBit)) {
        count_age_range(has_age, amin, amax);
      }
    }
    return false;
  }

  // eval() over the packed row of `d`.
  bool eval_row(Xapian::docid d) {
    if (d > s.max_docid) return false;
    const std::uint16_t* row = rows->row(d);
    const unsigned flags = row[2];
    if (!(flags & search::FacetRows::kAlive)) return false;
    return settle(d, row + 3, row + 3 + row[0], flags & search::FacetRows::kHasAge, row[1] & 0xff, row[1] >> 8);
  }

  // eval() of every member of `docs` without a walk over the rows, when
  // counting each facet value over a set costs less than the walk
  // (FacetRows::columns_cheaper: from ~8,000 documents at 100k). A visited
  // live document counts in every facet if it passes every active filter
  // (the set P), and in field f's facet only if it fails f alone: so field
  // f's values are counted over E_f = the documents passing every filter but
  // f (P if f is not filtered), the age classes likewise, open_now over P.
  // The total, the facets, open_now and the passing docids (in the walk's
  // order, with its distances; lazily only if some visited document does
  // not pass) come from the sets. False if the walk is needed (a radius).
  bool eval_columns(const search::DocBitmap& docs, std::size_t& n_docs) {
    if (!rows || !facets || radius || counting == FacetCounting::rows) return false;
    const std::size_t visited = docs.count();
    if (counting == FacetCounting::automatic && !rows->columns_cheaper(visited)) return false;
    search::DocBitmap live = docs;
    live.and_with(rows->alive);
    // The live visited documents that pass each active filter.
    std::vector<std::pair<int, search::DocBitmap>> passes;
    passes.reserve(kOpenBit + 1);
    for (std::size_t f = 0; f < index::kBooleanFields.size(); ++f)
      if (r.active & (1u << f)) {
        passes.emplace_back(static_cast<int>(f), field_set(f));
        passes.back().second.and_with(live);
      }
    if (age) {
      search::DocBitmap age_ok;
      age_ok.reset(s.max_docid);
      live.for_each([&](Xapian::docid d) {
        if (age_passes(d)) age_ok.set(d);
      });
      passes.emplace_back(kAgeBit, std::move(age_ok));
    }
    if (open_now) {
      search::DocBitmap open_ok = live;
      if (open_cache) {
        open_ok.and_with(open_cache->open);
      } else {
        open_ok.reset(s.max_docid);
        live.for_each([&](Xapian::docid d) {
          if (open_status(d) == 1) open_ok.set(d);
        });
      }
      passes.emplace_back(kOpenBit, std::move(open_ok));
    }
    // Without filters P is the live set (no copy: `live` is not used again).
    search::DocBitmap pass = passes.empty() ? std::move(live) : live;
    for (const auto& p : passes) pass.and_with(p.second);
    // The set each field's values are counted over (by field bit).
    std::array<const search::DocBitmap*, kOpenBit + 1> base;
    base.fill(&pass);
    std::vector<search::DocBitmap> except;
    except.reserve(passes.size());
    for (const auto& p : passes) {
      if (p.first == kOpenBit) continue;  // failing open_now alone counts nowhere
      except.push_back(live);
      for (const auto& o : passes)
        if (o.first != p.first) except.back().and_with(o.second);
      base[static_cast<std::size_t>(p.first)] = &except.back();
    }
    total = pass.count();
    if (open_cache) {
      const auto& pw = pass.words();
      const auto& ow = open_cache->open.words();
      open_count = search::popcount_and(pw.data(), ow.data(), std::min(pw.size(), ow.size()));
    } else {
      pass.for_each([&](Xapian::docid d) {
        if (open_status(d) == 1) ++open_count;
      });
    }
    if (collect && (!lazy_hits || total != visited))
      pass.for_each([&](Xapian::docid d) { hits.emplace_back(d, near ? nearest_chord2(d) : -1.0); });
    // The listed columns counted over P by a walk of its members where
    // that is cheaper (facet_rows.h); the fields counted over another set
    // still test their columns' docids.
    const bool walked = rows->count_listed(pass, total, listed_k);
    // The gids' stored columns first, then the age classes, then the
    // groups (facet_rows.h), which add to each of their gids.
    const std::size_t n_gids = counts.size();
    for (std::uint32_t c = 0; c < rows->col_count.size(); ++c) {
      const bool group = c >= rows->first_group;
      const std::size_t field = c < n_gids ? s.gid_field[c]
                                : group    ? rows->group_field[c - rows->first_group]
                                           : static_cast<std::size_t>(kAgeBit);
      const std::uint32_t k = walked && base[field] == &pass && rows->col_dense[c] == search::kNoValue
                                  ? listed_k[c]
                                  : rows->count_stored(c, *base[field]);
      if (c < n_gids) {
        counts[c] = k;
      } else if (k == 0) {
        continue;
      } else if (group) {
        const std::uint32_t g = c - rows->first_group;
        for (std::uint32_t i = rows->group_offsets[g]; i < rows->group_offsets[g + 1]; ++i)
          counts[rows->group_gids[i]] += k;
      } else {
        age_diff[rows->age_lo[c - n_gids]] += k;
        age_diff[static_cast<std::size_t>(rows->age_hi[c - n_gids]) + 1] -= k;
      }
    }
    n_docs += visited;
    return true;
  }

  std::vector<std::uint32_t> listed_k;  // eval_columns: listed column -> count over P

  // Whether live document d passes the age filter (as settle() decides).
  bool age_passes(Xapian::docid d) const {
    if (!s.has_age[d]) return true;
    const int lo = s.age_min[d] == 255 ? 0 : s.age_min[d];
    const int hi = s.age_max[d] == 255 ? 1000 : s.age_max[d];
    return !(*age < lo || *age > hi);
  }

  // eval() of many ascending docids: the rows of a batch are prefetched
  // first, so the cache misses of a sparse walk over 100k+ documents
  // overlap instead of coming one after another.
  void eval_all(const search::DocBitmap& docs, std::size_t& n_docs) {
    if (eval_columns(docs, n_docs)) return;
    if (!facets && (r.active & kBooleanMask)) {
      // Only pass / fail (the fill of a short result): a document passes
      // only if it has a selected value of every active boolean field, so
      // the walk needs only the members of every such field's columns. A
      // fill tier's candidates (an OR of ~50 words) were tens of thousands
      // of rows walked for a few hundred passing (filters_superset()).
      search::DocBitmap narrowed = filters_superset();
      narrowed.and_with(docs);
      walk(narrowed);
      n_docs += docs.count();
      return;
    }
    n_docs += walk(docs);
  }

  // The live documents that have a selected value of every active boolean
  // field (a superset of those that pass: age, open_now and the radius are
  // still to be tested).
  search::DocBitmap filters_superset() const {
    search::DocBitmap all;
    bool first = true;
    for (std::size_t f = 0; f < index::kBooleanFields.size(); ++f) {
      if (!(r.active & (1u << f))) continue;
      if (first) {
        all = field_set(f);
        first = false;
      } else {
        all.and_with(field_set(f));
      }
    }
    if (first) all.reset(s.max_docid);
    return all;
  }

  // The live documents with a selected value of boolean field f, from the
  // facet columns or the snapshot's postings.
  search::DocBitmap field_set(std::size_t f) const {
    search::DocBitmap field;
    field.reset(s.max_docid);
    for (const auto& [value, gid] : s.value_gid[f]) {
      (void)value;
      if (!r.selected[gid]) continue;
      if (rows) {
        rows->add_docs(gid, field);
      } else {
        for (std::uint32_t i = s.gid_offsets[gid]; i < s.gid_offsets[gid + 1]; ++i)
          if (s.gid_docs[i] <= s.max_docid && s.alive[s.gid_docs[i]]) field.set(s.gid_docs[i]);
      }
    }
    return field;
  }

  // eval() of every member of `docs`, ascending; returns how many.
  std::size_t walk(const search::DocBitmap& docs) {
    std::size_t n_docs = 0;
    constexpr std::size_t kBatch = 32;
    Xapian::docid batch[kBatch];
    std::size_t k = 0;
    auto flush = [&] {
      if (rows) {
        for (std::size_t i = 0; i < k; ++i)
          if (batch[i] <= s.max_docid) __builtin_prefetch(&rows->start[batch[i]]);
        for (std::size_t i = 0; i < k; ++i)
          if (batch[i] <= s.max_docid) __builtin_prefetch(rows->row(batch[i]));
      }
      for (std::size_t i = 0; i < k; ++i) eval(batch[i]);
      n_docs += k;
      k = 0;
    };
    docs.for_each([&](Xapian::docid d) {
      batch[k++] = d;
      if (k == kBatch) flush();
    });
    flush();
    return n_docs;
  }

  bool eval(Xapian::docid d) {
    if (rows) return eval_row(d);
    if (d > s.max_docid || !s.alive[d]) return false;
    const std::uint32_t* g = s.doc_gids.data();
    return settle(d, g + s.doc_offsets[d], g + s.doc_offsets[d + 1], s.has_age[d] != 0, s.age_min[d], s.age_max[d]);
  }
};

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

[[noreturn]] void bad_param(const std::string& param, const std::string& msg) {
  throw Error(ErrorCode::invalid_parameter, msg, param);
}

// Normalises one filter value to the code stored in the index.
std::string normalise_filter_value(const CodeLists& codes, const std::string& field,
                                   const std::string& raw) {
  std::string v = raw;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(v.begin());
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  if (v.empty()) bad_param(field, field + ": empty value");
  if (v.size() > 100) bad_param(field, field + ": value too long");
  if (field == "municipality") {
    if (all_digits(v)) {
      if (v.size() > 3) bad_param(field, "municipality: unknown municipality code \"" + v + "\"");
      while (v.size() < 3) v = "0" + v;
      if (!codes.municipality(v)) bad_param(field, "municipality: unknown municipality code \"" + v + "\"");
      return v;
    }
    if (const Municipality* m = codes.municipality_by_name(v)) return m->code;
    bad_param(field, "municipality: unknown municipality \"" + v + "\"");
  }
  if (field == "region") {
    if (all_digits(v)) {
      if (v.size() > 2) bad_param(field, "region: unknown region code \"" + v + "\"");
      while (v.size() < 2) v = "0" + v;
      if (!codes.find("region", v)) bad_param(field, "region: unknown region code \"" + v + "\"");
      return v;
    }
    const std::string lv = lower(v);
    for (const auto& c : codes.all("region"))
      for (Lang l : kAllLangs)
        if (!c.label.get(l).empty() && lower(c.label.get(l)) == lv) return c.code;
    bad_param(field, "region: unknown region \"" + v + "\"");
  }
  if (field == "provider_type") {
    auto t = parse_provider_type(lower(v));
    if (!t) bad_param(field, "provider_type: unknown provider type \"" + v +
                                 "\" (municipality, wellbeing_county, state, ngo, parish, private_company)");
    return std::string(provider_type_code(*t));
  }
  if (field == "service_class" || field == "target_group" || field == "life_event") {
    const std::string u = upper(v);
    if (!codes.find(field, u)) bad_param(field, field + ": unknown code \"" + v + "\"");
    return u;
  }
  if (field == "language") {
    const std::string l = lower(v);
    if (l.size() < 2 || l.size() > 3 || !std::all_of(l.begin(), l.end(), [](unsigned char c) {
          return c >= 'a' && c <= 'z';
        }))
      bad_param(field, "language: \"" + v + "\" is not a language code such as fi, sv or en");
    return l;
  }
  if (field == "cost") {
    auto c = parse_cost(lower(v));
    if (!c || *c == Cost::unknown) bad_param(field, "cost: \"" + v + "\" is not one of free, paid, partly");
    return std::string(cost_code(*c));
  }
  if (field == "channel") {
    const std::string l = lower(v);
    if (l != "location" && l != "phone" && l != "web" && l != "eservice")
      bad_param(field, "channel: \"" + v + "\" is not one of location, phone, web, eservice");
    return l;
  }
  return v;  // source
}

}  // namespace

struct SearchEngine::Impl {
  std::string dir;
  EngineOptions opts;
  std::shared_ptr<const AnalysisResources> resources;
  std::shared_ptr<const CodeLists> codes;

  mutable std::mutex snap_mu;
  mutable std::shared_ptr<const Snapshot> snap;  // guarded by snap_mu
  mutable std::mutex reload_mu;
  mutable Xapian::Database monitor;  // guarded by reload_mu
  mutable std::atomic<std::int64_t> last_check{0};

  mutable std::mutex pool_mu;
  mutable std::condition_variable pool_cv;  // a worker came back (pool_mu)
  mutable std::vector<std::unique_ptr<Worker>> pool;  // idle workers (pool_mu)
  mutable unsigned workers = 0;  // created so far, at most max_workers() (pool_mu)

  unsigned max_workers() const {
    if (opts.max_workers > 0) return opts.max_workers;
    return std::max(4u, std::thread::hardware_concurrency());
  }
  // Snippet stems per language, shared by the workers (StemCache).
  std::array<std::shared_ptr<StemCache>, 3> stem_caches{std::make_shared<StemCache>(),
                                                        std::make_shared<StemCache>(),
                                                        std::make_shared<StemCache>()};

  // Facet rows of the current snapshot (facet_rows.h), built on first use.
  mutable std::mutex rows_mu;
  mutable const Snapshot* rows_snap = nullptr;  // guarded by rows_mu; identity only
  mutable std::shared_ptr<const Snapshot> rows_keep;  // keeps rows_snap alive
  mutable std::shared_ptr<const search::FacetRows> rows;  // guarded by rows_mu

  std::shared_ptr<const search::FacetRows> rows_for(const Snapshot& s) const {
    std::lock_guard lk(rows_mu);
    if (rows_snap != &s) {
      rows = search::FacetRows::build(s);
      rows_snap = &s;
      rows_keep = current();  // normally `s` itself; else rebuilt next time
      if (rows_keep.get() != &s) rows_snap = nullptr;
    }
    return rows;
  }

  // Posting lists of the snapshot's revision (match_set.h); replaced when
  // the snapshot changes.
  // Whole results of repeated requests (result_cache.h).
  std::unique_ptr<search::ResultCache> results;
  // Parsed stored records of recently returned hits by docid, for the
  // snapshot's revision (the JSON parse is the largest per-hit cost).
  std::unique_ptr<LruCache<ServiceRecord>> records;

  mutable std::mutex postings_mu;
  mutable std::shared_ptr<search::PostingCache> postings;  // guarded by postings_mu

  // The posting cache for a worker's database, or nullptr when the worker
  // is not at the snapshot's revision (an update landed in between).
  std::shared_ptr<search::PostingCache> postings_for(const Worker& w, const Snapshot& s) const {
    if (w.revision != s.revision || w.path != s.path || opts.postings_cache_bytes == 0) return nullptr;
    const std::string key = s.path + "@" + std::to_string(s.revision);
    std::lock_guard lk(postings_mu);
    if (!postings || postings->db_key() != key)
      postings = std::make_shared<search::PostingCache>(key, opts.postings_cache_bytes);
    return postings;
  }

  std::shared_ptr<const Snapshot> current() const {
    std::lock_guard lk(snap_mu);
    return snap;
  }

  // Opens the live generation; returns its snapshot and keeps the database
  // as the monitor. Caller holds reload_mu (or is the constructor).
  std::shared_ptr<const Snapshot> open_live() const {
    const std::string gen = index::live_generation(dir);
    if (gen.empty())
      throw Error(ErrorCode::index_unavailable,
                  "no index in " + dir + ": run palveluhaku-index --index " + dir + " SOURCE...");
    const std::string path = (fs::path(dir) / gen).string();
    try {
      Xapian::Database db(path);
      auto s = Snapshot::build(db, path);
      monitor = db;
      return s;
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw Error(ErrorCode::index_corrupt, "index " + path + " is damaged: " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw Error(ErrorCode::index_corrupt, "cannot open index " + path + ": " + e.get_msg());
    } catch (const Xapian::Error& e) {
      throw Error(ErrorCode::index_unavailable, "cannot open index " + path + ": " + e.get_description());
    }
  }

  void reload(bool force) const {
    const std::int64_t t = now_ms();
    if (!force && t - last_check.load(std::memory_order_relaxed) < opts.reload_interval_ms) return;
    std::unique_lock lk(reload_mu, std::defer_lock);
    if (force)
      lk.lock();
    else if (!lk.try_lock())
      return;
    last_check.store(t, std::memory_order_relaxed);
    try {
      const auto cur = current();
      const std::string gen = index::live_generation(dir);
      if (gen.empty()) return;  // keep serving what we have
      const std::string path = (fs::path(dir) / gen).string();
      std::shared_ptr<const Snapshot> next;
      if (path != cur->path) {
        next = open_live();
      } else {
        monitor.reopen();
        // An in-place update: patch the snapshot for the documents it changed.
        if (monitor.get_revision() != cur->revision) next = Snapshot::update(*cur, monitor, path);
      }
      if (next) {
        std::lock_guard sl(snap_mu);
        snap = std::move(next);
      }
    } catch (const Xapian::Error&) {
      // Keep the current snapshot; the next check tries again.
    } catch (const Error&) {
    }
  }

  struct Lease {
    const Impl* impl;
    std::unique_ptr<Worker> w;
    Lease(const Impl* i, std::unique_ptr<Worker> wk) : impl(i), w(std::move(wk)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (w) {
        {
          std::lock_guard lk(impl->pool_mu);
          impl->pool.push_back(std::move(w));
        }
        impl->pool_cv.notify_one();
      }
    }
  };

  // An idle worker, a new one while fewer than max_workers() exist, or the
  // next one to come back.
  Lease acquire(const Snapshot& s) const {
    Lease l{this, nullptr};
    bool create = false;
    {
      std::unique_lock lk(pool_mu);
      pool_cv.wait(lk, [&] { return !pool.empty() || workers < max_workers(); });
      if (!pool.empty()) {
        l.w = std::move(pool.back());
        pool.pop_back();
      } else {
        ++workers;
        create = true;
      }
    }
    if (create) {
      try {
        l.w = make_worker();
      } catch (...) {
        {
          std::lock_guard lk(pool_mu);
          --workers;
        }
        pool_cv.notify_one();
        throw;
      }
    }
    sync(*l.w, s);
    return l;
  }

  std::unique_ptr<Worker> make_worker() const {
    auto w = std::make_unique<Worker>();
    AnalyzerOptions ao;
    ao.cache_entries = opts.analysis_cache_entries;
    ao.suggestion_entries = opts.suggestion_cache_entries;
    w->analyzer = std::make_unique<Analyzer>(resources, ao);
    for (Lang lang : kAllLangs)
      w->stems[static_cast<std::size_t>(lang)] = Xapian::Stem(
          new CachingStem(w->analyzer->snippet_stemmer(lang), stem_caches[static_cast<std::size_t>(lang)]));
    return w;
  }

  // After Xapian::DatabaseModifiedError: a newer revision replaced blocks
  // the worker was reading, so it reopens and the caller tries again. If the
  // reopened database is at the same revision, nothing was written: the
  // blocks themselves are damaged (random bytes over the tables read so).
  // Throws Error(index_corrupt) then, and Error(index_unavailable) when the
  // index changed under every one of `attempt` tries.
  static void reopen_after_change(Worker& w, int attempt) {
    const Xapian::rev before = w.db.get_revision();
    w.db.reopen();
    w.revision = w.db.get_revision();
    if (w.revision == before)
      throw Error(ErrorCode::index_corrupt, "the index is damaged (blocks read as changed, revision unchanged)");
    if (attempt >= 3) throw Error(ErrorCode::index_unavailable, "the index kept changing during the search");
  }

  static void sync(Worker& w, const Snapshot& s) {
    if (!w.open || w.path != s.path) {
      w.db = Xapian::Database(s.path);
      w.path = s.path;
      w.open = true;
      w.revision = w.db.get_revision();
    } else if (w.revision < s.revision) {
      w.db.reopen();
      w.revision = w.db.get_revision();
    }
  }

  Resolved resolve(const Snapshot& s, const SearchRequest& req) const {
    Resolved r;
    r.selected.assign(s.gid_value.size(), 0);
    r.values.resize(index::kBooleanFields.size());
    for (const auto& [field, vals] : req.filters) {
      const int f = s.field_number(field);
      if (f < 0) bad_param(field, "unknown filter \"" + field + "\"");
      if (vals.empty()) continue;
      if (vals.size() > 500) bad_param(field, field + ": too many values");
      r.active |= 1u << f;
      for (const auto& raw : vals) {
        const std::string v = normalise_filter_value(*codes, field, raw);
        r.values[static_cast<std::size_t>(f)].push_back(v);
        const auto& dict = s.value_gid[static_cast<std::size_t>(f)];
        if (auto it = dict.find(v); it != dict.end()) r.selected[it->second] = 1;
      }
      if (field == "municipality" && s.whole_country_municipality != search::kNoValue)
        r.selected[s.whole_country_municipality] = 1;
      if (field == "region" && s.whole_country_region != search::kNoValue)
        r.selected[s.whole_country_region] = 1;
    }
    if (req.age) r.active |= 1u << kAgeBit;
    if (req.open_now) r.active |= 1u << kOpenBit;
    return r;
  }

  void fill_facets(const Snapshot& s, const SearchRequest& req, const Resolved& r, const Evaluator& ev,
                   SearchResult& out) const {
    const auto& labels = s.labels(req.lang, [&](std::uint32_t g) {
      return search::facet_label(*codes, index::kBooleanFields[s.gid_field[g]], s.gid_value[g], req.lang);
    });
    // The snapshot numbers gids in (field, value) order (snapshot.h): a
    // field's gids are consecutive from the sum of the earlier fields'
    // sizes, and a lower gid of a field has the lower value.
    std::uint32_t field_begin = 0;
    std::vector<std::uint64_t> keys;
    std::vector<std::pair<std::size_t, std::uint32_t>> order;
    for (std::size_t f = 0; f < index::kBooleanFields.size(); ++f) {
      const std::uint32_t begin = field_begin, end = begin + static_cast<std::uint32_t>(s.value_gid[f].size());
      field_begin = end;
      const std::string& field = index::kBooleanFields[f];
      if (std::find(kFacetFields.begin(), kFacetFields.end(), field) == kFacetFields.end()) continue;
      std::uint32_t wc = 0;
      std::uint32_t wc_gid = field == "municipality" ? s.whole_country_municipality
                             : field == "region"     ? s.whole_country_region
                                                     : search::kNoValue;
      if (wc_gid != search::kNoValue) wc = ev.counts[wc_gid];
      // Ordered as (count, gid) first, so that the sort moves no strings:
      // by count descending, then by value, which is by gid; one 64-bit key
      // each (a count < 2^32: documents of a Xapian database). A selected
      // value the index does not have is kUnknown + its index in
      // r.values[f], placed by its string.
      constexpr std::uint32_t kUnknown = 0x80000000u;
      const auto& sel = r.values[f];
      keys.clear();
      for (std::uint32_t gid = begin; gid < end; ++gid) {
        if (gid == wc_gid) continue;
        const std::uint64_t c = std::uint64_t{ev.counts[gid]} + wc;
        // r.selected: the selected values of the field (and its whole
        // country value, wc_gid).
        if (c == 0 && !r.selected[gid]) continue;
        keys.push_back((std::uint64_t{0xffffffffu} - c) << 32 | gid);
      }
      std::sort(keys.begin(), keys.end());
      order.clear();
      for (const auto k : keys)
        order.emplace_back(std::size_t{0xffffffffu} - (k >> 32), static_cast<std::uint32_t>(k & 0xffffffffu));
      const auto value_of = [&](std::uint32_t id) -> const std::string& {
        return id & kUnknown ? sel[id & ~kUnknown] : s.gid_value[id];
      };
      bool unknown = false;
      for (std::size_t i = 0; i < sel.size(); ++i)
        if (!s.value_gid[f].count(sel[i])) {
          order.emplace_back(wc, kUnknown | static_cast<std::uint32_t>(i));
          unknown = true;
        }
      if (unknown)
        std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
          if (a.first != b.first) return a.first > b.first;
          return value_of(a.second) < value_of(b.second);
        });
      std::vector<FacetCount> list;
      list.reserve(order.size());
      for (const auto& [c, id] : order)
        list.push_back({value_of(id),
                        id & kUnknown ? search::facet_label(*codes, field, value_of(id), req.lang) : labels[id], c});
      out.facets[field] = std::move(list);
    }
    std::vector<FacetCount> ages;
    long run = 0;
    for (int a = 0; a <= kAgeFacetMax; ++a) {
      run += ev.age_diff[static_cast<std::size_t>(a)];
      const std::string v = std::to_string(a);
      if (run > 0 || (req.age && *req.age == a))
        ages.push_back({v, search::facet_label(*codes, "age", v, req.lang), static_cast<std::size_t>(run)});
    }
    out.facets["age"] = std::move(ages);
    std::vector<FacetCount> open;
    if (ev.open_count > 0 || req.open_now)
      open.push_back({"true", search::facet_label(*codes, "open_now", "true", req.lang), ev.open_count});
    out.facets["open_now"] = std::move(open);
  }

  SearchResult run(Worker& w, const Snapshot& s, const SearchRequest& req) const;
  std::vector<Suggestion> suggest(Worker& w, const Snapshot& s, const std::string& q, Lang lang,
                                  std::size_t limit) const;
};

namespace {

ServiceRecord parse_record(const std::string& data) {
  ServiceRecord rec;
  const auto j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded()) throw Error(ErrorCode::index_corrupt, "a stored record is not valid JSON");
  std::vector<Problem> problems;
  record_from_json(j, SourcePlace{"index", 0, ""}, rec, problems);
  return rec;
}

// Xapian's BM25 ranks [first, first + max) of `q` over the candidate
// documents only: the weighing step of search::bounded_top_k (top_k.h) and
// the plain top-k of a fill's passing documents.
Xapian::MSet weigh_candidates(const Xapian::Database& db, const Xapian::Query& q, const index::IndexConfig& config,
                              std::vector<Xapian::docid> cands, Xapian::doccount first, Xapian::doccount max) {
  Xapian::Enquire enq(db);
  enq.set_query(search::only_docs(q, std::move(cands)));
  enq.set_weighting_scheme(Xapian::BM25Weight(config.bm25_k1, 0, 1, config.bm25_b, 0.5));
  return enq.get_mset(first, max);
}

// The statistics of `q` without a match (get_mset(0, 0): the postlists are
// opened, none is read): the termweights of its terms for the snippets.
Xapian::MSet term_stats(const Xapian::Database& db, const Xapian::Query& q, const index::IndexConfig& config) {
  Xapian::Enquire enq(db);
  enq.set_query(q);
  enq.set_weighting_scheme(Xapian::BM25Weight(config.bm25_k1, 0, 1, config.bm25_b, 0.5));
  return enq.get_mset(0, 0);
}

}  // namespace

// Documents worth evaluating for an empty query. A document counts (as a
// hit or in one field's facet) only if it fails at most one filter field, so
// with two or more boolean fields active it passes one of any two of them:
// the postings of the two most selective fields cover every such document.
// nullopt = evaluate every document.
static std::optional<std::vector<Xapian::docid>> browse_candidates(const Snapshot& s, const Resolved& r) {
  std::vector<std::pair<std::size_t, int>> fields;  // (postings, field)
  for (std::size_t f = 0; f < index::kBooleanFields.size(); ++f) {
    if (!(r.active & (1u << f))) continue;
    std::size_t n = 0;
    for (const auto& [value, gid] : s.value_gid[f]) {
      (void)value;
      if (r.selected[gid]) n += s.gid_offsets[gid + 1] - s.gid_offsets[gid];
    }
    fields.emplace_back(n, static_cast<int>(f));
  }
  if (fields.size() < 2) return std::nullopt;
  std::sort(fields.begin(), fields.end());
  if (fields[0].first + fields[1].first > s.docids.size() / 2) return std::nullopt;
  std::vector<Xapian::docid> out;
  out.reserve(fields[0].first + fields[1].first);
  for (int k = 0; k < 2; ++k) {
    const auto f = static_cast<std::size_t>(fields[static_cast<std::size_t>(k)].second);
    for (const auto& [value, gid] : s.value_gid[f]) {
      (void)value;
      if (r.selected[gid])
        out.insert(out.end(), s.gid_docs.begin() + s.gid_offsets[gid], s.gid_docs.begin() + s.gid_offsets[gid + 1]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

SearchResult SearchEngine::Impl::run(Worker& w, const Snapshot& s, const SearchRequest& req) const {
  SearchResult out;
  out.page = req.page;
  out.per_page = req.per_page;
  const Resolved r = resolve(s, req);

  auto words = w.analyzer->analyze_query(req.q, req.lang);
  const bool text = !search::effective_words(words).empty();
  const std::size_t offset = static_cast<std::size_t>(req.page - 1) * static_cast<std::size_t>(req.per_page);
  const auto now = req.now ? *req.now : std::chrono::system_clock::now();

  SortOrder sort = req.sort;
  if (!text && sort == SortOrder::relevance) sort = req.near ? SortOrder::distance : SortOrder::name;

  const auto facet_rows = rows_for(s);
  auto make_eval = [&] {
    Evaluator ev(s, r);
    ev.rows = facet_rows.get();
    ev.counting = opts.facet_counting;
    ev.facets = req.facets;
    ev.age = req.age;
    ev.open_now = req.open_now;
    if (req.open_now || req.facets) {
      ev.local = search::helsinki_time(now);
      Evaluator* evp = &ev;
      ev.open_cache = s.open_status_at(ev.local.date + " " + std::to_string(ev.local.minute),
                                       [evp](Xapian::docid d) {
                                         return static_cast<std::int8_t>(evp->compute_open(d));
                                       });
    }
    ev.set_near(req.near, req.radius_km);
    ev.hits.swap(w.scratch);
    ev.hits.clear();
    ev.collect = sort != SortOrder::relevance;
    if (req.facets) ev.counts.assign(s.gid_value.size(), 0);
    return ev;
  };

  // For the snippets: the MSet of found_text (its stats hold the query's
  // termweights), or the same termweights computed without a match.
  std::optional<Xapian::MSet> mset;
  std::optional<search::TermWeights> termweights;
  std::vector<std::pair<Xapian::docid, double>> page_docs;  // (docid, weight)
  std::optional<Evaluator> final_ev;

  auto order_collected = [&](Evaluator& ev) {
    auto& hits = ev.hits;
    auto by = [&](const std::pair<Xapian::docid, double>& a, const std::pair<Xapian::docid, double>& b) {
      if (sort == SortOrder::distance) {
        const double da = a.second < 0 ? 1e18 : a.second, db = b.second < 0 ? 1e18 : b.second;
        if (da != db) return da < db;
      }
      const auto ra = s.name_rank[a.first], rb = s.name_rank[b.first];
      if (ra != rb) return ra < rb;
      return a.first < b.first;
    };
    const std::size_t end = std::min(hits.size(), offset + static_cast<std::size_t>(req.per_page));
    if (offset < hits.size()) {
      std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(), by);
      for (std::size_t i = offset; i < end; ++i) page_docs.emplace_back(hits[i].first, 0.0);
    }
  };

  const auto pcache = postings_for(w, s);
  // The index's terms by folded form (index/folded_terms.h); none in an
  // index built with "F" terms.
  std::optional<index::FoldedTerms> folded_terms;
  if (text && index::FoldedTerms::available(w.db)) folded_terms.emplace(w.db);
  const index::FoldedTerms* folded = folded_terms ? &*folded_terms : nullptr;
  // A term of the index; a folded "F" term (the Analyzer's) if some term
  // folds to it.
  const auto is_term = [&w, folded](const std::string& t) {
    return folded && t.size() > 1 && t[0] == 'F' ? folded->contains(std::string_view(t).substr(1)) : w.db.term_exists(t);
  };
  // The index's spelling: the nearest word of its dictionary (Xapian's
  // suggestion, else spelling_lexicon.h) as an alternative of a word no
  // reading of which is known, weaker than the word itself, as the
  // analysis adds Voikko's suggestions. Voikko suggests words of its own
  // dictionary, often in no text of the index ("kasteneuvolassa" for
  // "lasteneuvolassa"); the index's dictionary has only words that match.
  // Matched only through it, the user gets "did you mean".
  // Asked once per word: the alternatives below and the "did you mean"
  // further down want the same words (Xapian's suggestion costs 0.3-5 ms).
  std::unordered_map<std::string, std::string> nearest_of;
  const auto nearest_indexed = [&](const std::string& t) -> const std::string& {
    if (const auto it = nearest_of.find(t); it != nearest_of.end()) return it->second;
    std::string sug = w.db.get_spelling_suggestion(t, t.size() > 6 ? 2 : 1);
    if (sug.empty())
      if (const auto m = s.spelling_lexicon(w.db, resources->vocabulary()).nearest(t)) sug = m->word;
    return nearest_of.emplace(t, std::move(sug)).first->second;
  };
  // The word being typed: the query's last word, which query_builder.h also
  // matches as a prefix, is no typo to correct when the index has words it
  // begins ("perhek", "perheke" -> perhekeskus, perhekahvila; "aitiysn" ->
  // äitiysneuvola through the folded forms), unless the nearest indexed word
  // is far more common than every one of them ("pehe": perhe, not a rare
  // pehennin) and not one the word goes on from. Both the spelling
  // alternatives and "did you mean" ask this; the answer is kept.
  std::optional<bool> last_typed;
  const auto being_typed = [&](const QueryWord& word) {
    if (words.empty() || &word != &words.back() || word.inflected || analysis::utf8_length(word.text) < 3) return false;
    if (last_typed) return *last_typed;
    Xapian::doccount best = 0;  // the commonest word it begins
    int seen = 0;
    for (auto t = w.db.allterms_begin(word.text); t != w.db.allterms_end(word.text) && seen < 256; ++t, ++seen)
      best = std::max(best, t.get_termfreq());
    if (folded)
      for (const auto& t : folded->with_prefix(word.text, 1)) best = std::max(best, w.db.get_termfreq(t));
    const std::string& sug = best > 0 ? nearest_indexed(word.text) : word.text;
    // A nearest word the typed one goes on from ("perhe" for "perhek") is
    // one the user has typed past.
    last_typed = best > 0 && (sug.empty() || word.text.starts_with(sug) ||
                              best * kTypedPrefixRatio >= w.db.get_termfreq(sug));
    return *last_typed;
  };
  if (text)
    for (auto& word : words) {
      if (word.stopword || !word.unknown || w.db.term_exists(word.text)) continue;
      if (being_typed(word)) continue;  // completed by the prefix match
      const std::string sug = nearest_indexed(word.text);
      if (sug.empty() || sug == word.text) continue;
      auto cw = w.analyzer->analyze_query(sug, req.lang);
      if (cw.size() != 1) continue;
      for (auto& a : cw[0].alternatives) {
        if (a.kind == TermKind::folded) continue;  // the word's own folded form stays the only one
        a.weight *= kIndexSuggestionWeight;
        a.correction = true;
        word.alternatives.push_back(std::move(a));
      }
    }
  search::DocBitmap matched;
  // The text query whose matches are the result (for the fill below).
  Xapian::Query found_text;
  std::vector<QueryWord> found_words;
  bool found_relaxed = false;

  auto run_text = [&](const std::vector<QueryWord>& ws, bool relaxed, bool truncate = false) -> bool {
    search::QueryBuildOptions qo;
    qo.relaxed = relaxed;
    qo.truncate_unknown = truncate;
    qo.is_term = is_term;
    qo.folded = folded;
    search::ScorePlan plan;
    Xapian::Query q = search::build_text_query(ws, qo, &plan);
    if (q.empty()) return false;
    const Xapian::Query text_q = q;
    // Pass 1: every matching document, evaluated against the filters and
    // counted in the facets; the passing docids are collected in order.
    search::match_bitmap(w.db, q, pcache.get(), matched);
    Evaluator ev = make_eval();
    ev.collect = true;
    ev.lazy_hits = sort == SortOrder::relevance;
    std::size_t n_matched = 0;
    ev.eval_all(matched, n_matched);
    if (ev.total == 0) {
      page_docs.clear();
      w.scratch.swap(ev.hits);
      return false;
    }
    if (req.near && sort == SortOrder::relevance) {
      // Prefer nearer services: up to +3 for 0 km, half of it at 5 km. From
      // the snapshot's coordinates (near_source.h) while the database is at
      // its revision, else from the index's coordinates slot.
      Xapian::PostingSource* ps;
      if (w.revision == s.revision && w.path == s.path) {
        ps = new search::NearSource(s, *req.near, kNearRangeM, kNearHalfM, 1.0);
      } else {
        Xapian::GreatCircleMetric metric;
        ps = new Xapian::LatLongDistancePostingSource(
            s.config.slot_coords, Xapian::LatLongCoords(Xapian::LatLongCoord(req.near->lat, req.near->lon)),
            metric, kNearRangeM, kNearHalfM, 1.0);
      }
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(ps->release()), kNearScale));
    }
    const Xapian::Query ranked_q = q;  // the ranking, before the filters' docids
    // Pass 2: the page. Only documents that passed every filter may rank.
    if (sort == SortOrder::relevance && ev.total != n_matched) {
      std::vector<Xapian::docid> passed;
      passed.reserve(ev.hits.size());
      for (const auto& h : ev.hits) passed.push_back(h.first);
      q = search::only_docs(q, std::move(passed));
    }
    Xapian::Enquire enq(w.db);
    enq.set_query(q);
    enq.set_weighting_scheme(Xapian::BM25Weight(s.config.bm25_k1, 0, 1, s.config.bm25_b, 0.5));
    Xapian::MSet m;
    std::optional<search::TermWeights> tw;
    if (sort == SortOrder::relevance) {
      if (offset < ev.total) {
        // A broad result: Xapian weighs only candidates (top_k.h).
        std::optional<search::TopK> top;
        const std::size_t per_page = static_cast<std::size_t>(req.per_page);
        if (pcache && opts.topk_bound_min_matches > 0 && ev.total >= opts.topk_bound_min_matches &&
            ev.total > 2 * (offset + per_page) + 10) {
          const search::Bm25Params bp{s.config.bm25_k1, s.config.bm25_b, 0.5};
          auto weigh = [&](std::vector<Xapian::docid> cands, Xapian::doccount first, Xapian::doccount max) {
            return weigh_candidates(w.db, ranked_q, s.config, std::move(cands), first, max);
          };
          // Near: a bound of the near-me weight from the chord to the nearest
          // location (a distance on a sphere smaller than Xapian's, less 1 m).
          std::function<float(Xapian::docid)> near_bound;
          if (req.near)
            near_bound = [&ev](Xapian::docid d) {
              const double c2 = ev.nearest_chord2(d);
              if (c2 < 0) return 0.0f;  // no coordinates: no near weight
              const double angle = 2 * std::asin(std::min(1.0, std::sqrt(c2) / 2));
              const double dist = std::max(0.0, angle * 6.3e6 - 1.0);
              return static_cast<float>(kNearScale * kNearHalfM / (dist + kNearHalfM) * (1 + 1e-4));
            };
          top = search::bounded_top_k(w.db, *pcache, plan, bp, ev.hits, matched, offset, per_page, w.bounds, weigh,
                                      near_bound);
        }
        if (top) {
          page_docs.insert(page_docs.end(), top->page.begin(), top->page.end());
          // The snippets rank passages by the query's termweights: Xapian's
          // MSet if it weighed, else the same computed from the database's
          // statistics (term_weights.h), else its stats alone (no match).
          if (top->mset)
            m = std::move(*top->mset);
          else if (!(tw = search::plan_termweights(w.db, plan, {s.config.bm25_k1, s.config.bm25_b, 0.5}, pcache.get())))
            m = term_stats(w.db, text_q, s.config);
        } else {
          m = enq.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(req.per_page));
          for (auto it = m.begin(); it != m.end(); ++it) page_docs.emplace_back(*it, it.get_weight());
        }
      }
    } else {
      m = enq.get_mset(0, 0);  // for the snippets' query terms
      order_collected(ev);
    }
    if (tw) {
      mset.reset();
      termweights = std::move(tw);
    } else {
      mset = m;
      termweights.reset();
    }
    final_ev.emplace(std::move(ev));
    found_text = text_q;
    found_words = ws;
    found_relaxed = relaxed;
    return true;
  };

  if (!text) {
    Evaluator ev = make_eval();
    const auto cands = browse_candidates(s, r);
    std::size_t n_docs = 0;
    if (cands)
      for (Xapian::docid d : *cands) ev.eval(d);
    else if (!facet_rows || !ev.eval_columns(facet_rows->alive, n_docs))
      for (Xapian::docid d : s.docids) ev.eval(d);
    order_collected(ev);
    final_ev.emplace(std::move(ev));
  } else {
    // The query with each word replaced by fix(word) where that is another
    // word (fix returns "" to keep it); nullopt if no word changes.
    auto rewrite = [&](const auto& fix) -> std::optional<std::string> {
      std::string corrected;
      bool changed = false;
      for (const auto& word : words) {
        std::string t = fix(word);
        if (t.empty() || t == word.text)
          t = word.text;
        else
          changed = true;
        if (!corrected.empty()) corrected += ' ';
        corrected += t;
      }
      return changed ? std::optional<std::string>(corrected) : std::nullopt;
    };
    // Spelling: correct the words the index does not know.
    // only_unknown: only the words that match nothing by themselves;
    // unmatched: only the words that match nothing at all, not even through
    // Voikko's spelling suggestions.
    auto correct = [&](bool only_unknown, bool unmatched = false) {
      return rewrite([&](const QueryWord& word) -> std::string {
        const std::string& t = word.text;
        // Known: the word as typed (or its folded form) is in the index, or
        // the analysis matched it by itself: a base form ("uupunut" ->
        // uupua), a synonym or translation ("mobbning" -> kiusaaminen), its
        // compound parts. Matched only through a spelling suggestion's
        // alternatives, the user still gets "did you mean".
        const auto matches = [&](const QueryAlternative& a) {
          return (unmatched || !a.correction) && std::all_of(a.terms.begin(), a.terms.end(), is_term);
        };
        const bool known = only_unknown && (w.db.term_exists(t) || is_term("F" + t) ||
                                            std::any_of(word.alternatives.begin(), word.alternatives.end(), matches) ||
                                            being_typed(word));
        if (word.stopword || known || t.size() < 3) return {};
        // An inflected or compound word's typo ("lasteneuvolassa") too:
        // near the start of a dictionary word (spelling_lexicon.h).
        return nearest_indexed(t);
      });
    };
    // Runs `ws` as typed, then with only some of its words required.
    auto run_all_or_some = [&](const std::vector<QueryWord>& ws) {
      bool ok = run_text(ws, false);
      if (!ok && search::effective_words(ws).size() > 1) {
        ok = run_text(ws, true);
        out.relaxed = ok;
      }
      return ok;
    };
    bool found = false;
    // A word the index does not know and the index's dictionary can correct
    // ("tuki pehe", "perhenuvolassa") is searched corrected first ("showing
    // results for"): the words as typed would match only the other words, or
    // the word only through Voikko's weaker guesses.
    const auto unknown_fixed = correct(true, true);
    if (unknown_fixed) {
      // Only if every word then matches: a word that is merely new to the
      // index would rarely be "corrected" into one that fits the others.
      auto cwords = w.analyzer->analyze_query(*unknown_fixed, req.lang);
      found = run_text(cwords, false);
      out.did_you_mean = *unknown_fixed;
      out.corrected = found;
    }
    bool as_typed = false;
    if (!found) as_typed = found = run_all_or_some(words);
    if (as_typed) {
      if (auto c = correct(true)) out.did_you_mean = *c;
    } else if (!found) {
      // The corrected query's results, as did you mean.
      const auto run_corrected = [&](const std::string& c) {
        found = run_all_or_some(w.analyzer->analyze_query(c, req.lang));
        out.did_you_mean = c;
        out.corrected = found;
      };
      if (auto c = correct(false); c && c != unknown_fixed) run_corrected(*c);
      if (!found) {
        // Last resort: words the index does not know, clipped to a prefix
        // (slang such as "koulupsyka" -> koulupsy*: koulupsykologi).
        found = run_text(words, false, true);
        if (!found && search::effective_words(words).size() > 1) {
          found = run_text(words, true, true);
          out.relaxed = found;
        }
      }
      if (!found) {
        // Still nothing: a word of 4 letters one edit from a whole word of
        // the index's dictionary ("keho" -> kerho, "sosu" -> sossu), too
        // short for the corrections above, which would otherwise guess wrong.
        const auto c = rewrite([&](const QueryWord& word) -> std::string {
          if (word.stopword || analysis::utf8_length(word.text) != 4 || is_term(word.text)) return {};
          const auto m = s.spelling_lexicon(w.db, resources->vocabulary()).nearest(word.text, 4);
          return m ? m->word : std::string();
        });
        if (c) run_corrected(*c);
      }
    }
    if (!found) {
      // Nothing at all: still give the facets of the empty result set.
      final_ev.emplace(make_eval());
    }
  }

  // A short text result is filled with documents matching some words, then
  // with related services (result_fill.h); they come after every match and
  // are not counted in total or the facets.
  std::vector<MatchKind> page_match(page_docs.size(),
                                    found_relaxed ? MatchKind::some_words : MatchKind::all_words);
  if (!found_text.empty() && sort == SortOrder::relevance) {
    const std::size_t strict = final_ev->total;
    const std::size_t per_page = static_cast<std::size_t>(req.per_page);
    const std::size_t target = search::fill_target(strict, per_page);
    if (strict < target && offset + per_page > strict && offset < target) {
      // The top `n` documents of `q` that pass the filters (an evaluator of
      // its own: the counts of the result stay those of the matches). As in
      // pass 1: the documents of `q` that pass, then a plain top-k over them.
      // (A MatchDecider made Xapian weigh and test the candidates one by one;
      // a short result with selective filters spent 8-16 ms here at 100k.)
      // With `plan` (the query's weighted leaves; `extra` bounds what it
      // weighs besides them) and enough passing documents, Xapian weighs
      // only candidates under a BM25 bound (top_k.h), as in pass 2: a tier's
      // query ORs ~50 likeness terms, and Xapian's skip_to over all of them
      // for each of ~1,000 passing documents cost ~8 ms ('tuki' with two
      // filters at 100k).
      auto top_docs = [&](const Xapian::Query& q, std::size_t n, const search::ScorePlan* plan = nullptr,
                          const std::function<float(Xapian::docid)>& extra = {}) {
        std::vector<std::pair<Xapian::docid, double>> docs;
        if (q.empty() || n == 0) return docs;
        search::DocBitmap candidates;
        search::match_bitmap(w.db, q, pcache.get(), candidates);
        Evaluator fev = make_eval();
        fev.collect = true;
        fev.facets = false;  // only pass/fail: the fill is not counted
        std::size_t n_candidates = 0;
        fev.eval_all(candidates, n_candidates);
        if (fev.hits.empty()) return docs;
        auto weigh = [&](std::vector<Xapian::docid> cands, Xapian::doccount first, Xapian::doccount max) {
          return weigh_candidates(w.db, q, s.config, std::move(cands), first, max);
        };
        const std::size_t min_passed = std::max<std::size_t>(1, opts.topk_bound_min_matches / 10);
        if (plan && pcache && opts.topk_bound_min_matches > 0 && fev.hits.size() >= min_passed &&
            fev.hits.size() > 2 * n + 10) {
          const search::Bm25Params bp{s.config.bm25_k1, s.config.bm25_b, 0.5};
          if (const auto top = search::bounded_top_k(w.db, *pcache, *plan, bp, fev.hits, candidates, 0, n, w.bounds,
                                                     weigh, extra)) {
            return top->page;
          }
        }
        std::vector<Xapian::docid> passed;
        passed.reserve(fev.hits.size());
        for (const auto& h : fev.hits) passed.push_back(h.first);
        const auto m = weigh(std::move(passed), 0, static_cast<Xapian::doccount>(n));
        for (auto it = m.begin(); it != m.end(); ++it) docs.emplace_back(*it, it.get_weight());
        return docs;
      };
      const std::size_t room = target - strict;
      std::vector<std::pair<Xapian::docid, double>> some, related;
      Xapian::Query listed = found_text;  // documents already in the list
      search::QueryBuildOptions qo;
      qo.relaxed = true;
      qo.is_term = is_term;
      qo.folded = folded;
      Xapian::Query relaxed_q;
      if (!found_relaxed && search::effective_words(found_words).size() > 1) {
        search::ScorePlan some_plan;
        relaxed_q = search::build_text_query(found_words, qo, &some_plan);
        // Ranked also by how like the first hit they are (result_fill.h).
        Xapian::docid first = 0;
        if (offset == 0 && !page_docs.empty()) first = page_docs[0].first;
        else if (const auto top = top_docs(found_text, 1); !top.empty()) first = top[0].first;
        const Xapian::Query some_q = search::some_words_query(w.db, relaxed_q, found_text, first, {}, &some_plan);
        some = top_docs(some_q, room, &some_plan);
        listed = relaxed_q;
      }
      const auto cp = s.config.prefixes.find("service_class");
      if (some.size() < room && cp != s.config.prefixes.end()) {
        std::vector<Xapian::docid> seeds;  // the top of the whole list
        if (offset == 0) {
          for (std::size_t i = 0; i < page_docs.size() && seeds.size() < 3; ++i) seeds.push_back(page_docs[i].first);
        } else {
          for (const auto& d : top_docs(found_text, 3)) seeds.push_back(d.first);
        }
        for (std::size_t i = 0; i < some.size() && seeds.size() < 3; ++i) seeds.push_back(some[i].first);
        search::ScorePlan related_plan;
        std::vector<std::pair<std::string, double>> fixed;  // class term -> its fixed weight
        const Xapian::Query related_q = search::related_query(w.db, seeds, cp->second, {}, &related_plan, &fixed);
        // The class weights of a document, bounded like the plan's (top_k.h's
        // 1e-4 margin).
        std::vector<search::DocBitmap> fixed_docs(fixed.size());
        for (std::size_t i = 0; i < fixed.size(); ++i)
          search::match_bitmap(w.db, Xapian::Query(fixed[i].first), pcache.get(), fixed_docs[i]);
        const auto fixed_bound = [&](Xapian::docid d) {
          double x = 0;
          for (std::size_t i = 0; i < fixed.size(); ++i)
            if (fixed_docs[i].test(d)) x += fixed[i].second;
          return static_cast<float>(x * (1 + 1e-4));
        };
        related = top_docs(Xapian::Query(Xapian::Query::OP_AND_NOT, related_q, listed), room - some.size(),
                           &related_plan, fixed.empty() ? std::function<float(Xapian::docid)>() : fixed_bound);
      }
      for (const auto& sl : search::page_slices(offset, per_page, {strict, some.size(), related.size()})) {
        if (sl.tier == 0) continue;  // the matches are on the page already
        const auto& tier = sl.tier == 1 ? some : related;
        for (std::size_t i = sl.start; i < sl.start + sl.count; ++i) {
          page_docs.push_back(tier[i]);
          page_match.push_back(sl.tier == 1 ? MatchKind::some_words : MatchKind::related);
          ++out.filled;
        }
      }
      // The page on which the matches end: its matches and some-words
      // documents in one order, on the matches' scale (result_fill.h). Not
      // with the near-me weight, which only the matches have.
      const auto n_all = static_cast<std::size_t>(std::count(page_match.begin(), page_match.end(), MatchKind::all_words));
      const auto n_some = static_cast<std::size_t>(std::count(page_match.begin(), page_match.end(), MatchKind::some_words));
      if (n_all > 0 && n_some > 0 && !relaxed_q.empty() && !req.near) {
        // The page is [matches][some words][related].
        std::vector<double> first;
        std::vector<Xapian::docid> some_docs;
        for (std::size_t i = 0; i < n_all; ++i) first.push_back(page_docs[i].second);
        for (std::size_t i = n_all; i < n_all + n_some; ++i) some_docs.push_back(page_docs[i].first);
        const auto second = search::on_match_scale(
            w.db, relaxed_q, search::word_queries(found_words, qo), some_docs,
            Xapian::BM25Weight(s.config.bm25_k1, 0, 1, s.config.bm25_b, 0.5), search::kCoveragePower);
        const std::vector<std::pair<Xapian::docid, double>> before(page_docs.begin(),
                                                                   page_docs.begin() + static_cast<std::ptrdiff_t>(n_all + n_some));
        std::size_t a = 0, b = 0, at = 0;
        for (const int from : search::merge_ranked(first, second)) {
          if (from == 0) {
            page_docs[at] = before[a++];
            page_match[at] = MatchKind::all_words;
          } else {
            page_docs[at] = {before[n_all + b].first, second[b]};
            ++b;
            page_match[at] = MatchKind::some_words;
          }
          ++at;
        }
      }
    }
  }

  Evaluator& ev = *final_ev;
  out.total = ev.total;
  if (req.facets) fill_facets(s, req, r, ev, out);

  // Hits.
  // The snippets' query is found_text's run (mset and found_text are set
  // together); a wildcard's pattern is matched against the word itself.
  const Xapian::Stem& stemmer = has_z_terms(found_text) ? w.stems[static_cast<std::size_t>(req.lang)] : w.no_stem;
  // The query's terms and relevances once per search (snippet.h).
  std::optional<search::Snippeter> snipper;
  const bool text_stats = mset || termweights;
  if (mset && !page_docs.empty()) {
    snipper.emplace(found_text, *mset, stemmer);
  } else if (termweights && !page_docs.empty()) {
    // The MSet only if a snippet falls back to Xapian's.
    snipper.emplace(found_text, *termweights, [&] { return term_stats(w.db, found_text, s.config); }, stemmer);
  }
  // A document updated in place after the snapshot was built has a newer
  // revision than the snapshot: never serve its cached record then. The key
  // names the index state too: an entry of an older revision is never read,
  // and the first entry of a new one drops them (lru_cache.h).
  const bool cacheable = w.revision == s.revision && records->enabled();
  const std::string state = cacheable ? s.path + "@" + std::to_string(s.revision) : std::string();
  std::string record_key, body;  // reused for every hit
  out.hits.reserve(page_docs.size());
  for (std::size_t pi = 0; pi < page_docs.size(); ++pi) {
    const auto [docid, weight] = page_docs[pi];
    SearchHit& h = out.hits.emplace_back();
    h.match = page_match[pi];
    // The hit shares the cached record (SearchHit::record).
    std::shared_ptr<const ServiceRecord> rec;
    if (cacheable) {
      record_key.assign(state).append(1, '#').append(std::to_string(docid));
      rec = records->get(record_key);
    }
    if (!rec) {
      rec = std::make_shared<const ServiceRecord>(parse_record(w.db.get_document(docid).get_data()));
      if (cacheable) records->put(record_key, rec, search::approx_bytes(*rec), state);
    }
    h.record = std::move(rec);
    const ServiceRecord& record = *h.record;
    h.id = record.id;
    h.score = weight;
    if (req.near && docid <= s.max_docid) {
      Evaluator tmp(s, r);
      tmp.set_near(req.near, std::nullopt);
      const double d = tmp.nearest_km(docid);
      if (d >= 0) h.distance_km = std::round(d * 100.0) / 100.0;
    }
    if (docid <= s.max_docid && s.hours_index[docid]) {
      int o;
      if (ev.open_cache) {
        o = ev.open_status(docid);
      } else {
        Evaluator tmp(s, r);
        tmp.local = search::helsinki_time(now);
        o = tmp.compute_open(docid);
      }
      if (o >= 0) h.open_now = o == 1;
    }
    // The summary and the description, cut to 400 bytes: the best passage
    // is nearly always near the start; scanning whole long descriptions
    // only costs time.
    join_cut_text(body, record.summary.best(req.lang), record.description.best(req.lang), 400);
    if (text_stats && !body.empty()) {
      h.snippet = snipper->snippet(body, 240, Xapian::MSet::SNIPPET_EXHAUSTIVE, kMarkStart, kMarkEnd, kOmit);
    } else {
      h.snippet = html_escape(cut_text(body, 240));
    }
  }
  w.scratch.swap(ev.hits);
  // The buffer grows to the largest match set seen (16 bytes per match); a
  // worker does not keep megabytes for the rare very broad search.
  if (w.scratch.capacity() > (std::size_t{1} << 16)) std::vector<std::pair<Xapian::docid, double>>().swap(w.scratch);
  return out;
}

std::vector<Suggestion> SearchEngine::Impl::suggest(Worker& w, const Snapshot& s, const std::string& q,
                                                   Lang lang, std::size_t limit) const {
  std::vector<Suggestion> out;
  if (limit == 0) return out;
  const auto words = w.analyzer->words(q);
  if (words.empty()) return out;
  const auto& idx = s.suggest_index(w.db, *w.analyzer, *codes);
  std::vector<std::uint32_t> cand;
  bool first = true;
  for (const auto& word : words) {
    std::vector<std::uint32_t> m;
    auto it = std::lower_bound(idx.keys.begin(), idx.keys.end(), word);
    for (; it != idx.keys.end() && it->compare(0, word.size(), word) == 0; ++it) {
      const auto k = static_cast<std::size_t>(it - idx.keys.begin());
      m.insert(m.end(), idx.key_entries.begin() + idx.key_offsets[k],
               idx.key_entries.begin() + idx.key_offsets[k + 1]);
      if (m.size() > 20000) break;
    }
    std::sort(m.begin(), m.end());
    m.erase(std::unique(m.begin(), m.end()), m.end());
    if (first) {
      cand = std::move(m);
      first = false;
    } else {
      std::vector<std::uint32_t> both;
      std::set_intersection(cand.begin(), cand.end(), m.begin(), m.end(), std::back_inserter(both));
      cand = std::move(both);
    }
    if (cand.empty()) return out;
  }
  std::string qlow;
  for (const auto& wd : words) qlow += (qlow.empty() ? "" : " ") + wd;
  struct Scored {
    double score;
    std::uint32_t e;
  };
  std::vector<Scored> scored;
  scored.reserve(cand.size());
  for (auto e : cand) {
    const auto& en = idx.entries[e];
    const std::string& text = en.text.best(lang);
    const auto tw = w.analyzer->words(text);
    std::string tl;
    for (const auto& x : tw) tl += (tl.empty() ? "" : " ") + x;
    double sc = std::log1p(static_cast<double>(en.count));
    if (tl.rfind(qlow, 0) == 0) sc += 3;  // the text starts with the query
    else if (tl.find(" " + qlow) != std::string::npos) sc += 1.5;  // a word starts with it
    if (en.kind == "category") sc += 1;
    sc -= static_cast<double>(text.size()) / 200.0;
    scored.push_back({sc, e});
  }
  std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return idx.entries[a.e].text.best(lang) < idx.entries[b.e].text.best(lang);
  });
  std::size_t n_cat = 0, n_org = 0;
  const std::size_t cap = std::max<std::size_t>(2, limit / 3);
  for (const auto& sc : scored) {
    if (out.size() >= limit) break;
    const auto& en = idx.entries[sc.e];
    if (en.kind == "category" && n_cat >= cap) continue;
    if (en.kind == "organisation" && n_org >= cap) continue;
    if (en.kind == "category") ++n_cat;
    if (en.kind == "organisation") ++n_org;
    out.push_back({en.text.best(lang), en.kind, en.id});
  }
  return out;
}

SearchEngine::SearchEngine(const std::string& index_dir, const EngineOptions& opts)
    : impl_(std::make_unique<Impl>()) {
  impl_->dir = index_dir;
  impl_->opts = opts;
  const std::string cfg = opts.config_dir.empty() ? default_index_config_dir() : opts.config_dir;
  const std::string cds = opts.codes_dir.empty() ? default_codes_dir() : opts.codes_dir;
  impl_->results = std::make_unique<search::ResultCache>(opts.result_cache_entries, opts.result_cache_bytes);
  impl_->records = std::make_unique<LruCache<ServiceRecord>>(opts.record_cache_entries, opts.record_cache_bytes);
  impl_->snap = impl_->open_live();
  impl_->last_check = now_ms();
  impl_->resources = AnalysisResources::load(cfg);
  impl_->codes = CodeLists::load(cds);
}

SearchEngine::~SearchEngine() = default;

SearchResult SearchEngine::search(const SearchRequest& req) const {
  if (req.per_page < 1 || req.per_page > 100)
    bad_param("per_page", "per_page must be between 1 and 100");
  if (req.page < 1) bad_param("page", "page must be 1 or more");
  if (req.age && (*req.age < 0 || *req.age > 120)) bad_param("age", "age must be between 0 and 120");
  if (req.radius_km && (!(*req.radius_km > 0) || *req.radius_km > 2000))
    bad_param("radius_km", "radius_km must be more than 0 and at most 2000");
  if (req.radius_km && !req.near) bad_param("radius_km", "radius_km needs a location (near)");
  if (req.sort == SortOrder::distance && !req.near) bad_param("sort", "sort=distance needs a location (near)");
  if (req.near && (!std::isfinite(req.near->lat) || !std::isfinite(req.near->lon) ||
                   std::abs(req.near->lat) > 90 || std::abs(req.near->lon) > 180))
    bad_param("near", "near must be lat,lon in degrees");
  if (req.q.size() > 1000) bad_param("q", "q is too long (at most 1000 bytes)");
  impl_->reload(false);
  // The result cache: the key names the index state and the local minute
  // ("now" decides open_now), and the search runs at that same minute.
  std::string key, epoch;
  std::shared_ptr<const search::Snapshot> keyed;
  std::optional<SearchRequest> timed;
  if (impl_->results->enabled()) {
    keyed = impl_->current();
    timed.emplace(req);
    if (!timed->now) timed->now = std::chrono::system_clock::now();
    const auto local = search::helsinki_time(*timed->now);
    const std::string index_key = keyed->path + "@" + std::to_string(keyed->revision);
    const std::string minute = local.date + " " + std::to_string(local.minute);
    key = search::result_cache_key(req, index_key, minute);
    epoch = index_key + " " + minute;
    if (auto hit = impl_->results->get(key)) return *hit;
  }
  const SearchRequest& r = timed ? *timed : req;
  for (int attempt = 0;; ++attempt) {
    const auto s = impl_->current();
    auto lease = impl_->acquire(*s);
    try {
      if (key.empty()) return impl_->run(*lease.w, *s, r);
      auto result = std::make_shared<const SearchResult>(impl_->run(*lease.w, *s, r));
      // Only a result of exactly the keyed state is kept (a worker that
      // already sees a newer revision is not).
      if (s == keyed && lease.w->revision == s->revision) impl_->results->put(key, result, search::approx_bytes(*result), epoch);
      return *result;
    } catch (const Xapian::DatabaseModifiedError&) {
      Impl::reopen_after_change(*lease.w, attempt);
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw Error(ErrorCode::index_corrupt, "the index is damaged: " + e.get_msg());
    } catch (const Xapian::DatabaseError& e) {
      if (attempt >= 3) throw Error(ErrorCode::index_unavailable, "index error: " + e.get_msg());
      lease.w->open = false;  // reopen from scratch (generation removed under us)
      impl_->reload(true);
    } catch (const Xapian::Error& e) {
      throw Error(ErrorCode::internal, "search failed: " + e.get_description());
    }
  }
}

std::optional<ServiceRecord> SearchEngine::get(const std::string& id) const {
  if (id.empty() || id.size() > 200) return std::nullopt;
  impl_->reload(false);
  for (int attempt = 0;; ++attempt) {
    const auto s = impl_->current();
    auto lease = impl_->acquire(*s);
    try {
      const std::string term = s->config.id_prefix + id;
      auto p = lease.w->db.postlist_begin(term);
      if (p == lease.w->db.postlist_end(term)) return std::nullopt;
      return parse_record(lease.w->db.get_document(*p).get_data());
    } catch (const Xapian::DatabaseModifiedError&) {
      Impl::reopen_after_change(*lease.w, attempt);
    } catch (const Xapian::DocNotFoundError&) {
      return std::nullopt;
    } catch (const Xapian::Error& e) {
      if (attempt >= 3) throw Error(ErrorCode::index_unavailable, "index error: " + e.get_description());
      lease.w->open = false;
      impl_->reload(true);
    }
  }
}

std::vector<Suggestion> SearchEngine::suggest(const std::string& q, Lang lang, std::size_t limit) const {
  if (q.size() > 200) bad_param("q", "q is too long for suggestions (at most 200 bytes)");
  limit = std::min<std::size_t>(limit, 50);
  impl_->reload(false);
  for (int attempt = 0;; ++attempt) {
    const auto s = impl_->current();
    auto lease = impl_->acquire(*s);
    try {
      return impl_->suggest(*lease.w, *s, q, lang, limit);
    } catch (const Xapian::DatabaseModifiedError&) {
      Impl::reopen_after_change(*lease.w, attempt);
    } catch (const Xapian::Error& e) {
      if (attempt >= 3) throw Error(ErrorCode::index_unavailable, "index error: " + e.get_description());
      lease.w->open = false;
      impl_->reload(true);
    }
  }
}

CacheStats SearchEngine::cache_stats() const {
  CacheStats c;
  c.result_hits = impl_->results->hits();
  c.result_misses = impl_->results->misses();
  c.result_entries = impl_->results->size();
  c.result_bytes = impl_->results->bytes();
  {
    std::lock_guard lk(impl_->pool_mu);
    c.workers = impl_->workers;
  }
  for (const auto& sc : impl_->stem_caches) c.snippet_stems += sc->size();
  c.record_entries = impl_->records->size();
  c.record_bytes = impl_->records->bytes();
  std::lock_guard lk(impl_->postings_mu);
  if (impl_->postings) c.postings_bytes = impl_->postings->bytes();
  return c;
}

IndexInfo SearchEngine::info() const {
  impl_->reload(false);
  const auto s = impl_->current();
  IndexInfo i;
  i.documents = s->doccount;
  i.generation = s->generation;
  i.revision = std::to_string(s->revision);
  std::tm tm{};
  if (!s->built_at.empty() && strptime(s->built_at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm))
    i.built_at = std::chrono::system_clock::from_time_t(timegm(&tm));
  return i;
}

const CodeLists& SearchEngine::codes() const { return *impl_->codes; }

void SearchEngine::reload_if_changed() const { impl_->reload(true); }

}  // namespace palveluhaku
