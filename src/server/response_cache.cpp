#include "response_cache.h"

namespace palveluhaku::server {

std::string cache_metrics(const CacheStats& engine, const ResponseCache* responses) {
  const std::uint64_t rh = responses ? responses->hits() : 0, rm = responses ? responses->misses() : 0;
  const std::size_t re = responses ? responses->size() : 0;
  std::string o;
  o += "# HELP palveluhaku_cache_hits_total Searches answered from a cache (result: the engine's; response: the JSON by URL).\n"
       "# TYPE palveluhaku_cache_hits_total counter\n";
  o += "palveluhaku_cache_hits_total{cache=\"result\"} " + std::to_string(engine.result_hits) + "\n";
  o += "palveluhaku_cache_hits_total{cache=\"response\"} " + std::to_string(rh) + "\n";
  o += "# HELP palveluhaku_cache_misses_total Searches looked up in a cache and computed.\n"
       "# TYPE palveluhaku_cache_misses_total counter\n";
  o += "palveluhaku_cache_misses_total{cache=\"result\"} " + std::to_string(engine.result_misses) + "\n";
  o += "palveluhaku_cache_misses_total{cache=\"response\"} " + std::to_string(rm) + "\n";
  o += "# HELP palveluhaku_cache_entries Entries held by a cache.\n# TYPE palveluhaku_cache_entries gauge\n";
  o += "palveluhaku_cache_entries{cache=\"result\"} " + std::to_string(engine.result_entries) + "\n";
  o += "palveluhaku_cache_entries{cache=\"response\"} " + std::to_string(re) + "\n";
  o += "# HELP palveluhaku_cache_bytes Approximate memory held by a cache.\n# TYPE palveluhaku_cache_bytes gauge\n";
  o += "palveluhaku_cache_bytes{cache=\"result\"} " + std::to_string(engine.result_bytes) + "\n";
  o += "palveluhaku_cache_bytes{cache=\"response\"} " + std::to_string(responses ? responses->bytes() : 0) + "\n";
  o += "# HELP palveluhaku_engine_workers Search workers created (each holds a Voikko handle and caches).\n"
       "# TYPE palveluhaku_engine_workers gauge\n";
  o += "palveluhaku_engine_workers " + std::to_string(engine.workers) + "\n";
  o += "# HELP palveluhaku_snippet_stems Words kept in the shared snippet-stem caches.\n"
       "# TYPE palveluhaku_snippet_stems gauge\n";
  o += "palveluhaku_snippet_stems " + std::to_string(engine.snippet_stems) + "\n";
  o += "# HELP palveluhaku_record_cache_bytes Parsed records of recent hits kept (approximate bytes).\n"
       "# TYPE palveluhaku_record_cache_bytes gauge\n";
  o += "palveluhaku_record_cache_bytes " + std::to_string(engine.record_bytes) + "\n";
  o += "# HELP palveluhaku_postings_cache_bytes Posting lists of the current revision kept for counting.\n"
       "# TYPE palveluhaku_postings_cache_bytes gauge\n";
  o += "palveluhaku_postings_cache_bytes " + std::to_string(engine.postings_bytes) + "\n";
  return o;
}

}  // namespace palveluhaku::server
