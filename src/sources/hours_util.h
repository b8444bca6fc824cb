// hours_util.h — opening-hour helpers shared by the importers (private).
//
// Threading: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "palveluhaku/record.h"

namespace palveluhaku::sources {

// "09:00", "9:00", "9.00", "9", "24:00" -> minutes 0..1440; nullopt otherwise.
std::optional<int> parse_hhmm(std::string_view s);
// Minutes (0..1440) -> "HH:MM".
std::string format_hhmm(int minutes);
// An interval; close <= open means it runs past midnight (close + 1440).
DayHours make_day(int weekday, int open_min, int close_min);

// Day name in Finnish (ma ti ke to pe la su, or full names), Swedish (må ti
// on to fr lö sö) or English (mon..sun, full names) -> 0..6.
std::optional<int> parse_weekday(std::string_view s);

// Parses the CSV template's opening_hours text: entries separated by '|'
// or ';', each "DAYS HH:MM-HH:MM" or "DAYS suljettu|closed|stängt" where DAYS is
// a day, a range "ma-pe" or a comma list "ma,ke". Returns false and sets
// `error` for the first entry it cannot read.
bool parse_opening_hours(std::string_view text, HoursEntry& out, std::string& error);

}  // namespace palveluhaku::sources
