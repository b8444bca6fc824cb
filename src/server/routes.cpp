// routes.cpp — the one route table (see routes.h). Keep it a plain list.
#include "routes.h"

#include "handlers.h"
#include "site/site_handlers.h"

namespace palveluhaku::server {

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      // ---- JSON API, versioned ------------------------------------------------
      {"GET", "/api/v1/search", "/api/v1/search", get_search, RouteKind::api},
      {"GET", "/api/v1/services/([^/]+)", "/api/v1/services/{id}", get_service, RouteKind::api},
      {"GET", "/api/v1/suggest", "/api/v1/suggest", get_suggest, RouteKind::api},
      {"GET", "/api/v1/facets", "/api/v1/facets", get_facets, RouteKind::api},
      {"GET", "/api/v1/openapi\\.json", "/api/v1/openapi.json", get_openapi, RouteKind::api},
      {"POST", "/api/v1/admin/reload", "/api/v1/admin/reload", post_admin_reload,
       RouteKind::admin},
      {"OPTIONS", "/api/.*", "/api/* (preflight)", options_api, RouteKind::api},
      {"GET", "/api/.*", "/api/*", get_api_not_found, RouteKind::api},
      // ---- operations -----------------------------------------------------------
      {"GET", "/healthz", "/healthz", get_healthz, RouteKind::ops},
      {"GET", "/metrics", "/metrics", get_metrics, RouteKind::ops},
      // ---- the site (src/server/site/): pages go here ---------------------------
      {"GET", "/", "/", get_home_page, RouteKind::page},
      {"GET", "/haku", "/haku", get_search_page, RouteKind::page},
      {"GET", "/palvelu/([^/]+)", "/palvelu/{id}", get_service_page, RouteKind::page},
      {"GET", "/services/([^/]+)", "/services/{id}", get_service_alias, RouteKind::page},
      {"GET", "/upota", "/upota", get_embed_page, RouteKind::page},
      {"GET", "/widget\\.js", "/widget.js", get_widget_js, RouteKind::file},
      // ---- static files ----------------------------------------------------------
      {"GET", "/static/(.+)", "/static/*", get_static_file, RouteKind::file},
  };
  return table;
}

}  // namespace palveluhaku::server
