// analysis_bench — measures the analysis pipeline on real service texts and
// derives data files from them.
//
//   palveluhaku-analysis-bench [--passes N] [--config DIR] CORPUS.jsonl
//       index-time analysis speed: words/s and terms/s of Analyzer::index_terms
//       over every fi/sv/en name, summary, description and keyword of the
//       corpus (bench/quality/corpus.jsonl: the PTV general descriptions),
//       first pass (cold cache) and following passes (warm cache), plus the
//       analyze_query speed. Times are the thread's CPU time.
//   palveluhaku-analysis-bench --part-weights CORPUS.jsonl
//       prints index-config/analysis/part-weights-fi.txt: for every Finnish
//       compound part, how informative it is from its document frequency.
//   palveluhaku-analysis-bench --unknown CORPUS.jsonl
//       the most frequent Finnish words that only got a Snowball stem (to
//       extend lexicon-fi.txt).
#include <algorithm>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/finnish_words.h"
#include "analysis/resources.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/paths.h"

using namespace palveluhaku;

namespace {

struct Doc {
  std::string texts[3];  // by Lang
};

std::vector<Doc> read_corpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Doc> docs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    Doc d;
    for (Lang l : kAllLangs) {
      std::string code(lang_code(l));
      std::string& t = d.texts[static_cast<int>(l)];
      for (const char* f : {"name", "summary", "description"})
        if (j.contains(f) && j[f].contains(code)) t += j[f][code].get<std::string>() + "\n";
      if (j.contains("keywords") && j["keywords"].contains(code))
        for (const auto& k : j["keywords"][code]) t += k.get<std::string>() + "\n";
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

// CPU time of this thread: the machine is shared, so wall time would
// measure the neighbours too.
double now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

int speed(const std::vector<Doc>& docs, const std::string& config, int passes) {
  auto t0 = now();
  auto res = AnalysisResources::load(config);
  auto t1 = now();
  Analyzer a(res);
  auto t2 = now();
  std::printf("load resources: %.1f ms, new Analyzer: %.1f ms\n", (t1 - t0) * 1e3, (t2 - t1) * 1e3);

  std::size_t words = 0;
  for (const auto& d : docs)
    for (Lang l : kAllLangs) words += a.words(d.texts[static_cast<int>(l)]).size();
  std::printf("corpus: %zu records, %zu words (fi+sv+en), %.0f words/record\n", docs.size(), words,
              double(words) / double(docs.size()));

  for (int p = 0; p < passes; ++p) {
    std::size_t terms = 0;
    auto s = now();
    for (const auto& d : docs)
      for (Lang l : kAllLangs)
        a.index_terms(d.texts[static_cast<int>(l)], l, [&](const IndexTerm&) { ++terms; });
    double secs = now() - s;
    std::printf("index_terms pass %d (%s cache): %.3f s, %.0f words/s, %.1f terms/word, "
                "=> %.0f services/s per thread at 300 words/service\n",
                p + 1, p == 0 ? "cold" : "warm", secs, double(words) / secs,
                double(terms) / double(words), double(words) / secs / 300.0);
  }

  {
    auto s0 = now();
    std::size_t w2 = 0;
    for (const auto& d : docs)
      for (Lang l : kAllLangs) w2 += a.words(d.texts[static_cast<int>(l)]).size();
    double secs = now() - s0;
    std::printf("words() alone (NFC + word breaking + case folding): %.0f words/s\n", double(w2) / secs);
  }

  const char* queries[] = {"neuvolaan", "perhenuvola", "aiti vauva ryhma", "apua eroon",
                           "päivähoito", "barnrådgivning", "family counselling", "MLL:n kerho",
                           "paivakodissa", "0-6-vuotiaat"};
  std::size_t n = 0;
  auto s = now();
  for (int r = 0; r < 200; ++r)
    for (const char* q : queries) n += a.analyze_query(q, Lang::fi).size();
  double secs = now() - s;
  std::printf("analyze_query (warm): %.1f us/query (%zu words)\n", secs / (200.0 * 10) * 1e6, n);

  Analyzer fresh(res);
  s = now();
  for (const char* q : queries) fresh.analyze_query(q, Lang::fi);
  std::printf("analyze_query (cold, incl. ä/ö restoration): %.2f ms/query\n",
              (now() - s) / 10.0 * 1e3);
  return 0;
}

int part_weights(const std::vector<Doc>& docs, const std::string& config) {
  auto res = AnalysisResources::load(config);
  Analyzer a(res);
  // Document frequency of each lemma (as base form or compound part) and
  // the lemmas seen as compound parts.
  std::unordered_map<std::string, std::size_t> df;
  std::set<std::string> parts;
  for (const auto& d : docs) {
    std::set<std::string> seen;
    a.index_terms(d.texts[0], Lang::fi, [&](const IndexTerm& t) {
      if (t.kind == TermKind::base || t.kind == TermKind::part || t.kind == TermKind::surface ||
          t.kind == TermKind::inflected)
        seen.insert(t.term);
      if (t.kind == TermKind::part) parts.insert(t.term);
    });
    for (const auto& t : seen) ++df[t];
  }
  const double n = double(docs.size());
  // A part found in at most 1/kRare of the records is fully informative;
  // weight falls with log(df) to kMin for a part in every record.
  const double kRare = 40.0, kMin = 0.05, kPow = 1.5;
  std::printf("# Informativeness of Finnish compound parts, in [0, 1]: parts common in the\n"
              "# service texts (palvelu, toiminta, ...) weigh little, so that they do not\n"
              "# flood results. weight = clamp((log(N/df) / log(%g))^%g, %g, 1), df = number of\n"
              "# records whose Finnish text has the part (as word, base form or part),\n"
              "# N = %zu records. Parts not listed weigh 1.\n"
              "# Generated by scripts/gen-part-weights.sh from bench/quality/corpus.jsonl\n"
              "# (PTV general service descriptions, CC BY 4.0 Digital and Population Data\n"
              "# Services Agency); do not edit by hand.\n",
              kRare, kPow, kMin, docs.size());
  std::vector<std::pair<std::string, double>> out;
  for (const auto& p : parts) {
    double w = std::pow(std::max(0.0, std::log(n / double(df[p])) / std::log(kRare)), kPow);
    w = std::clamp(w, kMin, 1.0);
    if (w < 0.999) out.emplace_back(p, w);
  }
  for (const auto& [p, w] : out) std::printf("%s\t%.2f\n", p.c_str(), w);
  return 0;
}

int unknown(const std::vector<Doc>& docs, const std::string& config) {
  auto res = AnalysisResources::load(config);
  Analyzer a(res);
  analysis::FinnishWords fi(res->impl().lexicon, std::make_shared<analysis::VoikkoBaseforms>());
  std::map<std::string, std::size_t> count;
  std::size_t total = 0, unknown_total = 0;
  for (const auto& d : docs)
    for (const auto& w : a.words(d.texts[0])) {
      if (w.find_first_of("-:@") != std::string::npos || (w[0] >= '0' && w[0] <= '9')) continue;
      ++total;
      if (res->impl().stopwords[0].contains(w)) continue;
      if (!fi.analyze(w).known()) {
        ++count[w];
        ++unknown_total;
      }
    }
  std::vector<std::pair<std::size_t, std::string>> v;
  for (auto& [w, c] : count) v.emplace_back(c, w);
  std::sort(v.rbegin(), v.rend());
  std::printf("# %zu of %zu Finnish words (%.2f%%) unknown to lexicon+Voikko, %zu distinct\n",
              unknown_total, total, 100.0 * double(unknown_total) / double(total), v.size());
  for (std::size_t i = 0; i < v.size() && i < 150; ++i) std::printf("%zu\t%s\n", v[i].first, v[i].second.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = "speed", config = default_index_config_dir(), corpus;
  int passes = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--part-weights") mode = "part-weights";
    else if (a == "--unknown") mode = "unknown";
    else if (a == "--passes" && i + 1 < argc) passes = std::atoi(argv[++i]);
    else if (a == "--config" && i + 1 < argc) config = argv[++i];
    else if (a == "--help") {
      std::puts("usage: palveluhaku-analysis-bench [--passes N] [--config DIR] "
                "[--part-weights|--unknown] CORPUS.jsonl");
      return 0;
    } else corpus = a;
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "usage: palveluhaku-analysis-bench [options] CORPUS.jsonl (see --help)\n");
    return 2;
  }
  try {
    auto docs = read_corpus(corpus);
    if (mode == "part-weights") return part_weights(docs, config);
    if (mode == "unknown") return unknown(docs, config);
    return speed(docs, config, passes);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "palveluhaku-analysis-bench: %s\n", e.what());
    return 1;
  }
}
