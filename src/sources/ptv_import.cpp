// ptv_import.cpp — placeholder until the PTV reader lands.
#include "sources/importers.h"
#include "sources/report.h"

namespace palveluhaku {
namespace sources {
Batch read_ptv(const std::vector<PtvFile>& files) {
  Batch b;
  for (const auto& f : files)
    Reporter(b.result.problems).error(SourcePlace{f.name, 0, ""}, "", "PTV import is not implemented yet");
  return b;
}
}  // namespace sources
ImportResult import_ptv(const std::vector<PtvFile>& files) {
  auto b = sources::read_ptv(files);
  sources::drop_duplicate_ids(b);
  return std::move(b.result);
}
}  // namespace palveluhaku
