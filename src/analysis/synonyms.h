// synonyms.h — stage (query side): synonym groups kept as data in
// index-config/analysis/synonyms-*.txt.
//
// File format, one group a line, phrases separated by commas:
//   päivähoito, varhaiskasvatus            equivalent: each finds the others
//   neuvola => lastenneuvola, äitiysneuvola one way: the left finds the right
// A phrase may have several words ("mannerheimin lastensuojeluliitto").
// Phrases are stored lemmatised (each word's base forms) so that inflected
// query words find them ("päivähoidossa" -> päivähoito -> varhaiskasvatus).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace palveluhaku::analysis {

// Base forms of a case-folded word, most likely first; empty for a
// stopword (left out of the phrase).
using Lemmatizer = std::function<std::vector<std::string>(std::string_view)>;

class SynonymTable {
 public:
  // A phrase: per word, its first base form (the terms to match).
  using Phrase = std::vector<std::string>;

  // Adds the groups of `path` (Error(invalid_config) with file:line for a
  // bad line; a missing file is an error when `required`). With
  // `target_lemmatize` (a table of translations: "day care => päivähoito")
  // every line must be one-way and its right side is lemmatised with it.
  // With `hyphen_pieces` (the Swedish and English tables) a source phrase's
  // hyphenated word is keyed by its pieces: "after-school care" answers to
  // "after school care" and "after-school care" alike (the query side splits
  // a hyphenated word the same way), and "self-harm" to "self harm".
  void load(const std::string& path, bool required, const Lemmatizer& lemmatize,
            const Lemmatizer* target_lemmatize = nullptr, bool hyphen_pieces = false);

  // The phrases a query key finds. A key is one base form ("päivähoito") or
  // the base forms of several words joined by one space. Never includes the
  // key's own phrase. Empty if none.
  std::vector<const Phrase*> find(std::string_view key) const;

  std::size_t groups() const { return groups_.size(); }
  // Every word of the phrases that find others, as written (case-folded),
  // in file order, repeated as often as written: the words a user may type.
  const std::vector<std::string>& source_words() const { return source_words_; }
  // Number of words of the longest source phrase (for multi-word lookups).
  std::size_t max_phrase_words() const { return max_words_; }

 private:
  struct Group {
    std::vector<Phrase> phrases;
    std::size_t sources = 0;  // phrases[0..sources) find all others
  };
  std::vector<Group> groups_;
  // key -> (group, phrase index) of every phrase whose lemmas give the key.
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> index_;
  std::size_t max_words_ = 0;
  std::vector<std::string> source_words_;
};

}  // namespace palveluhaku::analysis
