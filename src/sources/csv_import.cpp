// csv_import.cpp — placeholder until the CSV reader lands.
#include "sources/importers.h"
#include "sources/report.h"

namespace palveluhaku {
namespace sources {
Batch read_csv(std::string_view, const std::string& name) {
  Batch b;
  Reporter(b.result.problems).error(SourcePlace{name, 0, ""}, "", "CSV import is not implemented yet");
  return b;
}
}  // namespace sources
ImportResult import_csv(std::string_view content, const std::string& name) {
  auto b = sources::read_csv(content, name);
  sources::drop_duplicate_ids(b);
  return std::move(b.result);
}
}  // namespace palveluhaku
