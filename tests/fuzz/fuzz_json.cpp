// Fuzz target: the own JSON and JSON Lines importers must be total.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "palveluhaku/record_json.h"
#include "palveluhaku/sources.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  for (const auto& r : palveluhaku::import_json(content, "fuzz.json").records)
    (void)palveluhaku::record_to_json(r).dump();
  for (const auto& r : palveluhaku::import_jsonl(content, "fuzz.jsonl").records)
    (void)palveluhaku::record_to_json(r).dump();
  (void)palveluhaku::detect_format(content, "fuzz");
  return 0;
}
