// options.cpp — the layered options loader (see options.h).
#include "palveluhaku/options.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "palveluhaku/error.h"

namespace palveluhaku {

namespace {

constexpr std::string_view kConfigOption = "config";

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// "cors_origins" and "cors-origins" are the same option.
std::string canonical_name(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '_', '-');
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<bool> parse_bool(std::string_view s) {
  std::string v = canonical_name(s);
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return std::nullopt;
}

std::optional<long long> parse_integer(std::string_view s) {
  long long v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec != std::errc{} || ptr != e || s.empty()) return std::nullopt;
  return v;
}

const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, std::string_view name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

[[noreturn]] void fail(std::string_view name, const std::string& what) {
  throw Error(ErrorCode::invalid_config, std::string(name.empty() ? "" : "--") +
                                             std::string(name) + (name.empty() ? "" : ": ") + what,
              std::string(name));
}

std::string from_where(const OptionValue& v) { return " (from " + v.where + ")"; }

void validate(const OptionSpec& spec, const OptionValue& v) {
  switch (spec.kind) {
    case OptionKind::string:
    case OptionKind::list:
      return;
    case OptionKind::flag:
      if (!parse_bool(v.text))
        fail(spec.name, "'" + v.text + "' is not a boolean (use true or false)" + from_where(v));
      return;
    case OptionKind::integer: {
      auto n = parse_integer(v.text);
      if (!n) fail(spec.name, "'" + v.text + "' is not an integer" + from_where(v));
      if (*n < spec.min || *n > spec.max)
        fail(spec.name, "'" + v.text + "' is out of range [" + std::to_string(spec.min) + ", " +
                            std::to_string(spec.max) + "]" + from_where(v));
      return;
    }
  }
}

void read_config_file(const std::string& path, const std::vector<OptionSpec>& specs,
                      std::map<std::string, OptionValue, std::less<>>& values) {
  std::ifstream in(path);
  if (!in) fail(kConfigOption, "cannot read config file '" + path + "'");
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    const std::string place = "config file " + path + " line " + std::to_string(lineno);
    auto eq = t.find('=');
    if (eq == std::string::npos)
      fail("", place + ": expected 'name = value', got '" + t + "'");
    std::string name = canonical_name(trim(std::string_view(t).substr(0, eq)));
    std::string value = trim(std::string_view(t).substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (!find_spec(specs, name))
      throw Error(ErrorCode::invalid_config, place + ": unknown option '" + name + "'", name);
    values[name] = OptionValue{value, OptionOrigin::config_file, place};
  }
}

}  // namespace

std::string option_env_name(std::string_view name) {
  std::string out = "PALVELUHAKU_";
  for (char c : name) {
    out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

LoadedOptions load_options(
    const std::vector<OptionSpec>& specs, const std::vector<std::string>& args,
    const std::function<std::optional<std::string>(const std::string&)>& getenv_fn) {
  auto getenv = [&](const std::string& n) -> std::optional<std::string> {
    if (getenv_fn) return getenv_fn(n);
    if (const char* v = std::getenv(n.c_str())) return std::string(v);
    return std::nullopt;
  };

  LoadedOptions out;
  // Layer 4 is parsed first (to find --config, --help, --version) but applied last.
  std::vector<std::pair<std::string, std::string>> cli;
  std::optional<std::string> config_path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      out.help = true;
      continue;
    }
    if (a == "--version") {
      out.version = true;
      continue;
    }
    if (a.size() < 3 || a.compare(0, 2, "--") != 0)
      throw Error(ErrorCode::invalid_config,
                  "unexpected argument '" + a + "' (options are --name VALUE; see --help)");
    std::string body = a.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = body.find('='); eq != std::string::npos) {
      inline_value = body.substr(eq + 1);
      body = body.substr(0, eq);
    }
    std::string name = canonical_name(body);
    const OptionSpec* spec = find_spec(specs, name);
    if (!spec && name != kConfigOption)
      throw Error(ErrorCode::invalid_config, "unknown option '--" + body + "' (see --help)", name);
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else if (spec && spec->kind == OptionKind::flag) {
      value = "true";
    } else {
      if (i + 1 >= args.size()) fail(name, "needs a value");
      value = args[++i];
    }
    if (name == kConfigOption) {
      config_path = value;
    } else {
      cli.emplace_back(name, value);
    }
  }
  if (out.help || out.version) return out;

  // Layer 1: defaults.
  for (const auto& s : specs) {
    if (!s.default_value.empty())
      out.values[s.name] = OptionValue{s.default_value, OptionOrigin::default_value, "default"};
  }
  // Layer 2: the config file.
  if (!config_path) config_path = getenv(option_env_name(kConfigOption));
  if (config_path && !config_path->empty()) {
    read_config_file(*config_path, specs, out.values);
    out.config_file = *config_path;
  }
  // Layer 3: the environment.
  for (const auto& s : specs) {
    const std::string env = option_env_name(s.name);
    if (auto v = getenv(env))
      out.values[s.name] = OptionValue{trim(*v), OptionOrigin::environment, "environment " + env};
  }
  // Layer 4: the command line.
  for (auto& [name, value] : cli)
    out.values[name] = OptionValue{value, OptionOrigin::command_line, "command line"};

  // Validate once.
  for (const auto& s : specs) {
    auto it = out.values.find(s.name);
    if (it == out.values.end()) {
      if (s.required)
        fail(s.name, "is required (give --" + s.name + ", " + option_env_name(s.name) +
                         " or '" + s.name + " = ...' in the config file)");
      continue;
    }
    validate(s, it->second);
  }
  return out;
}

bool LoadedOptions::has(std::string_view name) const { return values.find(name) != values.end(); }

const OptionValue& LoadedOptions::value(std::string_view name) const {
  auto it = values.find(name);
  if (it == values.end()) {
    static const OptionValue kEmpty{};
    return kEmpty;
  }
  return it->second;
}

const std::string& LoadedOptions::get_string(std::string_view name) const {
  return value(name).text;
}

long long LoadedOptions::get_int(std::string_view name) const {
  auto n = parse_integer(value(name).text);
  if (!n) throw std::logic_error("option '" + std::string(name) + "' is not a set integer");
  return *n;
}

bool LoadedOptions::get_flag(std::string_view name) const {
  if (!has(name)) return false;
  auto b = parse_bool(value(name).text);
  if (!b) throw std::logic_error("option '" + std::string(name) + "' is not a flag");
  return *b;
}

std::vector<std::string> LoadedOptions::get_list(std::string_view name) const {
  std::vector<std::string> out;
  std::stringstream ss(value(name).text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string options_help(std::string_view program, std::string_view summary,
                         const std::vector<OptionSpec>& specs) {
  std::ostringstream o;
  o << "Usage: " << program << " [OPTIONS]\n\n" << summary << "\n\nOptions:\n";
  auto line = [&](const std::string& left, const std::string& help, const std::string& extra) {
    o << "  " << left;
    if (left.size() < 28) o << std::string(28 - left.size(), ' ');
    else o << "\n  " << std::string(28, ' ');
    o << help << "\n";
    if (!extra.empty()) o << "  " << std::string(28, ' ') << extra << "\n";
  };
  for (const auto& s : specs) {
    std::string metavar = s.metavar;
    if (metavar.empty()) {
      switch (s.kind) {
        case OptionKind::integer: metavar = "N"; break;
        case OptionKind::list: metavar = "A,B,..."; break;
        case OptionKind::string: metavar = "VALUE"; break;
        case OptionKind::flag: break;
      }
    }
    std::string left = "--" + s.name + (metavar.empty() ? "" : " " + metavar);
    std::string extra = "[";
    if (s.required) extra += "required; ";
    else if (!s.default_value.empty()) extra += "default: " + s.default_value + "; ";
    else if (s.kind == OptionKind::flag) extra += "default: false; ";
    else extra += "default: unset; ";
    extra += "env " + option_env_name(s.name) + "]";
    line(left, s.help, extra);
  }
  line("--config FILE", "read options from FILE (name = value lines)",
       "[env " + option_env_name(kConfigOption) + "]");
  line("--help", "print this help and exit", "");
  line("--version", "print the version and exit", "");
  o << "\nPrecedence: defaults < config file < environment < command line.\n";
  return o.str();
}

}  // namespace palveluhaku
