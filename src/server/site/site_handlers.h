// site_handlers.h — the HTTP handlers of the website's pages and the widget
// (one signature, named verb_noun, listed in the route table routes.cpp).
//
// They fetch what a page needs from the engine and call the pure renderers
// of pages.h; every page answer gets the Content-Security-Policy kPageCsp
// and is text/html. Bad page parameters never give a JSON error: the page is
// rendered with a notice (status 400 when the engine refused the request).
#pragma once

#include <memory>
#include <string>

#include "request_context.h"

namespace palveluhaku::site {
class Messages;
}

namespace palveluhaku::server {

// GET /            — the home page (?lang=fi|sv|en).
void get_home_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /haku        — the results page (same parameters as /api/v1/search).
void get_search_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /palvelu/{id} — one service; an HTML 404 page for an unknown id.
void get_service_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /upota       — the embed page (widget configurator with live preview).
void get_embed_page(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /widget.js   — the embeddable widget script (WEB_DIR/static/widget.js),
// loadable from any origin.
void get_widget_js(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /services/{id} — permanent redirect to /palvelu/{id} (English alias).
void get_service_alias(const RequestContext& ctx, const httplib::Request& req, httplib::Response& res);

// What the pages load once: the UI texts from WEB_DIR/i18n. HttpServer may
// create one and hang it on RequestContext::site; if it does not, the
// handlers load and cache one per web directory on first use.
struct SiteState {
  std::shared_ptr<const palveluhaku::site::Messages> messages;
  // Loads WEB_DIR/i18n/*.json. Throws Error(invalid_config) if unusable.
  static std::shared_ptr<const SiteState> load(const std::string& web_dir);
};

}  // namespace palveluhaku::server
