#include "analysis/synonyms.h"

#include <algorithm>
#include <filesystem>

#include "analysis/case_fold.h"
#include "analysis/config_file.h"

namespace palveluhaku::analysis {

void SynonymTable::load(const std::string& path, bool required, const Lemmatizer& lemmatize,
                        const Lemmatizer* target_lemmatize, bool hyphen_pieces) {
  if (!required && !std::filesystem::exists(path)) return;
  read_config_lines(path, [&](std::string_view line, int no) {
    std::string_view left = line, right;
    bool one_way = false;
    if (auto arrow = line.find("=>"); arrow != std::string_view::npos) {
      one_way = true;
      left = line.substr(0, arrow);
      right = line.substr(arrow + 2);
    }
    auto lp = split_trim(left, ",");
    auto rp = split_trim(right, ",");
    if (lp.empty() || (one_way && rp.empty()) || (!one_way && lp.size() < 2) ||
        (target_lemmatize && !one_way))
      bad_line(path, no, "a synonym group needs two or more phrases ('a, b' or 'a => b')");
    Group g;
    // keys_of[i]: every key phrase i answers to (all reading combinations of
    // single words; first readings for multi-word phrases).
    std::vector<std::vector<std::string>> keys_of;
    auto add_phrase = [&](const std::string& text, const Lemmatizer& lem, bool as_written) {
      auto words = split_trim(fold_case(text), " \t");
      Phrase p;
      std::vector<std::string> keys;
      std::string joined;
      for (const auto& w : words) {
        auto bases = lem(w);
        if (bases.empty()) continue;  // a stopword: not in the index
        // A translation's target is written in base forms: the word as
        // written when it is one of its readings, so "vanhempi" is the noun
        // (parent), not the comparative of vanha, and "tuki" the noun, not
        // the verb tukea.
        const std::string& base =
            as_written && std::find(bases.begin(), bases.end(), w) != bases.end() ? w : bases.front();
        p.push_back(base);
        if (!joined.empty()) joined += ' ';
        joined += base;
        if (words.size() == 1) keys = bases;
      }
      if (p.empty()) bad_line(path, no, "phrase '" + text + "' has only stopwords");
      if (words.size() != 1) keys.push_back(joined);
      if (std::find(keys.begin(), keys.end(), joined) == keys.end()) keys.push_back(joined);
      std::size_t key_words = words.size();
      if (hyphen_pieces && !as_written && text.find('-') != std::string::npos) {
        // Also keyed by the pieces of its hyphenated words, stopwords left
        // out, when two or more remain ("after-school" alone is no "school").
        std::string pieces;
        std::size_t n = 0;
        for (const auto& w : words)
          for (const auto& piece : split_trim(w, "-"))
            if (auto b = lem(piece); !b.empty()) pieces += (n++ ? " " : "") + b.front();
        if (n >= 2 && std::find(keys.begin(), keys.end(), pieces) == keys.end()) {
          keys.push_back(std::move(pieces));
          key_words = std::max(key_words, n);
        }
      }
      max_words_ = std::max(max_words_, std::max(words.size(), key_words));
      g.phrases.push_back(std::move(p));
      keys_of.push_back(std::move(keys));
    };
    for (const auto& s : lp) add_phrase(s, lemmatize, false);
    for (const auto& s : lp)
      for (auto& w : split_trim(fold_case(s), " \t")) source_words_.push_back(std::move(w));
    g.sources = one_way ? lp.size() : g.phrases.size();
    for (const auto& s : rp)
      add_phrase(s, target_lemmatize ? *target_lemmatize : lemmatize, target_lemmatize != nullptr);
    std::size_t gi = groups_.size();
    for (std::size_t i = 0; i < g.sources; ++i)
      for (const auto& k : keys_of[i]) index_[k].emplace_back(gi, i);
    groups_.push_back(std::move(g));
  });
}

std::vector<const SynonymTable::Phrase*> SynonymTable::find(std::string_view key) const {
  std::vector<const Phrase*> out;
  auto it = index_.find(std::string(key));
  if (it == index_.end()) return out;
  for (auto [gi, pi] : it->second) {
    const Group& g = groups_[gi];
    const Phrase& self = g.phrases[pi];
    for (std::size_t j = 0; j < g.phrases.size(); ++j) {
      if (j == pi || g.phrases[j] == self) continue;
      if (std::find(out.begin(), out.end(), &g.phrases[j]) == out.end()) out.push_back(&g.phrases[j]);
    }
  }
  return out;
}

}  // namespace palveluhaku::analysis
