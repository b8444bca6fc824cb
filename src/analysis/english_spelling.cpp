#include "analysis/english_spelling.h"

#include <array>

namespace palveluhaku::analysis {

namespace {

// Suffixes a root may carry ("behavior" + "al", "neighbor" + "hood").
constexpr std::array<std::string_view, 27> kSuffixes = {
    "",    "s",     "es",   "al",    "ally", "ed",  "ing",  "ings", "ist",
    "ists", "hood", "hoods", "ful",  "able", "er",  "ers",  "ism",  "less",
    "ian",  "ians", "ic",   "ics",   "ical", "y",   "ies",  "ite",  "ites"};

struct Root {
  std::string_view us, uk;
  bool nouns_only;  // only "" and "s" (licensed, programming are the same)
};

// American root -> British root. A British root ending in 'e' drops it before
// a suffix beginning with a vowel (centered -> centred).
constexpr Root kRoots[] = {
    // -or -> -our
    {"behavior", "behaviour", false}, {"color", "colour", false},     {"favor", "favour", false},
    {"flavor", "flavour", false},     {"honor", "honour", false},     {"humor", "humour", false},
    {"labor", "labour", false},       {"neighbor", "neighbour", false}, {"harbor", "harbour", false},
    {"rumor", "rumour", false},       {"vapor", "vapour", false},     {"vigor", "vigour", false},
    {"endeavor", "endeavour", false}, {"savior", "saviour", false},   {"armor", "armour", false},
    {"odor", "odour", false},         {"parlor", "parlour", false},   {"valor", "valour", false},
    {"tumor", "tumour", false},       {"candor", "candour", false},
    // -er -> -re
    {"center", "centre", false},      {"theater", "theatre", false},  {"meter", "metre", true},
    {"kilometer", "kilometre", true}, {"liter", "litre", true},       {"fiber", "fibre", false},
    {"caliber", "calibre", true},     {"somber", "sombre", false},    {"specter", "spectre", true},
    {"luster", "lustre", true},       {"maneuver", "manoeuvre", false},
    // -og -> -ogue
    {"catalog", "catalogue", false},  {"dialog", "dialogue", true},   {"analog", "analogue", true},
    {"monolog", "monologue", true},   {"epilog", "epilogue", true},   {"prolog", "prologue", true},
    // -ense -> -ence (the noun; "licensed", "licensing" are the same)
    {"license", "licence", true},     {"defense", "defence", true},   {"offense", "offence", true},
    {"pretense", "pretence", true},
    {"program", "programme", true},
    // -l- -> -ll- where the Snowball stems do not already agree
    {"counselor", "counsellor", true}, {"traveler", "traveller", true}, {"jeweler", "jeweller", true},
    {"fueled", "fuelled", true},      {"jewelry", "jewellery", true},
    // single words
    {"mom", "mum", true},             {"gray", "grey", false},        {"mold", "mould", false},
    {"judgment", "judgement", true},  {"acknowledgment", "acknowledgement", true},
    {"skillful", "skilful", true},    {"willful", "wilful", true},    {"pajamas", "pyjamas", true},
    {"cozy", "cosy", true},           {"plow", "plough", false},
    {"practicing", "practising", true}, {"practiced", "practised", true},
};

// e -> ae / oe inside medical words (anywhere in the word: hypoglycemia).
constexpr std::pair<std::string_view, std::string_view> kInner[] = {
    {"pediatr", "paediatr"},     {"orthoped", "orthopaed"}, {"gynecolog", "gynaecolog"},
    {"anesthe", "anaesthe"},     {"anemi", "anaemi"},       {"leukemi", "leukaemi"},
    {"glycemi", "glycaemi"},     {"septicemi", "septicaemi"}, {"hematolog", "haematolog"},
    {"hemorrh", "haemorrh"},     {"hemophil", "haemophil"}, {"hemoglobin", "haemoglobin"},
    {"esophag", "oesophag"},     {"estrogen", "oestrogen"}, {"fetus", "foetus"},
    {"fetal", "foetal"},         {"celiac", "coeliac"},     {"diarrhea", "diarrhoea"},
    {"edema", "oedema"},         {"encycloped", "encyclopaed"}, {"archeolog", "archaeolog"},
};

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

std::string british_spelling(std::string_view word) {
  std::string w(word);
  if (w.size() < 3) return w;
  for (char c : w)
    if (c < 'a' || c > 'z') return w;  // ASCII letters only (no Finnish ä/ö, no digits)

  for (const auto& [us, uk] : kInner)
    if (auto at = w.find(us); at != std::string::npos) w.replace(at, us.size(), uk);

  for (const auto& r : kRoots) {
    if (w.size() < r.us.size() || w.compare(0, r.us.size(), r.us) != 0) continue;
    const std::string_view suffix = std::string_view(w).substr(r.us.size());
    bool ok = false;
    for (auto s : kSuffixes)
      if (s == suffix && (!r.nouns_only || s.empty() || s == "s")) ok = true;
    if (!ok) continue;
    std::string uk(r.uk);
    if (!suffix.empty() && uk.back() == 'e' && is_vowel(suffix.front())) uk.pop_back();
    return uk + std::string(suffix);
  }

  // -ize / -yze and their derivatives -> -ise / -yse (the letter after the
  // i / y becomes s).
  static constexpr std::string_view kIzeYze[] = {"izations", "ization", "izational", "izing", "izers", "izer",
                                                 "izes",     "ized",    "ize",       "yzing", "yzers", "yzer",
                                                 "yzes",     "yzed",    "yze"};
  for (auto s : kIzeYze) {
    if (!w.ends_with(s)) continue;
    const std::size_t at = w.size() - s.size();  // the 'i' or 'y'
    if (at >= 3) w[at + 1] = 's';
    return w;
  }
  return w;
}

}  // namespace palveluhaku::analysis
