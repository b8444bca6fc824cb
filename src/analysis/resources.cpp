#include "analysis/resources.h"

#include <filesystem>
#include <unordered_set>

#include "analysis/finnish_words.h"
#include "analysis/snowball_fallback.h"
#include "palveluhaku/error.h"

namespace palveluhaku {

std::shared_ptr<const AnalysisResources> AnalysisResources::load(const std::string& index_config_dir) {
  namespace fs = std::filesystem;
  auto impl = std::make_shared<Impl>();
  impl->dir = (fs::path(index_config_dir) / "analysis").string();
  if (!fs::is_directory(impl->dir))
    throw Error(ErrorCode::invalid_config, "no analysis directory at " + impl->dir);
  auto file = [&](const char* name) { return (fs::path(impl->dir) / name).string(); };

  impl->stopwords[0] = analysis::StopwordList::load(file("stopwords-fi.txt"), true);
  impl->stopwords[1] = analysis::StopwordList::load(file("stopwords-sv.txt"), false);
  impl->stopwords[2] = analysis::StopwordList::load(file("stopwords-en.txt"), false);
  impl->query_fillers = analysis::StopwordList::load(file("query-fillers-fi.txt"), false);
  impl->query_fillers_sv = analysis::StopwordList::load(file("query-fillers-sv.txt"), false);
  impl->query_fillers_en = analysis::StopwordList::load(file("query-fillers-en.txt"), false);
  impl->lexicon = analysis::Lexicon::load(file("lexicon-fi.txt"), false);
  impl->part_weights = analysis::PartWeights::load(file("part-weights-fi.txt"), false);

  // Synonym phrases are stored lemmatised, with the same word analysis the
  // Analyzer uses (a temporary Voikko handle, dropped after loading).
  auto voikko = std::make_shared<analysis::VoikkoBaseforms>();
  analysis::FinnishWords fi(impl->lexicon, voikko);
  analysis::SnowballStemmers snow;
  analysis::Lemmatizer lem_fi = [&](std::string_view w) {
    if (impl->stopwords[0].contains(w)) return std::vector<std::string>{};
    return fi.analyze(w).bases;
  };
  auto lem_stem = [&](Lang l) {
    return analysis::Lemmatizer([&snow, &impl, l](std::string_view w) {
      if (impl->stopwords[static_cast<int>(l)].contains(w)) return std::vector<std::string>{};
      return std::vector<std::string>{snow.stem(l, w)};
    });
  };
  // Swedish and English source phrases are also keyed by the pieces of
  // their hyphenated words ("after-school care" ~ "after school care").
  impl->synonyms[0].load(file("synonyms-fi.txt"), false, lem_fi);
  impl->synonyms[0].load(file("synonyms-fi-jupo.txt"), false, lem_fi);
  impl->synonyms[0].load(file("needs-fi.txt"), false, lem_fi);
  impl->synonyms[1].load(file("synonyms-sv.txt"), false, lem_stem(Lang::sv), nullptr, true);
  impl->synonyms[1].load(file("synonyms-sv-jupo.txt"), false, lem_stem(Lang::sv), nullptr, true);
  impl->synonyms[2].load(file("synonyms-en.txt"), false, lem_stem(Lang::en), nullptr, true);
  impl->synonyms[2].load(file("synonyms-en-jupo.txt"), false, lem_stem(Lang::en), nullptr, true);
  impl->translations[1].load(file("translations-sv.txt"), false, lem_stem(Lang::sv), &lem_fi, true);
  impl->translations[2].load(file("translations-en.txt"), false, lem_stem(Lang::en), &lem_fi, true);
  impl->translations[1].load(file("needs-sv.txt"), false, lem_stem(Lang::sv), &lem_fi, true);
  impl->translations[2].load(file("needs-en.txt"), false, lem_stem(Lang::en), &lem_fi, true);
  std::unordered_set<std::string> seen;
  for (const auto* tables : {&impl->synonyms, &impl->translations})
    for (const auto& t : *tables)
      for (const auto& w : t.source_words())
        if (seen.insert(w).second) impl->vocabulary.push_back(w);
  return std::make_shared<const AnalysisResources>(std::move(impl));
}

const std::vector<std::string>& AnalysisResources::vocabulary() const { return impl_->vocabulary; }

}  // namespace palveluhaku
