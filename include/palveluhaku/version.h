// version.h — the version of Palveluhaku (from CMake's project version).
#pragma once

#include <string_view>

namespace palveluhaku {
std::string_view version();  // "0.1.0"
}  // namespace palveluhaku
