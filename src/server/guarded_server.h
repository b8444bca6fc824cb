// guarded_server.h — cpp-httplib's Server with a deadline on receiving each
// request, so that slow clients (slowloris) cannot hold the worker threads.
//
// cpp-httplib 0.11 applies its read timeout to each recv() only: a client
// that sends one header line every few seconds keeps a worker thread busy
// for ever, and a few dozen such clients starve every other request. Here a
// request must arrive complete (request line, headers, body) within the
// read timeout (--read-timeout, ServerOptions::read_timeout_s), counted from
// the moment the connection was accepted (so time spent waiting for a free
// worker counts too) or, on a kept-alive connection, from the first byte of
// the next request. A connection over its deadline is closed; bytes that are
// already there are always read, so a queued but complete request is served.
//
// Keep-alive yields to waiting connections. cpp-httplib 0.11 serves one
// connection per worker thread for as long as it stays open: with more open
// connections than threads, a new connection waited in the queue until some
// connection had sent keep-alive-max requests or gone idle for the
// keep-alive timeout (seconds of waiting under a busy load: the 10-min soak
// of made-up words saw wrk time out after 10 s). Here, while any accepted
// connection waits for a thread, the request a kept-alive connection sends
// is its last: answered with "Connection: close", after which the thread
// takes the next waiting connection. So a waiting connection waits for about
// one request (or an idle connection's keep-alive timeout), not for another's
// whole keep-alive life. Without a queue, keep-alive is as before. An idle
// kept-alive connection is not closed early: a request the client may
// already have sent on it would be lost (wrk counts a read error; measured).
//
// Threading: as httplib::Server. The constructor installs the task queue
// (`threads` workers) that records accept times and counts waiting
// connections.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>

namespace palveluhaku::server {

class GuardedServer : public httplib::Server {
 public:
  // Serves connections on `threads` (>= 1) worker threads.
  explicit GuardedServer(unsigned threads);

  // Accepted connections waiting for a worker thread.
  std::size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

 private:
  // Serves one connection: up to keep-alive-max-count requests, each under
  // the deadline above, fewer while others wait; shuts the socket down and
  // closes it.
  bool process_and_close_socket(socket_t sock) override;

  std::atomic<std::size_t> waiting_{0};
};

}  // namespace palveluhaku::server
