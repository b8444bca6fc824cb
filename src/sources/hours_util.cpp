#include "sources/hours_util.h"

#include <algorithm>
#include <array>

#include "sources/text_util.h"

namespace palveluhaku::sources {

std::optional<int> parse_hhmm(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 5) return std::nullopt;
  std::size_t i = 0;
  int h = 0;
  std::size_t hd = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && hd < 2) {
    h = h * 10 + (s[i] - '0');
    ++i;
    ++hd;
  }
  if (hd == 0) return std::nullopt;
  int m = 0;
  if (i < s.size()) {
    if (s[i] != ':' && s[i] != '.') return std::nullopt;
    ++i;
    if (s.size() - i != 2 || s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9') return std::nullopt;
    m = (s[i] - '0') * 10 + (s[i + 1] - '0');
  }
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_hhmm(int minutes) {
  if (minutes < 0) minutes = 0;
  if (minutes > 1440) minutes = 1440;
  const int h = minutes / 60, m = minutes % 60;
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + h / 10);
  out[1] = static_cast<char>('0' + h % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + m / 10);
  out[4] = static_cast<char>('0' + m % 10);
  return out;
}

DayHours make_day(int weekday, int open_min, int close_min) {
  DayHours d;
  d.weekday = static_cast<std::uint8_t>(weekday < 0 ? 0 : weekday > 6 ? 6 : weekday);
  if (open_min < 0) open_min = 0;
  if (open_min > 1439) open_min = 1439;  // "24:00" as an opening time means midnight
  if (close_min < 0) close_min = 0;
  if (close_min > 1440) close_min = 1440;
  d.open_min = static_cast<std::uint16_t>(open_min);
  d.close_min = static_cast<std::uint16_t>(close_min <= open_min ? close_min + 1440 : close_min);
  return d;
}

std::optional<int> parse_weekday(std::string_view raw) {
  const std::string s = ascii_lower(trim(raw));
  // Finnish, Swedish (with and without ring/diaeresis; upper-case Å/Ö too), English.
  static const std::array<std::array<const char*, 12>, 7> kNames = {{
      {"ma", "maanantai", "maanantaisin", "må", "ma", "måndag", "mandag", "mon", "monday", "mo", "Må", ""},
      {"ti", "tiistai", "tiistaisin", "tis", "tisdag", "tue", "tues", "tuesday", "tu", "", "", ""},
      {"ke", "keskiviikko", "keskiviikkoisin", "on", "ons", "onsdag", "wed", "wednesday", "we", "", "", ""},
      {"to", "torstai", "torstaisin", "tor", "torsdag", "thu", "thur", "thurs", "thursday", "th", "", ""},
      {"pe", "perjantai", "perjantaisin", "fr", "fre", "fredag", "fri", "friday", "", "", "", ""},
      {"la", "lauantai", "lauantaisin", "lö", "lör", "lördag", "lo", "lordag", "sat", "saturday", "sa", "Lö"},
      {"su", "sunnuntai", "sunnuntaisin", "sö", "sön", "söndag", "so", "sondag", "sun", "sunday", "Sö", ""},
  }};
  if (s.empty()) return std::nullopt;
  for (int d = 0; d < 7; ++d)
    for (const char* n : kNames[static_cast<std::size_t>(d)])
      if (*n && s == n) return d;
  return std::nullopt;
}

namespace {

// "ma-pe", "ma,ke,pe", "la" -> set of weekdays.
bool parse_days(std::string_view s, std::array<bool, 7>& days) {
  days.fill(false);
  bool any = false;
  for (const std::string& part : split_trim(s, ',')) {
    // A range uses '-' or an en dash.
    std::string p = part;
    std::size_t dash = p.find('-');
    std::size_t dash_len = 1;
    if (dash == std::string::npos) {
      dash = p.find("\xE2\x80\x93");
      dash_len = 3;
    }
    if (dash != std::string::npos) {
      const auto a = parse_weekday(std::string_view(p).substr(0, dash));
      const auto b = parse_weekday(std::string_view(p).substr(dash + dash_len));
      if (!a || !b) return false;
      for (int d = *a;; d = (d + 1) % 7) {
        days[static_cast<std::size_t>(d)] = true;
        if (d == *b) break;
      }
    } else {
      const auto a = parse_weekday(p);
      if (!a) return false;
      days[static_cast<std::size_t>(*a)] = true;
    }
    any = true;
  }
  return any;
}

bool is_closed_word(std::string_view s) {
  const std::string l = ascii_lower(trim(s));
  return l == "suljettu" || l == "closed" || l == "stängt" || l == "stangt" || l == "kiinni" || l == "-";
}

}  // namespace

bool parse_opening_hours(std::string_view text, HoursEntry& out, std::string& error) {
  out = HoursEntry{};
  out.kind = HoursEntry::Kind::regular;
  // Entries are separated by '|' or ';' (a ';' CSV needs the cell quoted).
  std::string norm(text);
  for (char& c : norm)
    if (c == ';' || c == '\n') c = '|';
  std::array<bool, 7> closed{};
  for (const std::string& entry : split_trim(norm, '|')) {
    // Split DAYS from the times at the first space that is followed by a digit
    // or a closed-word, e.g. "ma - pe 9-16" keeps "ma - pe" together.
    std::size_t split = std::string::npos;
    for (std::size_t i = 0; i < entry.size(); ++i) {
      if (entry[i] != ' ') continue;
      const std::string_view rest = trim(std::string_view(entry).substr(i));
      if (!rest.empty() && ((rest[0] >= '0' && rest[0] <= '9') || is_closed_word(rest))) {
        split = i;
        break;
      }
    }
    if (split == std::string::npos) {
      error = quote(entry) + " is not \"DAYS HH:MM-HH:MM\" (e.g. \"ma-pe 09:00-16:00\")";
      return false;
    }
    std::string days_text(trim(std::string_view(entry).substr(0, split)));
    // "ma - pe" -> "ma-pe"
    std::string compact;
    for (char c : days_text)
      if (c != ' ') compact += c;
    std::array<bool, 7> days{};
    if (!parse_days(compact, days)) {
      error = quote(days_text) + " is not a day or day range (ma, ti, ke, to, pe, la, su / må..sö / mon..sun)";
      return false;
    }
    const std::string_view times = trim(std::string_view(entry).substr(split));
    if (is_closed_word(times)) {
      for (int d = 0; d < 7; ++d)
        if (days[static_cast<std::size_t>(d)]) closed[static_cast<std::size_t>(d)] = true;
      continue;
    }
    // Several intervals per day: "9-11, 12-16".
    for (const std::string& iv : split_trim(times, ',')) {
      std::size_t dash = iv.find('-');
      std::size_t dash_len = 1;
      if (dash == std::string::npos) {
        dash = iv.find("\xE2\x80\x93");
        dash_len = 3;
      }
      if (dash == std::string::npos) {
        error = quote(iv) + " is not a time range HH:MM-HH:MM";
        return false;
      }
      const auto open = parse_hhmm(std::string_view(iv).substr(0, dash));
      const auto close = parse_hhmm(std::string_view(iv).substr(dash + dash_len));
      if (!open || !close) {
        error = quote(iv) + " is not a time range HH:MM-HH:MM";
        return false;
      }
      for (int d = 0; d < 7; ++d)
        if (days[static_cast<std::size_t>(d)]) out.days.push_back(make_day(d, *open, *close));
    }
  }
  // A day marked closed has no intervals even if a range above covered it.
  std::erase_if(out.days, [&](const DayHours& d) { return closed[d.weekday]; });
  std::sort(out.days.begin(), out.days.end(), [](const DayHours& a, const DayHours& b) {
    return a.weekday != b.weekday ? a.weekday < b.weekday : a.open_min < b.open_min;
  });
  return true;
}

}  // namespace palveluhaku::sources
