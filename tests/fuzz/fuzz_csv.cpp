// Fuzz target: the CSV importer (import_csv) must be total: any bytes give records and problems.
// The body lives in fuzz_bodies.h, shared with the regression replay test.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  palveluhaku::fuzz::csv(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
