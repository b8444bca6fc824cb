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

// Larger files are refused, except JSON Lines (read in chunks): every other
// format is read into memory whole.
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

// Reads a file in blocks; JSON Lines can be taken a chunk of whole lines at
// a time, every other format is read whole (and refused above 1 GiB).
class FileReader {
 public:
  FileReader(const std::string& path, sources::Reporter& rep) : path_(path), rep_(rep), in_(path, std::ios::binary) {
    if (!in_) rep_.error(SourcePlace{path_, 0, ""}, "", "cannot open file");
  }
  bool ok() const { return static_cast<bool>(in_) || eof_; }

  // Appends up to `bytes` more of the file to `out`; false on a read error.
  bool read_more(std::string& out, std::size_t bytes) {
    char buf[1 << 16];
    std::size_t got = 0;
    while (!eof_ && got < bytes) {
      in_.read(buf, static_cast<std::streamsize>(std::min(sizeof buf, bytes - got)));
      const auto n = static_cast<std::size_t>(in_.gcount());
      if (n == 0) {
        eof_ = true;
        break;
      }
      out.append(buf, n);
      got += n;
    }
    if (in_.bad()) {
      rep_.error(SourcePlace{path_, 0, ""}, "", "read error");
      return false;
    }
    return true;
  }

  // Reads the rest of the file into `out` (which holds its start).
  bool read_rest(std::string& out) {
    while (!eof_) {
      if (!read_more(out, 1 << 20)) return false;
      if (out.size() > kMaxFileBytes) {
        rep_.error(SourcePlace{path_, 0, ""}, "", "file is larger than 1 GiB; not read");
        return false;
      }
    }
    return true;
  }
  bool eof() const { return eof_; }

 private:
  std::string path_;
  sources::Reporter& rep_;
  std::ifstream in_;
  bool eof_ = false;
};

// Reads the JSON Lines file behind `reader` whose first bytes are `head`, a
// chunk of whole lines at a time: a file of any size needs memory only for
// its records and one chunk. The records, places and problems are those of
// reading it in one piece.
void read_jsonl_chunks(FileReader& reader, std::string head, const std::string& path, std::size_t chunk_bytes,
                       sources::Batch& all, sources::Reporter& rep, const sources::Tick& tick) {
  std::string chunk = std::move(head);
  std::size_t line = 1, offset = 0;
  for (;;) {
    // Whole lines: the chunk ends at its last newline, the rest starts the next.
    std::size_t end = chunk.size();
    if (!reader.eof()) {
      const std::size_t nl = chunk.rfind('\n');
      if (nl == std::string::npos) {  // one line longer than the chunk so far
        if (chunk.size() > kMaxFileBytes) {
          rep.error(SourcePlace{path, line, ""}, "", "line is longer than 1 GiB; the rest of the file is not read");
          return;
        }
        if (!reader.read_more(chunk, chunk_bytes)) return;
        continue;
      }
      end = nl + 1;
    }
    const std::string_view part(chunk.data(), end);
    sources::Tick at;
    if (tick) at = [&, offset](std::size_t bytes) { tick(offset + bytes); };
    all.append(sources::read_jsonl(part, path, at, 0, line));
    line += static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
    offset += end;
    if (reader.eof() && end == chunk.size()) return;
    chunk.erase(0, end);
    if (!reader.read_more(chunk, chunk_bytes)) return;
  }
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
    // Progress inside one large file (JSON Lines and CSV are read line by line).
    sources::Tick tick;
    if (opts.progress)
      tick = [&, base = done](std::size_t bytes) { opts.progress(std::min(base + bytes, total), total); };
    FileReader reader(f, rep);
    std::string content;
    if (reader.ok() && reader.read_more(content, std::max<std::size_t>(opts.jsonl_chunk_bytes, 1))) {
      // The format is told from the file's start (detect_format reads at most its first value).
      SourceFormat fmt = opts.format == SourceFormat::automatic ? detect_format(content, f) : opts.format;
      if (fmt == SourceFormat::jsonl) {
        read_jsonl_chunks(reader, std::move(content), f, std::max<std::size_t>(opts.jsonl_chunk_bytes, 1), all,
                          rep, tick);
      } else if (reader.read_rest(content)) {
        if (opts.format == SourceFormat::automatic) fmt = detect_format(content, f);
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
