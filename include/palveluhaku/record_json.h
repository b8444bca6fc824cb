// record_json.h — the canonical record as JSON (the "own JSON" format).
//
// The same JSON shape is used for the own JSON / JSON Lines source format
// (schema: data/schema/service.schema.json), for the document data stored in
// the index and for GET /api/v1/services/{id}. Keys are the snake_case field
// names of record.h; LocalizedText is {"fi": "..", "sv": "..", "en": ".."}
// with empty languages omitted; enums use their *_code() names; absent
// optionals and empty lists are omitted.
//
// Threading: pure functions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "palveluhaku/record.h"
#include "palveluhaku/sources.h"

namespace palveluhaku {

nlohmann::json record_to_json(const ServiceRecord& r);

// Reads one record. Every problem is appended to `problems` with `place`
// (file and JSON pointer or line) filled in. Returns false if the record is
// unusable (missing id or name, wrong types in required fields); unknown keys
// and bad optional fields only give warnings and the field is dropped.
bool record_from_json(const nlohmann::json& j, const SourcePlace& place, ServiceRecord& out,
                      std::vector<Problem>& problems);

}  // namespace palveluhaku
