// Fuzz target: the PTV Open API importer must be total. The input is split
// at the first NUL byte into two files so that joins across files (services
// to channels and organisations) are exercised too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "palveluhaku/sources.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string all(reinterpret_cast<const char*>(data), size);
  std::vector<palveluhaku::PtvFile> files;
  const auto nul = all.find('\0');
  files.push_back({"a.json", all.substr(0, nul)});
  if (nul != std::string::npos) files.push_back({"b.json", all.substr(nul + 1)});
  const auto result = palveluhaku::import_ptv(files);
  for (const auto& p : result.problems) (void)p.to_string();
  return 0;
}
