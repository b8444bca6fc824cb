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
// Threading: as httplib::Server. Use new_guarded_task_queue() as the
// server's task queue so that accept times are known.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>

namespace palveluhaku::server {

class GuardedServer : public httplib::Server {
 private:
  // Serves one connection: up to keep-alive-max-count requests, each under
  // the deadline above; shuts the socket down and closes it.
  bool process_and_close_socket(socket_t sock) override;
};

// A thread pool of `threads` workers that records when each connection was
// accepted (enqueued), for GuardedServer. The caller (httplib) owns it.
httplib::TaskQueue* new_guarded_task_queue(unsigned threads);

}  // namespace palveluhaku::server
