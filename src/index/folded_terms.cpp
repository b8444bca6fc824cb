#include "index/folded_terms.h"

#include <algorithm>
#include <utility>

#include "analysis/diacritic_fold.h"

namespace palveluhaku::index {

void add_folded_terms(Xapian::WritableDatabase& db, const std::vector<std::string>& terms) {
  for (const auto& t : terms) {
    if (t.empty() || (t[0] >= 'A' && t[0] <= 'Z')) continue;  // prefixed
    const std::string folded = analysis::fold_diacritics(t);
    if (!folded.empty() && folded != t) db.add_synonym(folded, t);
  }
}

bool FoldedTerms::available(const Xapian::Database& db) {
  return db.synonym_keys_begin() != db.synonym_keys_end();
}

namespace {

using Counted = std::vector<std::pair<Xapian::doccount, std::string>>;

void sort_by_frequency(Counted& v) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second < b.second;
  });
}

void add_synonyms_of(const Xapian::Database& db, const std::string& key, Counted& out) {
  for (auto s = db.synonyms_begin(key); s != db.synonyms_end(key); ++s) {
    std::string term = *s;
    if (const Xapian::doccount tf = db.get_termfreq(term); tf > 0) out.emplace_back(tf, std::move(term));
  }
}

}  // namespace

std::vector<std::string> FoldedTerms::terms(std::string_view folded) const {
  Counted c;
  add_synonyms_of(db_, std::string(folded), c);
  sort_by_frequency(c);
  std::vector<std::string> out;
  out.reserve(c.size());
  for (auto& [tf, t] : c) out.push_back(std::move(t));
  return out;
}

std::vector<std::string> FoldedTerms::with_prefix(std::string_view prefix, unsigned max) const {
  Counted c;
  const std::string p(prefix);
  for (auto k = db_.synonym_keys_begin(p); k != db_.synonym_keys_end(p); ++k) add_synonyms_of(db_, *k, c);
  sort_by_frequency(c);
  if (max > 0 && c.size() > max) c.resize(max);
  std::vector<std::string> out;
  out.reserve(c.size());
  for (auto& [tf, t] : c) out.push_back(std::move(t));
  return out;
}

}  // namespace palveluhaku::index
