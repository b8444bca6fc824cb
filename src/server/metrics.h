// metrics.h — request counters and latency histograms, rendered in the
// Prometheus text exposition format at GET /metrics.
//
// Threading: all methods are safe to call from any thread (one mutex; the
// critical sections are a map lookup and a few additions).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "palveluhaku/search.h"

namespace palveluhaku::server {

class Metrics {
 public:
  // Latency bucket upper bounds in seconds (Prometheus `le`).
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

  // Counts one finished request of `route` (the route table's name, or
  // "(unmatched)" / "(rejected)") with its HTTP status and duration.
  void observe(std::string_view route, int status, double seconds);

  // Requests counted so far for route and status (0 if none).
  std::uint64_t requests(std::string_view route, int status) const;

  // The exposition text. `info` (the index state) adds the document count,
  // generation and index age gauges; nullopt when the index is unavailable.
  std::string render(const std::optional<IndexInfo>& info) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram, std::less<>> latency_;
};

}  // namespace palveluhaku::server
