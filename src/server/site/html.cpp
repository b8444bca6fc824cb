#include "site/html.h"

#include <cstdint>
#include <vector>

namespace palveluhaku::site {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range code points are invalid.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return 0;
  return n;
}

void append_escaped_char(std::string& out, char ch) {
  switch (ch) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += ch;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_list_item(std::string_view line, std::string_view& rest) {
  for (std::string_view marker : {"- ", "* ", "\xE2\x80\xA2 "}) {  // "• "
    if (line.substr(0, marker.size()) == marker) {
      rest = trim(line.substr(marker.size()));
      return true;
    }
  }
  return false;
}

}  // namespace

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_len(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (n == 1) {
      const auto c = static_cast<unsigned char>(s[i]);
      // Control characters other than tab/newline have no place in a page.
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') out += ' ';
      else append_escaped_char(out, s[i]);
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3 / 2);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string safe_href(std::string_view url) {
  url = trim(url);
  if (url.empty() || url.size() > 2048) return {};
  for (char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return {};
  }
  auto starts_ci = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char a = url[i];
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if (a != prefix[i]) return false;
    }
    return true;
  };
  if ((starts_ci("https://") || starts_ci("http://")) && url.find('.') != std::string_view::npos)
    return std::string(url);
  if (starts_ci("mailto:") || starts_ci("tel:")) return std::string(url);
  return {};
}

std::string text_to_html(std::string_view text) {
  // Split into lines, then group: blank line ends a paragraph or list.
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(trim(text.substr(start, nl - start)));
    start = nl + 1;
  }
  std::string out;
  std::string para;  // current paragraph HTML
  bool in_list = false;
  auto flush_para = [&] {
    if (!para.empty()) out += "<p>" + para + "</p>\n";
    para.clear();
  };
  auto close_list = [&] {
    if (in_list) out += "</ul>\n";
    in_list = false;
  };
  for (std::string_view line : lines) {
    std::string_view item;
    if (line.empty()) {
      flush_para();
      close_list();
    } else if (is_list_item(line, item)) {
      flush_para();
      if (!in_list) out += "<ul>\n";
      in_list = true;
      out += "<li>" + escape(item) + "</li>\n";
    } else {
      close_list();
      if (!para.empty()) para += "<br>\n";
      para += escape(line);
    }
  }
  flush_para();
  close_list();
  return out;
}

std::string sanitize_snippet(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      if (s.substr(i, 6) == "<mark>") { out += "<mark>"; i += 6; continue; }
      if (s.substr(i, 7) == "</mark>") { out += "</mark>"; i += 7; continue; }
      out += "&lt;";
      ++i;
      continue;
    }
    if (s[i] == '>') { out += "&gt;"; ++i; continue; }
    if (s[i] == '"') { out += "&quot;"; ++i; continue; }
    if (s[i] == '&') {
      // Keep entities the engine produced (&amp; &lt; &#39; ...), escape a bare &.
      const std::size_t semi = s.find(';', i);
      bool entity = semi != std::string_view::npos && semi - i <= 8 && semi > i + 1;
      for (std::size_t k = i + 1; entity && k < semi; ++k) {
        const char c = s[k];
        entity = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
      }
      if (!entity) { out += "&amp;"; ++i; continue; }
    }
    const std::size_t n = utf8_len(s, i);
    if (n == 0) { out += "\xEF\xBF\xBD"; ++i; continue; }
    out.append(s.substr(i, n));
    i += n;
  }
  // Balance an unclosed <mark> so it cannot swallow the rest of the card.
  std::size_t opens = 0, closes = 0;
  for (std::size_t p = out.find("<mark>"); p != std::string::npos; p = out.find("<mark>", p + 1)) ++opens;
  for (std::size_t p = out.find("</mark>"); p != std::string::npos; p = out.find("</mark>", p + 1)) ++closes;
  while (closes < opens) { out += "</mark>"; ++closes; }
  return out;
}

std::string truncate_text(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0, i = 0, last_space = std::string_view::npos;
  while (i < s.size()) {
    if (chars == max_chars) {
      const std::size_t cut = last_space != std::string_view::npos ? last_space : i;
      return std::string(trim(s.substr(0, cut))) + "\xE2\x80\xA6";
    }
    if (s[i] == ' ') last_space = i;
    std::size_t n = utf8_len(s, i);
    i += n == 0 ? 1 : n;
    ++chars;
  }
  return std::string(s);
}

}  // namespace palveluhaku::site
