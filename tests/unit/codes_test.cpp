// Tests of codes.h against the real code lists in data/codes/.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "palveluhaku/codes.h"
#include "palveluhaku/error.h"

using namespace palveluhaku;
namespace fs = std::filesystem;

namespace {
std::shared_ptr<const CodeLists> lists() {
  static auto l = CodeLists::load(std::string(PALVELUHAKU_SOURCE_DIR) + "/data/codes");
  return l;
}
}  // namespace

TEST_CASE("codes: PTV lists load with labels and hierarchy") {
  const auto c = lists();
  CHECK(c->all("service_class").size() == 230);
  CHECK(c->all("target_group").size() == 17);
  CHECK(c->all("life_event").size() == 19);
  const Code* p1 = c->find("service_class", "P1");
  REQUIRE(p1);
  CHECK(p1->label.fi == "Asuminen");
  CHECK(p1->label.sv == "Boende");
  CHECK(p1->label.en == "Housing");
  CHECK(p1->parent.empty());
  const Code* p14 = c->find("service_class", "P1.4");
  REQUIRE(p14);
  CHECK(p14->parent == "P1");
  CHECK(c->ancestors("service_class", "P1.4") == std::vector<std::string>{"P1"});
  CHECK(c->ancestors("service_class", "P1").empty());
  CHECK(c->ancestors("service_class", "P999").empty());
  CHECK(c->find("target_group", "KR2.8")->parent == "KR2");
  CHECK(c->label("life_event", "KE11", Lang::sv) == "När man blir allvarligt sjuk");
  CHECK(c->label("life_event", "KE999", Lang::fi) == "KE999");  // unknown: the code itself
  CHECK(c->find("nonsense", "P1") == nullptr);
  REQUIRE(c->find_by_uri("service_class", "http://urn.fi/URN:NBN:fi:au:ptvl:v1001"));
  CHECK(c->find_by_uri("service_class", "http://urn.fi/URN:NBN:fi:au:ptvl:v1001")->code == "P1");
  CHECK(c->find_by_uri("service_class", "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P1.4")->code == "P1.4");
  CHECK(c->find_by_uri("target_group", "http://urn.fi/URN:NBN:fi:au:ptvl:v2016")->code == "KR2.8");
  CHECK(c->find_by_uri("service_class", "http://example.com/x") == nullptr);
  CHECK(c->all("nonsense").empty());
  // Natural order: P1, P1.1, ..., P2, ..., P10 after P9.
  const auto& all = c->all("service_class");
  CHECK(all.front().code == "P1");
  for (std::size_t i = 1; i < all.size(); ++i) {
    if (all[i].code == "P10") CHECK(all[i - 1].code.rfind("P9", 0) == 0);
  }
}

TEST_CASE("codes: municipalities, regions, names and postcodes") {
  const auto c = lists();
  CHECK(c->all("municipality").size() == 308);
  CHECK(c->all("region").size() == 19);
  const Municipality* t = c->municipality("837");
  REQUIRE(t);
  CHECK(t->name.fi == "Tampere");
  CHECK(t->name.sv == "Tammerfors");
  CHECK(t->region == "06");
  REQUIRE(t->centre);
  CHECK(t->centre->lat == Approx(61.49308));
  CHECK(c->label("region", "06", Lang::fi) == "Pirkanmaa");
  CHECK(c->label("region", "06", Lang::sv) == "Birkaland");
  CHECK(c->find("municipality", "837")->parent == "06");
  struct Case {
    const char* name;
    const char* code;
  };
  const Case names[] = {{"Tampere", "837"}, {"tampere", "837"}, {"Tammerfors", "837"}, {"Hameenlinna", "109"},
                        {"HÄMEENLINNA", "109"}, {" Helsingfors ", "091"}, {"Mänttä-Vilppula", "508"},
                        {"mantta vilppula", "508"}};
  for (const auto& n : names) {
    INFO(n.name);
    const Municipality* m = c->municipality_by_name(n.name);
    REQUIRE(m);
    CHECK(m->code == n.code);
  }
  CHECK(c->municipality_by_name("Atlantis") == nullptr);
  CHECK(c->municipality("999") == nullptr);
  const PostcodeArea* pc = c->postcode("33100");
  REQUIRE(pc);
  CHECK(pc->municipality_code == "837");
  REQUIRE(pc->centroid);
  CHECK(pc->centroid->lat == Approx(61.5).margin(0.05));
  CHECK(c->postcode("99999") == nullptr);
}

TEST_CASE("codes: a missing or broken list is an invalid_config error naming the file") {
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / ("palveluhaku-codes-" + std::to_string(rd()));
  fs::create_directories(dir);
  const fs::path src = fs::path(PALVELUHAKU_SOURCE_DIR) / "data/codes";
  for (const char* f : {"ServiceClasses.json", "TargetGroups.json", "municipalities.csv", "postal-code-centroids.csv"})
    fs::copy_file(src / f, dir / f);
  try {
    CodeLists::load(dir.string());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_config);
    CHECK(std::string(e.what()).find("LifeEvents.json") != std::string::npos);
  }
  std::ofstream(dir / "LifeEvents.json") << "{not json";
  CHECK_THROWS_AS(CodeLists::load(dir.string()), Error);
  fs::copy_file(src / "LifeEvents.json", dir / "LifeEvents.json", fs::copy_options::overwrite_existing);
  CHECK(CodeLists::load(dir.string())->all("life_event").size() == 19);
  std::ofstream(dir / "municipalities.csv") << "code,name\n1,x\n";
  CHECK_THROWS_WITH(CodeLists::load(dir.string()), Catch::Contains("no column \"kuntakoodi\""));
  std::ofstream(dir / "municipalities.csv") << "kuntakoodi,name_fi,name_sv,maakunta_code\n837,Tampere\n";  // short row
  CHECK_THROWS_WITH(CodeLists::load(dir.string()), Catch::Contains("municipalities.csv:2: row has 2 cells"));
  std::ofstream(dir / "municipalities.csv") << "kuntakoodi,name_fi,name_sv,maakunta_code\n837,Tampere,Tammerfors,06\n";
  std::ofstream(dir / "postal-code-centroids.csv") << "postcode,municipal_code,latitude,longitude\n33100,837,,\nbad,1,2,3\n";
  const auto small = CodeLists::load(dir.string());
  REQUIRE(small->postcode("33100"));
  CHECK_FALSE(small->postcode("33100")->centroid);
  fs::remove_all(dir);
}
