// static_files.cpp — GET /static/... from WEB_DIR/static, never outside it.
//
// Defences: the decoded path may not contain "..", backslashes, NUL, '%'
// (no second decoding), or hidden segments; the file's real path (symlinks
// resolved) must lie inside the real static directory; only regular files
// are served, at most 16 MiB.
#include <httplib.h>

#include <filesystem>
#include <fstream>

#include "errors.h"
#include "handlers.h"
#include "server_options.h"

namespace palveluhaku::server {

namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileSize = 16u << 20;

std::string_view mime_type(const fs::path& p) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json; charset=utf-8"},
  };
  const std::string ext = p.extension().string();
  for (const auto& [e, t] : kTypes)
    if (e == ext) return t;
  return "application/octet-stream";
}

bool safe_relative(std::string_view rel) {
  if (rel.empty() || rel.size() > 1024 || rel.front() == '/') return false;
  if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos ||
      rel.find('%') != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= rel.size()) {
    auto slash = rel.find('/', start);
    std::string_view seg = rel.substr(start, slash == std::string_view::npos ? rel.npos : slash - start);
    if (seg.empty() || seg.front() == '.') return false;  // "", ".", "..", hidden files
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

}  // namespace

void get_static_file(const RequestContext& ctx, const httplib::Request& req,
                     httplib::Response& res) {
  const std::string rel = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
  auto not_found = [&] { set_http_error(res, 404, "not_found", "no such file"); };
  if (!safe_relative(rel)) return not_found();

  std::error_code ec;
  const fs::path root = fs::canonical(fs::path(ctx.options.web_dir) / "static", ec);
  if (ec) return not_found();
  const fs::path file = fs::canonical(root / rel, ec);
  if (ec) return not_found();
  // The real path must stay inside the real root (symlinks out are refused).
  auto [r_end, f_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (r_end != root.end()) return not_found();
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxFileSize || ec)
    return not_found();

  const auto size = fs::file_size(file, ec);
  std::ifstream in(file, std::ios::binary);
  if (ec || !in) return not_found();
  std::string body(static_cast<std::size_t>(size), '\0');
  if (!in.read(body.data(), static_cast<std::streamsize>(body.size()))) return not_found();
  res.status = 200;
  res.set_content(std::move(body), std::string(mime_type(file)));
}

}  // namespace palveluhaku::server
