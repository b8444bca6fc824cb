#pragma once
// The index's spelling dictionary in memory, for typo-tolerant correction of
// words the index does not know (search_engine.cpp's "did you mean").
//
// Xapian's get_spelling_suggestion() compares whole words within a small
// edit distance. A Finnish or Swedish typo usually sits in an inflected or
// compound word whose exact form is in no text: "lasteneuvolassa" is three
// edits from "lastenneuvolat", "stödfmilj" one edit from the start of
// "stödfamiljsverksamhet", "paivaoito" two edits and two missing dots from
// "päivähoito". nearest() therefore also matches the typed word, less at
// most kMaxEnding final letters that form an inflection ending, against the start of
// a dictionary word (the rest of a compound or another ending), and counts
// a/ä, o/ö, a/å typed without the dots as no edit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace palveluhaku::search {

class SpellingLexicon {
 public:
  // Reads the spelling table of `db` (words and frequencies). Words with a
  // letter outside Latin-1 are left out (the dictionary's languages are
  // Finnish, Swedish and English).
  // `extra`: words the search understands besides the index's (the
  // vocabularies' words, AnalysisResources::vocabulary()), counted as if
  // they occurred once.
  SpellingLexicon(const Xapian::Database& db, const std::vector<std::string>& extra);

  struct Match {
    std::string word;  // the dictionary word, UTF-8
    double cost = 0;   // edits, plus fractions for the unmatched ends
  };
  // The dictionary word nearest to `word` (lower case, UTF-8, at least
  // `min_letters` letters, 5 by default; 4 is the least, for the last resort
  // of a search that found nothing: "keho" -> kerho, whole words only):
  // at most 1 edit for words of up to 7 letters, 2 from 8 letters on,
  // the first letter as typed (up to its dots). Ties go to the more frequent
  // word; with a typed ending left unmatched at most 1 edit before it, and
  // the unmatched ends count against the edits (kTypedTail, kWordTail in
  // the .cpp). nullopt if none is near enough. Cost: one banded edit-distance
  // table per dictionary word with the same first letter.
  std::optional<Match> nearest(std::string_view word, std::size_t min_letters = 5) const;

  std::size_t size() const { return entries_.size(); }

  static constexpr std::size_t kMaxEnding = 4;

 private:
  struct Entry {
    std::uint32_t offset;  // into text_ (Latin-1)
    std::uint8_t length;
    std::uint32_t freq;
  };
  std::string text_;                 // every word, Latin-1, back to back
  std::vector<Entry> entries_;       // sorted by folded first letter
  std::vector<std::uint32_t> first_;  // folded first byte -> first entry (257 bounds)
};

}  // namespace palveluhaku::search
