// resources.h — AnalysisResources::Impl: the immutable data of the analysis
// (stopwords, lexicon, synonyms, part weights), loaded once from
// index-config/analysis/ and shared by every Analyzer.
#pragma once

#include <string>

#include "analysis/lexicon.h"
#include "analysis/part_weights.h"
#include "analysis/stopwords.h"
#include "analysis/synonyms.h"
#include "palveluhaku/analysis.h"

namespace palveluhaku {

struct AnalysisResources::Impl {
  std::string dir;                         // the analysis/ directory read
  analysis::StopwordList stopwords[3];     // by Lang
  analysis::StopwordList query_fillers;    // Finnish base forms a query need not match
  analysis::StopwordList query_fillers_sv; // Swedish words as typed a query need not match
  analysis::StopwordList query_fillers_en; // English words as typed a query need not match
  analysis::SynonymTable synonyms[3];      // by Lang
  analysis::SynonymTable translations[3];  // sv/en label => Finnish label (by source Lang; [0] empty)
  analysis::Lexicon lexicon;               // Finnish words Voikko lacks
  analysis::PartWeights part_weights;      // Finnish compound parts
  std::vector<std::string> vocabulary;     // AnalysisResources::vocabulary()
};

}  // namespace palveluhaku
