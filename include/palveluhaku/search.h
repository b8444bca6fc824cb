// search.h — searching the index: text, filters, facets, near me, suggest.
//
// A SearchEngine serves one index directory. It is thread-safe: every
// method may be called from any thread at once. Internally each thread gets
// its own Xapian::Database and Analyzer (neither is thread-safe), and an
// immutable per-generation snapshot (facet columns, coordinates) is shared.
// The engine notices a rebuilt index (the stub XAPIANDB changed) or an update
// (a new revision) within `reload_interval_ms` and switches to it without
// failing a request; Xapian::DatabaseModifiedError is handled by reopening
// and retrying.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "palveluhaku/codes.h"
#include "palveluhaku/record.h"

namespace palveluhaku {

enum class SortOrder { relevance, distance, name };

// The facet / filter fields, in the order the site shows them.
// municipality, region, provider_type, service_class, target_group,
// life_event, language, cost, channel, age, open_now.
extern const std::vector<std::string> kFacetFields;

struct SearchRequest {
  std::string q;          // free text; empty = everything matching the filters
  Lang lang = Lang::fi;   // language of labels and snippets
  // Filters: field name (one of kFacetFields except age/open_now) -> values.
  // Values within a field are OR'ed, fields are AND'ed.
  std::map<std::string, std::vector<std::string>> filters;
  std::optional<int> age;       // a child's age in years
  bool open_now = false;
  std::optional<GeoPoint> near;  // user's location
  std::optional<double> radius_km;
  SortOrder sort = SortOrder::relevance;
  int page = 1;       // 1-based
  int per_page = 20;  // 1..100
  bool facets = true; // compute facet counts
  // "Now" for open_now (local time is Europe/Helsinki). Default: the clock.
  std::optional<std::chrono::system_clock::time_point> now;
};

struct FacetCount {
  std::string value;
  std::string label;
  std::size_t count = 0;
};

// How a hit matched the free-text query q.
enum class MatchKind : std::uint8_t {
  all_words,   // every word of q (the documents counted in SearchResult::total)
  some_words,  // only some words of q: fill after every full match, or all
               // hits of a relaxed result (SearchResult::relaxed)
  related,     // no word of q: a service sharing the most specific service
               // classes of the top hits, filled in after every text match
};

struct SearchHit {
  std::string id;
  MatchKind match = MatchKind::all_words;  // all_words also when q is empty
  double score = 0;             // relevance score (0 for name/distance sort)
  std::optional<double> distance_km;
  std::optional<bool> open_now; // nullopt if the record has no hours
  std::string snippet;          // HTML: escaped text with <mark> around matches
  // The whole record, shared read-only: a hit returned by
  // SearchEngine::search always has one (never null), the same object as the
  // engine's record cache and other results holding that record. It stays
  // valid as long as the hit (or a copy of the pointer) is kept, whatever
  // the engine does later; copy *record to change it.
  std::shared_ptr<const ServiceRecord> record;
};

struct SearchResult {
  std::size_t total = 0;  // matching documents (exact)
  int page = 1;
  int per_page = 20;
  std::vector<SearchHit> hits;
  // field -> values with counts; disjunctive: a field's counts ignore that
  // field's own selection and respect all other filters.
  std::map<std::string, std::vector<FacetCount>> facets;
  std::optional<std::string> did_you_mean;  // a corrected query
  bool corrected = false;  // the results are for did_you_mean (q found nothing)
  bool relaxed = false;    // not every word matched: results match some words
  // A short text result (relevance order; fewer matches than it takes to fill
  // the page on which they end) is filled after all its matches with
  // documents matching only some words, then with related services
  // (SearchHit::match says which); they pass the filters but are not counted
  // in `total` or the facets. Number of such hits on this page.
  std::size_t filled = 0;
};

struct Suggestion {
  std::string text;   // what to show / put in the box
  std::string kind;   // "service", "category", "organisation", "word"
  std::string id;     // service id for kind == "service", code for "category"
};

// How a search counts its facet values; the counts are the same either way
// (a switch for tests and benchmarks). Without filters every matching
// document counts in every facet, and the counts can come per value from
// document bitmaps instead of a walk over each matching document's values
// (search/facet_rows.h). automatic: per value when a cost model finds that
// cheaper (broad searches); rows: always the walk; columns: per value
// whenever nothing is filtered.
enum class FacetCounting { automatic, rows, columns };

struct EngineOptions {
  // Directory of index.json and analysis/. Default: installed index-config.
  std::string config_dir;
  // Directory of the code lists. Default: installed codes.
  std::string codes_dir;
  // How often to check for a rebuilt / updated index (on the next search
  // after the interval: a file read and a Xapian reopen). Default: 50 ms.
  unsigned reload_interval_ms = 50;
  // Memory for the posting lists (docid sets) of query terms of the current
  // revision, reused by later searches for exact totals and facet counts,
  // and for the terms' per-posting BM25 bounds of broad searches
  // (topk_bound_min_matches); 0 = none (every search reads its posting
  // lists from the index, and Xapian weighs every match).
  // Default: 32 MiB.
  std::size_t postings_cache_bytes = std::size_t{32} << 20;
  // Whole results kept for repeated identical requests (same request, same
  // index generation and revision, same local minute); an update or a
  // rebuild is never answered from an older entry, and entries of a past
  // minute or index state are dropped once the next one's first result is
  // kept. Each entry holds the page of records and the facet lists, roughly
  // 50-150 kB. 0 = no result cache. Default: 256 entries.
  std::size_t result_cache_entries = 256;
  // Memory bound of the result cache (approximate bytes of the kept
  // results). 0 = no result cache. Default: 32 MiB.
  std::size_t result_cache_bytes = std::size_t{32} << 20;
  // Parsed stored records of recently returned hits, for the current index
  // revision (parsing a record's JSON is the largest per-hit cost): at most
  // this many, and this much memory; either 0 = none.
  // Defaults: 8192 records, 16 MiB.
  std::size_t record_cache_entries = 8192;
  std::size_t record_cache_bytes = std::size_t{16} << 20;
  // Searches (and get / suggest calls) that run at the same time; more wait
  // for a free worker. Each worker holds a Voikko handle with its own
  // mapping of the dictionary, query-word caches and an open database, so
  // workers beyond the number of cores add memory, not speed.
  // 0 = max(4, hardware threads). Default: 0.
  unsigned max_workers = 0;
  // Entries in each of a worker's query-word analysis caches
  // (AnalyzerOptions::cache_entries; about 2 kB per distinct word over the
  // caches). The words people search for repeat, but the tail is
  // open-ended (typos, names, made-up words), so this bound is what keeps a
  // worker's memory flat: at most about 4 MB each. Default: 2000.
  std::size_t analysis_cache_entries = 2000;
  // Voikko spelling suggestions kept per worker, and as many ä/ö
  // spellings of words typed without them (AnalyzerOptions::suggestion_entries).
  // Default: 1000.
  std::size_t suggestion_cache_entries = 1000;
  // How facet values are counted (FacetCounting). Default: automatic.
  FacetCounting facet_counting = FacetCounting::automatic;
  // A relevance search (without near) with at least this many passing
  // matches has only candidates chosen by an upper bound of each match's
  // BM25 weight weighed (search/top_k.h; by the engine itself, Xapian where
  // it cannot be reproduced); the page is the same. Below it Xapian weighs
  // every match. Since the engine weighs the probe itself, a probe costs
  // less than Xapian weighing ~100 matches: over the 100k mix 500 -> 100 cut
  // 4.03 -> 3.79 M instructions a search (bench/README.md, "Search p50
  // (session 10)"). The fill of a short result (its some-words and related
  // tiers, whose queries OR ~50 likeness terms) does the same from a tenth
  // of it. 0 = never. Default: 100.
  std::size_t topk_bound_min_matches = 100;
};

// What the engine's caches hold and how often they answered.
struct CacheStats {
  std::uint64_t result_hits = 0;    // searches answered from the result cache
  std::uint64_t result_misses = 0;  // searches computed (cache enabled)
  std::size_t result_entries = 0;
  std::size_t result_bytes = 0;     // approximate memory of the result cache
  std::size_t workers = 0;          // search workers created (<= EngineOptions::max_workers)
  std::size_t snippet_stems = 0;    // words in the shared snippet-stem caches (all languages)
  std::size_t record_entries = 0;   // parsed records of recent hits
  std::size_t record_bytes = 0;     // their approximate memory
  std::size_t postings_bytes = 0;   // posting-list cache of the current revision
};

struct IndexInfo {
  std::size_t documents = 0;
  unsigned long generation = 0;
  std::string revision;  // Xapian revision of the live generation
  std::chrono::system_clock::time_point built_at;  // when the generation was committed
};

class SearchEngine {
 public:
  // Opens the index in `index_dir`. Throws Error(index_unavailable /
  // index_corrupt) with a clear message if there is no usable index.
  SearchEngine(const std::string& index_dir, const EngineOptions& opts);
  ~SearchEngine();

  // Throws Error(invalid_parameter, parameter = the field) for bad filter
  // values (unknown field, unknown municipality name, per_page out of range,
  // page beyond the end is NOT an error: it returns no hits).
  SearchResult search(const SearchRequest& req) const;

  // The record with this id, or nullopt.
  std::optional<ServiceRecord> get(const std::string& id) const;

  // As-you-type suggestions for a partial query.
  std::vector<Suggestion> suggest(const std::string& q, Lang lang, std::size_t limit = 10) const;

  IndexInfo info() const;
  const CodeLists& codes() const;
  // Counters of the result and posting caches (thread-safe, cheap).
  CacheStats cache_stats() const;

  // Checks for a new generation / revision now (normally done on its own).
  void reload_if_changed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace palveluhaku
