// import_sources.cpp — loading files and directories of any format.
//
// PTV files are collected from all paths first and joined together (a
// service in one directory may use channels from another); the other
// formats are read file by file. Duplicate ids are reported across all.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "palveluhaku/sources.h"
#include "sources/importers.h"
#include "sources/report.h"
#include "sources/text_util.h"

namespace palveluhaku {

namespace fs = std::filesystem;

namespace {

// Larger files are refused (the whole file is read into memory).
constexpr std::uintmax_t kMaxFileBytes = 1ull << 30;

bool wanted_extension(const fs::path& p) {
  const std::string ext = sources::ascii_lower(p.extension().string());
  return ext == ".json" || ext == ".jsonl" || ext == ".ndjson" || ext == ".csv";
}

bool hidden(const fs::path& p) {
  const std::string n = p.filename().string();
  return !n.empty() && n[0] == '.';
}

// Expands the paths into files: directories recursively (sorted, hidden
// entries skipped), files as given.
std::vector<std::string> expand(const std::vector<std::string>& paths, sources::Reporter& rep) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      rep.error(SourcePlace{path, 0, ""}, "", "no such file or directory");
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
      if (ec) {
        rep.error(SourcePlace{path, 0, ""}, "", "cannot read directory: " + ec.message());
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) {
          rep.error(SourcePlace{path, 0, ""}, "", "cannot read directory: " + ec.message());
          break;
        }
        if (hidden(it->path())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && wanted_extension(it->path())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  return files;
}

bool read_file(const std::string& path, std::string& out, sources::Reporter& rep) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    rep.error(SourcePlace{path, 0, ""}, "", "file is larger than 1 GiB; not read");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    rep.error(SourcePlace{path, 0, ""}, "", "cannot open file");
    return false;
  }
  out.clear();
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > kMaxFileBytes) {
      rep.error(SourcePlace{path, 0, ""}, "", "file is larger than 1 GiB; not read");
      return false;
    }
  }
  if (in.bad()) {
    rep.error(SourcePlace{path, 0, ""}, "", "read error");
    return false;
  }
  return true;
}

}  // namespace

ImportResult import_sources(const std::vector<std::string>& paths, const ImportOptions& opts) {
  sources::Batch all;
  sources::Reporter rep(all.result.problems);
  const std::vector<std::string> files = expand(paths, rep);

  std::size_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    const auto size = fs::file_size(f, ec);
    if (!ec) total += static_cast<std::size_t>(size);
  }
  std::size_t done = 0;
  if (opts.progress) opts.progress(0, total);

  const CodeLists* codes = opts.codes ? opts.codes.get() : sources::default_code_lists();
  std::vector<PtvFile> ptv;
  for (const auto& f : files) {
    std::string content;
    if (read_file(f, content, rep)) {
      // Progress inside one large file (JSON Lines and CSV are read line by line).
      sources::Tick tick;
      if (opts.progress)
        tick = [&, base = done](std::size_t bytes) { opts.progress(std::min(base + bytes, total), total); };
      SourceFormat fmt = opts.format == SourceFormat::automatic ? detect_format(content, f) : opts.format;
      switch (fmt) {
        case SourceFormat::ptv: ptv.push_back(PtvFile{f, std::move(content)}); break;
        case SourceFormat::csv: all.append(sources::read_csv(content, f, codes, tick)); break;
        case SourceFormat::json: all.append(sources::read_json(content, f)); break;
        case SourceFormat::jsonl: all.append(sources::read_jsonl(content, f, tick)); break;
        case SourceFormat::automatic:
          rep.error(SourcePlace{f, 0, ""}, "",
                    "cannot tell the format (not JSON, JSON Lines, PTV or CSV); give it with --format");
          break;
      }
    }
    std::error_code ec;
    const auto size = fs::file_size(f, ec);
    if (!ec) done += static_cast<std::size_t>(size);
    if (opts.progress) opts.progress(std::min(done, total), total);
  }
  if (!ptv.empty()) all.append(sources::read_ptv(ptv, codes));
  sources::drop_duplicate_ids(all);
  return std::move(all.result);
}

}  // namespace palveluhaku
