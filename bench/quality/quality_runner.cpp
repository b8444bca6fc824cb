// quality_runner.cpp — the Palveluhaku side of the quality benchmark.
//
// Reads a corpus in the own JSON Lines format with the real importer
// (import_jsonl), builds an index with rebuild_index() into --index, opens it
// with SearchEngine and answers every query of --queries (lines "id<TAB>query")
// exactly as the search API would (SearchRequest with lang fi, no filters).
// Prints one JSON object per query to stdout:
//   {"id": "q001", "total": 12, "hits": ["gd-SOTE-0027", ...],
//    "match": ["all", "some", ...], "did_you_mean": "...", "corrected": false,
//    "relaxed": false, "filled": 0}
// Exit status: 0 on success, 1 on a usage or import/index error (message on
// stderr). A query that throws is reported with "error" and no hits.
//
// Usage: palveluhaku-quality-runner --corpus FILE --queries FILE --index DIR
//          [--k 10] [--config DIR] [--codes DIR] [--explain 1]
// --explain 1 adds "words": the analysed query words with their alternatives
// (terms, weight, kind), to see why a document matches.
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "palveluhaku/analysis.h"
#include "palveluhaku/error.h"
#include "palveluhaku/index.h"
#include "palveluhaku/paths.h"
#include "palveluhaku/search.h"
#include "palveluhaku/sources.h"

namespace {

struct Args {
  std::string corpus, queries, index, config, codes;
  int k = 10;
  bool explain = false;  // print each query's analysed words before its result
};

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

int usage(const char* msg) {
  std::cerr << "palveluhaku-quality-runner: " << msg
            << "\nusage: palveluhaku-quality-runner --corpus FILE --queries FILE --index DIR"
               " [--k 10] [--config DIR] [--codes DIR] [--explain 1]\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string opt = argv[i];
    if (i + 1 >= argc) return usage(("missing value for " + opt).c_str());
    std::string val = argv[++i];
    if (opt == "--corpus") a.corpus = val;
    else if (opt == "--queries") a.queries = val;
    else if (opt == "--index") a.index = val;
    else if (opt == "--config") a.config = val;
    else if (opt == "--codes") a.codes = val;
    else if (opt == "--k") a.k = std::atoi(val.c_str());
    else if (opt == "--explain") a.explain = val == "1";
    else return usage(("unknown option " + opt).c_str());
  }
  if (a.corpus.empty() || a.queries.empty() || a.index.empty() || a.k < 1 || a.k > 100)
    return usage("--corpus, --queries and --index are required; --k in 1..100");
  if (a.config.empty()) a.config = palveluhaku::default_index_config_dir();
  if (a.codes.empty()) a.codes = palveluhaku::default_codes_dir();

  try {
    std::string content;
    if (!read_file(a.corpus, content)) return usage(("cannot read " + a.corpus).c_str());
    palveluhaku::ImportResult imp = palveluhaku::import_jsonl(content, a.corpus);
    for (const auto& p : imp.problems) std::cerr << p.to_string() << "\n";
    if (imp.records.empty()) return usage("the corpus has no usable records");

    palveluhaku::IndexOptions iopts;
    iopts.config_dir = a.config;
    iopts.codes_dir = a.codes;
    iopts.threads = 1;  // documents get their ids in corpus order: ties rank the same every run
    palveluhaku::IndexStats st = palveluhaku::rebuild_index(a.index, imp.records, iopts);
    std::cerr << "quality-runner: indexed " << st.documents << " documents in " << st.seconds
              << " s\n";

    palveluhaku::EngineOptions eopts;
    eopts.config_dir = a.config;
    eopts.codes_dir = a.codes;
    palveluhaku::SearchEngine engine(a.index, eopts);

    std::unique_ptr<palveluhaku::Analyzer> explainer;
    if (a.explain)
      explainer = std::make_unique<palveluhaku::Analyzer>(palveluhaku::AnalysisResources::load(a.config));

    std::ifstream qin(a.queries);
    if (!qin) return usage(("cannot read " + a.queries).c_str());
    std::string line;
    while (std::getline(qin, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      nlohmann::json out;
      out["id"] = line.substr(0, tab);
      palveluhaku::SearchRequest req;
      req.q = line.substr(tab + 1);
      req.lang = palveluhaku::Lang::fi;
      req.per_page = a.k;
      req.facets = false;
      if (explainer) {
        nlohmann::json words = nlohmann::json::array();
        for (const auto& w : explainer->analyze_query(req.q, req.lang)) {
          nlohmann::json alts = nlohmann::json::array();
          for (const auto& alt : w.alternatives)
            alts.push_back({{"terms", alt.terms}, {"weight", alt.weight}, {"kind", static_cast<int>(alt.kind)}});
          words.push_back({{"text", w.text}, {"stopword", w.stopword}, {"alternatives", alts}});
        }
        out["words"] = words;
      }
      try {
        palveluhaku::SearchResult res = engine.search(req);
        out["total"] = res.total;
        std::vector<std::string> hits, kinds;
        for (const auto& h : res.hits) {
          hits.push_back(h.id);
          kinds.push_back(h.match == palveluhaku::MatchKind::all_words    ? "all"
                          : h.match == palveluhaku::MatchKind::some_words ? "some"
                                                                           : "related");
        }
        out["hits"] = hits;
        out["match"] = kinds;  // per hit: all (words) / some (words) / related
        if (res.did_you_mean) out["did_you_mean"] = *res.did_you_mean;
        out["corrected"] = res.corrected;
        out["relaxed"] = res.relaxed;
        out["filled"] = res.filled;  // hits after the matches: some words / related
      } catch (const std::exception& e) {
        out["total"] = 0;
        out["hits"] = nlohmann::json::array();
        out["error"] = e.what();
      }
      std::cout << out.dump() << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "palveluhaku-quality-runner: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
