// options.h — layered program options: defaults < config file < environment
// < command line, validated once.
//
// A program declares its options as a table of OptionSpec (name, kind,
// default, help). load_options() reads them in four layers, each overriding
// the one before:
//   1. the default in the spec;
//   2. a config file: the file named by --config FILE on the command line or
//      PALVELUHAKU_CONFIG in the environment (if neither, no file is read).
//      Format: one `name = value` per line, `#` starts a comment line, blank
//      lines ignored; names as on the command line without the dashes
//      (`-` and `_` are interchangeable); list values comma-separated;
//   3. the environment: PALVELUHAKU_<NAME> with the name upper-cased and
//      `-` turned into `_` (--cors-origins -> PALVELUHAKU_CORS_ORIGINS);
//   4. the command line: `--name VALUE` or `--name=VALUE`; flags take no
//      value (`--name=false` is accepted too).
// Every value is validated against its kind (integer range, boolean words)
// at load time; a bad value throws Error(invalid_config) whose message names
// the option and where the value came from ("--port: 'abc' is not an
// integer (from environment PALVELUHAKU_PORT)"), with parameter() = name.
//
// `--help` and `--version` are recognised on the command line (and nothing
// else is validated when they are given): see LoadedOptions::help/version.
//
// Threading: pure functions and plain values.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace palveluhaku {

enum class OptionKind {
  string,   // any text
  integer,  // a whole number within [min, max]
  flag,     // boolean: true/false/yes/no/on/off/1/0; on the command line `--name` alone = true
  list,     // comma-separated texts (empty items dropped)
};

struct OptionSpec {
  std::string name;           // "port": --port, PALVELUHAKU_PORT, `port = ..` in the file
  OptionKind kind = OptionKind::string;
  std::string default_value;  // text form; "" = unset (unless required)
  std::string help;           // one line for --help
  std::string metavar;        // placeholder in --help ("N", "DIR"); default: by kind
  long long min = 0;          // integers only: smallest allowed. Default: 0
  long long max = 2147483647; // integers only: largest allowed. Default: INT_MAX
  bool required = false;      // load fails if no layer gives a value. Default: false
};

enum class OptionOrigin { default_value, config_file, environment, command_line };

struct OptionValue {
  std::string text;     // as given (trimmed)
  OptionOrigin origin = OptionOrigin::default_value;
  std::string where;    // "default", "config file F line 3", "environment PALVELUHAKU_X", "command line"
};

class LoadedOptions {
 public:
  bool help = false;     // --help was given
  bool version = false;  // --version was given
  std::string config_file;  // the config file read, "" if none

  // Values by name. Accessors throw std::logic_error for a name not in the
  // specs (a programming mistake); they never fail on a validated value.
  bool has(std::string_view name) const;  // some layer (or the default) set it
  const std::string& get_string(std::string_view name) const;
  long long get_int(std::string_view name) const;
  bool get_flag(std::string_view name) const;
  std::vector<std::string> get_list(std::string_view name) const;
  const OptionValue& value(std::string_view name) const;

  // Filled by load_options.
  std::map<std::string, OptionValue, std::less<>> values;
};

// Reads the four layers. `getenv` looks up an environment variable (nullopt
// when unset); pass std::getenv-backed default by omitting it. Throws
// Error(invalid_config, message, option name) for an unknown command-line
// option, a missing value, an unreadable config file, an unknown key in the
// file, a value of the wrong kind or out of range, a missing required option.
LoadedOptions load_options(
    const std::vector<OptionSpec>& specs, const std::vector<std::string>& args,
    const std::function<std::optional<std::string>(const std::string&)>& getenv = {});

// The --help text: usage line, summary, then every option with its metavar,
// help, default and environment variable name.
std::string options_help(std::string_view program, std::string_view summary,
                         const std::vector<OptionSpec>& specs);

// "PALVELUHAKU_CORS_ORIGINS" for "cors-origins".
std::string option_env_name(std::string_view name);

}  // namespace palveluhaku
