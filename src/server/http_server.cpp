// http_server.cpp — wiring the route table into cpp-httplib.
#include "http_server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "errors.h"
#include "guarded_server.h"
#include "http_util.h"
#include "params.h"
#include "palveluhaku/error.h"
#include "routes.h"

namespace palveluhaku::server {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

bool is_api_path(const std::string& path) { return path.rfind("/api/", 0) == 0; }

void log_line(const std::string& what) {
  // One write per line so concurrent logs do not interleave.
  std::string line = "palveluhaku-server: " + what + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// Headers for answers produced outside a route (limits, unmatched paths).
void finish_unrouted(const RequestContext& ctx, const httplib::Request& req,
                     httplib::Response& res) {
  if (is_api_path(req.path)) add_cors_headers(ctx.options, req, res);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

HttpServer::HttpServer(const SearchEngine& engine, ServerOptions options)
    : engine_(engine),
      options_(std::move(options)),
      responses_(options_.response_cache, options_.response_cache_mb << 20),
      ctx_{engine_, options_, metrics_, nullptr, &responses_},
      // Slow clients cannot hold workers, and kept-alive connections give
      // theirs up while others wait (guarded_server.h).
      http_(std::make_unique<GuardedServer>(options_.threads)) {
  http_->set_read_timeout(options_.read_timeout_s, 0);
  http_->set_write_timeout(options_.write_timeout_s, 0);
  // A kept-alive connection holds a worker thread while no other waits.
  http_->set_keep_alive_timeout(options_.keep_alive_timeout_s);
  http_->set_keep_alive_max_count(options_.keep_alive_max);
  http_->set_payload_max_length(options_.payload_max_length);
  // Answers are small and written in one go: without TCP_NODELAY each one
  // waits for the client's delayed ACK (~40 ms measured by bench/run).
  http_->set_tcp_nodelay(true);
  install_hooks();
  install_routes();
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::install_routes() {
  for (const Route& route : routes()) {
    if (route.kind == RouteKind::admin && options_.admin_token.empty()) continue;
    httplib::Server::Handler h = [this, &route](const httplib::Request& req,
                                                httplib::Response& res) {
      const auto t0 = Clock::now();
      try {
        route.handler(ctx_, req, res);
      } catch (const Error& e) {
        if (http_status(e.code()) >= 500)
          log_line(route.name + ": " + std::string(error_code_name(e.code())) + ": " + e.what());
        set_error(res, e);
      } catch (const std::exception& e) {
        log_line(route.name + ": unexpected exception: " + e.what());
        set_http_error(res, 500, "internal", "internal error");
      } catch (...) {
        log_line(route.name + ": unexpected non-standard exception");
        set_http_error(res, 500, "internal", "internal error");
      }
      finish_response(ctx_, route.kind, req, res);
      metrics_.observe(route.name, res.status, seconds_since(t0));
    };
    if (route.method == "GET")
      http_->Get(route.pattern, h);
    else if (route.method == "POST")
      http_->Post(route.pattern, h);
    else if (route.method == "OPTIONS")
      http_->Options(route.pattern, h);
    else
      throw std::logic_error("route table: unsupported method " + route.method);
  }
}

void HttpServer::install_hooks() {
  // Limits checked before any routing: the request target length and the
  // parameter count (cpp-httplib's own limit is 8 KiB of request line).
  http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const auto t0 = Clock::now();
    if (req.target.size() > options_.max_url_length) {
      set_http_error(res, 414, "uri_too_long",
                     "the request URL is longer than " + std::to_string(options_.max_url_length) +
                         " bytes");
    } else {
      try {
        check_param_count(req, options_);
        return httplib::Server::HandlerResponse::Unhandled;
      } catch (const Error& e) {
        set_error(res, e);
      }
    }
    finish_unrouted(ctx_, req, res);
    metrics_.observe("(rejected)", res.status, seconds_since(t0));
    return httplib::Server::HandlerResponse::Handled;
  });

  // Statuses set by cpp-httplib itself (no route: 404; malformed request:
  // 400; body too large: 413; request line too long: 414) arrive here with
  // an empty body. Answers of our own handlers already have one.
  http_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string code(http_error_code(res.status));
    std::string message = res.status == 404 ? "nothing here" : "the request was refused";
    if (res.status == 413) message = "the request body is too large";
    if (res.status == 414) message = "the request URL is too long";
    if (res.status == 400) message = "malformed request";
    set_http_error(res, res.status, code, message);
    finish_unrouted(ctx_, req, res);
    metrics_.observe(res.status == 404 ? "(unmatched)" : "(rejected)", res.status, 0.0);
    return httplib::Server::HandlerResponse::Handled;
  }));

  // A handler exception is caught by the route wrapper; this is the last net
  // for anything thrown elsewhere in routing.
  http_->set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
          if (ep) std::rethrow_exception(ep);
          log_line("exception handler called without an exception");
        } catch (const Error& e) {
          log_line(std::string("error outside a route: ") + e.what());
        } catch (const std::exception& e) {
          log_line(std::string("exception outside a route: ") + e.what());
        } catch (...) {
          log_line("non-standard exception outside a route");
        }
        res.headers.clear();
        set_http_error(res, 500, "internal", "internal error");
        finish_unrouted(ctx_, req, res);
        metrics_.observe("(exception)", 500, 0.0);
      });

  if (options_.access_log) {
    http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::string target = req.target.substr(0, 300);
      log_line(req.remote_addr + " \"" + req.method + " " + target + "\" " +
               std::to_string(res.status) + " " + std::to_string(res.body.size()));
    });
  }
}

int HttpServer::bind() {
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.host);
  } else {
    port_ = http_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ < 0)
    throw Error(ErrorCode::io_error,
                "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                    " (address in use or not available)",
                "port");
  return port_;
}

bool HttpServer::listen() {
  if (port_ < 0) bind();
  return http_->listen_after_bind();
}

void HttpServer::start() {
  if (port_ < 0) bind();
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  // cpp-httplib 0.11 has no wait_until_ready(): poll is_running().
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!http_->is_running() && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpServer::stop() {
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace palveluhaku::server
