// Fuzz target: the search request parameters. A fuzzed query string goes
// through cpp-httplib's query parsing and the server's parse_search_request
// (src/server/params.h); the only allowed outcomes are a request within the
// documented bounds or Error(invalid_parameter).
// The body lives in fuzz_search_params_body.h, shared with the replay test.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_search_params_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  palveluhaku::fuzz::search_params(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
