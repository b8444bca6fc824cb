// options_test.cpp — the layered options loader (palveluhaku/options.h).
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "palveluhaku/error.h"
#include "palveluhaku/options.h"

using namespace palveluhaku;

namespace {

const std::vector<OptionSpec> kSpecs = {
    {"index", OptionKind::string, "", "index dir", "DIR", 0, 0, true},
    {"port", OptionKind::integer, "8080", "port", "N", 0, 65535},
    {"host", OptionKind::string, "127.0.0.1", "host", "ADDR"},
    {"cors-origins", OptionKind::list, "*", "origins", ""},
    {"access-log", OptionKind::flag, "", "log", ""},
};

struct Env {
  std::map<std::string, std::string> vars;
  std::function<std::optional<std::string>(const std::string&)> fn() const {
    return [this](const std::string& n) -> std::optional<std::string> {
      auto it = vars.find(n);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
};

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text) {
    path = (std::filesystem::temp_directory_path() /
            ("palveluhaku-options-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".conf"))
               .string();
    std::ofstream(path) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("options: defaults < config file < environment < command line", "[options]") {
  TempFile conf("# comment\nindex = /from/file\nport = 9000\nhost=10.0.0.1\n\ncors_origins = a.fi, b.fi\n");
  Env env;
  env.vars["PALVELUHAKU_PORT"] = "9100";

  SECTION("defaults only (plus the required one)") {
    auto o = load_options(kSpecs, {"--index", "/x"}, Env{}.fn());
    CHECK(o.get_int("port") == 8080);
    CHECK(o.value("port").origin == OptionOrigin::default_value);
    CHECK(o.get_list("cors-origins") == std::vector<std::string>{"*"});
    CHECK_FALSE(o.get_flag("access-log"));
  }
  SECTION("the file overrides defaults, the environment the file, the command line everything") {
    auto o = load_options(kSpecs, {"--config", conf.path, "--host=192.168.1.1"}, env.fn());
    CHECK(o.get_string("index") == "/from/file");
    CHECK(o.value("index").origin == OptionOrigin::config_file);
    CHECK(o.get_int("port") == 9100);
    CHECK(o.value("port").where == "environment PALVELUHAKU_PORT");
    CHECK(o.get_string("host") == "192.168.1.1");
    CHECK(o.value("host").origin == OptionOrigin::command_line);
    CHECK(o.get_list("cors-origins") == std::vector<std::string>{"a.fi", "b.fi"});
    CHECK(o.config_file == conf.path);
  }
  SECTION("PALVELUHAKU_CONFIG names the file too") {
    Env e;
    e.vars["PALVELUHAKU_CONFIG"] = conf.path;
    auto o = load_options(kSpecs, {"--port", "1"}, e.fn());
    CHECK(o.get_string("index") == "/from/file");
    CHECK(o.get_int("port") == 1);
  }
  SECTION("flags") {
    CHECK(load_options(kSpecs, {"--index", "x", "--access-log"}, Env{}.fn()).get_flag("access-log"));
    CHECK_FALSE(load_options(kSpecs, {"--index", "x", "--access-log=false"}, Env{}.fn())
                    .get_flag("access-log"));
    Env e;
    e.vars["PALVELUHAKU_ACCESS_LOG"] = "yes";
    CHECK(load_options(kSpecs, {"--index", "x"}, e.fn()).get_flag("access-log"));
  }
  SECTION("--help and --version skip validation") {
    auto o = load_options(kSpecs, {"--help"}, Env{}.fn());
    CHECK(o.help);
    CHECK(load_options(kSpecs, {"--version"}, Env{}.fn()).version);
  }
}

TEST_CASE("options: bad values name the option and where they came from", "[options]") {
  struct Case {
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
    std::string option;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {{"--index", "x", "--port", "abc"}, {}, "port", "'abc' is not an integer (from command line)"},
      {{"--index", "x"}, {{"PALVELUHAKU_PORT", "70000"}}, "port",
       "out of range [0, 65535] (from environment PALVELUHAKU_PORT)"},
      {{"--index", "x", "--access-log=perhaps"}, {}, "access-log", "not a boolean"},
      {{}, {}, "index", "--index: is required"},
      {{"--index"}, {}, "index", "needs a value"},
      {{"--index", "x", "--nope", "1"}, {}, "nope", "unknown option '--nope'"},
      {{"--index", "x", "stray"}, {}, "", "unexpected argument 'stray'"},
      {{"--config", "/nonexistent/palveluhaku.conf"}, {}, "config", "cannot read config file"},
  };
  for (const auto& c : cases) {
    INFO(c.message_part);
    Env e;
    e.vars = c.env;
    try {
      load_options(kSpecs, c.args, e.fn());
      FAIL("no error");
    } catch (const Error& err) {
      CHECK(err.code() == ErrorCode::invalid_config);
      CHECK(err.parameter() == c.option);
      CHECK_THAT(err.what(), Catch::Contains(c.message_part));
    }
  }
  TempFile bad_key("index = x\nportt = 1\n");
  try {
    load_options(kSpecs, {"--config", bad_key.path}, Env{}.fn());
    FAIL("no error");
  } catch (const Error& err) {
    CHECK_THAT(err.what(), Catch::Contains("line 2: unknown option 'portt'"));
  }
  TempFile bad_value("index = x\nport = many\n");
  try {
    load_options(kSpecs, {"--config", bad_value.path}, Env{}.fn());
    FAIL("no error");
  } catch (const Error& err) {
    CHECK_THAT(err.what(), Catch::Contains("(from config file " + bad_value.path + " line 2)"));
  }
}

TEST_CASE("options: help lists every option with its default and variable", "[options]") {
  const std::string help = options_help("prog", "Does things.", kSpecs);
  CHECK_THAT(help, Catch::Contains("--port N"));
  CHECK_THAT(help, Catch::Contains("default: 8080"));
  CHECK_THAT(help, Catch::Contains("PALVELUHAKU_CORS_ORIGINS"));
  CHECK_THAT(help, Catch::Contains("required"));
  CHECK_THAT(help, Catch::Contains("--config FILE"));
  CHECK(option_env_name("cors-origins") == "PALVELUHAKU_CORS_ORIGINS");
}
