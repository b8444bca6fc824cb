// error.h — the engine's error type.
//
// The engine throws palveluhaku::Error for faults the caller must handle:
// bad input from a client (a query, a parameter), missing or corrupt index,
// I/O failures. Each carries an ErrorCode; the HTTP front maps codes to HTTP
// statuses in one table (src/server/errors.cpp), the CLIs map them to exit
// codes. Programming mistakes are not Errors: they are std::logic_error.
//
// Per-record import problems are NOT thrown: importers collect them as
// Problem values (sources.h) and go on with the next record.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace palveluhaku {

enum class ErrorCode {
  invalid_parameter,   // a request parameter has a bad value (client error)
  bad_query,           // the query text cannot be parsed (client error)
  not_found,           // no such record
  index_unavailable,   // no index at the path, or it cannot be opened
  index_corrupt,       // the index exists but is damaged
  index_locked,        // another writer holds the index
  io_error,            // reading or writing files failed (disk full, permissions)
  invalid_data,        // a source file is unusable as a whole
  invalid_config,      // a configuration file or option is invalid
  internal,            // anything else (a bug)
};

// Stable machine-readable name, e.g. "invalid_parameter".
std::string_view error_code_name(ErrorCode c);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::string parameter = {})
      : std::runtime_error(std::move(message)), code_(code), parameter_(std::move(parameter)) {}

  ErrorCode code() const noexcept { return code_; }
  // The request parameter or option the error is about; empty if none.
  const std::string& parameter() const noexcept { return parameter_; }

 private:
  ErrorCode code_;
  std::string parameter_;
};

}  // namespace palveluhaku
