// ptv_import.cpp — placeholder until the PTV reader lands.
#include "sources/importers.h"
#include "sources/report.h"

namespace palveluhaku {
namespace sources {
Batch read_ptv(const std::vector<PtvFile>& files, const CodeLists*) {
  Batch b;
  for (const auto& f : files)
    Reporter(b.result.problems).error(SourcePlace{f.name, 0, ""}, "", "PTV import is not implemented yet");
  return b;
}
}  // namespace sources
ImportResult import_ptv(const std::vector<PtvFile>& files, const CodeLists* codes) {
  auto b = sources::read_ptv(files, codes ? codes : sources::default_code_lists());
  sources::drop_duplicate_ids(b);
  return std::move(b.result);
}
}  // namespace palveluhaku
