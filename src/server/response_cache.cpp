#include "response_cache.h"

namespace palveluhaku::server {

namespace {

// One Prometheus gauge without labels: HELP, TYPE and the value.
void gauge(std::string& o, const char* name, const char* help, std::size_t value) {
  o += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " +
       std::to_string(value) + "\n";
}

}  // namespace

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
  gauge(o, "palveluhaku_engine_workers", "Search workers created (each holds a Voikko handle and caches).",
        engine.workers);
  gauge(o, "palveluhaku_snippet_stems", "Words kept in the shared snippet-stem caches.", engine.snippet_stems);
  gauge(o, "palveluhaku_record_cache_bytes", "Parsed records of recent hits kept (approximate bytes).",
        engine.record_bytes);
  gauge(o, "palveluhaku_postings_cache_bytes", "Posting lists of the current revision kept for counting.",
        engine.postings_bytes);
  return o;
}

}  // namespace palveluhaku::server
