#include "palveluhaku/record.h"

#include <algorithm>
#include <cctype>

namespace palveluhaku {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
}  // namespace

std::string_view lang_code(Lang l) {
  switch (l) {
    case Lang::fi: return "fi";
    case Lang::sv: return "sv";
    case Lang::en: return "en";
  }
  return "fi";
}

std::optional<Lang> parse_lang(std::string_view s) {
  const std::string l = lower(s);
  if (l == "fi") return Lang::fi;
  if (l == "sv") return Lang::sv;
  if (l == "en") return Lang::en;
  return std::nullopt;
}

const std::string& LocalizedText::get(Lang l) const {
  switch (l) {
    case Lang::sv: return sv;
    case Lang::en: return en;
    case Lang::fi: break;
  }
  return fi;
}

std::string& LocalizedText::get(Lang l) {
  return const_cast<std::string&>(static_cast<const LocalizedText&>(*this).get(l));
}

const std::string& LocalizedText::best(Lang l) const {
  if (!get(l).empty()) return get(l);
  for (Lang other : kAllLangs)
    if (!get(other).empty()) return get(other);
  return fi;
}

const std::vector<std::string>& LocalizedList::get(Lang l) const {
  switch (l) {
    case Lang::sv: return sv;
    case Lang::en: return en;
    case Lang::fi: break;
  }
  return fi;
}

std::vector<std::string>& LocalizedList::get(Lang l) {
  return const_cast<std::vector<std::string>&>(static_cast<const LocalizedList&>(*this).get(l));
}

std::string_view provider_type_code(ProviderType t) {
  switch (t) {
    case ProviderType::municipality: return "municipality";
    case ProviderType::wellbeing_county: return "wellbeing_county";
    case ProviderType::state: return "state";
    case ProviderType::ngo: return "ngo";
    case ProviderType::parish: return "parish";
    case ProviderType::private_company: return "private_company";
    case ProviderType::unknown: break;
  }
  return "unknown";
}

std::optional<ProviderType> parse_provider_type(std::string_view s) {
  const std::string l = lower(s);
  for (auto t : {ProviderType::unknown, ProviderType::municipality, ProviderType::wellbeing_county,
                 ProviderType::state, ProviderType::ngo, ProviderType::parish,
                 ProviderType::private_company})
    if (provider_type_code(t) == l) return t;
  return std::nullopt;
}

std::string_view cost_code(Cost c) {
  switch (c) {
    case Cost::free: return "free";
    case Cost::paid: return "paid";
    case Cost::partly_free: return "partly";
    case Cost::unknown: break;
  }
  return "unknown";
}

std::optional<Cost> parse_cost(std::string_view s) {
  const std::string l = lower(s);
  for (auto c : {Cost::unknown, Cost::free, Cost::paid, Cost::partly_free})
    if (cost_code(c) == l) return c;
  return std::nullopt;
}

}  // namespace palveluhaku
