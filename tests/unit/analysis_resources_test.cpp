// AnalysisResources::load: the data files of index-config/analysis/ and
// their errors (file and line of a bad entry).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "analysis/resources.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/error.h"

namespace fs = std::filesystem;
using palveluhaku::AnalysisResources;
using palveluhaku::Error;
using palveluhaku::ErrorCode;

namespace {

struct TempConfig {
  fs::path dir;
  TempConfig() {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("ph-analysis-" + std::to_string(rd()));
    fs::create_directories(dir / "analysis");
    write("stopwords-fi.txt", "# comment\nja\non\n");
  }
  ~TempConfig() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / "analysis" / name) << text;
  }
};

std::string load_error(const TempConfig& t) {
  try {
    AnalysisResources::load(t.dir.string());
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_config);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("resources: the shipped index-config loads", "[analysis][resources]") {
  auto res = AnalysisResources::load(PALVELUHAKU_SOURCE_DIR "/index-config");
  const auto& r = res->impl();
  CHECK(r.stopwords[0].contains("ja"));
  CHECK(r.stopwords[1].contains("och"));
  CHECK(r.stopwords[2].contains("the"));
  CHECK(r.lexicon.find("mll") != nullptr);
  CHECK(r.synonyms[0].groups() > 400);  // own + JUPO
  CHECK(r.translations[0].groups() == 0);
  CHECK(r.translations[1].groups() > 1000);  // JUPO + Helsinki labels, sv => fi
  CHECK(r.translations[2].groups() > 1000);  // en => fi
  CHECK_FALSE(r.translations[2].find("divorc").empty());
  CHECK(r.part_weights.weight("palvelu") < 0.2);
  CHECK(r.part_weights.weight("neuvola") > 0.6);
  CHECK(r.part_weights.weight("uintikoulu") == 1.0);  // not listed
}

TEST_CASE("resources: minimal directory and defaults", "[analysis][resources]") {
  TempConfig t;
  auto res = AnalysisResources::load(t.dir.string());
  CHECK(res->impl().stopwords[0].size() == 2);
  CHECK(res->impl().lexicon.size() == 0);
  CHECK(res->impl().synonyms[0].groups() == 0);
}

TEST_CASE("resources: errors name the file and the line", "[analysis][resources]") {
  SECTION("no analysis directory") {
    CHECK_THROWS_AS(AnalysisResources::load("/nonexistent/config"), Error);
  }
  SECTION("no Finnish stopwords") {
    TempConfig t;
    fs::remove(t.dir / "analysis" / "stopwords-fi.txt");
    CHECK(load_error(t).find("stopwords-fi.txt") != std::string::npos);
  }
  SECTION("a synonym line with one phrase") {
    TempConfig t;
    t.write("synonyms-fi.txt", "päivähoito, varhaiskasvatus\n\nneuvola\n");
    auto msg = load_error(t);
    CHECK(msg.find("synonyms-fi.txt:3") != std::string::npos);
  }
  SECTION("a translation must be one-way") {
    TempConfig t;
    t.write("translations-en.txt", "divorce => avioero\nday care, päivähoito\n");
    CHECK(load_error(t).find("translations-en.txt:2") != std::string::npos);
  }
  SECTION("a bad part weight") {
    TempConfig t;
    t.write("part-weights-fi.txt", "palvelu\t0.1\nkeskus\tpaljon\n");
    CHECK(load_error(t).find("part-weights-fi.txt:2") != std::string::npos);
  }
  SECTION("a duplicate lexicon word") {
    TempConfig t;
    t.write("lexicon-fi.txt", "mll\nthl\nMLL\n");
    CHECK(load_error(t).find("lexicon-fi.txt:3") != std::string::npos);
  }
  SECTION("a stopword line with two words") {
    TempConfig t;
    t.write("stopwords-fi.txt", "ja\nja on\n");
    CHECK(load_error(t).find("stopwords-fi.txt:2") != std::string::npos);
  }
}

TEST_CASE("resources: the vocabulary lists the words a user may type, once each", "[analysis][resources]") {
  TempConfig t;
  // Two-way: every phrase finds the others; one-way: only the left side.
  t.write("synonyms-fi.txt", "päikky, päiväkoti\nsossu => sosiaalityöntekijä\n");
  t.write("synonyms-sv.txt", "dagis, daghem\n");
  t.write("translations-en.txt", "day care => päiväkoti\n");
  auto res = AnalysisResources::load(t.dir.string());
  const auto& v = res->vocabulary();
  auto has = [&](const char* w) { return std::count(v.begin(), v.end(), std::string(w)) == 1; };
  CHECK(has("päikky"));
  CHECK(has("päiväkoti"));  // once, though written twice
  CHECK(has("sossu"));
  CHECK_FALSE(has("sosiaalityöntekijä"));  // only found, never typed to find
  CHECK(has("dagis"));
  CHECK(has("daghem"));
  CHECK(has("day"));
  CHECK(has("care"));
  CHECK(v.size() == 7);
}
