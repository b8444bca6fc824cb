#include "search/spelling_lexicon.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace palveluhaku::search {

namespace {

// UTF-8 -> Latin-1; nullopt if a letter is outside it or the text is not
// valid UTF-8.
std::optional<std::string> to_latin1(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < s.size() &&
               (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      out.push_back(static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F)));
      ++i;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string to_utf8(std::string_view latin1) {
  std::string out;
  out.reserve(latin1.size() + 4);
  for (char ch : latin1) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// The letter without its dots (ä, å -> a; ö -> o; Latin-1).
unsigned char undotted(unsigned char c) {
  switch (c) {
    case 0xE4: case 0xE5: case 0xE0: case 0xE1: case 0xE2: return 'a';
    case 0xF6: case 0xF3: case 0xF4: case 0xF8: return 'o';
    case 0xFC: return 'u';
    case 0xE9: case 0xE8: return 'e';
    default: return c;
  }
}

// Typed `q` for dictionary `d`: the same letter, or a letter typed without
// its dots.
bool same_letter(unsigned char q, unsigned char d) { return q == d || q == undotted(d); }

// A typed ending left unmatched must be an inflection ending (Latin-1):
// Finnish cases, singular and plural, and the commonest Swedish and English
// ones. "vauvajooga" is not "vauvaa" + "ooga".
bool is_ending(std::string_view tail) {
  static const char* const kEndings[] = {
      // Finnish (a/o/u vowel harmony; ä as \xE4)
      "n", "t", "a", "\xE4", "ta", "t\xE4", "na", "n\xE4", "ssa", "ss\xE4", "sta", "st\xE4", "lla", "ll\xE4",
      "lta", "lt\xE4", "lle", "ksi", "tta", "tt\xE4", "an", "en", "in", "on", "un", "yn", "\xE4n", "\xF6n",
      "han", "hen", "hin", "hon", "hun", "seen", "siin", "iin", "ien", "ten", "jen", "den", "iden", "itten",
      "issa", "iss\xE4", "ista", "ist\xE4", "illa", "ill\xE4", "ilta", "ilt\xE4", "ille", "ina", "in\xE4",
      "iksi", "ia", "i\xE4", "ja", "j\xE4", "ita", "it\xE4", "ihin", "ne", "ni", "si", "mme", "nne", "nsa",
      "ns\xE4", "i", "e", "ssani",
      // Swedish ("na" is Finnish too)
      "er", "ar", "or", "et", "ens", "ets", "ernas", "arna", "erna", "orna", "s",
      // English
      "es", "ing", "ed", "ies"};
  for (const char* e : kEndings)
    if (tail == e) return true;
  return false;
}

}  // namespace

SpellingLexicon::SpellingLexicon(const Xapian::Database& db, const std::vector<std::string>& extra) {
  struct Raw {
    unsigned char first;
    std::string word;
    std::uint32_t freq;
  };
  std::vector<Raw> raw;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    auto w = to_latin1(*it);
    if (!w || w->size() < 2 || w->size() > 255) continue;
    raw.push_back({undotted(static_cast<unsigned char>((*w)[0])), std::move(*w),
                   static_cast<std::uint32_t>(it.get_termfreq())});
  }
  {
    std::unordered_set<std::string> have;
    for (const auto& r : raw) have.insert(r.word);
    for (const auto& x : extra) {
      auto w = to_latin1(x);
      if (!w || w->size() < 2 || w->size() > 255 || !have.insert(*w).second) continue;
      bool letters = true;
      for (char ch : *w) letters = letters && ch != ' ';
      if (letters) raw.push_back({undotted(static_cast<unsigned char>((*w)[0])), std::move(*w), 1});
    }
  }
  std::stable_sort(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) { return a.first < b.first; });
  first_.assign(257, 0);
  entries_.reserve(raw.size());
  for (const auto& r : raw) {
    entries_.push_back({static_cast<std::uint32_t>(text_.size()), static_cast<std::uint8_t>(r.word.size()), r.freq});
    text_ += r.word;
  }
  // first_[c] = the first entry whose folded first letter is >= c.
  std::size_t e = 0;
  for (unsigned c = 0; c <= 256; ++c) {
    while (e < raw.size() && raw[e].first < c) ++e;
    first_[c] = static_cast<std::uint32_t>(e);
  }
}

std::optional<SpellingLexicon::Match> SpellingLexicon::nearest(std::string_view word_utf8,
                                                               std::size_t min_letters) const {
  const auto q = to_latin1(word_utf8);
  if (!q || q->size() < std::max<std::size_t>(4, min_letters) || q->size() > 64) return std::nullopt;
  const std::size_t n = q->size();
  const int k = n >= 8 ? 2 : 1;  // edits allowed
  // Unmatched letters: a typed ending dropped costs more than the rest of a
  // dictionary word (a compound's tail, another ending) left over.
  constexpr double kTypedTail = 0.3, kWordTail = 0.05;
  // A word of 4 letters is matched whole (an ending would leave too little).
  const std::size_t min_prefix = std::max<std::size_t>(std::min<std::size_t>(5, n), n > kMaxEnding ? n - kMaxEnding : 0);
  const unsigned char first = undotted(static_cast<unsigned char>((*q)[0]));
  constexpr int kInf = std::numeric_limits<int>::max() / 4;

  std::optional<Match> best;
  std::uint32_t best_freq = 0;
  const Entry* best_entry = nullptr;
  // rows[i][j]: edits between q[0..i) and d[0..j) (optimal string alignment).
  std::vector<int> prev2, prev, cur;
  for (std::uint32_t e = first_[first]; e < first_[first + 1u]; ++e) {
    const Entry& en = entries_[e];
    const std::size_t m = en.length;
    if (m + static_cast<std::size_t>(k) < min_prefix) continue;
    if (m > n + static_cast<std::size_t>(k) + 40) continue;
    const unsigned char* d = reinterpret_cast<const unsigned char*>(text_.data() + en.offset);
    if (!same_letter(static_cast<unsigned char>((*q)[0]), d[0])) continue;
    prev2.assign(m + 1, kInf);
    prev.assign(m + 1, kInf);
    cur.assign(m + 1, kInf);
    for (std::size_t j = 0; j <= m && j <= static_cast<std::size_t>(k); ++j) prev[j] = static_cast<int>(j);
    double cost = kInf;
    // Row 0 is prev; i runs over typed letters.
    bool alive = true;
    for (std::size_t i = 1; i <= n && alive; ++i) {
      std::fill(cur.begin(), cur.end(), kInf);
      const std::size_t lo = i > static_cast<std::size_t>(k) ? i - k : 0;
      const std::size_t hi = std::min(m, i + k);
      if (lo == 0) cur[0] = static_cast<int>(i);
      int row_min = lo == 0 ? cur[0] : kInf;
      const auto qi = static_cast<unsigned char>((*q)[i - 1]);
      for (std::size_t j = std::max<std::size_t>(lo, 1); j <= hi; ++j) {
        const int sub = prev[j - 1] + (same_letter(qi, d[j - 1]) ? 0 : 1);
        int v = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
        if (i > 1 && j > 1 && qi == d[j - 2] && static_cast<unsigned char>((*q)[i - 2]) == d[j - 1])
          v = std::min(v, prev2[j - 2] + 1);
        cur[j] = v;
        row_min = std::min(row_min, v);
      }
      if (row_min > k) alive = false;
      if (i >= min_prefix && (i == n || is_ending(std::string_view(*q).substr(i)))) {
        // q[0..i) against d[0..j): the typed rest is an ending, the
        // dictionary word's rest another ending or a compound's tail.
        // With a typed ending left over, at most one edit before it.
        const int allowed = i < n ? std::min(k, 1) : k;
        for (std::size_t j = lo; j <= hi; ++j) {
          if (cur[j] > allowed || (n < 5 && j != m)) continue;  // 4 letters: whole words only
          const double c = cur[j] + kTypedTail * static_cast<double>(n - i) + kWordTail * static_cast<double>(m - j);
          cost = std::min(cost, c);
        }
      }
      std::swap(prev2, prev);
      std::swap(prev, cur);
    }
    if (cost > k + 0.5) continue;  // the ends count against the edits allowed
    if (!best || cost < best->cost - 1e-9 || (cost < best->cost + 1e-9 && en.freq > best_freq)) {
      best = Match{std::string(), cost};
      best_freq = en.freq;
      best_entry = &en;
    }
  }
  if (!best) return std::nullopt;
  best->word = to_utf8(std::string_view(text_.data() + best_entry->offset, best_entry->length));
  return best;
}

}  // namespace palveluhaku::search
