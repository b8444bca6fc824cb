#include "palveluhaku/version.h"

namespace palveluhaku {
std::string_view version() { return PALVELUHAKU_VERSION; }
}  // namespace palveluhaku
