// Fuzz target: the CSV importer must be total — any bytes give records and
// problems, never a crash, a hang or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "palveluhaku/sources.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const auto result = palveluhaku::import_csv(content, "fuzz.csv");
  for (const auto& p : result.problems) (void)p.to_string();
  return 0;
}
