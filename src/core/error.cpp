#include "palveluhaku/error.h"

namespace palveluhaku {

std::string_view error_code_name(ErrorCode c) {
  switch (c) {
    case ErrorCode::invalid_parameter: return "invalid_parameter";
    case ErrorCode::bad_query: return "bad_query";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::index_unavailable: return "index_unavailable";
    case ErrorCode::index_corrupt: return "index_corrupt";
    case ErrorCode::index_locked: return "index_locked";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::invalid_data: return "invalid_data";
    case ErrorCode::invalid_config: return "invalid_config";
    case ErrorCode::internal: break;
  }
  return "internal";
}

}  // namespace palveluhaku
