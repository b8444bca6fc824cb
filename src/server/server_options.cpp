// server_options.cpp — palveluhaku-server's option table and conversion.
#include "server_options.h"

#include <filesystem>

#include "palveluhaku/error.h"
#include "palveluhaku/paths.h"

namespace palveluhaku::server {

namespace {
constexpr long long kMaxInt = 2147483647;
}

const std::vector<OptionSpec>& server_option_specs() {
  static const std::vector<OptionSpec> specs = {
      {"index", OptionKind::string, "", "index directory to serve (built by palveluhaku-index)",
       "DIR", 0, 0, true},
      {"host", OptionKind::string, "127.0.0.1", "address to listen on (0.0.0.0 = all)", "ADDR"},
      {"port", OptionKind::integer, "8080", "TCP port (0 = any free port)", "N", 0, 65535},
      {"web-dir", OptionKind::string, "", "templates and static files (default: share/palveluhaku/web)",
       "DIR"},
      {"index-config", OptionKind::string, "",
       "index.json and analysis files (default: share/palveluhaku/index-config)", "DIR"},
      {"codes-dir", OptionKind::string, "", "code lists (default: share/palveluhaku/codes)", "DIR"},
      {"threads", OptionKind::integer, "32",
       "request worker threads, one per connection served (kept-alive ones yield while others wait)",
       "N", 1, 1024},
      {"search-workers", OptionKind::integer, "0",
       "searches computed at the same time, others wait (0 = max(4, cores)); each holds a Voikko "
       "handle and caches",
       "N", 0, 1024},
      {"keep-alive-timeout", OptionKind::integer, "2",
       "seconds an idle keep-alive connection stays open", "SECONDS", 0, 300},
      {"keep-alive-max", OptionKind::integer, "50", "requests served on one connection", "N", 1,
       100000},
      {"cors-origins", OptionKind::list, "*",
       "origins allowed to call the API from browsers (comma-separated, * = any)", "ORIGINS"},
      {"max-url-length", OptionKind::integer, "4096",
       "longest request target in bytes (longer: 414)", "N", 64, 8000},
      {"max-query-length", OptionKind::integer, "500", "longest q parameter in bytes (longer: 400)",
       "N", 1, 8000},
      {"max-params", OptionKind::integer, "200", "most query parameters per request (more: 400)",
       "N", 1, 100000},
      {"max-filter-values", OptionKind::integer, "50",
       "most values of one repeatable filter (more: 400)", "N", 1, 10000},
      {"read-timeout", OptionKind::integer, "5", "seconds allowed to receive a request", "SECONDS",
       1, 3600},
      {"write-timeout", OptionKind::integer, "5", "seconds allowed to send a response", "SECONDS",
       1, 3600},
      {"payload-max-length", OptionKind::integer, "65536",
       "largest request body in bytes (larger: 413)", "BYTES", 0, kMaxInt},
      {"cache-max-age", OptionKind::integer, "60",
       "Cache-Control max-age of API responses in seconds", "SECONDS", 0, 31536000},
      {"reload-interval", OptionKind::integer, "50",
       "how often to check for a rebuilt or updated index (ms)", "MS", 10, 3600000},
      {"result-cache", OptionKind::integer, "256",
       "search results the engine keeps for repeated requests (0 = off)", "N", 0, 1000000},
      {"response-cache", OptionKind::integer, "1024",
       "search answers (JSON) kept by URL for repeated requests (0 = off)", "N", 0, 1000000},
      {"result-cache-mb", OptionKind::integer, "32", "memory bound of the result cache (MiB)", "MB", 0,
       65536},
      {"response-cache-mb", OptionKind::integer, "32", "memory bound of the answer cache (MiB)", "MB",
       0, 65536},
      {"postings-cache-mb", OptionKind::integer, "32",
       "posting lists of query terms kept for counting, per index revision (MiB, 0 = off)", "MB", 0,
       65536},
      {"record-cache-mb", OptionKind::integer, "16",
       "parsed records of recent hits kept, per index revision (MiB, 0 = off)", "MB", 0, 65536},
      {"analysis-cache-entries", OptionKind::integer, "2000",
       "query words kept analysed in each of a search worker's word caches", "N", 1,
       10000000},
      {"suggestion-cache-entries", OptionKind::integer, "1000",
       "spelling suggestions kept per search worker", "N", 1, 10000000},
      {"admin-token", OptionKind::string, "",
       "enables POST /api/v1/admin/* with 'Authorization: Bearer TOKEN' (at least 16 chars)",
       "TOKEN"},
      {"public-url", OptionKind::string, "",
       "absolute base URL for links in API answers (default: relative links)", "URL"},
      {"access-log", OptionKind::flag, "", "log every request to stderr", ""},
  };
  return specs;
}

ServerOptions server_options_from(const LoadedOptions& o) {
  namespace fs = std::filesystem;
  ServerOptions s;
  s.index_dir = o.get_string("index");
  std::error_code ec;
  if (!fs::is_directory(s.index_dir, ec))
    throw Error(ErrorCode::invalid_config,
                "--index: '" + s.index_dir + "' is not a directory (from " + o.value("index").where +
                    ")",
                "index");
  s.host = o.get_string("host");
  if (s.host.empty())
    throw Error(ErrorCode::invalid_config, "--host: must not be empty (from " +
                                               o.value("host").where + ")",
                "host");
  s.port = static_cast<int>(o.get_int("port"));
  s.web_dir = o.has("web-dir") ? o.get_string("web-dir") : default_web_dir();
  s.config_dir = o.has("index-config") ? o.get_string("index-config") : default_index_config_dir();
  s.codes_dir = o.has("codes-dir") ? o.get_string("codes-dir") : default_codes_dir();
  s.threads = static_cast<unsigned>(o.get_int("threads"));
  s.search_workers = static_cast<unsigned>(o.get_int("search-workers"));
  s.keep_alive_timeout_s = static_cast<int>(o.get_int("keep-alive-timeout"));
  s.keep_alive_max = static_cast<std::size_t>(o.get_int("keep-alive-max"));
  s.cors_origins = o.get_list("cors-origins");
  s.max_url_length = static_cast<std::size_t>(o.get_int("max-url-length"));
  s.max_query_length = static_cast<std::size_t>(o.get_int("max-query-length"));
  s.max_params = static_cast<std::size_t>(o.get_int("max-params"));
  s.max_filter_values = static_cast<std::size_t>(o.get_int("max-filter-values"));
  s.read_timeout_s = static_cast<int>(o.get_int("read-timeout"));
  s.write_timeout_s = static_cast<int>(o.get_int("write-timeout"));
  s.payload_max_length = static_cast<std::size_t>(o.get_int("payload-max-length"));
  s.cache_max_age_s = static_cast<int>(o.get_int("cache-max-age"));
  s.reload_interval_ms = static_cast<unsigned>(o.get_int("reload-interval"));
  s.result_cache = static_cast<std::size_t>(o.get_int("result-cache"));
  s.response_cache = static_cast<std::size_t>(o.get_int("response-cache"));
  s.result_cache_mb = static_cast<std::size_t>(o.get_int("result-cache-mb"));
  s.response_cache_mb = static_cast<std::size_t>(o.get_int("response-cache-mb"));
  s.postings_cache_mb = static_cast<std::size_t>(o.get_int("postings-cache-mb"));
  s.record_cache_mb = static_cast<std::size_t>(o.get_int("record-cache-mb"));
  s.analysis_cache_entries = static_cast<std::size_t>(o.get_int("analysis-cache-entries"));
  s.suggestion_cache_entries = static_cast<std::size_t>(o.get_int("suggestion-cache-entries"));
  s.admin_token = o.has("admin-token") ? o.get_string("admin-token") : "";
  if (!s.admin_token.empty() && s.admin_token.size() < 16)
    throw Error(ErrorCode::invalid_config,
                "--admin-token: must be at least 16 characters (from " +
                    o.value("admin-token").where + ")",
                "admin-token");
  s.public_url = o.has("public-url") ? o.get_string("public-url") : "";
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  s.access_log = o.get_flag("access-log");
  return s;
}

}  // namespace palveluhaku::server
