#include "palveluhaku/paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace palveluhaku {

namespace fs = std::filesystem;

namespace {

bool looks_like_share(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "index-config", ec);
}

std::string find_share_dir() {
  if (const char* env = std::getenv("PALVELUHAKU_SHARE_DIR"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // Installed layout: PREFIX/bin/<exe> -> PREFIX/share/palveluhaku
    const fs::path installed = exe.parent_path().parent_path() / "share" / "palveluhaku";
    if (looks_like_share(installed)) return installed.string();
  }
#ifdef PALVELUHAKU_SOURCE_DIR
  if (looks_like_share(PALVELUHAKU_SOURCE_DIR)) return PALVELUHAKU_SOURCE_DIR;
#endif
  return (fs::current_path(ec) / "share" / "palveluhaku").string();
}

}  // namespace

std::string share_dir() {
  static const std::string dir = find_share_dir();
  return dir;
}

std::string default_index_config_dir() { return share_dir() + "/index-config"; }
std::string default_codes_dir() {
  // In the source tree the code lists live under data/codes.
  std::error_code ec;
  if (fs::is_directory(share_dir() + "/codes", ec)) return share_dir() + "/codes";
  return share_dir() + "/data/codes";
}
std::string default_web_dir() { return share_dir() + "/web"; }
std::string default_data_dir() { return share_dir() + "/data"; }

}  // namespace palveluhaku
