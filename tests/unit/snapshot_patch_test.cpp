// snapshot_patch_test.cpp — the in-memory snapshot patched after in-place
// updates equals one built from scratch (facets, name order, ages,
// coordinates, hours), the change log the indexer keeps for it, and the
// chunked parallel rebuild giving the same index as a single writer.
// Real Xapian databases in fresh temp dirs.
#include <catch2/catch.hpp>
#include <xapian.h>

#include "engine_fixtures.h"
#include "index/change_log.h"
#include "index/index_config.h"
#include "search/snapshot.h"

using namespace engine_test;
using palveluhaku::search::Snapshot;

namespace {

void require_same(const Snapshot& a, const Snapshot& b) {
  CHECK(a.revision == b.revision);
  CHECK(a.doccount == b.doccount);
  CHECK(a.max_docid == b.max_docid);
  CHECK(a.generation == b.generation);
  CHECK(a.gid_field == b.gid_field);
  CHECK(a.gid_value == b.gid_value);
  CHECK(a.value_gid == b.value_gid);
  CHECK(a.whole_country_municipality == b.whole_country_municipality);
  CHECK(a.whole_country_region == b.whole_country_region);
  CHECK(a.doc_offsets == b.doc_offsets);
  CHECK(a.doc_gids == b.doc_gids);
  CHECK(a.gid_offsets == b.gid_offsets);
  CHECK(a.gid_docs == b.gid_docs);
  CHECK(a.docids == b.docids);
  CHECK(a.alive == b.alive);
  CHECK(a.name_rank == b.name_rank);
  CHECK(a.age_min == b.age_min);
  CHECK(a.age_max == b.age_max);
  CHECK(a.has_age == b.has_age);
  CHECK(a.coord_offsets == b.coord_offsets);
  REQUIRE(a.coords.size() == b.coords.size());
  for (std::size_t i = 0; i < a.coords.size(); ++i) {
    CHECK(a.coords[i].lat == b.coords[i].lat);
    CHECK(a.coords[i].lon == b.coords[i].lon);
  }
  CHECK(a.unit == b.unit);
  CHECK(a.hours_index == b.hours_index);
  REQUIRE(a.hours.size() == b.hours.size());
  for (std::size_t i = 0; i < a.hours.size(); ++i) {
    REQUIRE(a.hours[i].size() == b.hours[i].size());
    for (std::size_t l = 0; l < a.hours[i].size(); ++l) {
      REQUIRE(a.hours[i][l].size() == b.hours[i][l].size());
      for (std::size_t e = 0; e < a.hours[i][l].size(); ++e) {
        const auto &x = a.hours[i][l][e], &y = b.hours[i][l][e];
        CHECK(x.kind == y.kind);
        CHECK(x.valid_from == y.valid_from);
        CHECK(x.closed == y.closed);
        REQUIRE(x.days.size() == y.days.size());
        for (std::size_t k = 0; k < x.days.size(); ++k) {
          CHECK(x.days[k].weekday == y.days[k].weekday);
          CHECK(x.days[k].open_min == y.days[k].open_min);
          CHECK(x.days[k].close_min == y.days[k].close_min);
        }
      }
    }
    CHECK(a.weekly[i].complex == b.weekly[i].complex);
    CHECK(a.weekly[i].intervals == b.weekly[i].intervals);
  }
}

ServiceRecord with_place(ServiceRecord r, const std::string& muni, GeoPoint p, bool hours) {
  r.area.municipalities = {muni};
  r.locations = {location(muni, p)};
  if (hours) r.locations[0].hours.push_back(weekday_hours());
  return r;
}

}  // namespace

TEST_CASE("change log: the docids of every commit in a revision range", "[index][snapshot]") {
  using palveluhaku::index::append_change;
  using palveluhaku::index::changes_between;
  std::string log = append_change("", 5, {7, 3, 3});
  log = append_change(log, 6, {2});
  log = append_change(log, 7, {});
  struct Case {
    Xapian::rev from, to;
    std::optional<std::vector<Xapian::docid>> want;
  };
  const std::vector<Case> cases = {
      {4, 5, std::vector<Xapian::docid>{3, 7}},
      {4, 7, std::vector<Xapian::docid>{2, 3, 7}},
      {5, 6, std::vector<Xapian::docid>{2}},
      {6, 7, std::vector<Xapian::docid>{}},
      {7, 7, std::vector<Xapian::docid>{}},
      {3, 7, std::nullopt},  // revision 4 is not in the log
      {7, 8, std::nullopt},  // not yet written
      {7, 6, std::nullopt},  // backwards
  };
  for (const auto& c : cases) {
    INFO(c.from << ".." << c.to);
    CHECK(changes_between(log, c.from, c.to) == c.want);
  }
  // A bulk commit is "*": no list, so readers rebuild.
  std::vector<Xapian::docid> many(palveluhaku::index::kChangeLogMaxDocs + 1);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<Xapian::docid>(i + 1);
  const std::string bulk = append_change(log, 8, many);
  CHECK_FALSE(changes_between(bulk, 7, 8).has_value());
  CHECK(changes_between(bulk, 6, 7) == std::optional<std::vector<Xapian::docid>>(std::vector<Xapian::docid>{}));
  // Only the last kChangeLogCommits commits are kept.
  std::string longlog;
  for (Xapian::rev r = 1; r <= 40; ++r) longlog = append_change(longlog, r, {static_cast<Xapian::docid>(r)});
  CHECK_FALSE(changes_between(longlog, 0, 40).has_value());
  CHECK(changes_between(longlog, 38, 40) == std::optional<std::vector<Xapian::docid>>(std::vector<Xapian::docid>{39, 40}));
  CHECK_FALSE(changes_between("x 1 2\n", 0, 1).has_value());  // malformed
}

TEST_CASE("a snapshot patched after updates equals a freshly built one", "[index][snapshot]") {
  TempDir t;
  const auto base = sample_records();
  rebuild_index(t.index(), base, index_options());
  const std::string path = live_generation_path(t.index());
  Xapian::Database db(path);
  std::shared_ptr<const Snapshot> prev = Snapshot::build(db, path);

  struct Step {
    const char* what;
    std::vector<ServiceRecord> upserts;
    std::vector<std::string> deletes;
    int commits = 1;  // the same step committed this many times before the patch
  };
  auto added = make("upd-uusi", "Aaltosen uusi perhetupa");  // sorts first by name
  added = with_place(added, "091", GeoPoint{60.1699, 24.9384}, true);  // Helsinki: a new municipality
  added.age_min = 2;
  added.age_max = 5;
  added.service_classes = {"P5.2"};
  auto moved = with_place(base[1], "837", GeoPoint{61.50, 23.76}, true);  // Nokia -> Tampere, hours
  moved.name.fi = "Ööpinen äitiysneuvola";                                // sorts last
  moved.age_min = 0;
  auto renamed = base[3];
  renamed.name.fi = "Keskimmäinen kahvila";
  renamed.locations.clear();  // no coordinates, no hours any more
  renamed.age_min.reset();
  renamed.age_max.reset();
  auto second = make("upd-toinen", "Toinen uusi palvelu");
  second.area.whole_country = false;
  second.area.municipalities = {"536"};
  const std::vector<Step> steps = {
      {"add a record with a new municipality, age, hours", {added}, {}},
      {"replace a record: other municipality, coordinates, hours, name", {moved}, {}},
      {"replace a record without locations or ages", {renamed}, {}},
      {"delete the only record in Helsinki (its values go)", {}, {"upd-uusi"}},
      {"two commits between reloads", {second}, {}, 2},
      {"add and delete in one commit, re-add a deleted id", {added}, {"upd-toinen", base[0].id}},
      {"delete an id that is not there", {}, {"no-such-id"}},
  };
  for (const auto& step : steps) {
    INFO(step.what);
    for (int i = 0; i < step.commits; ++i) update_index(t.index(), step.upserts, step.deletes, index_options());
    db.reopen();
    auto patched = Snapshot::update(*prev, db, path);
    auto fresh = Snapshot::build(db, path);
    CHECK(patched->patched);
    CHECK_FALSE(fresh->patched);
    require_same(*patched, *fresh);
    prev = patched;
  }

  SECTION("a log that does not reach back means a full build") {
    {
      Xapian::WritableDatabase w(path, Xapian::DB_OPEN);
      w.set_metadata(palveluhaku::index::kChangesMetadataKey, "");
      w.commit();
    }
    db.reopen();
    auto s = Snapshot::update(*prev, db, path);
    CHECK_FALSE(s->patched);
    require_same(*s, *Snapshot::build(db, path));
  }
  SECTION("a new generation means a full build") {
    rebuild_index(t.index(), base, index_options());
    const std::string path2 = live_generation_path(t.index());
    Xapian::Database db2(path2);
    auto s = Snapshot::update(*prev, db2, path2);
    CHECK_FALSE(s->patched);
    CHECK(s->doccount == base.size());
  }
}

TEST_CASE("the engine finds an updated record after a patched reload", "[index][snapshot]") {
  TempDir t;
  rebuild_index(t.index(), sample_records(), index_options());
  SearchEngine e(t.index(), engine_options());
  auto r = with_place(make("upd-helsinki", "Kumpulan perhekahvila"), "091", GeoPoint{60.2, 24.96}, true);
  update_index(t.index(), {r}, {}, index_options());
  e.reload_if_changed();
  SearchRequest q;
  q.q = "kumpulan";
  q.filters["municipality"] = {"091"};
  q.near = GeoPoint{60.2, 24.96};
  const auto res = e.search(q);
  REQUIRE(res.total == 1);
  CHECK(res.hits[0].record->id == "upd-helsinki");
  update_index(t.index(), {}, {"upd-helsinki"}, index_options());
  e.reload_if_changed();
  CHECK(e.search(q).total == 0);
}

TEST_CASE("a chunked parallel rebuild writes the same index as a single writer", "[index][shards]") {
  std::vector<ServiceRecord> recs;
  const auto base = sample_records();
  for (int i = 0; i < 2100; ++i) {
    ServiceRecord r = base[static_cast<std::size_t>(i) % base.size()];
    r.id = "rec-" + std::to_string(i);
    r.name.fi += " " + std::to_string(i % 97);
    recs.push_back(r);
  }
  recs.push_back(recs[7]);  // a duplicated id: the last one wins, in its first place
  recs.back().name.fi = "Viimeinen versio";
  TempDir one, many;
  IndexOptions o1 = index_options();
  o1.threads = 1;
  o1.batch_size = 100000;  // one database, no merge
  IndexOptions o2 = index_options();
  o2.threads = 3;
  o2.batch_size = 20;  // 105 chunks: two levels of merging
  const IndexStats s1 = rebuild_index(one.index(), recs, o1);
  const IndexStats s2 = rebuild_index(many.index(), recs, o2);
  CHECK(s1.documents == 2100);
  CHECK(s2.documents == 2100);
  CHECK(s1.added == s2.added);
  CHECK(s1.replaced == s2.replaced);
  for (const auto& e : std::filesystem::directory_iterator(many.index()))
    CHECK(e.path().filename().string().find(".shard") == std::string::npos);

  Xapian::Database a(live_generation_path(one.index())), b(live_generation_path(many.index()));
  REQUIRE(a.get_lastdocid() == b.get_lastdocid());
  for (Xapian::docid d = 1; d <= a.get_lastdocid(); d += 13) {
    INFO("docid " << d);
    const Xapian::Document da = a.get_document(d), dbd = b.get_document(d);
    CHECK(da.get_data() == dbd.get_data());
    std::vector<std::pair<std::string, Xapian::termcount>> ta, tb;
    for (auto it = da.termlist_begin(); it != da.termlist_end(); ++it) ta.emplace_back(*it, it.get_wdf());
    for (auto it = dbd.termlist_begin(); it != dbd.termlist_end(); ++it) tb.emplace_back(*it, it.get_wdf());
    CHECK(ta == tb);
    for (unsigned slot = 0; slot < 5; ++slot) CHECK(da.get_value(slot) == dbd.get_value(slot));
  }
  CHECK(a.get_termfreq("perhekahvila") == b.get_termfreq("perhekahvila"));
  std::vector<std::pair<std::string, Xapian::doccount>> sa, sb;  // the spelling tables
  for (auto it = a.spellings_begin(); it != a.spellings_end(); ++it) sa.emplace_back(*it, it.get_termfreq());
  for (auto it = b.spellings_begin(); it != b.spellings_end(); ++it) sb.emplace_back(*it, it.get_termfreq());
  CHECK(!sa.empty());
  CHECK(sa == sb);
  CHECK(a.get_metadata(palveluhaku::index::kConfigMetadataKey) ==
        b.get_metadata(palveluhaku::index::kConfigMetadataKey));

  SearchEngine ea(one.index(), engine_options()), eb(many.index(), engine_options());
  for (const char* q : {"perhekahvila", "neuvola", "lapsilisä", "perhekahvla", ""}) {
    INFO(q);
    SearchRequest r;
    r.q = q;
    r.near = kTampere;
    const auto ra = ea.search(r), rb = eb.search(r);
    CHECK(ra.total == rb.total);
    CHECK(ra.did_you_mean == rb.did_you_mean);
    REQUIRE(ra.hits.size() == rb.hits.size());
    for (std::size_t i = 0; i < ra.hits.size(); ++i) CHECK(ra.hits[i].record->id == rb.hits[i].record->id);
  }
  CHECK(eb.get("rec-7")->name.fi == "Viimeinen versio");
}

// What the search precomputes per snapshot (search/facet_rows.h: the value
// columns and the groups of documents sharing their listed municipalities;
// search/snapshot.h: the open documents of a minute as a bitmap) follows an
// in-place update: after the reload, counting by columns gives exactly what
// a fresh engine walking the rows gives, and the moved records are counted
// where they went. 400 services, so that a municipality of a dozen is listed
// rather than a bitmap (1/32 of the docids) and 8 sharing one is a group.
TEST_CASE("facet columns, their groups and open_now follow an in-place update", "[index][snapshot][facets]") {
  TempDir t;
  const std::vector<std::string> singles = {
      "005", "009", "010", "016", "018", "019", "020", "035", "043", "046", "047", "049", "050", "051",
      "052", "060", "061", "062", "065", "069", "071", "072", "074", "075", "076", "077", "078", "079",
      "081", "082", "086", "090", "092", "097", "098", "102", "103", "105", "106", "108"};
  const std::vector<std::string> shared = {"139", "140", "142"};   // a group of 10 at first
  const std::vector<std::string> moved_to = {"139", "140", "143"};  // 4 of them move here
  const std::vector<std::string> fresh = {"145", "146"};            // 9 new ones: a new group
  std::vector<ServiceRecord> recs;
  for (std::size_t i = 0; i < 390; ++i) {
    auto r = make("single-" + std::to_string(i), "Perhekahvila " + std::to_string(i));
    r.area.municipalities = {singles[i % singles.size()]};
    recs.push_back(r);
  }
  std::vector<ServiceRecord> grouped;
  for (std::size_t i = 0; i < 10; ++i) {
    auto r = make("shared-" + std::to_string(i), "Perhekahvila yhteinen " + std::to_string(i));
    r.area.municipalities = shared;
    grouped.push_back(r);
    recs.push_back(r);
  }
  rebuild_index(t.index(), recs, index_options());

  EngineOptions by_columns = engine_options();
  by_columns.facet_counting = FacetCounting::columns;
  by_columns.result_cache_entries = 0;
  SearchEngine e(t.index(), by_columns);
  SearchRequest q;
  q.q = "perhekahvila";
  q.now = std::chrono::sys_days{std::chrono::year{2026} / std::chrono::November / 25} + std::chrono::hours{8} +
          std::chrono::minutes{30};  // Wednesday 10:30 in Helsinki
  const auto count_of = [](const SearchResult& r, const std::string& field, const std::string& value) {
    for (const auto& fc : r.facets.at(field))
      if (fc.value == value) return fc.count;
    return std::size_t{0};
  };
  // The columns against a fresh engine over the same index that walks rows.
  const auto check_against_rows = [&](const SearchResult& got, const SearchRequest& req) {
    EngineOptions by_rows = engine_options();
    by_rows.facet_counting = FacetCounting::rows;
    by_rows.result_cache_entries = 0;
    const auto want = SearchEngine(t.index(), by_rows).search(req);
    CHECK(got.total == want.total);
    REQUIRE(got.facets.size() == want.facets.size());
    for (const auto& [field, list] : want.facets) {
      INFO("facet " << field);
      REQUIRE(got.facets.at(field).size() == list.size());
      for (std::size_t i = 0; i < list.size(); ++i) {
        CHECK(got.facets.at(field)[i].value == list[i].value);
        CHECK(got.facets.at(field)[i].count == list[i].count);
      }
    }
  };
  const auto before = e.search(q);
  REQUIRE(before.total == 400);
  CHECK(count_of(before, "municipality", "142") == 10);
  CHECK(count_of(before, "municipality", "143") == 0);
  CHECK(before.facets.at("open_now").empty());
  check_against_rows(before, q);

  // 4 of the group move (the 6 left are too few for a group), 9 new ones
  // share two other municipalities and are open on weekdays, 2 go.
  std::vector<ServiceRecord> upserts;
  for (std::size_t i = 0; i < 4; ++i) {
    auto r = grouped[i];
    r.area.municipalities = moved_to;
    upserts.push_back(r);
  }
  for (std::size_t i = 0; i < 9; ++i) {
    auto r = make("fresh-" + std::to_string(i), "Perhekahvila uusi " + std::to_string(i));
    r.area.municipalities = fresh;
    r.locations = {location(fresh[0], kTampere)};
    r.locations[0].hours.push_back(weekday_hours());
    upserts.push_back(r);
  }
  update_index(t.index(), upserts, {"single-0", "single-1"}, index_options());
  e.reload_if_changed();
  const auto after = e.search(q);
  CHECK(after.total == 400 + 9 - 2);
  CHECK(count_of(after, "municipality", "142") == 6);
  CHECK(count_of(after, "municipality", "143") == 4);
  CHECK(count_of(after, "municipality", "139") == 10);
  CHECK(count_of(after, "municipality", "145") == 9);
  CHECK(count_of(after, "open_now", "true") == 9);
  check_against_rows(after, q);
  // Only the open ones (the open_now filter from the minute's bitmap).
  SearchRequest open_q = q;
  open_q.open_now = true;
  const auto open = e.search(open_q);
  CHECK(open.total == 9);
  CHECK(count_of(open, "municipality", "146") == 9);
  check_against_rows(open, open_q);
}
