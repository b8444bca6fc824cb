// fuzz_bodies.h — what each libFuzzer target does with one input, shared by
// the fuzz targets (tests/fuzz/fuzz_*.cpp) and the regression replay test
// (tests/unit/fuzz_regressions_test.cpp), so a saved crash input is replayed
// through exactly the code the fuzzer ran.
//
// Every function must accept any bytes: a crash, a hang, undefined behaviour
// or an exception escaping is a bug. Needs PALVELUHAKU_SOURCE_DIR (the repo
// root) for the analysis resources and the code lists.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "palveluhaku/analysis.h"
#include "palveluhaku/record_json.h"
#include "palveluhaku/sources.h"

namespace palveluhaku::fuzz {

// The CSV importer: any bytes give records and problems.
inline void csv(std::string_view content) {
  const auto result = import_csv(content, "fuzz.csv");
  for (const auto& p : result.problems) (void)p.to_string();
  for (const auto& r : result.records) (void)record_to_json(r).dump();
}

// The own JSON and JSON Lines importers, format detection and the writer.
inline void json(std::string_view content) {
  for (const auto& r : import_json(content, "fuzz.json").records) (void)record_to_json(r).dump();
  for (const auto& r : import_jsonl(content, "fuzz.jsonl").records) (void)record_to_json(r).dump();
  (void)detect_format(content, "fuzz");
}

// The PTV importer; the input is split at the first NUL byte into two files
// so that joins across files (services to channels and organisations) run.
inline void ptv(std::string_view content) {
  const std::string all(content);
  std::vector<PtvFile> files;
  const auto nul = all.find('\0');
  files.push_back({"a.json", all.substr(0, nul)});
  if (nul != std::string::npos) files.push_back({"b.json", all.substr(nul + 1)});
  const auto result = import_ptv(files);
  for (const auto& p : result.problems) (void)p.to_string();
  for (const auto& r : result.records) (void)record_to_json(r).dump();
}

// The analysis path of queries and indexed text in every UI language.
inline void query(std::string_view text) {
  static const auto resources = AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config");
  static Analyzer analyzer(resources);
  if (text.size() > 4096) return;  // the server caps q at 500 bytes (max_query_length)
  for (auto lang : kAllLangs) {
    (void)analyzer.analyze_query(text, lang);
    analyzer.index_terms(text, lang, [](const IndexTerm&) {});
  }
  (void)analyzer.words(text);
}

}  // namespace palveluhaku::fuzz
