// paths.h — where the installed run-time files are.
//
// Programs find their data relative to their own executable, so an installed
// copy works from anywhere: PREFIX/bin/palveluhaku-server uses
// PREFIX/share/palveluhaku/{index-config,codes,web,data}. A build-tree
// executable falls back to the source tree (PALVELUHAKU_SOURCE_DIR baked in
// at build time). PALVELUHAKU_SHARE_DIR in the environment overrides both.
//
// Threading: pure functions.
#pragma once

#include <string>

namespace palveluhaku {

// The share directory (containing index-config/, codes/, web/, data/).
std::string share_dir();
std::string default_index_config_dir();  // share_dir() + "/index-config"
std::string default_codes_dir();         // share_dir() + "/codes"
std::string default_web_dir();           // share_dir() + "/web"
std::string default_data_dir();          // share_dir() + "/data"

}  // namespace palveluhaku
