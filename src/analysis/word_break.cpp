#include "analysis/word_break.h"

#include <unicode/utext.h>

#include "palveluhaku/error.h"

namespace palveluhaku::analysis {

namespace {

struct Span {
  std::size_t b, e;
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A dash joining two words: '-', U+2010 hyphen, U+2011 non-breaking hyphen,
// U+2013 en dash.
bool is_dash(std::string_view g) {
  return g == "-" || g == "\xE2\x80\x90" || g == "\xE2\x80\x91" || g == "\xE2\x80\x93";
}

// Length of a dash at the start of g (0 if none).
std::size_t dash_len(std::string_view g) {
  if (!g.empty() && g[0] == '-') return 1;
  if (g.size() >= 3 && (g.substr(0, 3) == "\xE2\x80\x90" || g.substr(0, 3) == "\xE2\x80\x91" ||
                        g.substr(0, 3) == "\xE2\x80\x93"))
    return 3;
  return 0;
}

// ICU gives "@@" a word status; a token needs a letter or a digit.
bool has_alnum(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool phone_gap(std::string_view g) {
  if (g.empty() || g.size() > 3) return false;
  for (char c : g)
    if (!(c == ' ' || c == '-' || c == '(' || c == ')')) return false;
  return true;
}

}  // namespace

WordBreaker::WordBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  bi_.reset(icu::BreakIterator::createWordInstance(icu::Locale("fi"), status));
  if (U_FAILURE(status) || !bi_)
    throw Error(ErrorCode::internal, std::string("ICU word break iterator: ") + u_errorName(status));
}

WordBreaker::~WordBreaker() = default;

std::vector<Token> WordBreaker::split(std::string_view text) {
  std::vector<Token> out;
  if (text.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return out;
  bi_->setText(ut, status);
  std::vector<Span> spans;
  if (U_SUCCESS(status)) {
    int32_t prev = bi_->first();
    for (int32_t p = bi_->next(); p != icu::BreakIterator::DONE; prev = p, p = bi_->next()) {
      if (bi_->getRuleStatus() >= UBRK_WORD_NONE_LIMIT &&
          has_alnum(text.substr(static_cast<std::size_t>(prev), static_cast<std::size_t>(p - prev))))
        spans.push_back({static_cast<std::size_t>(prev), static_cast<std::size_t>(p)});
    }
  }
  // The iterator keeps a pointer to the UText: detach before closing it.
  bi_->setText(icu::UnicodeString());
  utext_close(ut);

  auto sv = [&](std::size_t b, std::size_t e) { return text.substr(b, e - b); };
  auto gap = [&](std::size_t i) {  // text between span i and span i+1
    return sv(spans[i].e, spans[i + 1].b);
  };
  const std::size_t n = spans.size();
  for (std::size_t i = 0; i < n;) {
    std::string_view w = sv(spans[i].b, spans[i].e);

    // Phone numbers: digit groups separated by space / dash / parentheses.
    if (all_digits(w)) {
      std::size_t before_b = i > 0 ? spans[i - 1].e : 0;
      std::string_view before = sv(before_b, spans[i].b);
      bool plus = !before.empty() && (before.back() == '+' ||
                                      (before.size() >= 2 && before.substr(before.size() - 2) == "+("));
      bool paren = !before.empty() && before.back() == '(';
      std::string digits(w);
      std::size_t j = i;
      // Longest plausible number: national "0..." 11 digits, "+358..." 13.
      const std::size_t max_digits = plus ? (w == "358" ? 13 : 15) : 11;
      while (j + 1 < n && phone_gap(gap(j)) && all_digits(sv(spans[j + 1].b, spans[j + 1].e)) &&
             digits.size() + (spans[j + 1].e - spans[j + 1].b) <= max_digits) {
        digits += sv(spans[j + 1].b, spans[j + 1].e);
        ++j;
      }
      bool looks_phone = (plus || w[0] == '0' || paren) && w.size() <= 4 && j > i &&
                         digits.size() >= 7 && digits.size() <= 15;
      if (!looks_phone && j == i && w.size() >= 8 && w.size() <= 12 && (w[0] == '0' || plus))
        looks_phone = true;  // "0401234567" written without spaces
      if (looks_phone) {
        if (plus && digits.compare(0, 3, "358") == 0)
          digits = "0" + digits.substr(3);
        else if (plus)
          digits = "+" + digits;
        out.push_back({std::move(digits), Token::Kind::phone, false});
        i = j + 1;
        continue;
      }
    }

    // E-mail: word '@' word-with-dot (the domain may contain dashes).
    if (i + 1 < n && gap(i) == "@") {
      std::size_t j = i + 1;
      std::string addr = std::string(w) + "@" + std::string(sv(spans[j].b, spans[j].e));
      while (j + 1 < n && (gap(j) == "-" || gap(j) == ".")) {
        addr += gap(j);
        addr += sv(spans[j + 1].b, spans[j + 1].e);
        ++j;
      }
      if (addr.find('.', addr.find('@')) != std::string::npos) {
        out.push_back({std::move(addr), Token::Kind::email, false});
        i = j + 1;
        continue;
      }
    }

    // Hyphen-joined words: 0-6-vuotiaat, MLL-yhdistys, e-mail.
    std::string joined(w);
    std::size_t j = i;
    while (j + 1 < n && is_dash(gap(j))) {
      joined += '-';
      joined += sv(spans[j + 1].b, spans[j + 1].e);
      ++j;
    }
    Token t;
    t.kind = j > i ? Token::Kind::hyphenated : all_digits(w) ? Token::Kind::number : Token::Kind::word;
    // ICU keeps "a.b@x.fi" and "info@mll" (of info@mll-tampere.fi) whole.
    if (auto at = joined.find('@'); at != std::string::npos && at > 0 &&
                                    joined.find('.', at) != std::string::npos)
      t.kind = Token::Kind::email;
    t.text = std::move(joined);
    // "äitiys- ja", "perhe-, kasvatus- ja": a dash then space or comma.
    std::string_view after = j + 1 < n ? gap(j) : sv(spans[j].e, text.size());
    if (std::size_t d = dash_len(after); d > 0 && after.size() > d &&
                                         (is_space(after[d]) || after[d] == ','))
      t.coord_prefix = true;
    out.push_back(std::move(t));
    i = j + 1;
  }
  return out;
}

}  // namespace palveluhaku::analysis
