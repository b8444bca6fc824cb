// icu_normalize.h — stage 1: Unicode NFC normalisation (ICU).
#pragma once

#include <string>
#include <string_view>

namespace palveluhaku::analysis {

// Returns `text` in NFC. ASCII and text already in NFC are returned
// unchanged without conversion (the common case). Invalid UTF-8 sequences
// become U+FFFD. Never throws on bad input.
std::string nfc(std::string_view text);

// True if `text` is plain ASCII (no byte >= 0x80).
bool is_ascii(std::string_view text);

// Letters (code points) of UTF-8 text: the bytes that do not continue a
// sequence.
std::size_t utf8_length(std::string_view text);

}  // namespace palveluhaku::analysis
