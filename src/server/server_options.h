// server_options.h — the options of palveluhaku-server, loaded in layers
// (defaults < config file < PALVELUHAKU_* environment < command line, see
// palveluhaku/options.h) and validated once at start.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "palveluhaku/options.h"

namespace palveluhaku::server {

struct ServerOptions {
  std::string index_dir;        // --index DIR: the index to serve. Required.
  std::string host = "127.0.0.1";  // --host ADDR: address to listen on. Default: 127.0.0.1
  int port = 8080;              // --port N: TCP port (0 = any free port). Default: 8080
  std::string web_dir;          // --web-dir DIR: templates and static files. Default: share/palveluhaku/web
  std::string config_dir;       // --index-config DIR: index.json + analysis. Default: share/palveluhaku/index-config
  std::string codes_dir;        // --codes-dir DIR: code lists. Default: share/palveluhaku/codes
  // --threads N: request worker threads, one per connection being served.
  // While accepted connections wait for one, kept-alive connections are
  // closed after their current request (guarded_server.h). Default: 32
  unsigned threads = 32;
  // --search-workers N: searches computed at the same time (EngineOptions::
  // max_workers; 0 = max(4, cores)). Default: 0
  unsigned search_workers = 0;
  int keep_alive_timeout_s = 2;  // --keep-alive-timeout N: idle seconds before closing. Default: 2
  std::size_t keep_alive_max = 50;  // --keep-alive-max N: requests per connection. Default: 50
  std::vector<std::string> cors_origins = {"*"};  // --cors-origins: allowed origins. Default: *
  std::size_t max_url_length = 4096;    // --max-url-length N: longest request target (bytes). Default: 4096
  std::size_t max_query_length = 500;   // --max-query-length N: longest q (bytes). Default: 500
  std::size_t max_params = 200;         // --max-params N: most query parameters. Default: 200
  std::size_t max_filter_values = 50;   // --max-filter-values N: most values of one filter. Default: 50
  int read_timeout_s = 5;       // --read-timeout N: seconds to receive a request. Default: 5
  int write_timeout_s = 5;      // --write-timeout N: seconds to send a response. Default: 5
  std::size_t payload_max_length = 65536;  // --payload-max-length N: largest request body. Default: 65536
  int cache_max_age_s = 60;     // --cache-max-age N: Cache-Control max-age of API answers. Default: 60
  unsigned reload_interval_ms = 50;  // --reload-interval N: index change check (ms). Default: 50
  // --result-cache N: whole search results kept by the engine for repeated
  // requests (same index revision and minute); 0 = off. Default: 256
  std::size_t result_cache = 256;
  // --response-cache N: finished /api/v1/search answers (JSON + ETag) kept by
  // URL for the same index revision and minute; 0 = off. Default: 1024
  std::size_t response_cache = 1024;
  // --result-cache-mb N / --response-cache-mb N: memory bounds of the two
  // caches in MiB (the older minutes' entries are dropped anyway). Default: 32 each
  std::size_t result_cache_mb = 32;
  std::size_t response_cache_mb = 32;
  // --postings-cache-mb N: posting lists of query terms kept for exact totals
  // and facet counts (EngineOptions::postings_cache_bytes). Default: 32
  std::size_t postings_cache_mb = 32;
  // --record-cache-mb N: parsed stored records of recent hits
  // (EngineOptions::record_cache_bytes). Default: 16
  std::size_t record_cache_mb = 16;
  // --analysis-cache-entries N / --suggestion-cache-entries N: each search
  // worker's query-word caches (EngineOptions::analysis_cache_entries,
  // suggestion_cache_entries). Default: 2000 / 1000
  std::size_t analysis_cache_entries = 2000;
  std::size_t suggestion_cache_entries = 1000;
  std::string admin_token;      // --admin-token T: enables /api/v1/admin/*. Default: unset (off)
  std::string public_url;       // --public-url URL: base of hit URLs ("" = relative). Default: unset
  bool access_log = false;      // --access-log: log each request to stderr. Default: false
};

// The option table (for load_options and --help).
const std::vector<OptionSpec>& server_option_specs();

// Converts loaded values into ServerOptions; checks cross-field rules
// (the index directory exists, the admin token is long enough). Throws
// Error(invalid_config) naming the option and where its value came from.
ServerOptions server_options_from(const LoadedOptions& loaded);

}  // namespace palveluhaku::server
