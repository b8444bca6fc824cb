// open_hours.h — is a place open at a local time? (open_now)
//
// Threading: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "palveluhaku/record.h"

namespace palveluhaku::search {

// A local (Europe/Helsinki) moment.
struct LocalTime {
  std::string date;  // "2026-11-23"
  int weekday = 0;   // 0 = Monday
  int minute = 0;    // minutes from local midnight
  std::string prev_date;  // the day before, for intervals past midnight
};

// Converts a UTC time point to Europe/Helsinki local time (ICU time zone
// rules, so DST is right).
LocalTime helsinki_time(std::chrono::system_clock::time_point t);

// Open at `t` according to one location's hours: exceptions valid on the
// date override the regular hours. nullopt if no entry applies (unknown).
std::optional<bool> is_open(const std::vector<HoursEntry>& hours, const LocalTime& t);

}  // namespace palveluhaku::search
