// labels.cpp — display labels for filter values (codes, enums, languages).
#include "site/html.h"
#include "site/pages.h"

namespace palveluhaku::site {

std::string value_label(const PageEnv& env, const std::string& field, const std::string& value) {
  const Lang L = env.lang;
  if (field == "service_class" || field == "target_group" || field == "life_event" || field == "region") {
    if (env.codes) return env.codes->label(field, value, L);
    return value;
  }
  if (field == "municipality") {
    if (env.codes) {
      if (const Municipality* mu = env.codes->municipality(value)) return mu->name.best(L);
    }
    return value;
  }
  if (field == "open_now") return env.msg->get(L, "facet.open_now.true");
  if (field == "age") return env.msg->format(L, "facet.age.value", {{"n", value}});
  const std::string key = "value." + field + "." + value;
  if (env.msg->has(key)) return env.msg->get(L, key);
  return value;
}

}  // namespace palveluhaku::site
