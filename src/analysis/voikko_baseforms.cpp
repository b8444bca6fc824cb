#include "analysis/voikko_baseforms.h"

#include <algorithm>

#include <libvoikko/voikko.h>
#include <unicode/utf8.h>

#include "analysis/case_fold.h"
#include "palveluhaku/error.h"

namespace palveluhaku::analysis {

namespace {

void add_unique(std::vector<std::string>& v, std::string s) {
  if (s.empty()) return;
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

bool is_proper_class(const std::string& cls) {
  return cls == "paikannimi" || cls == "etunimi" || cls == "sukunimi";
}

bool all_digits_or_punct(std::string_view s) {
  for (char c : s)
    if (!(c >= '0' && c <= '9') && c != '-' && c != ':') return false;
  return true;
}

std::string strip_hyphens(std::string s) {
  while (!s.empty() && s.back() == '-') s.pop_back();
  while (!s.empty() && s.front() == '-') s.erase(s.begin());
  return s;
}

}  // namespace

VoikkoBaseforms::VoikkoBaseforms() {
  const char* err = nullptr;
  handle_ = voikkoInit(&err, "fi", nullptr);
  if (handle_ == nullptr)
    throw Error(ErrorCode::internal,
                std::string("cannot open the Finnish Voikko dictionary (install voikko-fi): ") +
                    (err ? err : "unknown error"));
}

VoikkoBaseforms::~VoikkoBaseforms() {
  if (handle_ != nullptr) voikkoTerminate(handle_);
}

std::vector<VoikkoBaseforms::Reading> VoikkoBaseforms::readings(std::string_view word) {
  std::vector<Reading> out;
  if (word.empty() || word.size() > 200) return out;
  buf_.assign(word);
  voikko_mor_analysis** res = voikkoAnalyzeWordCstr(handle_, buf_.c_str());
  if (res == nullptr) return out;
  for (voikko_mor_analysis** a = res; *a != nullptr; ++a) {
    Reading r;
    auto get = [&](const char* key, std::string& to) {
      char* v = voikko_mor_analysis_value_cstr(*a, key);
      if (v != nullptr) {
        to = v;
        voikko_free_mor_analysis_value_cstr(v);
      }
    };
    get("BASEFORM", r.base);
    get("CLASS", r.cls);
    get("STRUCTURE", r.structure);
    if (!r.base.empty()) out.push_back(std::move(r));
  }
  voikko_free_mor_analysis(res);
  return out;
}

bool VoikkoBaseforms::known(std::string_view word) {
  if (word.empty() || word.size() > 200) return false;
  buf_.assign(word);
  return voikkoSpellCstr(handle_, buf_.c_str()) == VOIKKO_SPELL_OK;
}

std::vector<std::string> VoikkoBaseforms::suggest(std::string_view word, std::size_t max) {
  std::vector<std::string> out;
  if (word.empty() || word.size() > 100 || max == 0) return out;
  buf_.assign(word);
  char** sugg = voikkoSuggestCstr(handle_, buf_.c_str());
  if (sugg == nullptr) return out;
  for (char** s = sugg; *s != nullptr && out.size() < max; ++s) {
    std::string w = fold_case(*s);
    if (w.find_first_of(" -") != std::string::npos) continue;
    add_unique(out, std::move(w));
  }
  voikkoFreeCstrArray(sugg);
  return out;
}

std::vector<std::string> VoikkoBaseforms::bases(std::string_view word) {
  std::vector<std::string> out;
  for (auto& r : readings(word)) add_unique(out, fold_case(r.base));
  return out;
}

std::string VoikkoBaseforms::compound_tail(std::string_view word) {
  auto rs = readings(word);
  for (auto& r : rs)
    if (is_proper_class(r.cls)) return {};
  for (auto& r : rs) {
    // The code point index of the last '=' mark after the first letter.
    std::size_t cp = 0, last = 0;
    for (char c : r.structure) {
      if (c == '=') {
        if (cp > 0) last = cp;
        continue;
      }
      ++cp;
    }
    if (last == 0) continue;
    const auto* s = reinterpret_cast<const uint8_t*>(word.data());
    int32_t i = 0, n = static_cast<int32_t>(word.size());
    for (std::size_t k = 0; k < last && i < n; ++k) U8_FWD_1(s, i, n);
    std::string tail(word.substr(static_cast<std::size_t>(i)));
    if (!tail.empty() && tail.front() != '-') return tail;
  }
  return {};
}

FinnishAnalysis VoikkoBaseforms::analyze(std::string_view word) {
  FinnishAnalysis fa;
  auto rs = readings(word);
  if (rs.empty()) return fa;
  fa.known = true;
  for (auto& r : rs) {
    add_unique(fa.bases, fold_case(r.base));
    if (is_proper_class(r.cls)) fa.proper = true;
  }
  if (fa.proper) return fa;

  // Byte offset of every code point of `word` (the STRUCTURE letters map 1:1).
  std::vector<std::size_t> cp_off;
  {
    const auto* s = reinterpret_cast<const uint8_t*>(word.data());
    int32_t i = 0, n = static_cast<int32_t>(word.size());
    while (i < n) {
      cp_off.push_back(static_cast<std::size_t>(i));
      UChar32 c;
      U8_NEXT(s, i, n, c);
      (void)c;
    }
    cp_off.push_back(word.size());
  }
  const std::size_t ncp = cp_off.size() - 1;

  // A reading without compound boundaries wins over compound readings:
  // "kuuluu" is kuulua, not kuu + luu; "tulla" is not tu + lla.
  for (auto& r : rs)
    if (std::count(r.structure.begin(), r.structure.end(), '=') <= 1) return fa;

  for (auto& r : rs) {
    // Cut the surface word at the '=' marks.
    std::vector<std::string> segs;
    std::size_t cp = 0;
    bool ok = true;
    for (char c : r.structure) {
      if (c == '=') {
        segs.emplace_back();
        continue;
      }
      if (cp >= ncp || segs.empty()) {
        ok = false;
        break;
      }
      segs.back().append(word.substr(cp_off[cp], cp_off[cp + 1] - cp_off[cp]));
      ++cp;
    }
    if (!ok || cp != ncp) continue;
    segs.erase(std::remove_if(segs.begin(), segs.end(),
                              [](std::string& s) {
                                s = strip_hyphens(s);
                                return s.empty();
                              }),
               segs.end());
    if (segs.size() < 2) continue;

    // Lemma of each part: earlier parts on their own, the last from BASEFORM.
    std::string base = fold_case(r.base);
    std::string prefix;
    for (std::size_t i = 0; i + 1 < segs.size(); ++i) prefix += segs[i];
    std::string last_lemma;
    std::string base_nohyph = base;
    base_nohyph.erase(std::remove(base_nohyph.begin(), base_nohyph.end(), '-'), base_nohyph.end());
    if (base_nohyph.size() > prefix.size() && base_nohyph.compare(0, prefix.size(), prefix) == 0)
      last_lemma = base_nohyph.substr(prefix.size());
    else {
      auto b = bases(segs.back());
      last_lemma = b.empty() ? segs.back() : b.front();
    }
    std::vector<std::string> lemmas;
    for (std::size_t i = 0; i + 1 < segs.size(); ++i) {
      // A segment that is itself a base form stays ("vastaan" of vastaanotto
      // is not "vastata"); else its first base form ("lasten" -> lapsi).
      auto b = bases(segs[i]);
      bool self = std::find(b.begin(), b.end(), segs[i]) != b.end();
      lemmas.push_back(b.empty() || self ? segs[i] : b.front());
    }
    lemmas.push_back(last_lemma);
    for (auto& l : lemmas)
      if (!all_digits_or_punct(l)) add_unique(fa.parts, l);

    // Sub-compounds of three or more parts: lastensuojeluliitto ->
    // lastensuojelu (leading parts) and suojeluliitto (trailing parts).
    if (segs.size() >= 3) {
      std::string lead;
      for (std::size_t k = 0; k + 1 < segs.size(); ++k) {
        lead += segs[k];
        if (k == 0) continue;
        auto b = bases(lead);
        if (!b.empty()) add_unique(fa.parts, b.front());
      }
      for (std::size_t k = 1; k + 1 < segs.size(); ++k) {
        std::string tail;
        for (std::size_t j = k; j + 1 < segs.size(); ++j) tail += segs[j];
        tail += last_lemma;
        if (known(tail)) add_unique(fa.parts, tail);
      }
    }
  }
  // A part equal to a base form is not a part.
  fa.parts.erase(std::remove_if(fa.parts.begin(), fa.parts.end(),
                                [&](const std::string& p) {
                                  return std::find(fa.bases.begin(), fa.bases.end(), p) !=
                                         fa.bases.end();
                                }),
                 fa.parts.end());
  return fa;
}

}  // namespace palveluhaku::analysis
