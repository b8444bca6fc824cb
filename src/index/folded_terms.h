// folded_terms.h — the index's text terms by their diacritic-folded form.
//
// A query typed without ä/ö ("paivakoti", "aitiysneuvola") matches the
// indexed terms whose folded form it is ("päiväkoti", "äitiysneuvola"),
// ranked below exact matches. The index used to carry a folded copy ("F"
// prefix) of every term with diacritics: ~16 % of a document's postings and
// ~14 % of the build's CPU. Now it keeps, in Xapian's synonym table, each
// folded form as a key with the indexed terms that fold to it (one entry per
// distinct term, written once per build, added to by updates), and the query
// builder expands the Analyzer's "F" alternative of a word to those terms
// (search::QueryBuildOptions::folded). An index without the table (built
// before) still has its "F" terms, which are then looked up as they are.
//
// Threading: FoldedTerms reads a Database it does not own; use it on the
// thread that uses that Database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace palveluhaku::index {

// Index side: adds every term of `terms` that has diacritics to db's table
// under its folded form (a term already there is no change).
void add_folded_terms(Xapian::WritableDatabase& db, const std::vector<std::string>& terms);

class FoldedTerms {
 public:
  explicit FoldedTerms(const Xapian::Database& db) : db_(db) {}

  // Whether `db` has the table (else its folded terms are indexed as "F"
  // terms, or it has no term with diacritics at all).
  static bool available(const Xapian::Database& db);

  // The indexed terms whose folded form is `folded` (none when `folded`
  // itself has diacritics), most frequent first; terms no document has any
  // more (after updates) are left out.
  std::vector<std::string> terms(std::string_view folded) const;
  bool contains(std::string_view folded) const { return !terms(folded).empty(); }

  // The indexed terms whose folded form starts with `prefix`: all of them,
  // or if more than `max` (> 0), the `max` with the most documents (ties in
  // term order), most frequent first.
  std::vector<std::string> with_prefix(std::string_view prefix, unsigned max) const;

 private:
  const Xapian::Database& db_;
};

}  // namespace palveluhaku::index
