// facet_labels.h — labels of facet values in fi / sv / en.
//
// Threading: pure functions over an immutable CodeLists.
#pragma once

#include <string>

#include "palveluhaku/codes.h"
#include "palveluhaku/record.h"

namespace palveluhaku::search {

// Label of `value` of facet `field` in `lang` (code lists for municipality,
// region, classes, target groups and life events; small built-in tables for
// provider_type, cost, channel, language, open_now and age). Falls back to
// the value itself.
std::string facet_label(const CodeLists& codes, const std::string& field, const std::string& value,
                        Lang lang);

}  // namespace palveluhaku::search
