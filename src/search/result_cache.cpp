#include "search/result_cache.h"

#include <cstdio>

namespace palveluhaku::search {

namespace {

// Appends a length-prefixed field, so that no value can imitate another.
void field(std::string& k, std::string_view v) {
  k += std::to_string(v.size());
  k += ':';
  k += v;
}

}  // namespace

std::string result_cache_key(const SearchRequest& req, const std::string& index_key,
                             const std::string& minute) {
  std::string k;
  k.reserve(128 + req.q.size());
  field(k, index_key);
  field(k, minute);
  field(k, req.q);
  k += static_cast<char>('0' + static_cast<int>(req.lang));
  k += static_cast<char>('0' + static_cast<int>(req.sort));
  k += req.open_now ? 'o' : '-';
  k += req.facets ? 'f' : '-';
  field(k, std::to_string(req.page) + "/" + std::to_string(req.per_page));
  field(k, req.age ? std::to_string(*req.age) : std::string("-"));
  if (req.near) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g,%.17g", req.near->lat, req.near->lon);
    field(k, buf);
  } else {
    field(k, "-");
  }
  if (req.radius_km) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *req.radius_km);
    field(k, buf);
  } else {
    field(k, "-");
  }
  for (const auto& [name, values] : req.filters) {
    field(k, name);
    k += std::to_string(values.size());
    for (const auto& v : values) field(k, v);
  }
  return k;
}

namespace {

std::size_t text_bytes(const LocalizedText& t) { return t.fi.size() + t.sv.size() + t.en.size() + 3 * 32; }

std::size_t list_bytes(const std::vector<std::string>& v) {
  std::size_t n = v.size() * 32;
  for (const auto& s : v) n += s.size();
  return n;
}

std::size_t record_bytes(const ServiceRecord& r) {
  std::size_t n = sizeof(ServiceRecord) + r.id.size() + r.source.size() + r.source_id.size();
  n += text_bytes(r.provider.name) + r.provider.id.size() + r.provider.business_id.size();
  n += text_bytes(r.name) + text_bytes(r.summary) + text_bytes(r.description);
  n += text_bytes(r.cost_note) + text_bytes(r.how_to_apply);
  n += list_bytes(r.service_classes) + list_bytes(r.target_groups) + list_bytes(r.life_events);
  n += list_bytes(r.keywords.fi) + list_bytes(r.keywords.sv) + list_bytes(r.keywords.en);
  n += list_bytes(r.languages) + list_bytes(r.emails) + list_bytes(r.area.regions) +
       list_bytes(r.area.municipalities);
  for (const auto& l : r.locations) {
    n += sizeof(Location) + text_bytes(l.name) + text_bytes(l.address.street) +
         text_bytes(l.address.post_office) + text_bytes(l.accessibility) + list_bytes(l.emails);
    for (const auto& h : l.hours) n += sizeof(HoursEntry) + h.days.size() * sizeof(DayHours) + text_bytes(h.note);
    n += l.phones.size() * (sizeof(Phone) + 64);
  }
  n += r.phones.size() * (sizeof(Phone) + 64);
  for (const auto* links : {&r.web_pages, &r.eservices})
    for (const auto& k : *links) n += sizeof(Link) + k.url.size() + text_bytes(k.name);
  return n + r.last_modified.size();
}

}  // namespace

std::size_t approx_bytes(const ServiceRecord& r) { return record_bytes(r); }

std::size_t approx_bytes(const SearchResult& r) {
  std::size_t n = sizeof(SearchResult);
  // A hit's record is shared with the record cache, but the entry keeps it
  // alive after that drops it: counted in full.
  for (const auto& h : r.hits)
    n += sizeof(SearchHit) + h.id.size() + h.snippet.size() + (h.record ? record_bytes(*h.record) : 0);
  for (const auto& [field, values] : r.facets) {
    n += field.size() + 64;
    for (const auto& v : values) n += sizeof(FacetCount) + v.value.size() + v.label.size();
  }
  if (r.did_you_mean) n += r.did_you_mean->size();
  return n;
}

}  // namespace palveluhaku::search
