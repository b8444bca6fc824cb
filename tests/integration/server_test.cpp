// server_test.cpp — the real palveluhaku-server (HttpServer) on a loopback
// port 0, against a real Xapian index built in a fresh temp dir from
// tests/fixtures/server/services.json, driven with httplib::Client.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http_server.h"
#include "palveluhaku/error.h"
#include "palveluhaku/geo.h"
#include "palveluhaku/index.h"
#include "palveluhaku/options.h"
#include "palveluhaku/paths.h"
#include "palveluhaku/record_json.h"
#include "palveluhaku/search.h"
#include "params.h"
#include "server_options.h"

namespace fs = std::filesystem;
using nlohmann::json;
using palveluhaku::ServiceRecord;
namespace ps = palveluhaku::server;

namespace {

std::vector<ServiceRecord> fixture_records() {
  const std::string path =
      std::string(PALVELUHAKU_SOURCE_DIR) + "/tests/fixtures/server/services.json";
  std::ifstream in(path);
  REQUIRE(in);
  const json all = json::parse(in);
  std::vector<ServiceRecord> out;
  std::vector<palveluhaku::Problem> problems;
  for (std::size_t i = 0; i < all.size(); ++i) {
    ServiceRecord r;
    palveluhaku::SourcePlace place{path, 0, "/" + std::to_string(i)};
    REQUIRE(palveluhaku::record_from_json(all[i], place, r, problems));
    out.push_back(std::move(r));
  }
  return out;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() /
           ("palveluhaku-server-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// A server on port 0 over a fresh index of the fixture records.
struct TestServer {
  TempDir dir;
  std::vector<ServiceRecord> records = fixture_records();
  std::unique_ptr<palveluhaku::SearchEngine> engine;
  std::unique_ptr<ps::HttpServer> server;
  std::unique_ptr<httplib::Client> client;

  explicit TestServer(const std::function<void(ps::ServerOptions&)>& tweak = {}) {
    const fs::path index = dir.path / "index";
    fs::create_directories(index);
    palveluhaku::rebuild_index(index.string(), records, palveluhaku::IndexOptions{});
    palveluhaku::EngineOptions eo;
    eo.reload_interval_ms = 20;
    engine = std::make_unique<palveluhaku::SearchEngine>(index.string(), eo);
    ps::ServerOptions o;
    o.index_dir = index.string();
    o.port = 0;
    o.threads = 4;
    o.web_dir = (dir.path / "web").string();
    if (tweak) tweak(o);
    server = std::make_unique<ps::HttpServer>(*engine, o);
    server->start();
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
    client->set_read_timeout(10, 0);
  }
  ~TestServer() {
    client.reset();
    server->stop();
  }

  httplib::Result get(const std::string& target, const httplib::Headers& h = {}) {
    return client->Get(target.c_str(), h);
  }
  json get_json(const std::string& target, int expect_status = 200) {
    auto r = get(target);
    REQUIRE(r);
    INFO(target << " -> " << r->status << " " << r->body.substr(0, 500));
    REQUIRE(r->status == expect_status);
    REQUIRE(r->get_header_value("Content-Type").find("application/json") == 0);
    return json::parse(r->body);
  }
  std::set<std::string> ids(const std::string& query) {
    json j = get_json("/api/v1/search?per_page=100&" + query);
    // Every match fits on the page; after them come the fill hits (services
    // matching only some words, or related), which `total` does not count.
    std::set<std::string> out;
    const std::size_t matches = j["hits"].size() - j["filled"].get<std::size_t>();
    for (std::size_t i = 0; i < matches; ++i) out.insert(j["hits"][i]["id"].get<std::string>());
    CHECK(out.size() == j["total"].get<std::size_t>());
    return out;
  }
  const ServiceRecord& record(const std::string& id) const {
    for (const auto& r : records)
      if (r.id == id) return r;
    FAIL("no fixture record " << id);
    return records.front();
  }
};

std::size_t count_of(const json& facet_list, const std::string& value) {
  for (const auto& e : facet_list)
    if (e["value"] == value) return e["count"].get<std::size_t>();
  return 0;
}

}  // namespace

TEST_CASE("a short result is filled after its matches, and the API says which hits are fill",
          "[server]") {
  TestServer t;
  // Two fixture services are family clubs; a page of 5 is filled with others.
  json j = t.get_json("/api/v1/search?q=perhekerho&per_page=5&facets=false");
  const auto total = j["total"].get<std::size_t>();
  const auto& hits = j["hits"];
  REQUIRE(total >= 1);
  REQUIRE(total < hits.size());
  CHECK(j["filled"].get<std::size_t>() == hits.size() - total);
  // The matches first, then "some", then "related": never back to a better tier.
  auto rank = [](const json& h) {
    const std::string m = h["match"].get<std::string>();
    return m == "all" ? 0 : m == "some" ? 1 : m == "related" ? 2 : 99;
  };
  for (std::size_t i = 0; i < hits.size(); ++i) {
    CHECK(rank(hits[i]) < 99);
    CHECK((rank(hits[i]) == 0) == (i < total));
    if (i > 0) CHECK(rank(hits[i - 1]) <= rank(hits[i]));
  }
  // A page that ends with the matches is not filled.
  json exact = t.get_json("/api/v1/search?q=perhekerho&per_page=" + std::to_string(total) + "&facets=false");
  CHECK(exact["filled"] == 0);
  CHECK(exact["hits"].size() == total);

}

TEST_CASE("search answers with the documented shape", "[server]") {
  TestServer t;
  json j = t.get_json("/api/v1/search?q=perheneuvola");
  REQUIRE(j["total"].get<int>() >= 2);
  CHECK(j["page"] == 1);
  CHECK(j["per_page"] == 20);
  CHECK(j.contains("did_you_mean"));
  for (const auto& h : j["hits"]) {
    for (const char* key : {"id", "source", "source_id", "name", "provider", "municipality",
                            "summary", "snippet", "url"})
      CHECK(h.contains(key));
    CHECK(h["provider"].contains("name"));
    CHECK(h["provider"].contains("type"));
    CHECK(h["url"].get<std::string>().find("/palvelu/") == 0);
    CHECK_FALSE(h.contains("distance_km"));  // no location given
  }
  const json& first = j["hits"][0];
  CHECK(first["municipality"].is_object());
  for (const auto& f : {"municipality", "region", "provider_type", "service_class",
                        "target_group", "life_event", "language", "cost", "channel"})
    CHECK(j["facets"].contains(f));
  // Snippets are HTML: matches in <mark>, source text escaped.
  bool marked = false;
  for (const auto& h : j["hits"])
    if (h["snippet"].get<std::string>().find("<mark>") != std::string::npos) marked = true;
  CHECK(marked);
}

TEST_CASE("empty q lists everything matching the filters", "[server]") {
  TestServer t;
  json j = t.get_json("/api/v1/search");
  CHECK(j["total"] == t.records.size());
  CHECK(j["hits"].size() == t.records.size());
  json only = t.get_json("/api/v1/search?q=&provider_type=parish");
  REQUIRE(only["total"] == 1);
  CHECK(only["hits"][0]["id"] == "fx-perhekerho-seurakunta");
}

TEST_CASE("every filter parameter narrows the results as documented", "[server]") {
  TestServer t;
  struct Case {
    std::string query;
    std::set<std::string> must;      // ids that must be in the results
    std::set<std::string> must_not;  // ids that must not
    bool exact;                      // must is the whole result
  };
  const std::vector<Case> cases = {
      {"municipality=837",
       {"fx-neuvola-hervanta", "fx-perheneuvola-tampere", "fx-perhekahvila-mll",
        "fx-perhekerho-seurakunta", "fx-xss-kerho"},
       {"fx-perhekeskus-nokia", "fx-perheneuvola-helsinki", "fx-lastensuojelu-espoo"}, false},
      {"municipality=Tampere", {"fx-neuvola-hervanta", "fx-perheneuvola-tampere"},
       {"fx-perhekeskus-nokia", "fx-perheneuvola-helsinki"}, false},
      {"municipality=Tammerfors", {"fx-neuvola-hervanta"}, {"fx-perheneuvola-helsinki"}, false},
      {"municipality=536&municipality=091",
       {"fx-perhekeskus-nokia", "fx-perheneuvola-helsinki", "fx-varhaiskasvatus-helsinki"},
       {"fx-neuvola-hervanta", "fx-lastensuojelu-espoo"}, true},
      {"municipality=536,049", {"fx-perhekeskus-nokia", "fx-lastensuojelu-espoo"}, {}, true},
      {"region=06", {"fx-neuvola-hervanta", "fx-perhekeskus-nokia", "fx-eroneuvonta-kangasala"},
       {"fx-perheneuvola-helsinki", "fx-lastensuojelu-espoo", "fx-familjeradgivning-abo"}, false},
      {"provider_type=parish", {"fx-perhekerho-seurakunta"}, {}, true},
      {"provider_type=ngo", {"fx-perhekahvila-mll", "fx-eroneuvonta-kangasala", "fx-xss-kerho"}, {},
       true},
      {"provider_type=private_company", {"fx-perheterapia-oy"}, {}, true},
      {"service_class=P3.8", {"fx-lastensuojelu-espoo"}, {}, true},
      {"service_class=P3.4", {"fx-varhaiskasvatus-helsinki"}, {}, true},
      {"service_class=p3.5", {"fx-eroneuvonta-kangasala"}, {}, true},
      {"service_class=P3",  // a parent class matches its children
       {"fx-neuvola-hervanta", "fx-lastensuojelu-espoo", "fx-varhaiskasvatus-helsinki",
        "fx-eroneuvonta-kangasala"},
       {}, false},
      {"service_class=P4.12", {"fx-perhekahvila-mll"}, {}, true},
      {"target_group=KR1.2", {"fx-neuvola-hervanta", "fx-familjeradgivning-abo"}, {}, false},
      {"life_event=KE7",
       {"fx-perheneuvola-tampere", "fx-perheterapia-oy", "fx-eroneuvonta-kangasala"}, {}, true},
      {"life_event=KE1",
       {"fx-neuvola-hervanta", "fx-perhekeskus-nokia", "fx-xss-kerho"}, {}, true},
      {"language=sv",
       {"fx-neuvola-hervanta", "fx-perheneuvola-helsinki", "fx-lastensuojelu-espoo",
        "fx-familjeradgivning-abo"},
       {}, true},
      {"cost=paid", {"fx-varhaiskasvatus-helsinki", "fx-perheterapia-oy"}, {}, true},
      {"cost=partly", {"fx-eroneuvonta-kangasala"}, {}, true},
      {"cost=free&cost=partly", {"fx-eroneuvonta-kangasala", "fx-neuvola-hervanta"},
       {"fx-perheterapia-oy", "fx-varhaiskasvatus-helsinki"}, false},
      {"channel=eservice", {"fx-varhaiskasvatus-helsinki"}, {}, true},
      {"channel=web", {"fx-perheneuvola-tampere", "fx-perheterapia-oy"}, {}, false},
      {"channel=location", {"fx-neuvola-hervanta", "fx-familjeradgivning-abo"},
       {"fx-perheterapia-oy"}, false},
      {"age=10",
       {"fx-perheneuvola-tampere", "fx-perhekeskus-nokia", "fx-perheneuvola-helsinki",
        "fx-lastensuojelu-espoo", "fx-eroneuvonta-kangasala", "fx-familjeradgivning-abo"},
       {"fx-neuvola-hervanta", "fx-perhekahvila-mll", "fx-perhekerho-seurakunta",
        "fx-varhaiskasvatus-helsinki", "fx-xss-kerho"},
       false},
      {"age=0", {"fx-neuvola-hervanta", "fx-xss-kerho"}, {"fx-varhaiskasvatus-helsinki"}, false},
      {"open_now=true", {"fx-perhekahvila-mll"}, {"fx-perheterapia-oy"}, false},
      {"municipality=837&provider_type=wellbeing_county",
       {"fx-neuvola-hervanta", "fx-perheneuvola-tampere"}, {}, true},
      {"q=perheneuvola&municipality=091", {"fx-perheneuvola-helsinki"},
       {"fx-perheneuvola-tampere"}, false},
      {"municipality=", {"fx-neuvola-hervanta", "fx-lastensuojelu-espoo"}, {}, false},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    const auto got = t.ids(c.query);
    for (const auto& id : c.must) CHECK(got.count(id) == 1);
    for (const auto& id : c.must_not) CHECK(got.count(id) == 0);
    if (c.exact) CHECK(got == c.must);
  }
}

TEST_CASE("facet counts are disjunctive", "[server]") {
  TestServer t;
  // Selecting a municipality keeps the other municipalities' counts (the
  // field's own selection is ignored) but narrows every other field.
  json sel = t.get_json("/api/v1/search?municipality=837&provider_type=wellbeing_county");
  json all = t.get_json("/api/v1/search");
  REQUIRE(sel["facets"]["municipality"].is_array());

  for (const auto& e : sel["facets"]["municipality"]) {
    const std::string v = e["value"];
    INFO("municipality " << v);
    // = total when only provider_type is selected and municipality is v.
    json one = t.get_json("/api/v1/search?per_page=1&provider_type=wellbeing_county&municipality=" + v);
    CHECK(e["count"] == one["total"]);
  }
  CHECK(count_of(sel["facets"]["municipality"], "536") == 1);  // Nokia, though 837 is selected
  for (const auto& e : sel["facets"]["provider_type"]) {
    const std::string v = e["value"];
    INFO("provider_type " << v);
    json one = t.get_json("/api/v1/search?per_page=1&municipality=837&provider_type=" + v);
    CHECK(e["count"] == one["total"]);
  }
  CHECK(count_of(sel["facets"]["provider_type"], "parish") == 1);
  CHECK(count_of(sel["facets"]["provider_type"], "municipality") == 0);
  // Other fields respect both selections.
  for (const auto& e : sel["facets"]["cost"]) {
    const std::string v = e["value"];
    json one = t.get_json("/api/v1/search?per_page=1&municipality=837&provider_type=wellbeing_county&cost=" + v);
    CHECK(e["count"] == one["total"]);
  }
  // Without selections the counts are plain counts.
  CHECK(count_of(all["facets"]["provider_type"], "ngo") == 3);
  CHECK(count_of(all["facets"]["cost"], "paid") == 2);
  // Labels are in the requested language.
  json sv = t.get_json("/api/v1/search?lang=sv");
  bool tammerfors = false;
  for (const auto& e : sv["facets"]["municipality"])
    if (e["value"] == "837") tammerfors = e["label"] == "Tammerfors";
  CHECK(tammerfors);
}

TEST_CASE("near me sorts by distance from known coordinates", "[server]") {
  TestServer t;
  const palveluhaku::GeoPoint centre{61.493081, 23.779917};  // postcode 33100 centroid
  auto check_sorted = [&](const json& j) {
    double last = -1;
    for (const auto& h : j["hits"]) {
      if (!h.contains("distance_km")) continue;  // services without a place come last
      const double d = h["distance_km"];
      CHECK(d >= last);
      last = d;
      const ServiceRecord& r = t.record(h["id"]);
      REQUIRE_FALSE(r.locations.empty());
      CHECK(d == Approx(palveluhaku::distance_km(centre, *r.locations[0].coord)).margin(0.05));
    }
  };
  json j = t.get_json("/api/v1/search?sort=distance&per_page=100&near=61.493081,23.779917");
  REQUIRE(j["total"] == t.records.size());
  CHECK(j["hits"][0]["id"] == "fx-perheneuvola-tampere");  // 0 km
  CHECK(j["hits"][0]["distance_km"].get<double>() < 0.05);
  check_sorted(j);
  // The farthest with a place is Helsinki/Espoo/Turku, after all of Pirkanmaa.
  std::vector<std::string> order;
  for (const auto& h : j["hits"]) order.push_back(h["id"]);
  auto pos = [&](const std::string& id) {
    return std::find(order.begin(), order.end(), id) - order.begin();
  };
  CHECK(pos("fx-perhekeskus-nokia") < pos("fx-perheneuvola-helsinki"));
  CHECK(pos("fx-eroneuvonta-kangasala") < pos("fx-familjeradgivning-abo"));

  // postcode= and near_municipality= resolve to the same point here.
  json pc = t.get_json("/api/v1/search?sort=distance&per_page=100&postcode=33100");
  check_sorted(pc);
  CHECK(pc["hits"][0]["id"] == "fx-perheneuvola-tampere");
  json nm = t.get_json("/api/v1/search?sort=distance&per_page=100&near_municipality=Tampere");
  check_sorted(nm);
  CHECK(nm["hits"][0]["id"] == "fx-perheneuvola-tampere");

  // radius_km keeps what lies within it.
  json r = t.get_json("/api/v1/search?sort=distance&per_page=100&near=61.493081,23.779917&radius_km=20");
  for (const auto& h : r["hits"]) {
    REQUIRE(h.contains("distance_km"));
    CHECK(h["distance_km"].get<double>() <= 20.0);
  }
  std::set<std::string> within;
  for (const auto& h : r["hits"]) within.insert(h["id"]);
  CHECK(within.count("fx-perhekeskus-nokia") == 1);     // ~14 km
  CHECK(within.count("fx-perheneuvola-helsinki") == 0);  // ~160 km
}

TEST_CASE("pages partition the results; a page beyond the end is empty", "[server]") {
  TestServer t;
  std::set<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    json j = t.get_json("/api/v1/search?sort=name&per_page=5&page=" + std::to_string(page));
    CHECK(j["page"] == page);
    CHECK(j["per_page"] == 5);
    for (const auto& h : j["hits"]) CHECK(seen.insert(h["id"].get<std::string>()).second);
  }
  CHECK(seen.size() == t.records.size());
  json beyond = t.get_json("/api/v1/search?page=99");
  CHECK(beyond["hits"].empty());
  CHECK(beyond["total"] == t.records.size());
}

TEST_CASE("bad parameters are 400s that name the parameter", "[server]") {
  TestServer t;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"age=abc", "age"},
      {"age=-1", "age"},
      {"age=1e3", "age"},
      {"age=5&age=6", "age"},
      {"per_page=101", "per_page"},
      {"per_page=0", "per_page"},
      {"per_page=ten", "per_page"},
      {"page=0", "page"},
      {"page=x", "page"},
      {"page=99999999999999999999", "page"},
      {"near=abc", "near"},
      {"near=61.5", "near"},
      {"near=91,200", "near"},
      {"near=61.5,23.7,1", "near"},
      {"postcode=1234", "postcode"},
      {"postcode=12345", "postcode"},
      {"near_municipality=Atlantis", "near_municipality"},
      {"near=61.5,23.7&postcode=33100", "postcode"},
      {"municipality=Atlantis", "municipality"},
      {"municipality=999", "municipality"},
      {"region=99", "region"},
      {"provider_type=alien", "provider_type"},
      {"service_class=P99", "service_class"},
      {"target_group=XX", "target_group"},
      {"life_event=KE99", "life_event"},
      {"language=finnish", "language"},
      {"cost=cheap", "cost"},
      {"channel=fax", "channel"},
      {"sort=random", "sort"},
      {"sort=distance", "sort"},
      {"radius_km=5", "radius_km"},
      {"near=61.5,23.7&radius_km=-1", "radius_km"},
      {"near=61.5,23.7&radius_km=nan", "radius_km"},
      {"open_now=maybe", "open_now"},
      {"lang=de", "lang"},
      {"q=%FF%FE", "q"},
      {"q=perhe%C3", "q"},
      {"q=%ED%A0%80", "q"},  // a UTF-16 surrogate in UTF-8
      {"q=%C0%AF", "q"},     // overlong
      {"q=a%00b", "q"},
      {"q=" + std::string(600, 'a'), "q"},
      {"q=a&q=b", "q"},
      {"municipality=%FF", "municipality"},
  };
  for (const auto& [query, param] : cases) {
    INFO(query.substr(0, 80));
    json j = t.get_json("/api/v1/search?" + query, 400);
    CHECK(j["error"]["parameter"] == param);
    CHECK(j["error"]["code"] == "invalid_parameter");
    CHECK_FALSE(j["error"]["message"].get<std::string>().empty());
  }
  // Unknown parameter names are ignored (documented).
  CHECK(t.get_json("/api/v1/search?utm_source=x&fbclid=y")["total"] == t.records.size());
  // The other endpoints validate their parameters too.
  CHECK(t.get_json("/api/v1/suggest?q=neu&lang=xx", 400)["error"]["parameter"] == "lang");
  CHECK(t.get_json("/api/v1/suggest?q=neu&limit=500", 400)["error"]["parameter"] == "limit");
  CHECK(t.get_json("/api/v1/suggest?q=%FF", 400)["error"]["parameter"] == "q");
  CHECK(t.get_json("/api/v1/facets?lang=fr", 400)["error"]["parameter"] == "lang");
  CHECK(t.get_json("/api/v1/services/fx-neuvola-hervanta?lang=de", 400)["error"]["parameter"] ==
        "lang");
}

TEST_CASE("query syntax is read as plain words, never an error", "[server]") {
  TestServer t;
  for (const char* q : {"perheneuvola%20AND%20(", "%22unclosed", "*", "perhe*", "NEAR%2F3",
                        "a%20NEAR%2F3%20b", "-", "+", "(((", "OR", "%5B%5D%7B%7D", "%3A%3A",
                        "title%3Aneuvola", "%E2%80%94%E2%80%94", "%F0%9F%91%B6%20neuvola"}) {
    INFO(q);
    json j = t.get_json(std::string("/api/v1/search?q=") + q);
    CHECK(j["total"].is_number());
  }
  json j = t.get_json("/api/v1/search?q=neuvola%20AND%20(");
  CHECK(j["total"].get<int>() >= 1);
}

TEST_CASE("services/{id} returns the whole record with labels; unknown ids are 404", "[server]") {
  TestServer t;
  json j = t.get_json("/api/v1/services/fx-neuvola-hervanta");
  CHECK(j["id"] == "fx-neuvola-hervanta");
  CHECK(j["name"]["fi"] == "Hervannan lastenneuvola");
  REQUIRE(j["locations"].size() == 1);
  CHECK(j["locations"][0]["address"]["postcode"] == "33720");
  CHECK(j["locations"][0]["coord"]["lat"].get<double>() == Approx(61.447092));
  CHECK_FALSE(j["locations"][0]["hours"].empty());
  CHECK(j["labels"]["service_classes"]["P3.2"] == "Lapsen saaminen");
  CHECK(j["labels"]["municipalities"]["837"] == "Tampere");
  CHECK(j["labels"]["life_events"]["KE1"] == "Lapsen saaminen");
  json sv = t.get_json("/api/v1/services/fx-neuvola-hervanta?lang=sv");
  CHECK(sv["labels"]["service_classes"]["P3.2"] == "Att få barn");
  CHECK(sv["labels"]["municipalities"]["837"] == "Tammerfors");
  CHECK(sv["url"] == "/palvelu/fx-neuvola-hervanta?lang=sv");

  json nf = t.get_json("/api/v1/services/no-such-id", 404);
  CHECK(nf["error"]["code"] == "not_found");
  for (const char* path : {"/api/v1/nope", "/api/v2/search", "/api/", "/api/v1/services/"}) {
    INFO(path);
    json e = t.get_json(path, 404);
    CHECK(e["error"]["code"] == "not_found");
  }
}

TEST_CASE("suggest completes partial and compound words", "[server]") {
  TestServer t;
  auto texts = [&](const std::string& q) {
    json j = t.get_json("/api/v1/suggest?q=" + q);
    std::string all;
    for (const auto& s : j["suggestions"]) {
      CHECK(s.contains("kind"));
      all += s["text"].get<std::string>() + "|";
    }
    return all;
  };
  CHECK_THAT(texts("neuv"), Catch::Contains("neuvola", Catch::CaseSensitive::No));
  const std::string perhek = texts("perhek");
  CHECK((perhek.find("erhekeskus") != std::string::npos ||
         perhek.find("erhekahvila") != std::string::npos ||
         perhek.find("erhekerho") != std::string::npos));
  json empty = t.get_json("/api/v1/suggest?q=");
  CHECK(empty["suggestions"].empty());
}

TEST_CASE("facets lists the code lists with labels", "[server]") {
  TestServer t;
  json fi = t.get_json("/api/v1/facets");
  json sv = t.get_json("/api/v1/facets?lang=sv");
  auto label = [](const json& list, const std::string& v) -> std::string {
    for (const auto& e : list)
      if (e["value"] == v) return e["label"];
    return "";
  };
  CHECK(label(fi["facets"]["municipality"], "837") == "Tampere");
  CHECK(label(sv["facets"]["municipality"], "837") == "Tammerfors");
  CHECK(label(fi["facets"]["service_class"], "P3") == "Perheiden palvelut");
  CHECK(label(sv["facets"]["service_class"], "P3") == "Tjänster för familjer");
  CHECK(label(fi["facets"]["provider_type"], "parish") == "Seurakunta");
  CHECK(fi["facets"]["region"].size() >= 18);
  CHECK(fi["facets"]["municipality"].size() >= 300);
}

TEST_CASE("CORS headers and preflight", "[server]") {
  SECTION("any origin by default") {
    TestServer t;
    auto r = t.get("/api/v1/search?q=neuvola", {{"Origin", "https://www.nokiankaupunki.fi"}});
    REQUIRE(r);
    CHECK(r->get_header_value("Access-Control-Allow-Origin") == "*");
    auto err = t.get("/api/v1/search?age=x", {{"Origin", "https://example.org"}});
    CHECK(err->get_header_value("Access-Control-Allow-Origin") == "*");
    auto pre = t.client->Options("/api/v1/search", {{"Origin", "https://example.org"},
                                                    {"Access-Control-Request-Method", "GET"}});
    REQUIRE(pre);
    CHECK(pre->status == 204);
    CHECK(pre->get_header_value("Access-Control-Allow-Origin") == "*");
    CHECK(pre->get_header_value("Access-Control-Allow-Methods").find("GET") != std::string::npos);
  }
  SECTION("a configured list of origins") {
    TestServer t([](ps::ServerOptions& o) { o.cors_origins = {"https://www.tampere.fi"}; });
    auto ok = t.get("/api/v1/search", {{"Origin", "https://www.tampere.fi"}});
    CHECK(ok->get_header_value("Access-Control-Allow-Origin") == "https://www.tampere.fi");
    CHECK(ok->get_header_value("Vary") == "Origin");
    auto other = t.get("/api/v1/search", {{"Origin", "https://evil.example"}});
    CHECK(other->status == 200);
    CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
  }
}

TEST_CASE("ETag and 304, Cache-Control, security headers", "[server]") {
  TestServer t;
  auto r = t.get("/api/v1/search?q=neuvola");
  REQUIRE(r);
  const std::string tag = r->get_header_value("ETag");
  REQUIRE(tag.size() > 2);
  CHECK(r->get_header_value("Cache-Control").find("max-age=") != std::string::npos);
  CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
  auto again = t.get("/api/v1/search?q=neuvola", {{"If-None-Match", tag}});
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  auto other = t.get("/api/v1/search?q=neuvola", {{"If-None-Match", "\"0000\""}});
  CHECK(other->status == 200);
  auto weak = t.get("/api/v1/search?q=neuvola", {{"If-None-Match", "W/" + tag}});
  CHECK(weak->status == 304);
  // Errors are not cached and carry the security header too.
  auto bad = t.get("/api/v1/search?age=x");
  CHECK(bad->get_header_value("Cache-Control") == "no-store");
  CHECK(bad->get_header_value("X-Content-Type-Options") == "nosniff");
  auto nf = t.get("/nothing-here");
  CHECK(nf->status == 404);
  CHECK(nf->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(t.get("/healthz")->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("metrics count requests by route and status", "[server]") {
  TestServer t;
  for (int i = 0; i < 3; ++i) t.get_json("/api/v1/search?q=neuvola");
  t.get_json("/api/v1/search?age=x", 400);
  t.get_json("/api/v1/services/none", 404);
  t.get("/no/such/page");
  auto r = t.get("/metrics");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type").find("text/plain") == 0);
  const std::string& m = r->body;
  CHECK_THAT(m, Catch::Contains(
                    "palveluhaku_http_requests_total{route=\"/api/v1/search\",status=\"200\"} 3"));
  CHECK_THAT(m, Catch::Contains(
                    "palveluhaku_http_requests_total{route=\"/api/v1/search\",status=\"400\"} 1"));
  CHECK_THAT(m, Catch::Contains("route=\"/api/v1/services/{id}\",status=\"404\"} 1"));
  CHECK_THAT(m, Catch::Contains("route=\"(unmatched)\",status=\"404\"} 1"));
  CHECK_THAT(m, Catch::Contains(
                    "palveluhaku_http_request_duration_seconds_count{route=\"/api/v1/search\"} 4"));
  CHECK_THAT(m, Catch::Contains("palveluhaku_http_request_duration_seconds_bucket{route=\"/api/v1/search\",le=\"+Inf\"} 4"));
  CHECK_THAT(m, Catch::Contains("palveluhaku_index_documents 12"));
  CHECK_THAT(m, Catch::Contains("palveluhaku_index_generation "));
  CHECK(t.server->metrics().requests("/api/v1/search", 200) == 3);
}

TEST_CASE("healthz reports the index", "[server]") {
  TestServer t;
  json j = t.get_json("/healthz");
  CHECK(j["status"] == "ok");
  CHECK(j["index_loaded"] == true);
  CHECK(j["documents"] == t.records.size());
  CHECK(j["generation"].get<unsigned long>() >= 1);
  CHECK(j["index_age_seconds"].get<long>() >= 0);
  CHECK(j["index_age_seconds"].get<long>() < 600);
}

TEST_CASE("OpenAPI document is served and lists every API route", "[server]") {
  TestServer t;
  json j = t.get_json("/api/v1/openapi.json");
  CHECK(j["openapi"].get<std::string>().rfind("3.", 0) == 0);
  for (const char* p : {"/api/v1/search", "/api/v1/services/{id}", "/api/v1/suggest",
                        "/api/v1/facets", "/healthz", "/metrics"})
    CHECK(j["paths"].contains(p));
  // Every search parameter the server accepts is documented.
  std::set<std::string> documented;
  for (const auto& p : j["paths"]["/api/v1/search"]["get"]["parameters"])
    documented.insert(p.contains("$ref") ? p["$ref"].get<std::string>().substr(
                                               p["$ref"].get<std::string>().rfind('/') + 1)
                                         : p["name"].get<std::string>());
  for (const char* name : {"q", "lang", "municipality", "region", "provider_type", "service_class",
                           "target_group", "life_event", "language", "cost", "channel", "age",
                           "open_now", "near", "postcode", "near_municipality", "radius_km",
                           "sort", "page", "per_page"})
    CHECK(documented.count(name) == 1);
}

TEST_CASE("hostile requests get 4xx, never 5xx, and the server stays up", "[server][hostile]") {
  TestServer t;
  struct Case {
    std::string target;
    int min_status, max_status;
  };
  std::string many_params = "/api/v1/search?";
  for (int i = 0; i < 5000; ++i) many_params += "municipality=837&";
  std::string many_short = "/api/v1/search?";
  // (cpp-httplib drops repeated identical name=value pairs, so vary the values)
  for (int i = 0; i < 300; ++i) many_short += "a=" + std::to_string(i) + "&";
  std::string many_values = "/api/v1/search?";
  for (int i = 0; i < 60; ++i) many_values += "municipality=" + std::to_string(100 + i) + "&";
  const std::vector<Case> cases = {
      {"/api/v1/search?q=%00%00%00", 400, 400},
      {"/api/v1/search?q=%FF%FF", 400, 400},
      {"/api/v1/search?q=" + std::string(100 * 1024, 'x'), 400, 431},  // 100 kB: 414
      {many_params, 400, 431},
      {many_short, 400, 400},
      {many_values, 400, 400},
      {"/api/v1/search?" + std::string(3000, '&'), 200, 200},
      {"/api/v1/search?q=%", 200, 400},
      {"/api/v1/search?q=%zz", 200, 400},
      {"/api/v1/services/%00", 400, 404},
      {"/api/v1/services/%FF%FE", 400, 404},
      {"/api/v1/services/" + std::string(3000, 'a'), 400, 404},
      {"/api/v1/search?near=1e308,1e308", 400, 400},
      {"/api/v1/search?near=nan,nan", 400, 400},
      {"/api/v1/search?radius_km=1e400&near=61,23", 400, 400},
      {"/api/v1/search?page=2147483647", 200, 400},
      {"/api/v1/search?q=" + std::string(400, '(') , 200, 200},
      {"/api/v1/search?q=" + std::string(250, '"') , 200, 200},
  };
  for (const auto& c : cases) {
    INFO(c.target.substr(0, 100) << " (" << c.target.size() << " bytes)");
    auto r = t.get(c.target);
    REQUIRE(r);
    CHECK(r->status >= c.min_status);
    CHECK(r->status <= c.max_status);
    CHECK(r->status < 500);
    if (r->status >= 400) {
      REQUIRE(r->get_header_value("Content-Type").find("application/json") == 0);
      CHECK(json::parse(r->body)["error"]["code"].is_string());
    }
  }
  // Raw bytes that are not even a valid request line, and a huge body.
  auto post = t.client->Post("/api/v1/search", std::string(200 * 1024, 'x'), "text/plain");
  REQUIRE(post);
  CHECK(post->status == 413);
  CHECK(t.get_json("/healthz")["status"] == "ok");
}

TEST_CASE("the server picks up a rebuilt index without failing a request", "[server][reload]") {
  TestServer t;
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::string> failures;
  std::mutex mu;
  std::thread load([&] {
    httplib::Client c("127.0.0.1", t.server->port());
    c.set_read_timeout(10, 0);
    const char* targets[] = {"/api/v1/search?q=perheneuvola", "/api/v1/search?municipality=837",
                             "/api/v1/services/fx-neuvola-hervanta", "/api/v1/suggest?q=neuv",
                             "/api/v1/search?near=61.49,23.77&sort=distance"};
    int i = 0;
    while (!stop) {
      const char* target = targets[i++ % 5];
      auto r = c.Get(target);
      if (r && r->status == 200) {
        ++ok;
      } else {
        ++failed;
        std::lock_guard lock(mu);
        failures.push_back(std::string(target) + " -> " +
                           (r ? std::to_string(r->status) + " " + r->body.substr(0, 200)
                              : std::string("no response")));
      }
    }
  });
  const unsigned long gen0 = t.get_json("/healthz")["generation"];
  auto records = t.records;
  for (int round = 0; round < 3; ++round) {
    ServiceRecord extra = t.record("fx-perhekeskus-nokia");
    extra.id = "fx-extra-" + std::to_string(round);
    extra.name.fi = "Lisäpalvelu " + std::to_string(round);
    records.push_back(extra);
    palveluhaku::rebuild_index((t.dir.path / "index").string(), records,
                               palveluhaku::IndexOptions{});
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  // The new generation becomes visible within the reload interval.
  json health;
  for (int i = 0; i < 100; ++i) {
    health = t.get_json("/healthz");
    if (health["documents"] == records.size()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  load.join();
  for (const auto& f : failures) UNSCOPED_INFO(f);
  CHECK(failed == 0);
  CHECK(ok > 20);
  CHECK(health["documents"] == records.size());
  CHECK(health["generation"].get<unsigned long>() > gen0);
  CHECK(t.get_json("/api/v1/search")["total"] == records.size());
  CHECK(t.get_json("/api/v1/services/fx-extra-2")["name"]["fi"] == "Lisäpalvelu 2");
}

TEST_CASE("the server picks up an in-place update and a delete", "[server][reload]") {
  TestServer t;
  ServiceRecord extra = t.record("fx-perhekeskus-nokia");
  extra.id = "fx-updated";
  extra.name.fi = "Päivitetty perhekeskus";
  const std::string dir = (t.dir.path / "index").string();
  palveluhaku::update_index(dir, {extra}, {"fx-xss-kerho"}, palveluhaku::IndexOptions{});
  json found;
  for (int i = 0; i < 100; ++i) {
    auto r = t.get("/api/v1/services/fx-updated");
    REQUIRE(r);
    CHECK(r->status < 500);
    if (r->status == 200) {
      found = json::parse(r->body);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(found["name"]["fi"] == "Päivitetty perhekeskus");
  CHECK(t.get_json("/api/v1/services/fx-xss-kerho", 404)["error"]["code"] == "not_found");
  CHECK(t.get_json("/api/v1/search")["total"] == t.records.size());  // one added, one deleted
}

TEST_CASE("static files are served from WEB_DIR/static and cannot escape it", "[server][static]") {
  TestServer t;
  const fs::path web = t.dir.path / "web";
  fs::create_directories(web / "static" / "css");
  std::ofstream(web / "static" / "css" / "site.css") << "body{color:#222}";
  std::ofstream(web / "static" / ".hidden") << "hidden";
  std::ofstream(web / "secret.txt") << "SECRET";
  std::ofstream(t.dir.path / "outside.txt") << "SECRET";
  fs::create_symlink(t.dir.path / "outside.txt", web / "static" / "escape.txt");
  fs::create_directory_symlink(t.dir.path, web / "static" / "updir");

  auto css = t.get("/static/css/site.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->body == "body{color:#222}");
  CHECK(css->get_header_value("Content-Type").find("text/css") == 0);
  CHECK_FALSE(css->get_header_value("ETag").empty());

  for (const char* evil :
       {"/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E%2Fsecret.txt",
        "/static/css/../../secret.txt", "/static/..%2fsecret.txt", "/static/%252e%252e/secret.txt",
        "/static/escape.txt", "/static/updir/outside.txt", "/static/.hidden",
        "/static/css%00.css", "/static/..\\secret.txt", "/static//etc/passwd",
        "/static/%2fetc%2fpasswd", "/static/css/", "/static/nope.css"}) {
    INFO(evil);
    auto r = t.get(evil);
    REQUIRE(r);
    CHECK(r->status >= 400);
    CHECK(r->status < 500);
    CHECK(r->body.find("SECRET") == std::string::npos);
  }
}

TEST_CASE("admin routes exist only with a token and check it", "[server][admin]") {
  {
    TestServer t;
    auto r = t.client->Post("/api/v1/admin/reload", "", "text/plain");
    REQUIRE(r);
    CHECK(r->status == 404);
  }
  const std::string token = "0123456789abcdef-secret";
  TestServer t([&](ps::ServerOptions& o) { o.admin_token = token; });
  auto none = t.client->Post("/api/v1/admin/reload", "", "text/plain");
  CHECK(none->status == 401);
  CHECK(json::parse(none->body)["error"]["code"] == "unauthorized");
  auto wrong = t.client->Post("/api/v1/admin/reload", {{"Authorization", "Bearer " + token + "x"}},
                              "", "text/plain");
  CHECK(wrong->status == 401);
  auto prefix = t.client->Post("/api/v1/admin/reload",
                               {{"Authorization", "Bearer " + token.substr(0, 5)}}, "", "text/plain");
  CHECK(prefix->status == 401);
  auto good = t.client->Post("/api/v1/admin/reload", {{"Authorization", "Bearer " + token}}, "",
                             "text/plain");
  CHECK(good->status == 200);
  CHECK(json::parse(good->body)["documents"] == t.records.size());
}

TEST_CASE("UTF-8 validation", "[server][params]") {
  struct Case {
    std::string text;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"", true},
      {"perhe", true},
      {"Hämeenlinna", true},
      {"\xF0\x9F\x91\xB6", true},       // 👶
      {"\xC3", false},                  // truncated
      {"\xC0\xAF", false},              // overlong '/'
      {"\xE0\x80\xAF", false},          // overlong
      {"\xED\xA0\x80", false},          // surrogate
      {"\xF4\x90\x80\x80", false},      // > U+10FFFF
      {"\xFF", false},
      {"a\x80", false},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(ps::valid_utf8(c.text) == c.valid);
  }
}

TEST_CASE("server options: the real option table, layered and validated", "[server][options]") {
  TempDir dir;
  const std::string index = dir.path.string();
  std::map<std::string, std::string> env;
  auto getenv = [&](const std::string& n) -> std::optional<std::string> {
    auto it = env.find(n);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  auto load = [&](const std::vector<std::string>& args) {
    return ps::server_options_from(palveluhaku::load_options(ps::server_option_specs(), args, getenv));
  };
  SECTION("defaults") {
    const ps::ServerOptions o = load({"--index", index});
    CHECK(o.port == 8080);
    CHECK(o.host == "127.0.0.1");
    CHECK(o.threads == 32);
    CHECK(o.cors_origins == std::vector<std::string>{"*"});
    CHECK(o.admin_token.empty());
    CHECK(o.max_query_length == 500);
  }
  SECTION("environment and command line") {
    env["PALVELUHAKU_CORS_ORIGINS"] = "https://www.tampere.fi, https://www.nokiankaupunki.fi";
    env["PALVELUHAKU_PORT"] = "9000";
    const ps::ServerOptions o = load({"--index", index, "--port", "9001", "--access-log"});
    CHECK(o.port == 9001);
    CHECK(o.cors_origins ==
          std::vector<std::string>{"https://www.tampere.fi", "https://www.nokiankaupunki.fi"});
    CHECK(o.access_log);
  }
  SECTION("bad values name the option") {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--index", index + "/missing"}, "index"},
        {{"--index", index, "--admin-token", "short"}, "admin-token"},
        {{"--index", index, "--threads", "0"}, "threads"},
        {{"--index", index, "--per-page", "3"}, "per-page"},
        {{"--index", index, "--host", ""}, "host"},
    };
    for (const auto& [args, option] : cases) {
      INFO(option);
      try {
        load(args);
        FAIL("accepted");
      } catch (const palveluhaku::Error& e) {
        CHECK(e.code() == palveluhaku::ErrorCode::invalid_config);
        CHECK(e.parameter() == option);
      }
    }
  }
}

TEST_CASE("small conveniences: facets=false, HEAD, case of lang and codes", "[server]") {
  TestServer t;
  json nofacets = t.get_json("/api/v1/search?facets=false");
  CHECK(nofacets["total"] == t.records.size());
  for (const auto& [field, list] : nofacets["facets"].items()) CHECK(list.empty());
  auto head = t.client->Head("/api/v1/search?q=neuvola");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK_FALSE(head->get_header_value("ETag").empty());
  CHECK(t.get_json("/api/v1/search?lang=SV&provider_type=NGO")["total"] == 3);
  CHECK(t.ids("region=6") == t.ids("region=06"));
  CHECK(t.ids("municipality=91") == t.ids("municipality=091"));
}
