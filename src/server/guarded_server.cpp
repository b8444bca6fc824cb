// guarded_server.cpp — per-request receive deadline for cpp-httplib (see
// guarded_server.h).
#include "guarded_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace palveluhaku::server {

namespace {

using Clock = std::chrono::steady_clock;

// When the connection the current worker thread serves was accepted; set by
// the task queue just before the connection's task runs.
thread_local Clock::time_point t_accepted{};

// httplib's pool, recording when each connection was accepted and counting
// the connections that wait for a thread.
class TimedPool : public httplib::TaskQueue {
 public:
  TimedPool(unsigned threads, std::atomic<std::size_t>& waiting) : pool_(threads), waiting_(waiting) {}
  void enqueue(std::function<void()> fn) override {
    const auto accepted = Clock::now();
    waiting_.fetch_add(1, std::memory_order_relaxed);
    pool_.enqueue([fn = std::move(fn), accepted, &waiting = waiting_] {
      waiting.fetch_sub(1, std::memory_order_relaxed);
      t_accepted = accepted;
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<std::size_t>& waiting_;
};

// Waits until `sock` has `events` or `until` passes. True if ready.
bool wait_for(int sock, short events, Clock::time_point until) {
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    pollfd p{sock, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, left)));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return false;
  }
}

void ip_and_port(const sockaddr_storage& addr, std::string& ip, int& port) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    port = ntohs(a->sin6_port);
  }
  ip = buf;
}

// A buffered socket stream whose reads fail once the request deadline has
// passed (what had already arrived by then is still delivered).
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(int sock, std::chrono::milliseconds write_timeout)
      : sock_(sock), write_timeout_(write_timeout) {}

  // True once a read failed for the deadline: the connection must close
  // (cpp-httplib answers 400 and would otherwise keep it alive).
  bool deadline_missed() const { return missed_; }
  void set_deadline(Clock::time_point d) {
    deadline_ = d;
    late_read_done_ = false;
  }
  bool has_buffered() const { return off_ < len_; }

  bool is_readable() const override {
    return has_buffered() || wait_for(sock_, POLLIN, deadline_);
  }
  bool is_writable() const override {
    return wait_for(sock_, POLLOUT, Clock::now() + write_timeout_);
  }
  ssize_t read(char* ptr, size_t size) override {
    if (!has_buffered()) {
      // Past the deadline, one more read of what has already arrived is
      // allowed (a complete request that waited for a worker), no more.
      if (Clock::now() >= deadline_) {
        if (late_read_done_) return timed_out();
        late_read_done_ = true;
      }
      if (!wait_for(sock_, POLLIN, deadline_)) return timed_out();
      ssize_t n;
      do {
        n = ::recv(sock_, buf_, sizeof buf_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      off_ = 0;
      len_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, len_ - off_);
    std::memcpy(ptr, buf_ + off_, n);
    off_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip_and_port(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip_and_port(addr, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  ssize_t timed_out() {
    missed_ = true;
    return -1;
  }

  int sock_;
  std::chrono::milliseconds write_timeout_;
  Clock::time_point deadline_{};
  bool late_read_done_ = false;
  bool missed_ = false;
  char buf_[4096];
  size_t off_ = 0;
  size_t len_ = 0;
};

}  // namespace

GuardedServer::GuardedServer(unsigned threads) {
  threads = std::max(1u, threads);
  new_task_queue = [this, threads] { return new TimedPool(threads, waiting_); };
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  const auto receive = std::chrono::duration_cast<milliseconds>(
      seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_));
  const auto write_timeout = std::chrono::duration_cast<milliseconds>(
      seconds(write_timeout_sec_) + std::chrono::microseconds(write_timeout_usec_));
  const auto accepted = t_accepted == Clock::time_point{} ? Clock::now() : t_accepted;

  DeadlineStream strm(sock, write_timeout);
  strm.set_deadline(accepted + receive);
  bool ret = false;
  for (std::size_t count = keep_alive_max_count_; count > 0; --count) {
    if (svr_sock_ == INVALID_SOCKET) break;
    if (count != keep_alive_max_count_) {
      // Kept alive: wait (keep-alive timeout) for the next request to begin;
      // from its first byte it has the receive time to arrive complete.
      if (!strm.has_buffered() &&
          !wait_for(sock, POLLIN, Clock::now() + seconds(keep_alive_timeout_sec_)))
        break;
      strm.set_deadline(Clock::now() + receive);
    } else if (!strm.is_readable()) {
      break;
    }
    // While others wait for a thread, this is the connection's last request
    // (answered with "Connection: close").
    const bool last = count == 1 || waiting() > 0;
    bool connection_closed = false;
    ret = process_request(strm, last, connection_closed, nullptr);
    if (!ret || connection_closed || last || strm.deadline_missed()) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace palveluhaku::server
