// html.h — HTML building blocks for the server-rendered pages: escaping,
// URL encoding, safe links and turning source text into safe HTML.
//
// Every text that comes from a source record, a request or a code list goes
// through escape() / escape_attr() / text_to_html() before it reaches a page.
// Nothing from a source is ever emitted as markup: source texts are plain
// text (record.h), so any "<script>" in them is shown literally.
//
// Threading: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace palveluhaku::site {

// Escapes & < > " ' for element content and quoted attribute values.
// Invalid UTF-8 bytes are replaced with U+FFFD so the page stays valid.
std::string escape(std::string_view s);
inline std::string escape_attr(std::string_view s) { return escape(s); }

// Percent-encodes a query-string component (RFC 3986 unreserved kept).
std::string url_encode(std::string_view s);

// Returns `url` if it is an absolute http(s) URL (or mailto:/tel:) without
// control characters or whitespace, else "". Use before putting a source's
// link into href (blocks javascript:, data: and friends).
std::string safe_href(std::string_view url);

// Plain text (a description) to HTML: escaped, blank lines become
// paragraphs, single newlines <br>, runs of lines starting with "- ", "* "
// or "• " become a <ul>. Any markup in the text is shown as text.
std::string text_to_html(std::string_view text);

// Keeps only <mark> and </mark> from an engine snippet (which is already
// escaped text with <mark> around matches); anything else that looks like a
// tag is escaped again. Defence in depth for the results page.
std::string sanitize_snippet(std::string_view snippet);

// Trims `s` to at most `max_chars` code points on a word boundary, adding
// "…" when cut. Works on UTF-8.
std::string truncate_text(std::string_view s, std::size_t max_chars);

}  // namespace palveluhaku::site
