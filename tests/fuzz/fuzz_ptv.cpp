// Fuzz target: the PTV Open API importer must be total; the input is split at the first NUL into two files so joins run.
// The body lives in fuzz_bodies.h, shared with the regression replay test.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  palveluhaku::fuzz::ptv(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
