// default_codes.cpp — the installed code lists, loaded once on first use.
#include "palveluhaku/codes.h"
#include "palveluhaku/paths.h"
#include "sources/importers.h"

namespace palveluhaku::sources {

const CodeLists* default_code_lists() {
  // Immutable after load; a function-local static is initialised once even
  // with concurrent callers.
  static const std::shared_ptr<const CodeLists> lists = []() -> std::shared_ptr<const CodeLists> {
    try {
      return CodeLists::load(default_codes_dir());
    } catch (const std::exception&) {
      return nullptr;
    }
  }();
  return lists.get();
}

}  // namespace palveluhaku::sources
