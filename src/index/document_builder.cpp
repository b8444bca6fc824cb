#include "index/document_builder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "analysis/analysis_cache.h"
#include "index/doc_values.h"
#include "palveluhaku/record_json.h"

namespace palveluhaku::index {

namespace {

// Holds the wdf of the term occurrences the index does not store (folded
// copies, and inflected forms unless index.json asks for them; see
// text_terms), so that document lengths are as if they were stored. "F"
// alone is no folded term (those have a word after the prefix), and
// index.json may not use prefixes starting with F.
const std::string kLengthTerm = "F";

std::string kind_name(TermKind k) {
  switch (k) {
    case TermKind::surface: return "surface";
    case TermKind::base: return "base";
    case TermKind::part: return "part";
    case TermKind::folded: return "folded";
    case TermKind::synonym: return "synonym";
    case TermKind::inflected: return "surface";  // a surface form: its factor
  }
  return "surface";
}

// The text terms of one document: term -> summed wdf, handed to the
// Xapian::Document once per distinct term. A document's ~240 distinct terms
// come from ~1,000 term occurrences (every word gives surface, base, parts
// and folded forms; fields repeat words); Document::add_term per occurrence
// walked a std::map<std::string, ...> each time. The summed wdf and so the
// document are the same (add_term adds up its increments).
class TermAccumulator {
 public:
  void add(std::string_view term, Xapian::termcount wdf) {
    if ((used_ + 1) * 2 > slots_.size()) grow(slots_.empty() ? 1024 : slots_.size() * 2);
    const std::uint64_t h = analysis::word_hash(term);
    std::size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const std::uint32_t e = slots_[i];
      if (e == 0) break;
      Entry& en = entries_[e - 1];
      if (en.hash == h && en.term == term) {
        en.wdf += wdf;
        return;
      }
    }
    if (used_ == entries_.size()) entries_.emplace_back();
    Entry& en = entries_[used_++];
    en.hash = h;
    en.term.assign(term);  // reuses the string's buffer from earlier documents
    en.wdf = wdf;
    slots_[i] = static_cast<std::uint32_t>(used_);
  }

  // Adds every term to `doc`, calls seen(term) for each, and empties the
  // accumulator.
  template <class Seen>
  void flush(Xapian::Document& doc, Seen&& seen) {
    for (std::size_t e = 0; e < used_; ++e) {
      doc.add_term(entries_[e].term, entries_[e].wdf);
      seen(entries_[e].term);
    }
    std::fill(slots_.begin(), slots_.end(), 0u);
    used_ = 0;
  }

 private:
  struct Entry {
    std::uint64_t hash = 0;
    std::string term;
    Xapian::termcount wdf = 0;
  };
  void grow(std::size_t n) {
    slots_.assign(n, 0u);
    mask_ = n - 1;
    for (std::size_t e = 0; e < used_; ++e) {
      std::size_t i = entries_[e].hash & mask_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<std::uint32_t>(e + 1);
    }
  }
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 = empty
  std::size_t mask_ = 0;
  std::vector<Entry> entries_;        // the first used_ are this document's
  std::size_t used_ = 0;
};

}  // namespace

struct DocumentBuilder::Impl {
  IndexConfig config;
  std::shared_ptr<const CodeLists> codes;
  Analyzer analyzer;
  std::unique_ptr<icu::Collator> collator;
  double kind_factor[6] = {1, 1, 1, 1, 1, 1};
  // region code -> its municipality codes
  std::map<std::string, std::vector<std::string>, std::less<>> region_municipalities;
  // The text terms of the document being built.
  TermAccumulator terms;
  // The terms with diacritics returned in a BuiltDocument so far.
  std::unordered_set<std::string> diacritic_terms;
  // part -> Analyzer::part_weight(part) (a lookup that allocates a string).
  analysis::AnalysisCache<double> part_weights{1u << 18};
  // The terms (term, wdf) of a code label (service class, target group, life
  // event) in a language at a field weight: a small fixed set of texts that
  // most documents carry, analysed once per builder. Keyed by the label
  // string's address (the code lists are immutable and outlive the builder),
  // language and weight.
  std::map<std::tuple<const std::string*, int, unsigned>,
           std::vector<std::pair<std::string, Xapian::termcount>>>
      label_terms;

  Impl(const IndexConfig& c, std::shared_ptr<const AnalysisResources> res,
       std::shared_ptr<const CodeLists> cl)
      : config(c), codes(std::move(cl)), analyzer(std::move(res)) {
    UErrorCode status = U_ZERO_ERROR;
    collator.reset(icu::Collator::createInstance(icu::Locale("fi", "FI"), status));
    if (U_FAILURE(status)) collator.reset();
    for (TermKind k : {TermKind::surface, TermKind::base, TermKind::part, TermKind::folded,
                       TermKind::synonym, TermKind::inflected}) {
      auto it = config.kind_factors.find(kind_name(k));
      kind_factor[static_cast<int>(k)] = it == config.kind_factors.end() ? 1.0 : it->second;
    }
    if (codes) {
      for (const auto& m : codes->all("municipality")) {
        const Municipality* mu = codes->municipality(m.code);
        if (mu && !mu->region.empty()) region_municipalities[mu->region].push_back(m.code);
      }
    }
  }

  std::string sort_key(const std::string& name) const {
    if (!collator) {
      std::string s = name;
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) {
        return static_cast<char>(std::tolower(ch));
      });
      return s;
    }
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
    std::string key(64, '\0');
    int32_t n = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                     static_cast<int32_t>(key.size()));
    if (n > static_cast<int32_t>(key.size())) {
      key.resize(static_cast<std::size_t>(n));
      n = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
    }
    key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // drop the trailing NUL
    return key;
  }

  double part_weight(std::string_view part) {
    if (const double* hit = part_weights.get(part)) return *hit;
    return part_weights.put(part, analyzer.part_weight(part));
  }

  // Calls add(term, wdf) for every term occurrence of `text`. With `keys`,
  // also inserts every term (without the "F" of a folded one) into it: the
  // suggest keys of a name come from the same analysis as its text terms.
  template <class Add>
  void text_terms(const std::string& text, Lang lang, unsigned weight, Add&& add,
                  std::set<std::string>* keys = nullptr) {
    analyzer.index_terms(text, lang, [&](const IndexTerm& t) {
      if (keys && !t.term.empty())
        keys->insert(t.term[0] == 'F' ? t.term.substr(1) : t.term);
      if (weight == 0) return;
      if (t.term.empty() || t.term.size() > 200) return;
      double w = weight * kind_factor[static_cast<int>(t.kind)];
      // No folded ("F...") copies of the terms with diacritics: a query
      // typed without ä/ö is folded against the index's vocabulary instead
      // (index/folded_terms.h). They were ~39 of a document's ~241
      // postings and ~14 % of the build's CPU. No inflected forms either
      // ("neuvolaan" beside "neuvola"; index.json "inflected_forms"): their
      // base forms stand for them, a query's inflected word matches through
      // its base forms too. They were ~70 of ~194 postings and ~15-25 % of
      // the build's CPU, and ranked no better (bench/README.md). The wdf of
      // both goes to the one term "F" (kLengthTerm), so that the document's
      // length, and with it every other term's BM25 weight, is what it was.
      if (t.kind == TermKind::folded || (t.kind == TermKind::inflected && !config.inflected_forms)) {
        add(kLengthTerm, static_cast<Xapian::termcount>(std::max(1.0, std::round(w))));
        return;
      }
      if (t.kind == TermKind::part) {
        const std::string_view part =
            t.term[0] == 'F' ? std::string_view(t.term).substr(1) : std::string_view(t.term);
        w *= std::max(0.1, part_weight(part));
      }
      add(t.term, static_cast<Xapian::termcount>(std::max(1.0, std::round(w))));
    });
  }

  // The text terms of `text` go into `terms` (flushed into the document at
  // the end of build()).
  void index_text(const std::string& text, Lang lang, unsigned weight) {
    if (text.empty() || weight == 0) return;
    text_terms(text, lang, weight,
               [&](const std::string& term, Xapian::termcount wdf) { terms.add(term, wdf); });
  }

  // A name or provider name in one language: its text terms, its suggest
  // keys (the terms and the plain words) and, if `spell`, its spelling
  // words, from one analysis and one word breaking (keys_of and spelling()
  // had analysed and word-broken these texts again: 3 % of the builder's
  // instructions).
  void index_name(const std::string& text, Lang lang, unsigned weight, std::set<std::string>& keys,
                  bool spell, std::unordered_set<std::string>& spelling_words) {
    if (text.empty()) return;
    text_terms(text, lang, weight,
               [&](const std::string& term, Xapian::termcount wdf) { terms.add(term, wdf); }, &keys);
    for (auto& w : analyzer.words(text)) {
      if (spell && spelling_word(w)) spelling_words.insert(w);
      keys.insert(std::move(w));
    }
  }

  // The same for a code label, analysed once per (label, language, weight).
  void index_label(const std::string& label, Lang lang, unsigned weight) {
    if (label.empty() || weight == 0) return;
    const auto key = std::make_tuple(&label, static_cast<int>(lang), weight);
    auto it = label_terms.find(key);
    if (it == label_terms.end()) {
      std::vector<std::pair<std::string, Xapian::termcount>> list;
      text_terms(label, lang, weight,
                 [&](const std::string& term, Xapian::termcount wdf) { list.emplace_back(term, wdf); });
      it = label_terms.emplace(key, std::move(list)).first;
    }
    for (const auto& [term, wdf] : it->second) terms.add(term, wdf);
  }

  unsigned weight(const char* field) const {
    auto it = config.text_weights.find(field);
    return it == config.text_weights.end() ? 1 : it->second;
  }

  bool spelling_field(const char* field) const {
    return std::find(config.spelling_fields.begin(), config.spelling_fields.end(), field) !=
           config.spelling_fields.end();
  }

  static bool spelling_word(const std::string& w) {
    if (w.size() < 2 || w.size() > 60) return false;
    for (unsigned char ch : w)
      if (ch >= 0x80 || std::isalpha(ch)) return true;
    return false;
  }

  void spelling(std::unordered_set<std::string>& words, const std::string& text) {
    if (text.empty()) return;
    for (auto& w : analyzer.words(text))
      if (spelling_word(w)) words.insert(std::move(w));
  }
};

DocumentBuilder::DocumentBuilder(const IndexConfig& config,
                                 std::shared_ptr<const AnalysisResources> resources,
                                 std::shared_ptr<const CodeLists> codes)
    : impl_(std::make_unique<Impl>(config, std::move(resources), std::move(codes))) {}

DocumentBuilder::~DocumentBuilder() = default;

std::vector<std::pair<std::string, std::string>> DocumentBuilder::filter_values(
    const ServiceRecord& r) const {
  std::set<std::pair<std::string, std::string>> v;
  const CodeLists* codes = impl_->codes.get();
  // Where: service area, regions expanded to their municipalities, and the
  // municipalities of the locations. "*" marks a nationwide service.
  std::set<std::string> munis(r.area.municipalities.begin(), r.area.municipalities.end());
  std::set<std::string> regions(r.area.regions.begin(), r.area.regions.end());
  for (const auto& loc : r.locations)
    if (!loc.address.municipality_code.empty()) munis.insert(loc.address.municipality_code);
  for (const auto& reg : r.area.regions) {
    auto it = impl_->region_municipalities.find(reg);
    if (it != impl_->region_municipalities.end()) munis.insert(it->second.begin(), it->second.end());
  }
  if (codes)
    for (const auto& m : munis)
      if (const Municipality* mu = codes->municipality(m); mu && !mu->region.empty())
        regions.insert(mu->region);
  if (r.area.whole_country) {
    v.insert({"municipality", "*"});
    v.insert({"region", "*"});
  }
  for (const auto& m : munis) v.insert({"municipality", m});
  for (const auto& reg : regions) v.insert({"region", reg});
  if (r.provider.type != ProviderType::unknown)
    v.insert({"provider_type", std::string(provider_type_code(r.provider.type))});
  auto hierarchical = [&](const char* field, const char* kind, const std::vector<std::string>& cs) {
    for (const auto& c : cs) {
      if (c.empty()) continue;
      v.insert({field, c});
      if (codes)
        for (const auto& a : codes->ancestors(kind, c)) v.insert({field, a});
    }
  };
  hierarchical("service_class", "service_class", r.service_classes);
  hierarchical("target_group", "target_group", r.target_groups);
  hierarchical("life_event", "life_event", r.life_events);
  for (const auto& l : r.languages)
    if (!l.empty()) v.insert({"language", l});
  if (r.cost != Cost::unknown) v.insert({"cost", std::string(cost_code(r.cost))});
  bool phone = !r.phones.empty();
  for (const auto& loc : r.locations)
    if (!loc.phones.empty()) phone = true;
  if (!r.locations.empty()) v.insert({"channel", "location"});
  if (phone) v.insert({"channel", "phone"});
  if (!r.web_pages.empty()) v.insert({"channel", "web"});
  if (!r.eservices.empty()) v.insert({"channel", "eservice"});
  if (!r.source.empty()) v.insert({"source", r.source});
  return {v.begin(), v.end()};
}

BuiltDocument DocumentBuilder::build(const ServiceRecord& r) {
  Impl& m = *impl_;
  BuiltDocument out;
  Xapian::Document& doc = out.doc;
  out.id_term = m.config.id_prefix + r.id;
  doc.add_boolean_term(out.id_term);
  doc.set_data(record_to_json(r).dump());

  // Free text, every language; the suggest keys and spelling words of the
  // name and the provider name on the way.
  std::set<std::string> name_keys, provider_keys;
  std::unordered_set<std::string> words;
  const bool spell_name = m.spelling_field("name"), spell_provider = m.spelling_field("provider");
  for (Lang l : kAllLangs) {
    m.index_name(r.name.get(l), l, m.weight("name"), name_keys, spell_name, words);
    for (const auto& k : r.keywords.get(l)) m.index_text(k, l, m.weight("keywords"));
    m.index_text(r.summary.get(l), l, m.weight("summary"));
    m.index_text(r.description.get(l), l, m.weight("description"));
    m.index_name(r.provider.name.get(l), l, m.weight("provider"), provider_keys, spell_provider,
                 words);
    for (const auto& loc : r.locations) {
      m.index_text(loc.name.get(l), l, m.weight("location"));
      m.index_text(loc.address.street.get(l), l, m.weight("location"));
      m.index_text(loc.address.post_office.get(l), l, m.weight("location"));
    }
    if (m.codes) {
      auto labels = [&](const char* kind, const char* field, const std::vector<std::string>& cs) {
        for (const auto& c : cs)
          if (const Code* code = m.codes->find(kind, c))
            m.index_label(code->label.get(l), l, m.weight(field));
      };
      labels("service_class", "service_class", r.service_classes);
      labels("target_group", "target_group", r.target_groups);
      labels("life_event", "life_event", r.life_events);
    }
  }
  m.terms.flush(doc, [&](const std::string& term) {
    for (unsigned char ch : term)
      if (ch >= 0x80) {
        if (m.diacritic_terms.insert(term).second) out.new_diacritic_terms.push_back(term);
        return;
      }
  });

  // Filters.
  for (const auto& [field, value] : filter_values(r)) {
    auto it = m.config.prefixes.find(field);
    if (it != m.config.prefixes.end() && value.size() < 200) doc.add_boolean_term(it->second + value);
  }

  // Values.
  doc.add_value(m.config.slot_name_sort, m.sort_key(r.name.best(Lang::fi)));
  if (std::string age = encode_age(r.age_min, r.age_max); !age.empty())
    doc.add_value(m.config.slot_age, age);
  Xapian::LatLongCoords coords;
  for (const auto& loc : r.locations)
    if (loc.coord) coords.append(Xapian::LatLongCoord(loc.coord->lat, loc.coord->lon));
  if (!coords.empty()) doc.add_value(m.config.slot_coords, coords.serialise());
  if (std::string hours = encode_hours(r.locations); !hours.empty())
    doc.add_value(m.config.slot_hours, hours);
  SuggestData sd;
  sd.name = r.name;
  sd.provider = r.provider.name;
  sd.name_keys.assign(name_keys.begin(), name_keys.end());
  sd.provider_keys.assign(provider_keys.begin(), provider_keys.end());
  doc.add_value(m.config.slot_suggest, encode_suggest(sd));

  // Spelling dictionary words (those of the names are in `words` already).
  for (Lang l : kAllLangs) {
    if (m.spelling_field("keywords"))
      for (const auto& k : r.keywords.get(l)) m.spelling(words, k);
    if (m.spelling_field("summary")) m.spelling(words, r.summary.get(l));
    if (m.spelling_field("description")) m.spelling(words, r.description.get(l));
  }
  out.spelling_words.assign(words.begin(), words.end());
  return out;
}

}  // namespace palveluhaku::index
