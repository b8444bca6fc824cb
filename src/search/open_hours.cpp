#include "search/open_hours.h"

#include <ctime>
#include <memory>

#include <unicode/timezone.h>

namespace palveluhaku::search {

namespace {

std::string iso_date(const std::tm& tm) {
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

bool valid_on(const HoursEntry& h, const std::string& date) {
  if (!h.valid_from.empty() && date < h.valid_from.substr(0, 10)) return false;
  if (!h.valid_to.empty() && date > h.valid_to.substr(0, 10)) return false;
  return true;
}

// Whether `h`'s intervals contain the moment (weekday, minute), counting
// intervals of the previous day that run past midnight.
bool in_intervals(const HoursEntry& h, const LocalTime& t) {
  const int prev_wd = (t.weekday + 6) % 7;
  for (const auto& d : h.days) {
    if (d.weekday == t.weekday && t.minute >= d.open_min && t.minute < d.close_min) return true;
    if (d.weekday == prev_wd && d.close_min > 1440 && t.minute < d.close_min - 1440) return true;
  }
  return false;
}

}  // namespace

LocalTime helsinki_time(std::chrono::system_clock::time_point t) {
  static const std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8("Europe/Helsinki")));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  int32_t raw = 2 * 3600 * 1000, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  // TimeZone::getOffset is const and thread-safe for a fully built zone.
  tz->getOffset(static_cast<UDate>(ms), false, raw, dst, status);
  if (U_FAILURE(status)) {
    raw = 2 * 3600 * 1000;
    dst = 0;
  }
  const std::time_t local = static_cast<std::time_t>((ms + raw + dst) / 1000);
  std::tm tm{};
  gmtime_r(&local, &tm);
  LocalTime lt;
  lt.date = iso_date(tm);
  lt.weekday = (tm.tm_wday + 6) % 7;
  lt.minute = tm.tm_hour * 60 + tm.tm_min;
  const std::time_t prev = local - 86400;
  std::tm ptm{};
  gmtime_r(&prev, &ptm);
  lt.prev_date = iso_date(ptm);
  return lt;
}

std::optional<bool> is_open(const std::vector<HoursEntry>& hours, const LocalTime& t) {
  bool any_exception = false, exception_open = false;
  for (const auto& h : hours) {
    if (h.kind == HoursEntry::Kind::regular) continue;
    if (!valid_on(h, t.date)) continue;
    any_exception = true;
    if (h.closed) continue;
    if (h.always_open || in_intervals(h, t)) exception_open = true;
    // An exception without weekdays but not closed: open all day.
    if (h.days.empty() && !h.closed) exception_open = true;
  }
  if (any_exception) return exception_open;
  bool any_regular = false;
  for (const auto& h : hours) {
    if (h.kind != HoursEntry::Kind::regular) continue;
    if (!valid_on(h, t.date) && !valid_on(h, t.prev_date)) continue;
    any_regular = true;
    if (h.closed) continue;
    if (h.always_open) return true;
    if (in_intervals(h, t)) return true;
  }
  if (!any_regular) return std::nullopt;
  return false;
}

}  // namespace palveluhaku::search
