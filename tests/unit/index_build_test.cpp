// index_build_test.cpp — the rebuild's speed-ups do not change the index.
//
// DocumentBuilder sums each document's term occurrences before handing them
// to Xapian, analyses code labels once per builder and memoises part
// weights; the Analyzer's word caches are flat tables. None of that may
// change a single term or wdf: every document of a rebuild of the real
// sample data (data/sample, chunked and merged) is compared with a plain
// reference that feeds Analyzer::index_terms occurrence by occurrence, the
// way the builder did before. Also: the flat AnalysisCache itself, and the
// parallel JSON Lines reader against one pass.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/analysis_cache.h"
#include "engine_fixtures.h"
#include "index/index_config.h"
#include "palveluhaku/codes.h"
#include "palveluhaku/error.h"
#include "palveluhaku/sources.h"
#include "sources/importers.h"

using namespace engine_test;

namespace {

using TermWdf = std::map<std::string, Xapian::termcount>;

// The text terms of `r` as DocumentBuilder defined them before it summed
// them itself: one Analyzer::index_terms call per field text, every
// occurrence adding round(field weight x kind factor [x part weight]).
TermWdf reference_text_terms(Analyzer& a, const index::IndexConfig& cfg, const CodeLists& codes,
                             const ServiceRecord& r) {
  TermWdf out;
  auto kind_factor = [&](TermKind k) {
    static const char* names[] = {"surface", "base", "part", "folded", "synonym", "surface"};
    auto it = cfg.kind_factors.find(names[static_cast<int>(k)]);
    return it == cfg.kind_factors.end() ? 1.0 : it->second;
  };
  auto weight = [&](const char* field) {
    auto it = cfg.text_weights.find(field);
    return it == cfg.text_weights.end() ? 1u : it->second;
  };
  auto text = [&](const std::string& s, Lang l, unsigned w) {
    if (s.empty() || w == 0) return;
    a.index_terms(s, l, [&](const IndexTerm& t) {
      if (t.term.empty() || t.term.size() > 200) return;
      double x = w * kind_factor(t.kind);
      if (t.kind == TermKind::part)
        x *= std::max(0.1, a.part_weight(t.term[0] == 'F' ? t.term.substr(1) : t.term));
      // A folded term is not indexed, nor an inflected form unless the
      // config asks for it; their wdf goes to the term "F" (the document
      // length stays what it was with them).
      const bool length_only =
          t.kind == TermKind::folded || (t.kind == TermKind::inflected && !cfg.inflected_forms);
      out[length_only ? std::string("F") : t.term] +=
          static_cast<Xapian::termcount>(std::max(1.0, std::round(x)));
    });
  };
  for (Lang l : kAllLangs) {
    text(r.name.get(l), l, weight("name"));
    for (const auto& k : r.keywords.get(l)) text(k, l, weight("keywords"));
    text(r.summary.get(l), l, weight("summary"));
    text(r.description.get(l), l, weight("description"));
    text(r.provider.name.get(l), l, weight("provider"));
    for (const auto& loc : r.locations) {
      text(loc.name.get(l), l, weight("location"));
      text(loc.address.street.get(l), l, weight("location"));
      text(loc.address.post_office.get(l), l, weight("location"));
    }
    auto labels = [&](const char* kind, const std::vector<std::string>& cs) {
      for (const auto& c : cs)
        if (const Code* code = codes.find(kind, c)) text(code->label.get(l), l, weight(kind));
    };
    labels("service_class", r.service_classes);
    labels("target_group", r.target_groups);
    labels("life_event", r.life_events);
  }
  return out;
}

// A document's unprefixed terms and "F" (the folded terms' wdf) with their
// wdf; boolean terms (Q id, X* filters) have wdf 0 and are left out.
TermWdf text_terms_of(const Xapian::Database& db, Xapian::docid did) {
  TermWdf out;
  for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t) {
    const std::string term = *t;
    if (!term.empty() && (term[0] == 'Q' || term[0] == 'X')) continue;
    out[term] = t.get_wdf();
  }
  return out;
}

}  // namespace

TEST_CASE("a rebuild's text terms equal the per-occurrence reference for the sample data",
          "[index][build]") {
  const auto imp = import_sources({PALVELUHAKU_SOURCE_DIR "/data/sample"});
  REQUIRE(imp.records.size() > 300);
  auto opts = index_options();
  const auto cfg = index::load_index_config(opts.config_dir);
  const auto res = AnalysisResources::load(opts.config_dir);
  const auto codes = CodeLists::load(opts.codes_dir);
  Analyzer ref(res);

  struct Case {
    std::size_t batch;
    unsigned threads;
  };
  for (const Case c : {Case{1000, 1}, Case{5, 2}}) {  // one database; ~125 chunks merged in 2 levels
    CAPTURE(c.batch, c.threads);
    TempDir t;
    opts.batch_size = c.batch;
    opts.threads = c.threads;
    rebuild_index(t.index(), imp.records, opts);
    Xapian::Database db(live_generation_path(t.index()));
    REQUIRE(db.get_doccount() == imp.records.size());
    std::size_t terms = 0, mismatched = 0;
    for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
      const ServiceRecord& r = imp.records[did - 1];  // docids follow record order
      REQUIRE(db.get_document(did).termlist_begin() != db.get_document(did).termlist_end());
      CHECK(*db.postlist_begin(cfg.id_prefix + r.id) == did);
      const TermWdf want = reference_text_terms(ref, cfg, *codes, r);
      const TermWdf got = text_terms_of(db, did);
      Xapian::termcount len = 0;
      for (const auto& [term, wdf] : want) len += wdf;
      terms += got.size();
      if (got != want || db.get_doclength(did) != len) {
        ++mismatched;
        if (mismatched <= 3) {
          CAPTURE(r.id, got.size(), want.size());
          CHECK(got == want);
          CHECK(db.get_doclength(did) == len);
        }
      }
    }
    CHECK(mismatched == 0);
    CHECK(terms > 50 * imp.records.size());  // the comparison saw real documents
  }
}

TEST_CASE("the flat analysis cache finds, replaces and empties itself when full", "[index][build]") {
  palveluhaku::analysis::AnalysisCache<int> c(1000);
  CHECK(c.get("neuvola") == nullptr);
  // Many keys, including ones that share prefixes and lengths, and "".
  for (int i = 0; i < 1000; ++i) c.put("sana" + std::to_string(i), i);
  CHECK(c.size() == 1000);
  for (int i = 0; i < 1000; ++i) {
    const int* v = c.get("sana" + std::to_string(i));
    REQUIRE(v != nullptr);
    CHECK(*v == i);
  }
  CHECK(c.get("sana1000") == nullptr);
  CHECK(c.get("sana") == nullptr);
  c.put("sana5", -5);  // replacing keeps the size
  CHECK(c.size() == 1000);
  CHECK(*c.get("sana5") == -5);
  c.put("", 7);  // full: emptied, then holds the new key
  CHECK(c.size() == 1);
  CHECK(*c.get("") == 7);
  CHECK(c.get("sana5") == nullptr);
  CHECK(c.hits() == 1002);

  palveluhaku::analysis::AnalysisCache<std::string> one(1);  // capacity 1: every put empties it
  one.put("a", "x");
  one.put("b", "y");
  CHECK(one.get("a") == nullptr);
  CHECK(*one.get("b") == "y");
}

TEST_CASE("a JSON Lines file read in parallel parts gives what one pass gives", "[index][build]") {
  // The real sample file, with blank lines, a broken line and an invalid
  // record in between, repeated so that every part has some of each.
  std::ifstream in(PALVELUHAKU_SOURCE_DIR "/data/sample/pirkanmaa-services.jsonl", std::ios::binary);
  in.seekg(0, std::ios::end);
  std::string sample(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
  REQUIRE(sample.size() > 10000);
  std::string content;
  for (int i = 0; i < 5; ++i) content += sample + "\n{\"id\": broken\n\n{\"id\":\"x\",\"name\":7}\n";
  content += "{\"id\":\"last-without-newline\",\"name\":{\"fi\":\"Neuvola\"}}";
  const auto one = palveluhaku::sources::read_jsonl(content, "big.jsonl", {}, 1);
  REQUIRE(one.result.records.size() > 5 * 300);
  REQUIRE(one.result.problems.size() >= 10);
  for (unsigned threads : {2u, 3u, 7u, 64u}) {
    CAPTURE(threads);
    std::size_t last_tick = 0;
    const auto par = palveluhaku::sources::read_jsonl(
        content, "big.jsonl", [&](std::size_t bytes) { last_tick = std::max(last_tick, bytes); }, threads);
    CHECK(par.result.records == one.result.records);
    REQUIRE(par.places.size() == one.places.size());
    for (std::size_t i = 0; i < par.places.size(); ++i) CHECK(par.places[i].line == one.places[i].line);
    REQUIRE(par.result.problems.size() == one.result.problems.size());
    for (std::size_t i = 0; i < par.result.problems.size(); ++i)
      CHECK(par.result.problems[i].to_string() == one.result.problems[i].to_string());
    CHECK(par.result.skipped == one.result.skipped);
    CHECK(last_tick <= content.size());
  }
}

namespace {

// A copy of index-config/ whose index.json has "inflected_forms" set to
// `value` (a JSON text), for the tests below.
std::string config_with_inflected(const TempDir& t, const std::string& value) {
  const auto dir = t.path / "config";
  std::filesystem::copy(PALVELUHAKU_SOURCE_DIR "/index-config", dir, std::filesystem::copy_options::recursive);
  std::ifstream in(dir / "index.json");
  auto j = nlohmann::json::parse(in);
  j["inflected_forms"] = nlohmann::json::parse(value);
  std::ofstream(dir / "index.json") << j.dump(1);
  return dir.string();
}

ServiceRecord neuvolaan_record() {
  auto r = engine_test::ptv_fixture_records().at(0);
  r.id = "inflected-test";
  r.description.fi = "Tervetuloa neuvolaan. Perheneuvolassa autetaan kasvatusasioissa.";
  return r;
}

}  // namespace

TEST_CASE("inflected forms: the base forms stand for them, the document length stays",
          "[index][build]") {
  // Default: "neuvolaan" is not a term, its base form is; with
  // "inflected_forms": true it is. Both documents have the same length
  // (the inflected occurrences' wdf counts in it either way), so every
  // other term's BM25 weight is the same.
  const ServiceRecord r = neuvolaan_record();
  TempDir plain, full;
  auto opts = index_options();
  rebuild_index(plain.index(), {r}, opts);
  opts.config_dir = config_with_inflected(full, "true");
  rebuild_index(full.index(), {r}, opts);
  Xapian::Database p(live_generation_path(plain.index())), f(live_generation_path(full.index()));
  for (const char* inflected : {"neuvolaan", "perheneuvolassa", "kasvatusasioissa"}) {
    CAPTURE(inflected);
    CHECK_FALSE(p.term_exists(inflected));
    CHECK(f.term_exists(inflected));
  }
  for (const char* base : {"neuvola", "perheneuvola", "kasvatusasia"}) {
    CAPTURE(base);
    CHECK(p.term_exists(base));
    CHECK(f.term_exists(base));
  }
  CHECK(p.get_doclength(1) == f.get_doclength(1));
  CHECK(std::distance(p.termlist_begin(1), p.termlist_end(1)) <
        std::distance(f.termlist_begin(1), f.termlist_end(1)));
}

TEST_CASE("inflected forms: an update keeps the shape of the index it updates", "[index][build]") {
  auto r = neuvolaan_record();
  const auto recs = engine_test::ptv_fixture_records();
  TempDir t;
  auto opts = index_options();
  rebuild_index(t.index(), recs, opts);
  SECTION("an index built before the option existed has them, and keeps them") {
    {
      Xapian::WritableDatabase db(live_generation_path(t.index()), Xapian::DB_OPEN);
      auto stored = nlohmann::json::parse(db.get_metadata(index::kConfigMetadataKey));
      REQUIRE(stored.contains("inflected_forms"));
      stored.erase("inflected_forms");
      db.set_metadata(index::kConfigMetadataKey, stored.dump());
      db.commit();
    }
    update_index(t.index(), {r}, {}, opts);
    CHECK(Xapian::Database(live_generation_path(t.index())).term_exists("neuvolaan"));
  }
  SECTION("an index built with the default stays without them") {
    update_index(t.index(), {r}, {}, opts);
    Xapian::Database db(live_generation_path(t.index()));
    CHECK(db.term_exists("neuvola"));
    CHECK_FALSE(db.term_exists("neuvolaan"));
  }
}

TEST_CASE("inflected forms: a value other than true or false names the key", "[index][config]") {
  TempDir t;
  const std::string dir = config_with_inflected(t, "\"yes\"");
  try {
    index::load_index_config(dir);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_config);
    CHECK(std::string(e.what()).find("inflected_forms") != std::string::npos);
  }
}
