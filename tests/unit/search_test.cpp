// search_test.cpp — SearchEngine (palveluhaku/search.h) on a real index of
// the records in engine_fixtures.h: filters, disjunctive facets, near me,
// sorting, paging, relaxed and corrected queries, suggest, snippets, reload.
#include <catch2/catch.hpp>
#include <algorithm>
#include <set>

#include "engine_fixtures.h"
#include "palveluhaku/error.h"
#include "palveluhaku/geo.h"

using namespace engine_test;

namespace {

// One index shared by the read-only tests of this file.
struct Fixture {
  TempDir dir;
  std::vector<ServiceRecord> records = sample_records();
  std::unique_ptr<SearchEngine> engine;
  Fixture() {
    rebuild_index(dir.index(), records, index_options());
    engine = std::make_unique<SearchEngine>(dir.index(), engine_options());
  }
};

Fixture& fx() {
  static Fixture f;
  return f;
}

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> v;
  for (const auto& h : r.hits) v.push_back(h.id);
  return v;
}

std::set<std::string> all_ids(SearchRequest r) {
  r.per_page = 100;
  std::set<std::string> s;
  for (const auto& h : fx().engine->search(r).hits) s.insert(h.id);
  return s;
}

SearchRequest filter(const std::string& field, const std::string& value) {
  SearchRequest r;
  r.filters[field] = {value};
  return r;
}

std::size_t facet_count(const SearchResult& r, const std::string& field, const std::string& value) {
  auto it = r.facets.find(field);
  if (it == r.facets.end()) return 0;
  for (const auto& c : it->second)
    if (c.value == value) return c.count;
  return 0;
}

}  // namespace

TEST_CASE("empty q returns everything sorted by name", "[search]") {
  SearchRequest r;
  r.per_page = 100;
  const auto res = fx().engine->search(r);
  REQUIRE(res.total == fx().records.size());
  std::vector<std::string> names;
  for (const auto& h : res.hits) names.push_back(h.record->name.fi);
  // Finnish collation: "Lapsilisä" < "MLL:n ..." < "Nokian ..." < "Oriveden ..." < "Perhetyö ..."
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(names.front() == "Hervannan lastenneuvola");
  CHECK(names.back() == "Tampereen perhekeskus");
}

TEST_CASE("every filter selects the right records", "[search]") {
  struct Case {
    const char* field;
    const char* value;
    std::set<std::string> expected;
  };
  const std::vector<Case> cases = {
      // Nokia by code and by name; the nationwide Kela service and the
      // region-wide company serve every municipality of their area.
      {"municipality", "536", {"nokia-aitiysneuvola", "srk-perhekerho", "kela-lapsilisa", "yritys-perhetyo"}},
      {"municipality", "Nokia", {"nokia-aitiysneuvola", "srk-perhekerho", "kela-lapsilisa", "yritys-perhetyo"}},
      {"municipality", "Tammerfors", {"tre-lastenneuvola", "mll-perhekahvila", "tre-perhekeskus", "kela-lapsilisa", "yritys-perhetyo"}},
      {"region", "06", {"tre-lastenneuvola", "nokia-aitiysneuvola", "orivesi-perheneuvola", "mll-perhekahvila",
                        "srk-perhekerho", "tre-perhekeskus", "kela-lapsilisa", "yritys-perhetyo"}},
      {"provider_type", "parish", {"srk-perhekerho"}},
      {"provider_type", "ngo", {"mll-perhekahvila"}},
      // Hierarchical: P3 matches P3, P3.6 and P3.7.
      {"service_class", "P3", {"orivesi-perheneuvola", "mll-perhekahvila", "srk-perhekerho", "tre-perhekeskus",
                               "kela-lapsilisa", "yritys-perhetyo"}},
      {"service_class", "P3.7", {"orivesi-perheneuvola", "tre-perhekeskus"}},
      {"service_class", "p5.2", {"tre-lastenneuvola", "nokia-aitiysneuvola"}},
      {"target_group", "KR1", {"tre-lastenneuvola", "nokia-aitiysneuvola", "orivesi-perheneuvola",
                               "mll-perhekahvila", "tre-perhekeskus", "kela-lapsilisa"}},
      {"life_event", "KE1", {"tre-lastenneuvola", "nokia-aitiysneuvola", "kela-lapsilisa"}},
      {"language", "sv", {"tre-lastenneuvola", "tre-perhekeskus", "kela-lapsilisa"}},
      {"cost", "partly", {"srk-perhekerho"}},
      {"cost", "paid", {"tre-perhekeskus", "yritys-perhetyo"}},
      {"channel", "eservice", {"tre-perhekeskus"}},
      {"channel", "phone", {"tre-lastenneuvola", "kela-lapsilisa"}},
      {"channel", "web", {"nokia-aitiysneuvola", "kela-lapsilisa"}},
      {"source", "test", {"tre-lastenneuvola", "nokia-aitiysneuvola", "orivesi-perheneuvola", "mll-perhekahvila",
                          "srk-perhekerho", "tre-perhekeskus", "kela-lapsilisa", "yritys-perhetyo"}},
  };
  for (const auto& c : cases) {
    INFO(c.field << "=" << c.value);
    CHECK(all_ids(filter(c.field, c.value)) == c.expected);
  }
  // Values within a field are OR'ed, fields AND'ed.
  SearchRequest r;
  r.filters["provider_type"] = {"parish", "ngo"};
  CHECK(all_ids(r) == std::set<std::string>{"srk-perhekerho", "mll-perhekahvila"});
  r.filters["municipality"] = {"837"};
  CHECK(all_ids(r) == std::set<std::string>{"mll-perhekahvila"});
}

TEST_CASE("age filter: services whose range covers the age, or that have none", "[search]") {
  SearchRequest r;
  r.age = 10;
  CHECK(all_ids(r) == std::set<std::string>{"orivesi-perheneuvola", "tre-perhekeskus", "kela-lapsilisa",
                                           "yritys-perhetyo", "nokia-aitiysneuvola"});
  r.age = 0;
  CHECK(all_ids(r).count("srk-perhekerho") == 0);  // 1-6
  CHECK(all_ids(r).count("mll-perhekahvila") == 1);
}

TEST_CASE("open_now uses Europe/Helsinki local time", "[search]") {
  SearchRequest r;
  r.open_now = true;
  // Monday 2026-11-23 10:00 Helsinki = 08:00 UTC (EET, UTC+2).
  r.now = std::chrono::system_clock::from_time_t(1795420800);  // 2026-11-23T08:00:00Z
  CHECK(all_ids(r) == std::set<std::string>{"tre-lastenneuvola"});
  r.now = std::chrono::system_clock::from_time_t(1795420800 + 7 * 3600);  // 17:00 local
  CHECK(all_ids(r).empty());
  r.open_now = false;
  r.q = "lastenneuvola";
  r.now = std::chrono::system_clock::from_time_t(1795420800);
  const auto res = fx().engine->search(r);
  REQUIRE_FALSE(res.hits.empty());
  CHECK(res.hits[0].open_now == true);
}

TEST_CASE("bad filter values are invalid_parameter naming the parameter", "[search]") {
  struct Case {
    std::string field, value;
  };
  for (const auto& c : std::vector<Case>{{"municipality", "Atlantis"}, {"municipality", "9999"},
                                        {"region", "99"}, {"provider_type", "church"},
                                        {"service_class", "P999"}, {"cost", "cheap"},
                                        {"channel", "fax"}, {"language", "finnish"},
                                        {"colour", "red"}}) {
    INFO(c.field << "=" << c.value);
    try {
      fx().engine->search(filter(c.field, c.value));
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::invalid_parameter);
      CHECK(e.parameter() == c.field);
    }
  }
  SearchRequest r;
  r.per_page = 101;
  CHECK_THROWS_AS(fx().engine->search(r), Error);
  r.per_page = 10;
  r.sort = SortOrder::distance;  // without near
  CHECK_THROWS_AS(fx().engine->search(r), Error);
}

TEST_CASE("disjunctive facet counts equal the totals of the corresponding searches", "[search][facets]") {
  std::vector<SearchRequest> reqs;
  reqs.push_back({});
  reqs.push_back(filter("municipality", "837"));
  {
    SearchRequest r = filter("provider_type", "wellbeing_county");
    r.filters["service_class"] = {"P5.2"};
    reqs.push_back(r);
  }
  {
    // Two selective fields: the empty query evaluates only their postings.
    SearchRequest r = filter("provider_type", "parish");
    r.filters["cost"] = {"paid"};
    r.age = 4;
    reqs.push_back(r);
  }
  {
    SearchRequest r = filter("cost", "free");
    r.q = "perhe";
    r.age = 2;
    reqs.push_back(r);
  }
  {
    SearchRequest r = filter("language", "fi");
    r.filters["municipality"] = {"536", "562"};
    r.near = kTampere;
    r.radius_km = 30;
    reqs.push_back(r);
  }
  const std::vector<std::string> fields = {"municipality", "region", "provider_type", "service_class",
                                           "target_group", "life_event", "language", "cost", "channel"};
  for (const auto& base : reqs) {
    const auto res = fx().engine->search(base);
    for (const auto& field : fields) {
      for (const auto& fc : res.facets.at(field)) {
        // Brute force: the same request with this field's selection
        // replaced by the value must find exactly `count` records.
        SearchRequest r = base;
        r.filters[field] = {fc.value};
        INFO("q=" << base.q << " field=" << field << " value=" << fc.value);
        CHECK(fx().engine->search(r).total == fc.count);
        CHECK_FALSE(fc.label.empty());
      }
    }
    // Age counts: services covering the age.
    for (const auto& fc : res.facets.at("age")) {
      SearchRequest r = base;
      r.age = std::stoi(fc.value);
      CHECK(fx().engine->search(r).total == fc.count);
    }
  }
  // Labels in the requested language.
  SearchRequest r;
  r.lang = Lang::sv;
  const auto res = fx().engine->search(r);
  CHECK(facet_count(res, "municipality", "837") == 5);
  bool found = false;
  for (const auto& fc : res.facets.at("municipality"))
    if (fc.value == "837") found = fc.label == "Tammerfors";
  CHECK(found);
}

TEST_CASE("distance sort and radius against known coordinates", "[search][geo]") {
  SearchRequest r;
  r.near = kTampere;
  r.sort = SortOrder::distance;
  r.filters["service_class"] = {"P5.2", "P3.7"};
  r.per_page = 10;
  const auto res = fx().engine->search(r);
  CHECK(ids(res) == std::vector<std::string>{"tre-lastenneuvola", "tre-perhekeskus", "nokia-aitiysneuvola",
                                             "orivesi-perheneuvola"});
  REQUIRE(res.hits[0].distance_km);
  CHECK(*res.hits[0].distance_km == Approx(0).margin(0.01));
  CHECK(*res.hits[2].distance_km == Approx(distance_km(kTampere, kNokia)).margin(0.01));
  CHECK(*res.hits[2].distance_km == Approx(13.6).margin(0.5));
  CHECK(*res.hits[3].distance_km == Approx(36).margin(2));

  r.radius_km = 20;
  CHECK(ids(fx().engine->search(r)) ==
        std::vector<std::string>{"tre-lastenneuvola", "tre-perhekeskus", "nokia-aitiysneuvola"});

  // Relevance with a location prefers the nearer of equally matching services.
  SearchRequest n;
  n.q = "neuvola";
  n.near = kNokia;
  const auto nr = fx().engine->search(n);
  REQUIRE(nr.hits.size() >= 2);
  CHECK(nr.hits[0].id == "nokia-aitiysneuvola");
}

TEST_CASE("paging covers every hit once and beyond the end is empty", "[search]") {
  std::set<std::string> seen;
  std::size_t total = 0;
  for (int page = 1; page <= 4; ++page) {
    SearchRequest r;
    r.per_page = 3;
    r.page = page;
    const auto res = fx().engine->search(r);
    total = res.total;
    CHECK(res.hits.size() <= 3);
    for (const auto& h : res.hits) CHECK(seen.insert(h.id).second);
  }
  CHECK(seen.size() == total);
  SearchRequest r;
  r.page = 500;
  const auto res = fx().engine->search(r);
  CHECK(res.hits.empty());
  CHECK(res.total == fx().records.size());
  r.q = "perhe";
  CHECK(fx().engine->search(r).hits.empty());
  r.page = 2147483647;  // far beyond the end: still no error
  r.per_page = 100;
  CHECK(fx().engine->search(r).hits.empty());
  r.q.clear();
  CHECK(fx().engine->search(r).hits.empty());
  r.page = 0;
  CHECK_THROWS_AS(fx().engine->search(r), Error);
}

TEST_CASE("text search finds inflected forms and compound parts", "[search]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"lastenneuvola", "tre-lastenneuvola"}, {"neuvolaan", "tre-lastenneuvola"},
      {"perhekeskukseen", "tre-perhekeskus"}, {"aitiysneuvola", "nokia-aitiysneuvola"},
      {"barnbidrag", "kela-lapsilisa"},       {"perhekerho nokia", "srk-perhekerho"}};
  for (const auto& [q, id] : cases) {
    INFO(q);
    SearchRequest r;
    r.q = q;
    const auto got = ids(fx().engine->search(r));
    CHECK(std::find(got.begin(), got.end(), id) != got.end());
  }
}

TEST_CASE("query syntax is plain text, never an error", "[search]") {
  for (const char* q : {"\"neuvola", "neuvola AND (", "*", "NEAR/3 perhe", "perhe*", "-", "((((", "\\", "'"}) {
    INFO(q);
    SearchRequest r;
    r.q = q;
    CHECK_NOTHROW(fx().engine->search(r));
  }
}

TEST_CASE("when not every word matches, results are relaxed instead of empty", "[search]") {
  SearchRequest r;
  r.q = "neuvola xqzvyk";
  const auto res = fx().engine->search(r);
  CHECK(res.relaxed);
  CHECK(res.total >= 2);
}

TEST_CASE("a misspelt query is corrected and says did you mean", "[search]") {
  // Either the analysis matches the misspelling through its correction
  // alternatives (then the results are for q, corrected == false) or the
  // engine re-runs the corrected query (corrected == true); both say
  // did you mean and find the right service first.
  for (const char* q : {"perhekahvla", "perhekahvla hervanta", "lapsilsä"}) {
    INFO(q);
    SearchRequest r;
    r.q = q;
    const auto res = fx().engine->search(r);
    REQUIRE(res.did_you_mean);
    CHECK(res.did_you_mean->find(std::string(q).rfind("lap", 0) == 0 ? "lapsilisä" : "perhekahvila") == 0);
    REQUIRE_FALSE(res.hits.empty());
    CHECK(res.hits[0].id == (std::string(q).rfind("lap", 0) == 0 ? "kela-lapsilisa" : "mll-perhekahvila"));
  }
  // A correctly spelt query gets no suggestion, nor does an inflected form
  // the index lacks as typed (its base form matched).
  for (const char* q : {"perhekahvila", "perhekahviloihin"}) {
    INFO(q);
    SearchRequest ok;
    ok.q = q;
    const auto res = fx().engine->search(ok);
    CHECK(res.total > 0);
    CHECK_FALSE(res.did_you_mean);
  }
  // Nothing matches as typed: the corrected query's results, marked.
  SearchRequest typo;
  typo.q = "xperhekahvilax";
  const auto res = fx().engine->search(typo);
  if (res.did_you_mean) {
    // Matched through the index's nearest word, or re-run corrected.
    CHECK(res.total > 0);
  } else {
    CHECK(res.total == 0);
  }
}

TEST_CASE("the word being typed is completed, not corrected", "[search]") {
  // As-you-type: the last word is a prefix of indexed words ("perhek" ->
  // perhekahvila). The index's nearest word ("perhe", which the typed word
  // goes on from) is no correction for it: no did you mean, and the results
  // are the completions'.
  for (const char* q : {"perhek", "perhekah", "perhekahv"}) {
    INFO(q);
    SearchRequest r;
    r.q = q;
    const auto res = fx().engine->search(r);
    CHECK_FALSE(res.did_you_mean);
    CHECK_FALSE(res.corrected);
    REQUIRE_FALSE(res.hits.empty());
    std::string name = res.hits[0].record->name.best(Lang::fi);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    CHECK(name.find(q) != std::string::npos);
  }
  // A typo the index has no word beginning with is still corrected.
  SearchRequest typo;
  typo.q = "perhekahvla";
  const auto res = fx().engine->search(typo);
  REQUIRE(res.did_you_mean);
  CHECK(res.did_you_mean->find("perhekahvila") == 0);
}

TEST_CASE("a 4-letter typo that finds nothing is corrected to a whole word", "[search]") {
  // Too short for the ordinary correction (which would guess wrong on
  // short words), but zero results would help nobody: one edit from a whole
  // word of the index's dictionary, searched corrected as did you mean.
  // "keho" (a word of Voikko's, in no text here) for "kerho", which the
  // index has only as a compound part (perhekerho) and the analysis
  // vocabulary as a word.
  for (const char* q : {"keho", "Keho"}) {
    INFO(q);
    SearchRequest r;
    r.q = q;
    const auto res = fx().engine->search(r);
    REQUIRE(res.did_you_mean);
    CHECK(res.did_you_mean->rfind("kerho", 0) == 0);
    CHECK(res.corrected);
    REQUIRE_FALSE(res.hits.empty());
    CHECK(res.hits[0].id == "srk-perhekerho");
  }
  // Nothing within one edit: still nothing, and no suggestion.
  SearchRequest none;
  none.q = "xqzw";
  const auto res = fx().engine->search(none);
  CHECK(res.total == 0);
  CHECK_FALSE(res.did_you_mean);
}

TEST_CASE("a word the index does not know is corrected before the others are searched alone", "[search]") {
  // "kela" matches as typed, "barnbidarg" only through the index's nearest
  // word (an alternative of it, or the corrected query): every word
  // required, not a relaxed search for "kela" alone.
  SearchRequest r;
  r.q = "barnbidarg kela";
  const auto res = fx().engine->search(r);
  REQUIRE(res.did_you_mean);
  CHECK(*res.did_you_mean == "barnbidrag kela");
  CHECK_FALSE(res.relaxed);
  REQUIRE_FALSE(res.hits.empty());
  CHECK(res.hits[0].id == "kela-lapsilisa");
  // A correction that does not make every word match is not used: the
  // words as typed, relaxed.
  r.q = "neuvola barnbidarg";
  const auto other = fx().engine->search(r);
  CHECK_FALSE(other.corrected);
  CHECK(other.relaxed);
  CHECK(other.total >= 2);
}

TEST_CASE("a word no reading of which is known also matches its index's nearest word", "[search]") {
  // Voikko's suggestions for "lasteneuvolassa" are words no record has
  // (kasteneuvolassa, ...); the index's dictionary has "lastenneuvola" one
  // edit from its start: an alternative of the word, so both words are
  // matched and the Hervanta child health clinic comes first.
  SearchRequest r;
  r.q = "lasteneuvolassa hervanta";
  const auto res = fx().engine->search(r);
  CHECK_FALSE(res.relaxed);
  REQUIRE_FALSE(res.hits.empty());
  CHECK(res.hits[0].id == "tre-lastenneuvola");
  REQUIRE(res.did_you_mean);
  CHECK(res.did_you_mean->find("lastenneuvola") == 0);
}

TEST_CASE("suggest completes partial and compound words", "[search][suggest]") {
  auto texts = [](const std::string& q) {
    std::vector<std::string> v;
    for (const auto& s : fx().engine->suggest(q, Lang::fi)) v.push_back(s.text);
    return v;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& t) {
    return std::find(v.begin(), v.end(), t) != v.end();
  };
  const auto neuv = texts("neuv");
  INFO("neuv -> " << neuv.size());
  CHECK(has(neuv, "Hervannan lastenneuvola"));
  CHECK(has(neuv, "Nokian äitiysneuvola"));
  const auto perhek = texts("perhek");
  CHECK(has(perhek, "Tampereen perhekeskus"));
  CHECK(has(perhek, "MLL:n perhekahvila Hervanta"));
  CHECK(has(perhek, "Nokian seurakunnan perhekerho"));
  CHECK(has(texts("aitiysn"), "Nokian äitiysneuvola"));
  CHECK(texts("zzzz").empty());
  const auto svc = fx().engine->suggest("tampereen perhek", Lang::fi);
  REQUIRE_FALSE(svc.empty());
  CHECK(svc[0].text == "Tampereen perhekeskus");
  CHECK(svc[0].kind == "service");
  CHECK(svc[0].id == "tre-perhekeskus");
}

TEST_CASE("snippets mark matches and escape everything else", "[search][snippet]") {
  SearchRequest r;
  r.q = "kahvila";
  const auto res = fx().engine->search(r);
  REQUIRE_FALSE(res.hits.empty());
  const std::string& s = res.hits[0].snippet;
  INFO(s);
  CHECK(s.find("<script>") == std::string::npos);
  CHECK(s.find("&lt;script&gt;") != std::string::npos);
  CHECK(s.find("&amp;") != std::string::npos);
  CHECK(s.find("<mark>") != std::string::npos);
  // Without a query the summary is shown, escaped.
  SearchRequest e;
  e.filters["provider_type"] = {"ngo"};
  const auto er = fx().engine->search(e);
  REQUIRE(er.hits.size() == 1);
  CHECK(er.hits[0].snippet.find("<script>") == std::string::npos);
}

TEST_CASE("get returns the stored record", "[search]") {
  const auto r = fx().engine->get("kela-lapsilisa");
  REQUIRE(r);
  CHECK(r->name.sv == "Barnbidrag");
  CHECK(r->area.whole_country);
  CHECK_FALSE(fx().engine->get("nope").has_value());
  CHECK(fx().engine->info().documents == fx().records.size());
}

TEST_CASE("reload picks up a rebuild and an update", "[search][reload]") {
  TempDir t;
  auto recs = sample_records();
  rebuild_index(t.index(), recs, index_options());
  EngineOptions eo = engine_options();
  eo.reload_interval_ms = 0;  // check on every request
  SearchEngine e(t.index(), eo);
  SearchRequest r;
  r.q = "vauvajooga";
  CHECK(e.search(r).total == 0);

  update_index(t.index(), {make("uusi", "Vauvajooga perheille")}, {}, index_options());
  CHECK(e.search(r).total == 1);  // update seen without an explicit reload
  SearchRequest f = filter("source", "test");
  CHECK(e.search(f).total == recs.size() + 1);  // facet columns include the new document

  recs.push_back(make("toinen", "Vauvajooga Nokia"));
  rebuild_index(t.index(), recs, index_options());
  CHECK(e.search(r).total == 1);  // the rebuild dropped "uusi" and added "toinen"
  CHECK(e.search(r).hits[0].id == "toinen");
  CHECK(e.info().generation == 2);
}
