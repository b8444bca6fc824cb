// palveluhaku-index — builds or updates the search index from sources.
//
// Thin: argv -> options -> import_sources -> rebuild_index / update_index.
// Every import problem is printed on stderr as "place: field: message".
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "palveluhaku/error.h"
#include "palveluhaku/index.h"
#include "palveluhaku/sources.h"
#include "palveluhaku/version.h"

namespace {

// Exit codes (also in --help).
enum Exit {
  kOk = 0,
  kDataProblems = 1,  // --strict and problems found, or no valid record to build from
  kUsage = 2,
  kLocked = 3,
  kIndexError = 4,    // I/O error, damaged index
  kConfigError = 5,
};

const char* kHelp =
    R"(Usage: palveluhaku-index --index DIR [options] SOURCE...

Builds the Palveluhaku search index in DIR from SOURCE files or directories
(PTV Open API v11 JSON, CSV, own JSON / JSON Lines; the format is detected from
the content unless --format is given). A rebuild writes a new generation beside
the live one and switches to it atomically when it is complete: a running
server never sees a half-built index, and an interrupted run leaves the
previous index serving. A rebuild needs free disk space in DIR of about twice
the size of the new index (the new generation plus its temporary chunk
databases), besides the live generation and the one before it.

Options:
  --index DIR        index directory (required; created if missing)
  --format F         format of every SOURCE: auto, ptv, csv, json, jsonl (default auto)
  --update           add or replace the records of SOURCE in the live index
                     instead of rebuilding it (creates the index if missing)
  --delete ID        delete the record ID from the live index (repeatable;
                     implies --update)
  --strict           any import problem (even a warning) is fatal: nothing is written
  --config-dir D     index configuration directory (default: the installed index-config)
  --codes-dir D      code lists directory (default: the installed codes)
  --threads N        worker threads (default: the number of cores)
  --quiet            no summary and no progress bar
  --help             this help
  --version          the version

Import problems are printed on stderr as "place: field: message", e.g.
  services.csv:14: postcode: "3310" is not a 5-digit Finnish postcode
and the bad record is skipped; the rest load.

Exit status:
  0  success (problems may have been reported and their records skipped)
  1  --strict and there were problems, or no valid record to build an index from
  2  bad command line
  3  another palveluhaku-index is writing the same index
  4  the index could not be written or is damaged (I/O error)
  5  invalid configuration (index-config, code lists)
)";

struct Args {
  std::string index;
  palveluhaku::SourceFormat format = palveluhaku::SourceFormat::automatic;
  bool update = false;
  bool strict = false;
  bool quiet = false;
  std::vector<std::string> deletes;
  std::string config_dir, codes_dir;
  unsigned threads = 0;
  std::vector<std::string> sources;
};

[[noreturn]] void usage_error(const std::string& msg) {
  std::fprintf(stderr, "palveluhaku-index: %s\nTry 'palveluhaku-index --help'.\n", msg.c_str());
  std::exit(kUsage);
}

Args parse_args(int argc, char** argv) {
  Args a;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      const std::string n = name;
      if (arg.size() > n.size() && arg.compare(0, n.size() + 1, n + "=") == 0) return arg.substr(n.size() + 1);
      if (i + 1 >= argc) usage_error(n + " needs a value");
      return argv[++i];
    };
    auto is = [&](const char* name) {
      const std::string n = name;
      return arg == n || arg.rfind(n + "=", 0) == 0;
    };
    if (options_done || arg.empty() || arg[0] != '-' || arg == "-") {
      a.sources.push_back(arg);
    } else if (arg == "--") {
      options_done = true;
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kHelp, stdout);
      std::exit(kOk);
    } else if (arg == "--version") {
      std::printf("palveluhaku-index %s\n", std::string(palveluhaku::version()).c_str());
      std::exit(kOk);
    } else if (is("--index")) {
      a.index = value("--index");
    } else if (is("--format")) {
      const std::string f = value("--format");
      if (f == "auto") {
        a.format = palveluhaku::SourceFormat::automatic;
      } else if (auto p = palveluhaku::parse_source_format(f)) {
        a.format = *p;
      } else {
        usage_error("unknown --format \"" + f + "\" (auto, ptv, csv, json, jsonl)");
      }
    } else if (arg == "--update") {
      a.update = true;
    } else if (is("--delete")) {
      a.deletes.push_back(value("--delete"));
      a.update = true;
    } else if (arg == "--strict") {
      a.strict = true;
    } else if (arg == "--quiet" || arg == "-q") {
      a.quiet = true;
    } else if (is("--config-dir")) {
      a.config_dir = value("--config-dir");
    } else if (is("--codes-dir")) {
      a.codes_dir = value("--codes-dir");
    } else if (is("--threads")) {
      const std::string t = value("--threads");
      char* end = nullptr;
      const long n = std::strtol(t.c_str(), &end, 10);
      if (t.empty() || *end || n < 1 || n > 64) usage_error("--threads must be a number 1..64");
      a.threads = static_cast<unsigned>(n);
    } else {
      usage_error("unknown option " + arg);
    }
  }
  if (a.index.empty()) usage_error("--index DIR is required");
  if (a.sources.empty() && a.deletes.empty()) usage_error("no SOURCE given");
  return a;
}

// A progress bar on stderr when it is a terminal.
class Progress {
 public:
  Progress(bool enabled, const char* label) : on_(enabled && ::isatty(2)), label_(label) {}
  ~Progress() { done(); }
  void operator()(std::size_t done, std::size_t total) {
    if (!on_ || total == 0) return;
    const int pct = static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total));
    if (pct == last_) return;
    last_ = pct;
    const int width = 30, fill = pct * width / 100;
    std::fprintf(stderr, "\r%s [%.*s%*s] %3d%% %zu/%zu", label_, fill,
                 "##############################", width - fill, "", pct, done, total);
    std::fflush(stderr);
    shown_ = true;
  }
  void done() {
    if (shown_) std::fputs("\n", stderr);
    shown_ = false;
  }

 private:
  bool on_;
  const char* label_;
  int last_ = -1;
  bool shown_ = false;
};

int exit_code_for(palveluhaku::ErrorCode c) {
  using palveluhaku::ErrorCode;
  switch (c) {
    case ErrorCode::index_locked: return kLocked;
    case ErrorCode::invalid_config: return kConfigError;
    case ErrorCode::invalid_data: return kDataProblems;
    default: return kIndexError;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse_args(argc, argv);
  try {
    palveluhaku::ImportResult imported;
    if (!a.sources.empty()) {
      Progress bar(!a.quiet, "reading ");
      palveluhaku::ImportOptions io;
      io.format = a.format;
      io.progress = [&bar](std::size_t d, std::size_t t) { bar(d, t); };
      imported = palveluhaku::import_sources(a.sources, io);
    }
    for (const auto& p : imported.problems)
      std::fprintf(stderr, "%s%s\n", p.severity == palveluhaku::Problem::Severity::warning ? "warning: " : "",
                   p.to_string().c_str());
    if (!a.quiet && !a.sources.empty())
      std::fprintf(stderr, "loaded %zu records, skipped %zu, %zu warnings\n", imported.records.size(),
                   imported.skipped, imported.warnings());
    if (a.strict && !imported.problems.empty()) {
      std::fprintf(stderr, "palveluhaku-index: --strict: %zu problems, nothing written\n",
                   imported.problems.size());
      return kDataProblems;
    }
    if (!a.update && imported.records.empty()) {
      std::fprintf(stderr,
                   "palveluhaku-index: no valid record in the sources; the index in %s is left as it is\n",
                   a.index.c_str());
      return kDataProblems;
    }

    palveluhaku::IndexOptions opts;
    opts.config_dir = a.config_dir;
    opts.codes_dir = a.codes_dir;
    opts.threads = a.threads;
    Progress bar(!a.quiet, "indexing");
    opts.progress = [&bar](std::size_t d, std::size_t t) { bar(d, t); };
    const palveluhaku::IndexStats st =
        a.update ? palveluhaku::update_index(a.index, imported.records, a.deletes, opts)
                 : palveluhaku::rebuild_index(a.index, imported.records, opts);
    bar.done();
    if (st.not_found > 0)
      std::fprintf(stderr, "warning: %zu of the ids to delete were not in the index\n", st.not_found);
    if (!a.quiet) {
      const double rate = st.seconds > 0 ? static_cast<double>(st.added + st.replaced) / st.seconds : 0;
      std::fprintf(stderr,
                   "index %s: generation %lu, %zu documents (added %zu, replaced %zu, deleted %zu, "
                   "not found %zu) in %.2f s (%.0f records/s)\n",
                   a.index.c_str(), st.generation, st.documents, st.added, st.replaced, st.deleted,
                   st.not_found, st.seconds, rate);
    }
    return kOk;
  } catch (const palveluhaku::Error& e) {
    std::fprintf(stderr, "palveluhaku-index: %s\n", e.what());
    return exit_code_for(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "palveluhaku-index: internal error: %s\n", e.what());
    return kIndexError;
  }
}
