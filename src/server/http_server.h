// http_server.h — palveluhaku-server's HTTP front, as a library so tests can
// run the real server in-process.
//
// HttpServer registers every row of the route table (routes.h) with
// cpp-httplib, wrapping each handler so that: palveluhaku::Error becomes the
// JSON error (errors.h); the response gets CORS / ETag / caching / security
// headers (http_util.h); the request is counted in the metrics. Requests
// that match no route, that are refused by the limits (URL length,
// parameter count, body size) or that httplib itself rejects get the same
// JSON error body. Requests run on a thread pool of `options.threads`.
//
// Lifetime: the engine must outlive the server. Threading: bind/start/stop
// from one controlling thread; listen() blocks the calling thread.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "metrics.h"
#include "request_context.h"
#include "response_cache.h"
#include "server_options.h"

namespace httplib {
class Server;
}

namespace palveluhaku::server {

class HttpServer {
 public:
  HttpServer(const SearchEngine& engine, ServerOptions options);
  ~HttpServer();  // stops and joins the background thread if running
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds options.host:options.port (port 0: any free port). Returns the
  // bound port. Throws Error(io_error) naming the address if it cannot bind.
  int bind();
  // Serves on the calling thread until stop(). Returns false on a socket error.
  bool listen();
  // Serves on a background thread; returns once the server is accepting.
  void start();
  // Stops serving (safe from another thread or a signal-watching thread).
  void stop();

  int port() const { return port_; }
  Metrics& metrics() { return metrics_; }
  const ServerOptions& options() const { return options_; }

 private:
  void install_routes();
  void install_hooks();

  const SearchEngine& engine_;
  ServerOptions options_;
  Metrics metrics_;
  ResponseCache responses_;
  RequestContext ctx_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = -1;
};

}  // namespace palveluhaku::server
