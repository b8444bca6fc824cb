// document_builder.h — one ServiceRecord -> one Xapian::Document.
//
// Free text (name, keywords, class / target group / life event labels,
// provider, summary, description, location names; every language) is
// indexed unprefixed through the Analyzer, each term's wdf being the field
// weight times the TermKind factor (compound parts further scaled by their
// informativeness). The Analyzer's folded ("F...") copies of terms with
// diacritics are not indexed (the query side folds against the vocabulary,
// index/folded_terms.h); their wdf goes to the single term "F", so document
// lengths are what they were. Filters become boolean terms with the prefixes of
// index.json; the record itself is the document data (record_to_json).
//
// Threading: a DocumentBuilder owns an Analyzer and is NOT thread-safe; use
// one per thread. The shared resources and code lists are immutable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/index_config.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/codes.h"
#include "palveluhaku/record.h"

namespace palveluhaku::index {

struct BuiltDocument {
  Xapian::Document doc;
  std::string id_term;                      // unique term "Q<id>"
  std::vector<std::string> spelling_words;  // surface words for the spelling table
  // The document's text terms with diacritics (non-ASCII) that this builder
  // has not returned before: for the index's table of folded forms
  // (index/folded_terms.h).
  std::vector<std::string> new_diacritic_terms;
};

class DocumentBuilder {
 public:
  DocumentBuilder(const IndexConfig& config, std::shared_ptr<const AnalysisResources> resources,
                  std::shared_ptr<const CodeLists> codes);
  ~DocumentBuilder();
  DocumentBuilder(const DocumentBuilder&) = delete;
  DocumentBuilder& operator=(const DocumentBuilder&) = delete;

  BuiltDocument build(const ServiceRecord& r);

  // The boolean terms of each filter field of `r` (without prefixes); the
  // same values the facets count. Exposed for tests.
  std::vector<std::pair<std::string, std::string>> filter_values(const ServiceRecord& r) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace palveluhaku::index
