#include "index/index_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "palveluhaku/error.h"

namespace palveluhaku::index {

namespace fs = std::filesystem;

namespace {
constexpr const char* kStub = "XAPIANDB";
constexpr const char* kGenPrefix = "gen-";

void fsync_path(const std::string& path, bool dir) {
  const int fd = ::open(path.c_str(), (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}
}  // namespace

std::string generation_name(unsigned long n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%06lu", kGenPrefix, n);
  return buf;
}

unsigned long parse_generation_name(const std::string& name) {
  if (name.rfind(kGenPrefix, 0) != 0 || name.size() <= 4) return 0;
  unsigned long n = 0;
  for (std::size_t i = 4; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    n = n * 10 + static_cast<unsigned long>(name[i] - '0');
    if (n > 100000000000UL) return 0;
  }
  return n;
}

std::string live_generation(const std::string& dir) {
  std::ifstream in(dir + "/" + kStub);
  if (!in) return {};
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string kind, path;
    if (!(ls >> kind >> path)) continue;
    if (kind != "auto") continue;
    if (parse_generation_name(path) == 0) return {};
    std::error_code ec;
    if (!fs::is_directory(fs::path(dir) / path, ec)) return {};
    return path;
  }
  return {};
}

std::vector<unsigned long> generations(const std::string& dir) {
  std::vector<unsigned long> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const unsigned long n = parse_generation_name(it->path().filename().string());
    if (n) out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void switch_live_generation(const std::string& dir, const std::string& gen_name) {
  const std::string tmp = dir + "/" + kStub + ".tmp";
  const std::string content = "auto " + gen_name + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(ErrorCode::io_error, "cannot write " + tmp + ": " + std::strerror(errno));
  const ssize_t w = ::write(fd, content.data(), content.size());
  const bool ok = w == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    throw Error(ErrorCode::io_error, "cannot write " + tmp + ": " + std::strerror(saved));
  }
  if (::rename(tmp.c_str(), (dir + "/" + kStub).c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    throw Error(ErrorCode::io_error, "cannot switch " + dir + "/" + kStub + ": " + std::strerror(e));
  }
  fsync_path(dir, true);
}

void remove_stale_generations(const std::string& dir) {
  const std::string live = live_generation(dir);
  const unsigned long live_n = parse_generation_name(live);
  unsigned long previous = 0;
  const auto gens = generations(dir);
  for (unsigned long n : gens)
    if (n < live_n) previous = n;
  std::error_code ec;
  for (unsigned long n : gens) {
    if (n == live_n || n == previous) continue;
    fs::remove_all(fs::path(dir) / generation_name(n), ec);
  }
  fs::remove(fs::path(dir) / (std::string(kStub) + ".tmp"), ec);
  // Shards of an interrupted parallel rebuild ("gen-000042.shard0").
  std::vector<fs::path> shards;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kGenPrefix, 0) == 0 && name.find(".shard") != std::string::npos)
      shards.push_back(it->path());
  }
  for (const auto& p : shards) fs::remove_all(p, ec);
}

WriterLock::WriterLock(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorCode::io_error, "cannot create index directory " + dir + ": " + ec.message());
  const std::string path = dir + "/.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw Error(ErrorCode::io_error, "cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    ::close(fd_);
    fd_ = -1;
    if (e == EWOULDBLOCK)
      throw Error(ErrorCode::index_locked,
                  "another palveluhaku-index is writing " + dir + " (" + path + " is locked)");
    throw Error(ErrorCode::io_error, "cannot lock " + path + ": " + std::strerror(e));
  }
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

}  // namespace palveluhaku::index
