// snippet.cpp — see snippet.h. The algorithm is Xapian 1.4's
// (queryparser/termgenerator_internal.cc: parse_terms, SnipPipe,
// MSet::Internal::snippet); the character classes are Xapian's own
// (xapian/unicode.h), tabled for ASCII.
#include "search/snippet.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <utility>

namespace palveluhaku::search {
namespace {

namespace U = Xapian::Unicode;

constexpr unsigned kIgnore = std::numeric_limits<unsigned>::max();
constexpr std::size_t kMaxWordLength = 64;  // Xapian's hard-coded limit
constexpr double kDecay = 2.0;

// ASCII classes from Xapian's own functions (exact by construction).
struct AsciiTables {
  std::array<unsigned char, 128> word{};   // lowercased word character, or 0
  std::array<bool, 128> digit{};
  AsciiTables() {
    for (unsigned c = 0; c < 128; ++c) {
      word[c] = U::is_wordchar(c) ? static_cast<unsigned char>(U::tolower(c)) : 0;
      digit[c] = U::get_category(c) == U::DECIMAL_DIGIT_NUMBER;
    }
  }
};
// Initialised before main (Xapian's character tables are constant data);
// a function-local static cost a guard check per character (1.3 % of a
// search).
const AsciiTables kAscii;
inline const AsciiTables& ascii() { return kAscii; }

// Strict UTF-8 (no overlongs, surrogates or > U+10FFFF). Xapian's
// Utf8Iterator decodes such text the same; other text goes to Xapian.
bool valid_utf8(const unsigned char* s, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    if (n - i >= 8) {  // eight ASCII bytes at a time
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    const auto cont = [&](std::size_t k) { return i + k < n && (s[i + k] & 0xc0) == 0x80; };
    if (c >= 0xc2 && c < 0xe0) {
      if (!cont(1)) return false;
      i += 2;
    } else if (c >= 0xe0 && c < 0xf0) {
      if (!cont(1) || !cont(2)) return false;
      if (c == 0xe0 && s[i + 1] < 0xa0) return false;
      if (c == 0xed && s[i + 1] >= 0xa0) return false;
      i += 3;
    } else if (c >= 0xf0 && c < 0xf5) {
      if (!cont(1) || !cont(2) || !cont(3)) return false;
      if (c == 0xf0 && s[i + 1] < 0x90) return false;
      if (c == 0xf4 && s[i + 1] >= 0x90) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// Decodes the (valid) character at s[i]; its byte length in `len`.
inline unsigned decode(const unsigned char* s, std::size_t i, std::size_t& len) {
  const unsigned c = s[i];
  if (c < 0x80) {
    len = 1;
    return c;
  }
  if (c < 0xe0) {
    len = 2;
    return ((c & 0x1f) << 6) | (s[i + 1] & 0x3f);
  }
  if (c < 0xf0) {
    len = 3;
    return ((c & 0x0f) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3f);
  }
  len = 4;
  return ((c & 0x07) << 18) | ((s[i + 1] & 0x3fu) << 12) | ((s[i + 2] & 0x3fu) << 6) | (s[i + 3] & 0x3f);
}

inline bool is_wordchar(unsigned ch) { return ch < 128 ? ascii().word[ch] != 0 : U::is_wordchar(ch); }

// Xapian's check_wordchar: the lowercased character, or 0.
inline unsigned wordchar_lower(unsigned ch) {
  if (ch < 128) return ascii().word[ch];
  return U::is_wordchar(ch) ? U::tolower(ch) : 0;
}

inline bool is_digit(unsigned ch) {
  return ch < 128 ? ascii().digit[ch] : U::get_category(ch) == U::DECIMAL_DIGIT_NUMBER;
}

inline bool ascii_upper(unsigned ch) { return ch >= 'A' && ch <= 'Z'; }

inline unsigned check_infix(unsigned ch) {
  if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
  if (ch == 0x2019 || ch == 0x201b) return '\'';
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

inline unsigned check_infix_digit(unsigned ch) {
  switch (ch) {
    case ',':
    case '.':
    case ';':
    case 0x037e:
    case 0x0589:
    case 0x060D:
    case 0x07F8:
    case 0x2044:
    case 0xFE10:
    case 0xFE13:
    case 0xFE14:
      return ch;
    default:
      break;
  }
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

inline unsigned check_suffix(unsigned ch) { return (ch == '+' || ch == '#') ? ch : 0; }

bool leading_nonwordchar(unsigned ch) {
  if (U::is_currency(ch) || U::get_category(ch) == U::OPEN_PUNCTUATION ||
      U::get_category(ch) == U::INITIAL_QUOTE_PUNCTUATION)
    return true;
  switch (ch) {
    case '"': case '#': case '%': case '&': case '\'': case '+': case '-': case '/': case '<': case '@':
    case '\\': case '`': case '~': case 0x00A1: case 0x00A7: case 0x00BF:
      return true;
    default:
      return false;
  }
}

bool trailing_nonwordchar(unsigned ch) {
  if (U::is_currency(ch) || U::get_category(ch) == U::CLOSE_PUNCTUATION ||
      U::get_category(ch) == U::FINAL_QUOTE_PUNCTUATION)
    return true;
  switch (ch) {
    case '"': case '%': case '\'': case '+': case '-': case '/': case '>': case '@': case '\\': case '`':
    case '~':
      return true;
    default:
      return false;
  }
}

// Whether any byte of w is '&', '<' or '>': the bytes equal to c are the
// zero bytes of w ^ c, found without carries between bytes.
inline bool has_special(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, low7 = 0x7f7f7f7f7f7f7f7full;
  const auto zero_bytes = [](std::uint64_t x) { return ~(((x & low7) + low7) | x | low7); };
  return (zero_bytes(w ^ (ones * '&')) | zero_bytes(w ^ (ones * '<')) | zero_bytes(w ^ (ones * '>'))) != 0;
}

void append_escaped(const char* p, const char* end, std::string& out) {
  while (p != end) {
    const char* q = p;
    // Eight bytes at a time while none needs escaping (the common case).
    while (end - q >= 8) {
      std::uint64_t w;
      std::memcpy(&w, q, 8);
      if (has_special(w)) break;
      q += 8;
    }
    while (q != end && *q != '&' && *q != '<' && *q != '>') ++q;
    out.append(p, q);
    if (q == end) return;
    out += *q == '&' ? "&amp;" : *q == '<' ? "&lt;" : "&gt;";
    p = q + 1;
  }
}

// A term buffer: the true length is counted; bytes past the buffer are not
// kept (such a term is longer than kMaxWordLength and skipped anyway).
struct TermBuf {
  char b[96];
  std::size_t n = 0;
  void append(unsigned ch) {
    if (ch < 0x80) {
      if (n < sizeof b) b[n] = static_cast<char>(ch);
      ++n;
      return;
    }
    char t[4];
    std::size_t k;
    if (ch < 0x800) {
      t[0] = static_cast<char>(0xc0 | (ch >> 6));
      t[1] = static_cast<char>(0x80 | (ch & 0x3f));
      k = 2;
    } else if (ch < 0x10000) {
      t[0] = static_cast<char>(0xe0 | (ch >> 12));
      t[1] = static_cast<char>(0x80 | ((ch >> 6) & 0x3f));
      t[2] = static_cast<char>(0x80 | (ch & 0x3f));
      k = 3;
    } else {
      t[0] = static_cast<char>(0xf0 | (ch >> 18));
      t[1] = static_cast<char>(0x80 | ((ch >> 12) & 0x3f));
      t[2] = static_cast<char>(0x80 | ((ch >> 6) & 0x3f));
      t[3] = static_cast<char>(0x80 | (ch & 0x3f));
      k = 4;
    }
    for (std::size_t j = 0; j < k; ++j, ++n)
      if (n < sizeof b) b[n] = t[j];
  }
};

// The pattern of an OP_WILDCARD leaf, read back from its description and
// checked by rebuilding it; false if it cannot be read.
bool wildcard_pattern(const Xapian::Query& q, std::string& pattern) {
  const std::string d = q.get_description();
  static const std::string head = "Query(WILDCARD ";
  if (d.size() < head.size() + 1 || d.compare(0, head.size(), head) != 0 || d.back() != ')') return false;
  const std::size_t sp = d.find(' ', head.size());
  if (sp == std::string::npos) return false;
  const std::string comb = d.substr(head.size(), sp - head.size());
  Xapian::Query::op op;
  if (comb == "SYNONYM") op = Xapian::Query::OP_SYNONYM;
  else if (comb == "MAX") op = Xapian::Query::OP_MAX;
  else if (comb == "OR") op = Xapian::Query::OP_OR;
  else return false;
  pattern = d.substr(sp + 1, d.size() - sp - 2);
  const Xapian::Query again(Xapian::Query::OP_WILDCARD, pattern, 0, Xapian::Query::WILDCARD_LIMIT_ERROR, op);
  return again.get_description() == d;
}

}  // namespace

Snippeter::Snippeter(const Xapian::Query& query, const Xapian::MSet& mset, const Xapian::Stem& stemmer)
    : mset_(&mset), stemmer_(stemmer) {
  init(query, [&mset](const std::string& t, double& w) {
    try {
      w = mset.get_termweight(t);
    } catch (const Xapian::InvalidOperationError&) {
      return Weight::no_stats;
    } catch (const Xapian::InvalidArgumentError&) {
      return Weight::none;
    }
    return Weight::known;
  });
}

Snippeter::Snippeter(const Xapian::Query& query, const std::vector<std::pair<std::string, double>>& termweights,
                     std::function<Xapian::MSet()> make_mset, const Xapian::Stem& stemmer)
    : make_mset_(std::move(make_mset)), stemmer_(stemmer) {
  init(query, [&termweights](const std::string& t, double& w) {
    if (t.empty()) return Weight::none;  // as MSet::get_termweight("")
    for (const auto& [term, x] : termweights)
      if (term == t) {
        w = x;
        return Weight::known;
      }
    return Weight::none;
  });
}

void Snippeter::init(const Xapian::Query& query, const std::function<Weight(const std::string&, double&)>& termweight) {
  if (std::getenv("XAPIAN_CJK_NGRAM") != nullptr) own_ = false;
  // Xapian's check_query: leaf terms (a set), wildcards (in order), tight
  // phrases (not reproduced here).
  std::vector<std::string> loose;
  std::vector<Xapian::Query> stack{query};
  while (own_ && !stack.empty()) {
    const Xapian::Query q = std::move(stack.back());
    stack.pop_back();
    const auto op = q.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
      if (q.get_terms_begin() != q.get_terms_end()) {
        const std::string t = *q.get_terms_begin();
        if (!t.empty() && t[0] == 'Z') own_ = false;  // stemmed terms: Xapian's stemming lookups
        bool seen = false;
        for (const auto& l : loose) seen = seen || l == t;
        if (!seen) loose.push_back(t);
      }
    } else if (op == Xapian::Query::OP_WILDCARD) {
      std::string p;
      if (!wildcard_pattern(q, p)) own_ = false;
      wildcards_.push_back(std::move(p));
    } else if (op == Xapian::Query::OP_PHRASE) {
      own_ = false;
    } else {
      const std::size_t n = q.get_num_subqueries();
      for (std::size_t i = n; i-- > 0;) stack.push_back(q.get_subquery(i));  // depth first, in order
    }
  }
  if (!own_) return;
  // Termweights: Xapian's stats hold every term of the query; a term
  // without one is not a loose term (check_term's erase).
  double min_tw = 0, max_tw = 0;
  bool any = false;
  std::vector<std::pair<std::string, double>> weighed;
  for (const auto& t : loose) {
    double w = 0;
    const Weight known = termweight(t, w);
    if (known == Weight::no_stats) {
      stats_ = false;
      break;
    }
    if (known == Weight::none) continue;
    weighed.emplace_back(t, w);
    if (w != 0.0) {
      if (!any) {
        min_tw = max_tw = w;
        any = true;
      } else {
        if (w > max_tw) max_tw = w;
        if (w < min_tw) min_tw = w;
      }
    }
  }
  if (loose.empty()) {
    // No term to ask: whether the MSet has stats at all.
    double w = 0;
    if (termweight(std::string(), w) == Weight::no_stats) stats_ = false;
  }
  if (max_tw == 0.0) max_tw = 1.0;
  else max_tw *= 1.015625;
  for (auto& [t, w] : weighed) {
    terms_.push_back({t, initial_.size()});
    initial_.push_back(w + max_tw);
  }
  for (std::size_t i = 0; i < wildcards_.size(); ++i) initial_.push_back(max_tw + min_tw);
  for (const auto& t : terms_)
    if (t.text.size() < 64) term_lengths_ |= std::uint64_t{1} << t.text.size();
  for (const auto& w : wildcards_) shortest_wildcard_ = std::min(shortest_wildcard_, w.size());
  rel_.resize(initial_.size());
}

std::string Snippeter::fallback(const std::string& text, std::size_t length, unsigned flags,
                                const std::string& hi_start, const std::string& hi_end,
                                const std::string& omit) {
  if (!mset_) {
    own_mset_ = make_mset_();
    mset_ = &*own_mset_;
  }
  return mset_->snippet(text, length, stemmer_, flags, hi_start, hi_end, omit);
}

std::string Snippeter::snippet(const std::string& text, std::size_t length, unsigned flags,
                               const std::string& hi_start, const std::string& hi_end, const std::string& omit) {
  if (hi_start.empty() && hi_end.empty() && text.size() <= length) return text;
  constexpr unsigned kHandled = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  if (!own_ || (flags & ~kHandled) != 0 || !valid_utf8(s, n)) return fallback(text, length, flags, hi_start, hi_end, omit);

  std::copy(initial_.begin(), initial_.end(), rel_.begin());
  pipe_.clear();
  best_.clear();
  std::size_t ph = 0, bh = 0;  // queue heads
  const std::size_t window = length + 1;
  std::size_t begin = 0, best_begin = 0, best_end = 0;
  double sum = 0, best_sum = 0;
  const bool exhaustive = (flags & Xapian::MSet::SNIPPET_EXHAUSTIVE) != 0;
  bool matchfound = false;

  // SnipPipe::pump (no phrases: highlight is 0 or 1).
  const auto pump = [&](double* r, std::size_t t, std::size_t h) {
    pipe_.push_back({r, t, h});
    if (r) {
      sum += *r;
      *r /= kDecay;
    }
    while (t - begin > window) {
      const Sniplet word = pipe_[ph];
      if (word.relevance) {
        *word.relevance *= kDecay;
        sum -= *word.relevance;
      }
      begin = word.term_end;
      if (best_end >= begin) best_.push_back(word);
      if (++ph == pipe_.size()) break;
    }
    if (sum >= best_sum) {
      if (begin >= best_end) {
        best_.clear();
        bh = 0;
      } else {
        while (bh < best_.size() && best_[bh].term_end <= begin) ++bh;
      }
      best_sum = sum;
      best_begin = begin;
      best_end = t;
    } else if (!exhaustive) {
      if (best_sum > 0 && best_end < begin) return false;
    }
    return true;
  };

  // The word action of MSet::Internal::snippet.
  TermBuf tb;
  const auto action = [&](std::size_t term_end) {
    if (tb.n > kMaxWordLength) return true;
    double* r = nullptr;
    std::size_t h = 0;
    if (stats_) {
      if (tb.n >= 64 || (term_lengths_ >> tb.n & 1))
        for (const auto& t : terms_) {
          if (t.text.size() == tb.n && std::memcmp(t.text.data(), tb.b, tb.n) == 0) {
            r = &rel_[t.slot];
            break;
          }
        }
      if (!r && tb.n >= shortest_wildcard_) {
        for (std::size_t i = 0; i < wildcards_.size(); ++i) {
          const auto& p = wildcards_[i];
          if (p.size() <= tb.n && std::memcmp(p.data(), tb.b, p.size()) == 0) {
            r = &rel_[terms_.size() + i];
            break;
          }
        }
      }
      if (r) h = 1;
    }
    if (h) matchfound = true;
    return pump(r, term_end, h);
  };

  // parse_terms (no CJK n-grams).
  std::size_t i = 0;
  for (;;) {
    unsigned cp = 0, ch = 0;
    std::size_t clen = 0;
    for (;;) {
      if (i >= n) goto parsed;
      cp = decode(s, i, clen);
      ch = wordchar_lower(cp);
      if (ch) break;
      i += clen;
    }
    tb.n = 0;
    if (ascii_upper(cp)) {
      // Initials separated by '.' (P.T.O.).
      std::size_t p = i;
      do {
        tb.append(ascii().word[s[p]]);
        ++p;
      } while (p != n && s[p] == '.' && ++p != n && ascii_upper(s[p]));
      if (tb.n > 1) {
        std::size_t l;
        if (p == n || !is_wordchar(decode(s, p, l))) {
          i = p;
          goto endofterm;
        }
      }
      tb.n = 0;
    }
    for (;;) {
      unsigned prevch;
      do {
        tb.append(ch);
        prevch = ch;
        i += clen;
        // The word's next ASCII word characters without decoding them.
        for (unsigned char c; i != n && (c = s[i]) < 0x80 && ascii().word[c] != 0; ++i) {
          prevch = ascii().word[c];
          tb.append(prevch);
        }
        if (i == n) goto endofterm;
        cp = decode(s, i, clen);
        ch = wordchar_lower(cp);
      } while (ch);
      const std::size_t next = i + clen;
      if (next == n) break;
      std::size_t nlen;
      const unsigned ncp = decode(s, next, nlen);
      const unsigned nextch = wordchar_lower(ncp);
      if (!nextch) break;
      unsigned infix = (is_digit(prevch) && is_digit(ncp)) ? check_infix_digit(cp) : check_infix(cp);
      if (!infix) break;
      if (infix != kIgnore) tb.append(infix);
      ch = nextch;
      i = next;
      clen = nlen;
    }
    {
      const std::size_t len = tb.n;
      unsigned count = 0;
      while ((ch = check_suffix(cp))) {
        if (++count > 3) {
          tb.n = len;
          break;
        }
        tb.append(ch);
        i += clen;
        if (i == n) goto endofterm;
        cp = decode(s, i, clen);
      }
      if (is_wordchar(cp)) tb.n = len;
    }
  endofterm:
    if (!action(i)) break;
  }
parsed:

  // SnipPipe::done.
  if (begin >= best_end) {
    pipe_.clear();
    ph = 0;
  } else {
    while (ph < pipe_.size() && pipe_.back().term_end > best_end) pipe_.pop_back();
  }

  std::string out;
  if (!matchfound && (flags & Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH) != 0) return out;
  out.reserve(length + 64);
  std::size_t phrase_len = 0;
  const char* const base = text.data();
  // Text is escaped into `out` a run at a time: consecutive pieces of the
  // text (one per word) are pending as one range until a marker is added.
  const char* ps = nullptr;
  const char* pe = nullptr;
  const auto emit = [&](const char* p, const char* q) {
    if (p == q) return;
    if (p == pe) {
      pe = q;
      return;
    }
    if (ps != pe) append_escaped(ps, pe, out);
    ps = p;
    pe = q;
  };
  const auto flush = [&] {
    if (ps != pe) append_escaped(ps, pe, out);
    ps = pe = nullptr;
  };
  // SnipPipe::drain, repeated.
  for (;;) {
    if (bh == best_.size() && ph < pipe_.size()) {
      std::swap(best_, pipe_);
      std::swap(bh, ph);
    }
    if (bh == best_.size()) {
      if (n == best_end) break;
      bool sentence_end = false;
      std::size_t j = best_end, l = 0;
      while (j < n) {
        const unsigned c = decode(s, j, l);
        if (sentence_end && U::is_whitespace(c)) break;
        sentence_end = c == '.' || c == '?' || c == '!';
        if (is_wordchar(c)) break;
        j += l;
      }
      if (sentence_end) {
        emit(base + best_end, base + j);
        break;
      }
      j = best_end;
      int trailing = 0;
      while (j < n && trailing_nonwordchar(decode(s, j, l))) {
        if (++trailing > 4) {
          trailing = 0;
          break;
        }
        j += l;
      }
      if (trailing) {
        emit(base + best_end, base + j);
        if (j == n) break;
      }
      flush();
      out += omit;
      break;
    }
    const Sniplet word = best_[bh];
    if (out.empty() && ps == pe) {
      enum { NO, PUNC, YES } boundary = best_begin == 0 ? YES : NO;
      std::size_t j = best_begin, l = 0;
      while (j < word.term_end) {
        const unsigned c = decode(s, j, l);
        switch (boundary) {
          case NO:
            if (c == '.' || c == '?' || c == '!') boundary = PUNC;
            break;
          case PUNC:
            if (U::is_whitespace(c)) boundary = YES;
            else if (c == '.' || c == '?' || c == '!') {
            } else boundary = NO;
            break;
          case YES:
            break;
        }
        if (is_wordchar(c)) {
          if (j - best_begin > 4) best_begin = j;
          break;
        }
        j += l;
        if (!leading_nonwordchar(c)) best_begin = j;
      }
      if (boundary != YES) {
        flush();
        out += omit;
      }
    }
    if (word.highlight) {
      std::size_t j = best_begin, l = 0;
      while (j < n) {
        if (is_wordchar(decode(s, j, l))) {
          emit(base + best_begin, base + j);
          best_begin = j;
          break;
        }
        j += l;
      }
    }
    if (!phrase_len) {
      phrase_len = word.highlight;
      if (phrase_len) {
        flush();
        out += hi_start;
      }
    }
    emit(base + best_begin, base + word.term_end);
    best_begin = word.term_end;
    if (phrase_len && --phrase_len == 0) {
      flush();
      out += hi_end;
    }
    ++bh;
  }
  flush();
  return out;
}

}  // namespace palveluhaku::search
