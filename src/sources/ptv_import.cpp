// ptv_import.cpp — Suomi.fi PTV Open API JSON (v11, and the v7/v8-era
// responses that are close to it) and the PTV general service descriptions.
//
// Input: any mix of files holding services, service channels and
// organisations, as single records, arrays or list pages
// ({pageNumber, pageCount, itemList}). Services are joined to their channels
// (service.serviceChannels[].serviceChannel.id and channel.services[].service.id)
// and to their organisation (organizations[] with roleType Responsible, else
// Producer). Channels become locations (ServiceLocation), phones (Phone), web
// pages (WebPage) and e-services (EChannel, PrintableForm).
//
// General descriptions (pohjakuvaukset: Id/Name/ShortDescription with
// Lang/Label, Draft.js texts) become records "ptv-gd-<Id>" without provider;
// a service that names its general description inherits its texts and
// classification where the service has none.
//
// Every value is checked for its type before use: the reader is total over
// any JSON.
#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "palveluhaku/codes.h"
#include "palveluhaku/geo.h"
#include "palveluhaku/sources.h"
#include "sources/draftjs.h"
#include "sources/hours_util.h"
#include "sources/importers.h"
#include "sources/report.h"
#include "sources/text_util.h"
#include "sources/validate.h"

namespace palveluhaku {

namespace sources {

namespace {

using nlohmann::json;

// ---------------------------------------------------------------- safe access

const json kNull;
const json kEmptyArray = json::array();

// o[key] if o is an object holding a non-null key, else null.
const json& at(const json& o, const char* key) {
  if (!o.is_object()) return kNull;
  const auto it = o.find(key);
  return it == o.end() ? kNull : *it;
}
const json& arr(const json& v) { return v.is_array() ? v : kEmptyArray; }
std::string str(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }
std::string str(const json& o, const char* key) { return str(at(o, key)); }

std::string text_value(const std::string& raw, bool multiline) {
  const std::string plain = looks_like_draftjs(raw) ? draftjs_to_text(raw) : raw;
  return multiline ? clean_text(plain) : clean_line(plain);
}

// [{language, value, type}] -> LocalizedText; only entries of `type` when
// given; several entries of one language are joined by a blank line.
LocalizedText localized(const json& list, const char* type = nullptr, bool multiline = false,
                        const char* lang_key = "language", const char* value_key = "value") {
  LocalizedText out;
  for (const auto& e : arr(list)) {
    if (type && str(e, "type") != type) continue;
    const auto lang = parse_lang(str(e, lang_key));
    if (!lang) continue;
    const std::string v = text_value(str(e, value_key), multiline);
    if (v.empty()) continue;
    std::string& dst = out.get(*lang);
    if (dst == v) continue;
    if (!dst.empty()) dst += multiline ? "\n\n" : " / ";
    dst += v;
    if (dst.size() > kMaxTextBytes) dst = clean_text(dst);
  }
  return out;
}

void append_text(LocalizedText& dst, const LocalizedText& more) {
  for (Lang l : kAllLangs) {
    if (more.get(l).empty()) continue;
    if (!dst.get(l).empty()) dst.get(l) += "\n\n";
    dst.get(l) += more.get(l);
    if (dst.get(l).size() > kMaxTextBytes) dst.get(l) = clean_text(dst.get(l));
  }
}

template <class T>
void push_unique(std::vector<T>& v, T x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(std::move(x));
}

// A GUID-like PTV id: letters, digits and '-', 1..100 characters.
bool plausible_ptv_id(const std::string& s) {
  if (s.empty() || s.size() > 100) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

// ---------------------------------------------------------------- items

enum class Kind { service, channel, organization, general_description, unknown };

Kind kind_of(const json& item) {
  if (!item.is_object()) return Kind::unknown;
  if (item.contains("serviceChannelType")) return Kind::channel;
  if (item.contains("organizationNames") || item.contains("organizationType") || item.contains("businessCode"))
    return Kind::organization;
  if (item.contains("serviceNames") || item.contains("serviceChargeType") || item.contains("serviceChannels"))
    return Kind::service;
  if (item.contains("Id") && item.contains("Name")) return Kind::general_description;
  return Kind::unknown;
}

struct Item {
  const json* j;
  SourcePlace place;
};

class PtvReader {
 public:
  PtvReader(Batch& b, const CodeLists* codes) : b_(b), rep_(b.result.problems), codes_(codes) {}

  void add_file(const PtvFile& f) {
    const SourcePlace file{f.name, 0, ""};
    auto j = parse_json_bounded(strip_bom(f.content), file, b_.result.problems);
    if (!j) return;
    docs_.push_back(std::make_unique<json>(std::move(*j)));
    const json& doc = *docs_.back();
    if (doc.is_object() && doc.contains("itemList")) {
      const json& list = doc["itemList"];
      if (!list.is_array()) {
        if (!list.is_null()) rep_.error(SourcePlace{f.name, 0, "/itemList"}, "itemList", "expected an array");
        return;
      }
      for (std::size_t i = 0; i < list.size(); ++i) add_item(list[i], SourcePlace{f.name, 0, "/itemList/" + std::to_string(i)});
    } else if (doc.is_array() && !doc.empty() && doc[0].is_object() && doc[0].contains("Notation") &&
               doc[0].contains("ConceptType")) {
      rep_.warning(file, "", "a PTV code list (" + str(doc[0], "ConceptType") +
                                 "), not service data; not imported (code lists belong in the codes directory)");
    } else if (doc.is_array()) {
      for (std::size_t i = 0; i < doc.size(); ++i) add_item(doc[i], SourcePlace{f.name, 0, "/" + std::to_string(i)});
    } else if (doc.is_object()) {
      add_item(doc, SourcePlace{f.name, 0, ""});
    } else {
      rep_.error(file, "", std::string("expected a PTV record, an array or a list page, got ") + doc.type_name());
    }
  }

  void finish() {
    // channel id -> services that list it (v11 channel.services[]).
    for (const auto& [cid, ch] : channels_)
      for (const auto& s : arr(at(*ch.j, "services"))) {
        const std::string sid = str(at(s, "service"), "id");
        if (!sid.empty()) push_unique(channels_of_service_[sid], cid);
      }
    for (const Item& gd : general_) read_general_description(gd);
    for (const Item& s : services_) read_service(s);
  }

 private:
  void add_item(const json& item, SourcePlace place) {
    const Kind k = kind_of(item);
    if (k == Kind::unknown) {
      rep_.error(place, "", item.is_object() ? (item.contains("serviceHourType")
                                                    ? "a PTV service hour on its own, not a service, channel or organisation"
                                                    : "not a PTV service, service channel, organisation or general description")
                                             : std::string("expected an object, got ") + item.type_name());
      ++b_.result.skipped;
      return;
    }
    const std::string id = str(item, k == Kind::general_description ? "Id" : "id");
    if (!plausible_ptv_id(id)) {
      rep_.error(place, "id", id.empty() ? "missing" : quote(id) + " is not a PTV id");
      ++b_.result.skipped;
      return;
    }
    switch (k) {
      case Kind::service: services_.push_back(Item{&item, std::move(place)}); break;
      case Kind::general_description:
        general_.push_back(Item{&item, place});
        general_by_id_.emplace(id, Item{&item, std::move(place)});
        break;
      case Kind::channel:
      case Kind::organization: {
        auto& map = k == Kind::channel ? channels_ : organizations_;
        if (!map.emplace(id, Item{&item, place}).second)
          rep_.warning(place, "id", std::string(k == Kind::channel ? "service channel" : "organisation") + " " +
                                        quote(id) + " appears again (first at " + map.at(id).place.to_string() +
                                        "); the first is used");
        break;
      }
      case Kind::unknown: break;
    }
  }

  // ---- codes

  std::string municipality_code(const json& m, const SourcePlace& place) {
    std::string code = str(m, "code");
    if (!code.empty() && code.size() <= 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      code = std::string(3 - code.size(), '0') + code;
    else if (!code.empty()) {
      rep_.warning(place, "municipality", quote(code) + " is not a municipality code; ignored");
      return {};
    }
    if (code.empty()) {
      const LocalizedText names = localized(at(m, "name"));
      if (codes_ && !names.empty())
        if (const Municipality* mm = codes_->municipality_by_name(names.best(Lang::fi))) return mm->code;
      return {};
    }
    if (codes_ && !codes_->municipality(code)) {
      rep_.warning(place, "municipality", quote(code) + " is not a known municipality code; ignored");
      return {};
    }
    return code;
  }

  // Codes of serviceClasses/targetGroups/lifeEvents: "code", else the URI.
  void class_codes(const json& list, const char* kind, bool (*valid)(std::string_view), std::vector<std::string>& out) {
    for (const auto& e : arr(list)) {
      std::string code = str(e, "code");
      if (code.empty() && codes_) {
        if (const Code* c = codes_->find_by_uri(kind, str(e, "uri"))) code = c->code;
      }
      if (valid(code)) push_unique(out, code);
    }
  }

  void ontology_keywords(const json& list, LocalizedList& out) {
    for (const auto& e : arr(list)) {
      const LocalizedText names = localized(at(e, "name"));
      for (Lang l : kAllLangs)
        if (!names.get(l).empty()) push_unique(out.get(l), names.get(l));
    }
  }

  void area(const json& item, ServiceArea& out, const SourcePlace& place) {
    const std::string type = str(item, "areaType");
    if (type == "Nationwide" || type == "WholeCountry" || type == "NationwideExceptAlandIslands" ||
        type == "WholeCountryExceptAlandIslands")
      out.whole_country = true;
    for (const auto& a : arr(at(item, "areas"))) {
      const std::string atype = str(a, "type");
      if (atype == "Region") {
        std::string code = str(a, "code");
        if (code.size() == 1) code = "0" + code;
        if (is_region_code(code)) push_unique(out.regions, code);
        continue;
      }
      for (const auto& m : arr(at(a, "municipalities"))) {
        const std::string code = municipality_code(m, place);
        if (!code.empty()) push_unique(out.municipalities, code);
      }
    }
  }

  // ---- contact details

  void phones(const json& list, std::vector<Phone>& out) {
    for (const auto& p : arr(list)) {
      std::string number = clean_line(str(p, "number"));
      if (number.empty()) continue;
      const bool service_number = at(p, "isFinnishServiceNumber").is_boolean() && at(p, "isFinnishServiceNumber").get<bool>();
      const std::string prefix = clean_line(str(p, "prefixNumber"));
      if (!service_number && !prefix.empty() && number.front() != '+') {
        if (number.front() == '0') number.erase(0, 1);
        number = prefix + number;
      }
      number.erase(std::remove(number.begin(), number.end(), ' '), number.end());
      const auto lang = parse_lang(str(p, "language")).value_or(Lang::fi);
      const std::string info = clean_line(str(p, "additionalInformation"));
      std::string charge = clean_line(str(p, "chargeDescription"));
      auto it = std::find_if(out.begin(), out.end(), [&](const Phone& x) { return x.number == number; });
      if (it == out.end()) {
        out.push_back(Phone{number, {}, charge});
        it = out.end() - 1;
      }
      if (!info.empty() && it->description.get(lang).empty()) it->description.get(lang) = info;
      if (it->charge.empty()) it->charge = charge;
    }
  }

  void emails(const json& list, std::vector<std::string>& out) {
    for (const auto& e : arr(list)) {
      const std::string v = clean_line(str(e, "value"));
      if (!v.empty() && v.find('@') != std::string::npos) push_unique(out, v);
    }
  }

  void links(const json& list, const LocalizedText& fallback_name, std::vector<Link>& out,
             const char* url_key = "url", const char* name_key = "value") {
    for (const auto& w : arr(list)) {
      const std::string url = clean_line(str(w, url_key));
      if (url.empty()) continue;
      const auto lang = parse_lang(str(w, "language")).value_or(Lang::fi);
      const std::string name = name_key ? clean_line(str(w, name_key)) : std::string();
      auto it = std::find_if(out.begin(), out.end(), [&](const Link& l) { return l.url == url; });
      if (it == out.end()) {
        out.push_back(Link{url, fallback_name});
        it = out.end() - 1;
      }
      if (!name.empty() && name != url) it->name.get(lang) = name;
    }
  }

  // ---- hours

  std::string date_part(const json& v) {
    const std::string s = str(v);
    return s.size() >= 10 && is_iso_date(std::string_view(s).substr(0, 10)) ? s.substr(0, 10) : std::string();
  }

  void hours(const json& list, std::vector<HoursEntry>& out, const SourcePlace& place) {
    for (const auto& h : arr(list)) {
      if (!h.is_object()) continue;
      HoursEntry e;
      const std::string type = str(h, "serviceHourType");
      if (type == "Exception" || type == "Exceptional") e.kind = HoursEntry::Kind::exception;
      else if (type == "Special" || type == "OverMidnight") e.kind = HoursEntry::Kind::special;
      else e.kind = HoursEntry::Kind::regular;
      e.valid_from = date_part(at(h, "validFrom"));
      e.valid_to = date_part(at(h, "validTo"));
      e.closed = at(h, "isClosed").is_boolean() && at(h, "isClosed").get<bool>();
      e.always_open = at(h, "isAlwaysOpen").is_boolean() && at(h, "isAlwaysOpen").get<bool>();
      e.note = localized(at(h, "additionalInformation"));
      for (const auto& oh : arr(at(h, "openingHour"))) {
        const auto from_day = parse_weekday(str(oh, "dayFrom"));
        const std::string to_day_s = str(oh, "dayTo");
        const auto to_day = to_day_s.empty() ? from_day : parse_weekday(to_day_s);
        auto time = [](const std::string& t) { return parse_hhmm(t.size() == 8 && t[5] == ':' ? t.substr(0, 5) : t); };
        const auto open = time(str(oh, "from")), close = time(str(oh, "to"));
        if (!from_day || !to_day || !open || !close) {
          rep_.warning(place, "serviceHours", "opening hour " + quote(oh.dump()) + " is not a weekday with from/to times; ignored");
          continue;
        }
        if (e.kind == HoursEntry::Kind::special && *to_day != *from_day) {
          // From dayFrom `from` until dayTo `to`: one interval past midnight
          // when dayTo is the next day, else the first day to midnight, whole
          // days between and the last day from midnight (each interval then
          // ends by the next midnight, as the own JSON format can express).
          const int span = (*to_day - *from_day + 7) % 7;
          if (span == 1) {
            e.days.push_back(make_day(*from_day, *open, *close <= *open ? *close : 1440));
            if (*close > *open) e.days.push_back(make_day(*to_day, 0, *close));
          } else {
            e.days.push_back(make_day(*from_day, *open, 1440));
            for (int k = 1; k < span; ++k) e.days.push_back(make_day((*from_day + k) % 7, 0, 1440));
            if (*close > 0) e.days.push_back(make_day(*to_day, 0, *close));
          }
        } else {
          for (int d = *from_day;; d = (d + 1) % 7) {
            e.days.push_back(make_day(d, *open, *close));
            if (d == *to_day) break;
          }
        }
      }
      if (e.days.empty() && !e.closed && !e.always_open && e.note.empty()) continue;  // an empty placeholder
      out.push_back(std::move(e));
    }
  }

  // ---- channels

  std::optional<GeoPoint> coordinate(const json& holder, const SourcePlace& place) {
    const std::string lat_s = str(holder, "latitude"), lon_s = str(holder, "longitude");
    if (lat_s.empty() || lon_s.empty()) return std::nullopt;
    double a = 0, b = 0;
    if (!parse_double(lat_s, a) || !parse_double(lon_s, b)) {
      rep_.warning(place, "coordinates", "(" + quote(lat_s) + ", " + quote(lon_s) + ") are not numbers; ignored");
      return std::nullopt;
    }
    if (a == 0 && b == 0) return std::nullopt;
    if (std::fabs(a) > 1000 && std::fabs(b) > 1000) {  // EPSG:3067: latitude = northing, longitude = easting
      if (auto p = etrs_tm35fin_to_wgs84(a, b)) return p;
      rep_.warning(place, "coordinates", "EPSG:3067 (N " + lat_s + ", E " + lon_s + ") is outside Finland; ignored");
      return std::nullopt;
    }
    if (auto p = check_wgs84(a, b)) return p;
    rep_.warning(place, "coordinates", "(" + lat_s + ", " + lon_s + ") is not a point in Finland; ignored");
    return std::nullopt;
  }

  LocalizedText accessibility(const json& addr) {
    LocalizedText out;
    for (const auto& ent : arr(at(addr, "entrances")))
      for (const auto& group : arr(at(ent, "accessibilitySentences"))) {
        LocalizedText para = localized(at(group, "sentenceGroup"));
        for (Lang l : kAllLangs)
          if (!para.get(l).empty()) para.get(l) += ":";
        for (const auto& s : arr(at(group, "sentences"))) {
          const LocalizedText sentence = localized(at(s, "sentence"));
          for (Lang l : kAllLangs)
            if (!sentence.get(l).empty()) para.get(l) += (para.get(l).empty() ? "" : " ") + sentence.get(l);
        }
        append_text(out, para);
      }
    for (Lang l : kAllLangs) out.get(l) = clean_text(out.get(l));
    return out;
  }

  void location_channel(const json& ch, const SourcePlace& place, ServiceRecord& r) {
    Location l;
    l.id = str(ch, "id");
    l.name = localized(at(ch, "serviceChannelNames"), "Name");
    if (l.name.empty()) l.name = localized(at(ch, "serviceChannelNames"));
    const json* visiting = nullptr;
    for (const auto& a : arr(at(ch, "addresses"))) {
      const std::string t = str(a, "type");
      if (t == "Location" || t == "Visiting") {
        visiting = &a;
        break;
      }
      if (!visiting && t != "Postal") visiting = &a;
    }
    if (visiting) {
      const json& sa = at(*visiting, "streetAddress");
      if (sa.is_object()) {
        const LocalizedText street = localized(at(sa, "street"));
        const std::string number = clean_line(str(sa, "streetNumber"));
        for (Lang lang : kAllLangs)
          if (!street.get(lang).empty())
            l.address.street.get(lang) = number.empty() ? street.get(lang) : street.get(lang) + " " + number;
        const std::string pc = clean_line(str(sa, "postalCode"));
        if (is_valid_postcode(pc)) l.address.postcode = pc;
        else if (!pc.empty()) rep_.warning(place, "postalCode", quote(pc) + " is not a 5-digit Finnish postcode; ignored");
        l.address.post_office = localized(at(sa, "postOffice"));
        l.address.municipality_code = municipality_code(at(sa, "municipality"), place);
        l.coord = coordinate(sa, place);
      }
      if (!l.coord)
        for (const auto& ent : arr(at(*visiting, "entrances"))) {
          if ((l.coord = coordinate(at(ent, "coordinates"), place))) break;
        }
      l.accessibility = accessibility(*visiting);
    }
    if (l.address.municipality_code.empty() && !l.address.postcode.empty() && codes_)
      if (const PostcodeArea* a = codes_->postcode(l.address.postcode)) l.address.municipality_code = a->municipality_code;
    hours(at(ch, "serviceHours"), l.hours, place);
    phones(at(ch, "phoneNumbers"), l.phones);
    emails(at(ch, "emails"), l.emails);
    links(at(ch, "webPages"), l.name, r.web_pages);
    r.locations.push_back(std::move(l));
  }

  void add_channel(const std::string& cid, ServiceRecord& r, std::size_t& missing) {
    const auto it = channels_.find(cid);
    if (it == channels_.end()) {
      ++missing;
      return;
    }
    const json& ch = *it->second.j;
    const SourcePlace& place = it->second.place;
    const std::string status = str(ch, "publishingStatus");
    if (!status.empty() && status != "Published") return;
    const std::string type = str(ch, "serviceChannelType");
    const LocalizedText name = localized(at(ch, "serviceChannelNames"), "Name");
    if (type == "ServiceLocation") {
      location_channel(ch, place, r);
    } else if (type == "Phone") {
      const std::size_t before = r.phones.size();
      phones(at(ch, "phoneNumbers"), r.phones);
      for (std::size_t i = before; i < r.phones.size(); ++i)
        if (r.phones[i].description.empty()) r.phones[i].description = name;
      emails(at(ch, "supportEmails"), r.emails);
    } else if (type == "WebPage") {
      links(at(ch, "webPages"), name, r.web_pages);
      links(at(ch, "webPage"), name, r.web_pages, "value", nullptr);
    } else if (type == "EChannel") {
      links(at(ch, "webPages"), name, r.eservices);
      links(at(ch, "urls"), name, r.eservices, "value", nullptr);
    } else if (type == "PrintableForm") {
      links(at(ch, "channelUrls"), name, r.eservices, "value", nullptr);
      links(at(ch, "webPages"), name, r.eservices);
    } else {
      rep_.warning(place, "serviceChannelType", quote(type) + " is not a known channel type; ignored");
    }
  }

  // ---- organisations

  static ProviderType provider_type(const std::string& t) {
    if (t == "Municipality") return ProviderType::municipality;
    if (t == "RegionalOrganization" || t == "WellbeingServicesCounty" || t == "Region" || t == "SotePublic")
      return ProviderType::wellbeing_county;
    if (t == "State") return ProviderType::state;
    if (t == "Organization" || t == "Association" || t == "Foundation") return ProviderType::ngo;
    if (t == "Company" || t == "SotePrivate") return ProviderType::private_company;
    return ProviderType::unknown;
  }

  void provider(const json& service, Provider& out) {
    const json* chosen = nullptr;
    for (const char* role : {"Responsible", "Producer", "OtherResponsible"}) {
      for (const auto& o : arr(at(service, "organizations")))
        if (str(o, "roleType") == role && !str(at(o, "organization"), "id").empty()) {
          chosen = &o;
          break;
        }
      if (chosen) break;
    }
    std::string id = chosen ? str(at(*chosen, "organization"), "id") : str(service, "responsibleOrganizationId");
    if (id.empty()) return;
    out.id = id;
    const auto it = organizations_.find(id);
    if (it != organizations_.end()) {
      const json& org = *it->second.j;
      out.name = localized(at(org, "organizationNames"), "Name");
      if (out.name.empty()) out.name.fi = clean_line(str(org, "businessName"));
      out.business_id = clean_line(str(org, "businessCode"));
      out.type = provider_type(str(org, "organizationType"));
      // Wellbeing services counties are registered as regional organisations;
      // their names say it plainly.
      if (out.type == ProviderType::unknown || out.type == ProviderType::municipality) {
        const std::string n = ascii_lower(out.name.fi);
        if (n.find("hyvinvointialue") != std::string::npos) out.type = ProviderType::wellbeing_county;
      }
      if (out.type == ProviderType::ngo && ascii_lower(out.name.fi).find("seurakun") != std::string::npos)
        out.type = ProviderType::parish;
    } else if (chosen) {
      out.name.fi = clean_line(str(at(*chosen, "organization"), "name"));
      if (ascii_lower(out.name.fi).find("hyvinvointialue") != std::string::npos) out.type = ProviderType::wellbeing_county;
    }
  }

  // ---- records

  static Cost cost_of(const std::string& t) {
    if (t == "FreeOfCharge" || t == "Free") return Cost::free;
    if (t == "Chargeable" || t == "Charged") return Cost::paid;
    return Cost::unknown;
  }

  void read_service(const Item& it) {
    const json& s = *it.j;
    const std::string guid = str(s, "id");
    const std::string status = str(s, "publishingStatus");
    if (!status.empty() && status != "Published") {
      rep_.warning(it.place, "publishingStatus", quote(status) + ": only published services are imported; skipped");
      ++b_.result.skipped;
      return;
    }
    ServiceRecord r;
    r.id = "ptv-" + guid;
    r.source = "ptv";
    r.source_id = guid;
    r.name = localized(at(s, "serviceNames"), "Name");
    const LocalizedText alt = localized(at(s, "serviceNames"), "AlternativeName");
    for (Lang l : kAllLangs)
      if (!alt.get(l).empty()) push_unique(r.keywords.get(l), alt.get(l));
    const json& desc = at(s, "serviceDescriptions");
    r.summary = localized(desc, "Summary", true);
    r.description = localized(desc, "Description", true);
    r.how_to_apply = localized(desc, "UserInstruction", true);
    r.cost_note = localized(desc, "ChargeTypeAdditionalInfo", true);
    r.cost = cost_of(str(s, "serviceChargeType"));
    for (const auto& l : arr(at(s, "languages"))) {
      const std::string code = ascii_lower(clean_line(str(l)));
      if (code.size() >= 2 && code.size() <= 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        push_unique(r.languages, code);
    }
    class_codes(at(s, "serviceClasses"), "service_class", is_service_class_code, r.service_classes);
    class_codes(at(s, "targetGroups"), "target_group", is_target_group_code, r.target_groups);
    class_codes(at(s, "lifeEvents"), "life_event", is_life_event_code, r.life_events);
    ontology_keywords(at(s, "ontologyTerms"), r.keywords);
    for (const auto& k : arr(at(s, "keywords"))) {
      const auto lang = parse_lang(str(k, "language"));
      const std::string v = clean_line(str(k, "value"));
      if (lang && !v.empty()) push_unique(r.keywords.get(*lang), v);
    }
    area(s, r.area, it.place);
    provider(s, r.provider);
    if (is_iso_datetime(str(s, "modified"))) r.last_modified = str(s, "modified");

    // Texts and classification from the general description, where missing.
    if (const auto gd = general_by_id_.find(str(s, "generalDescriptionId")); gd != general_by_id_.end()) {
      ServiceRecord g = general_record(*gd->second.j);
      if (r.name.empty()) r.name = g.name;
      if (r.summary.empty()) r.summary = g.summary;
      if (r.description.empty()) r.description = g.description;
      if (r.service_classes.empty()) r.service_classes = g.service_classes;
      if (r.target_groups.empty()) r.target_groups = g.target_groups;
      if (r.life_events.empty()) r.life_events = g.life_events;
      for (Lang l : kAllLangs)
        for (const auto& k : g.keywords.get(l)) push_unique(r.keywords.get(l), k);
    }

    if (r.name.empty()) {
      rep_.error(it.place, "serviceNames", "no name in fi, sv or en; skipped");
      ++b_.result.skipped;
      return;
    }
    std::vector<std::string> channel_ids;
    for (const auto& c : arr(at(s, "serviceChannels"))) {
      const std::string cid = str(at(c, "serviceChannel"), "id");
      if (!cid.empty()) push_unique(channel_ids, cid);
    }
    if (const auto rev = channels_of_service_.find(guid); rev != channels_of_service_.end())
      for (const auto& cid : rev->second) push_unique(channel_ids, cid);
    std::size_t missing = 0;
    for (const auto& cid : channel_ids) add_channel(cid, r, missing);
    // A service without organizations[] (some list pages) is provided by the
    // organisation that owns its channels.
    if (r.provider.id.empty())
      for (const auto& cid : channel_ids)
        if (const auto ch = channels_.find(cid); ch != channels_.end()) {
          const std::string oid = str(*ch->second.j, "organizationId");
          if (oid.empty()) continue;
          const json fake = {{"organizations", {{{"roleType", "Responsible"}, {"organization", {{"id", oid}}}}}}};
          provider(fake, r.provider);
          break;
        }
    if (missing > 0 && !channels_.empty())
      rep_.warning(it.place, "serviceChannels", std::to_string(missing) + " of " + std::to_string(channel_ids.size()) +
                                                    " linked service channels are not among the imported files");
    b_.add(std::move(r), it.place);
  }

  // A general description as a record (without provider or channels).
  ServiceRecord general_record(const json& g) {
    ServiceRecord r;
    const std::string id = str(g, "Id");
    r.id = "ptv-gd-" + id;
    r.source = "ptv";
    r.source_id = id;
    r.name = localized(at(g, "Name"), nullptr, false, "Lang", "Label");
    r.summary = localized(at(g, "ShortDescription"), nullptr, true, "Lang", "Label");
    r.description = localized(at(g, "Description"), nullptr, true, "Lang", "Label");
    append_text(r.description, localized(at(g, "BackgroundDescription"), nullptr, true, "Lang", "Label"));
    r.how_to_apply = localized(at(g, "UserInstructions"), nullptr, true, "Lang", "Label");
    r.cost_note = localized(at(g, "ChargeTypeAdditionalInfo"), nullptr, true, "Lang", "Label");
    r.cost = cost_of(str(g, "ChargeType"));
    const std::pair<const char*, const char*> lists[] = {
        {"ServiceClass", "service_class"}, {"TargetGroup", "target_group"}, {"LifeEvent", "life_event"}};
    for (const auto& [key, kind] : lists) {
      auto& out = std::string_view(kind) == "service_class" ? r.service_classes
                  : std::string_view(kind) == "target_group" ? r.target_groups
                                                             : r.life_events;
      for (const auto& e : arr(at(g, key))) {
        const Code* c = codes_ ? codes_->find_by_uri(kind, str(e, "Key")) : nullptr;
        if (c) push_unique(out, c->code);
      }
    }
    for (const auto& e : arr(at(g, "OntologyTerm"))) {
      const std::string v = clean_line(str(e, "Value"));
      if (!v.empty()) push_unique(r.keywords.fi, v);
    }
    r.area.whole_country = true;  // a general description is nationwide
    return r;
  }

  void read_general_description(const Item& it) {
    ServiceRecord r = general_record(*it.j);
    if (r.name.empty()) {
      rep_.error(it.place, "Name", "no name in fi, sv or en; skipped");
      ++b_.result.skipped;
      return;
    }
    b_.add(std::move(r), it.place);
  }

  Batch& b_;
  Reporter rep_;
  const CodeLists* codes_;
  std::vector<std::unique_ptr<json>> docs_;  // keeps the items alive
  std::vector<Item> services_, general_;
  std::unordered_map<std::string, Item> channels_, organizations_, general_by_id_;
  std::unordered_map<std::string, std::vector<std::string>> channels_of_service_;
};

}  // namespace

Batch read_ptv(const std::vector<PtvFile>& files, const CodeLists* codes) {
  Batch b;
  PtvReader reader(b, codes);
  for (const auto& f : files) reader.add_file(f);
  reader.finish();
  return b;
}

}  // namespace sources

ImportResult import_ptv(const std::vector<PtvFile>& files, const CodeLists* codes) {
  auto b = sources::read_ptv(files, codes ? codes : sources::default_code_lists());
  sources::drop_duplicate_ids(b);
  return std::move(b.result);
}

}  // namespace palveluhaku
