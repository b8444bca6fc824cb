// metrics.cpp — Prometheus text rendering of the server's counters.
#include "metrics.h"

#include <chrono>
#include <sstream>

namespace palveluhaku::server {

namespace {

// Label values are route names from our own table; escape anyway.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double v) {
  std::ostringstream o;
  o.precision(6);
  o << v;
  return o.str();
}

}  // namespace

void Metrics::observe(std::string_view route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(route), status}];
  auto it = latency_.find(route);
  if (it == latency_.end()) it = latency_.emplace(std::string(route), Histogram{}).first;
  Histogram& h = it->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

std::uint64_t Metrics::requests(std::string_view route, int status) const {
  std::lock_guard lock(mu_);
  auto it = requests_.find({std::string(route), status});
  return it == requests_.end() ? 0 : it->second;
}

std::string Metrics::render(const std::optional<IndexInfo>& info) const {
  std::ostringstream o;
  {
    std::lock_guard lock(mu_);
    o << "# HELP palveluhaku_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE palveluhaku_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
      o << "palveluhaku_http_requests_total{route=\"" << label(key.first) << "\",status=\""
        << key.second << "\"} " << n << "\n";
    o << "# HELP palveluhaku_http_request_duration_seconds Time to answer a request, by route.\n"
         "# TYPE palveluhaku_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += h.buckets[i];
        o << "palveluhaku_http_request_duration_seconds_bucket{route=\"" << label(route)
          << "\",le=\"" << number(kBuckets[i]) << "\"} " << cumulative << "\n";
      }
      o << "palveluhaku_http_request_duration_seconds_bucket{route=\"" << label(route)
        << "\",le=\"+Inf\"} " << h.count << "\n";
      o << "palveluhaku_http_request_duration_seconds_sum{route=\"" << label(route) << "\"} "
        << number(h.sum) << "\n";
      o << "palveluhaku_http_request_duration_seconds_count{route=\"" << label(route) << "\"} "
        << h.count << "\n";
    }
  }
  o << "# HELP palveluhaku_index_up 1 if the index is loaded and answering.\n"
       "# TYPE palveluhaku_index_up gauge\n"
    << "palveluhaku_index_up " << (info ? 1 : 0) << "\n";
  if (info) {
    const double age = std::chrono::duration<double>(std::chrono::system_clock::now() -
                                                     info->built_at)
                           .count();
    o << "# HELP palveluhaku_index_documents Documents in the live index.\n"
         "# TYPE palveluhaku_index_documents gauge\n"
      << "palveluhaku_index_documents " << info->documents << "\n"
      << "# HELP palveluhaku_index_generation Live index generation.\n"
         "# TYPE palveluhaku_index_generation gauge\n"
      << "palveluhaku_index_generation " << info->generation << "\n"
      << "# HELP palveluhaku_index_age_seconds Seconds since the live generation was built.\n"
         "# TYPE palveluhaku_index_age_seconds gauge\n"
      << "palveluhaku_index_age_seconds " << number(age) << "\n";
  }
  return o.str();
}

}  // namespace palveluhaku::server
