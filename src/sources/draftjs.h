// draftjs.h — Draft.js rich text (as stored by PTV) to plain text (private).
//
// Threading: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace palveluhaku::sources {

// True if `s` looks like a serialized Draft.js document ({"blocks": [...]}).
bool looks_like_draftjs(std::string_view s);

// The plain text of a Draft.js document: block texts joined by newlines,
// list items prefixed with "- ", runs of empty blocks collapsed to one
// blank line. Returns `s` unchanged if it is not a Draft.js document.
std::string draftjs_to_text(std::string_view s);

}  // namespace palveluhaku::sources
