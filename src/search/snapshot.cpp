#include "search/snapshot.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "index/change_log.h"
#include "index/doc_values.h"
#include "palveluhaku/analysis.h"
#include "palveluhaku/codes.h"
#include "palveluhaku/error.h"

namespace palveluhaku::search {

using index::kBooleanFields;

std::array<double, 3> unit_vector(const GeoPoint& p) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double la = p.lat * kRad, lo = p.lon * kRad;
  return {std::cos(la) * std::cos(lo), std::cos(la) * std::sin(lo), std::sin(la)};
}

int Snapshot::field_number(const std::string& field) const {
  for (std::size_t i = 0; i < kBooleanFields.size(); ++i)
    if (kBooleanFields[i] == field) return static_cast<int>(i);
  return -1;
}

namespace {

// Reads what both build() and update() take from the metadata.
void read_header(Snapshot& s, Xapian::Database& db, const std::string& path) {
  s.path = path;
  const std::string cfg = db.get_metadata(index::kConfigMetadataKey);
  if (cfg.empty())
    throw Error(ErrorCode::index_corrupt,
                path + " is not a Palveluhaku index (no index configuration in its metadata)");
  try {
    s.config = index::index_config_from_json(nlohmann::json::parse(cfg), path + " metadata");
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::index_corrupt, path + ": bad index configuration metadata: " + e.what());
  } catch (const Error& e) {
    throw Error(ErrorCode::index_corrupt, e.what());
  }
  s.revision = db.get_revision();
  s.doccount = db.get_doccount();
  s.built_at = db.get_metadata(index::kBuiltAtMetadataKey);
  try {
    s.generation = std::stoul("0" + db.get_metadata(index::kGenerationMetadataKey));
  } catch (...) {
    s.generation = 0;
  }
  s.max_docid = db.get_lastdocid();
}

std::vector<GeoPoint> decode_coords(const std::string& v) {
  std::vector<GeoPoint> out;
  Xapian::LatLongCoords cs;
  try {
    cs.unserialise(v);
  } catch (const Xapian::Error&) {
    return out;
  }
  for (auto it = cs.begin(); it != cs.end(); ++it) out.push_back(GeoPoint{(*it).latitude, (*it).longitude});
  return out;
}

// Plain weekly hours as minute-of-week intervals (see Snapshot::WeeklyHours).
Snapshot::WeeklyHours compile_weekly(const std::vector<std::vector<HoursEntry>>& h) {
  Snapshot::WeeklyHours wh;
  for (const auto& loc : h)
    for (const auto& e : loc) {
      if (e.kind != HoursEntry::Kind::regular || e.closed || !e.valid_from.empty() ||
          !e.valid_to.empty()) {
        wh.complex = true;
        continue;
      }
      if (e.always_open) wh.intervals.emplace_back(0, 7 * 1440);
      for (const auto& d : e.days) {
        const unsigned from = d.weekday * 1440u + d.open_min;
        const unsigned to = d.weekday * 1440u + d.close_min;
        if (to <= from) continue;
        if (to <= 7 * 1440u) {
          wh.intervals.emplace_back(from, to);
        } else {  // past Sunday midnight: wrap to Monday
          wh.intervals.emplace_back(from, 7 * 1440);
          wh.intervals.emplace_back(0, std::min(to - 7 * 1440u, 7 * 1440u));
        }
      }
    }
  return wh;
}

}  // namespace

std::shared_ptr<Snapshot> Snapshot::build(Xapian::Database& db, const std::string& path) {
  auto s = std::make_shared<Snapshot>();
  read_header(*s, db, path);
  const std::size_t n = static_cast<std::size_t>(s->max_docid) + 1;

  s->alive.assign(n, 0);
  s->docids.reserve(s->doccount);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    s->alive[*it] = 1;
    s->docids.push_back(*it);
  }

  // Facet columns from the boolean terms.
  s->value_gid.resize(kBooleanFields.size());
  std::vector<std::pair<Xapian::docid, std::uint32_t>> pairs;
  pairs.reserve(s->doccount * 12);
  for (std::size_t f = 0; f < kBooleanFields.size(); ++f) {
    auto pit = s->config.prefixes.find(kBooleanFields[f]);
    if (pit == s->config.prefixes.end()) continue;
    const std::string& prefix = pit->second;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      const std::string term = *t;
      const auto gid = static_cast<std::uint32_t>(s->gid_value.size());
      s->gid_value.push_back(term.substr(prefix.size()));
      s->gid_field.push_back(static_cast<std::uint8_t>(f));
      s->value_gid[f].emplace(s->gid_value.back(), gid);
      if (kBooleanFields[f] == "municipality" && s->gid_value.back() == "*")
        s->whole_country_municipality = gid;
      if (kBooleanFields[f] == "region" && s->gid_value.back() == "*")
        s->whole_country_region = gid;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        pairs.emplace_back(*p, gid);
    }
  }
  // Postings per gid, in the order the postlists gave them (ascending).
  s->gid_offsets.assign(s->gid_value.size() + 1, 0);
  for (const auto& [d, g] : pairs) ++s->gid_offsets[g + 1];
  for (std::size_t g = 1; g < s->gid_offsets.size(); ++g) s->gid_offsets[g] += s->gid_offsets[g - 1];
  s->gid_docs.resize(pairs.size());
  {
    std::vector<std::uint32_t> fill(s->gid_offsets.begin(), s->gid_offsets.end() - 1);
    for (const auto& [d, g] : pairs) s->gid_docs[fill[g]++] = d;
  }
  s->doc_offsets.assign(n + 1, 0);
  for (const auto& [d, g] : pairs) ++s->doc_offsets[d + 1];
  for (std::size_t i = 1; i <= n; ++i) s->doc_offsets[i] += s->doc_offsets[i - 1];
  s->doc_gids.resize(pairs.size());
  {
    std::vector<std::uint32_t> fill(s->doc_offsets.begin(), s->doc_offsets.end() - 1);
    for (const auto& [d, g] : pairs) s->doc_gids[fill[d]++] = g;
  }
  pairs.clear();
  pairs.shrink_to_fit();

  const auto& c = s->config;
  // Name order.
  {
    std::vector<std::pair<std::string, Xapian::docid>> keys;
    keys.reserve(s->doccount);
    for (auto v = db.valuestream_begin(c.slot_name_sort); v != db.valuestream_end(c.slot_name_sort);
         ++v)
      keys.emplace_back(*v, v.get_docid());
    std::sort(keys.begin(), keys.end());
    s->name_rank.assign(n, kNoValue);
    for (std::size_t i = 0; i < keys.size(); ++i)
      s->name_rank[keys[i].second] = static_cast<std::uint32_t>(i);
  }
  // Age.
  s->age_min.assign(n, index::kAgeOpen);
  s->age_max.assign(n, index::kAgeOpen);
  s->has_age.assign(n, 0);
  for (auto v = db.valuestream_begin(c.slot_age); v != db.valuestream_end(c.slot_age); ++v) {
    const std::string val = *v;
    if (val.size() != 2) continue;
    s->age_min[v.get_docid()] = static_cast<std::uint8_t>(val[0]);
    s->age_max[v.get_docid()] = static_cast<std::uint8_t>(val[1]);
    s->has_age[v.get_docid()] = 1;
  }
  // Coordinates.
  {
    std::vector<std::pair<Xapian::docid, GeoPoint>> pts;
    for (auto v = db.valuestream_begin(c.slot_coords); v != db.valuestream_end(c.slot_coords); ++v)
      for (const auto& p : decode_coords(*v)) pts.emplace_back(v.get_docid(), p);
    s->coord_offsets.assign(n + 1, 0);
    for (const auto& p : pts) ++s->coord_offsets[p.first + 1];
    for (std::size_t i = 1; i <= n; ++i) s->coord_offsets[i] += s->coord_offsets[i - 1];
    s->coords.resize(pts.size());
    std::vector<std::uint32_t> fill(s->coord_offsets.begin(), s->coord_offsets.end() - 1);
    for (const auto& p : pts) s->coords[fill[p.first]++] = p.second;
    s->unit.reserve(s->coords.size());
    for (const auto& p : s->coords) s->unit.push_back(unit_vector(p));
  }
  // Opening hours.
  s->hours_index.assign(n, 0);
  for (auto v = db.valuestream_begin(c.slot_hours); v != db.valuestream_end(c.slot_hours); ++v) {
    auto h = index::decode_hours(*v);
    if (h.empty()) continue;
    WeeklyHours wh = compile_weekly(h);
    s->hours.push_back(std::move(h));
    s->weekly.push_back(std::move(wh));
    s->hours_index[v.get_docid()] = static_cast<std::uint32_t>(s->hours.size());
  }
  return s;
}

std::shared_ptr<Snapshot> Snapshot::update(const Snapshot& prev, Xapian::Database& db,
                                           const std::string& path) {
  if (path != prev.path) return build(db, path);
  const auto listed = index::changes_between(db.get_metadata(index::kChangesMetadataKey), prev.revision,
                                             db.get_revision());
  if (!listed) return build(db, path);
  auto s = std::make_shared<Snapshot>();
  read_header(*s, db, path);
  if (s->max_docid < prev.max_docid || s->generation != prev.generation ||
      s->config.to_json() != prev.config.to_json())
    return build(db, path);
  // Every docid the log names, and any docid above prev's (new documents
  // are always logged; this only makes sure).
  std::vector<Xapian::docid> changed = *listed;
  for (Xapian::docid d = prev.max_docid + 1; d <= s->max_docid; ++d) changed.push_back(d);
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  while (!changed.empty() && changed.back() > s->max_docid) changed.pop_back();
  if (changed.size() > std::max<std::size_t>(1000, prev.doccount / 20)) return build(db, path);

  const auto& c = s->config;
  const std::size_t n = static_cast<std::size_t>(s->max_docid) + 1;
  const std::size_t prev_n = static_cast<std::size_t>(prev.max_docid) + 1;
  // What the changed documents hold now.
  struct Fresh {
    bool alive = false;
    std::vector<std::pair<std::uint8_t, std::string>> facets;  // (field, value), term order
    std::string name_key, age, coords, hours;
  };
  std::unordered_map<Xapian::docid, Fresh> fresh;
  fresh.reserve(changed.size());
  for (Xapian::docid d : changed) {
    Fresh& f = fresh[d];
    Xapian::Document doc;
    try {
      doc = db.get_document(d);
    } catch (const Xapian::DocNotFoundError&) {
      continue;
    }
    f.alive = true;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string term = *t;
      for (std::size_t fi = 0; fi < kBooleanFields.size(); ++fi) {
        auto pit = c.prefixes.find(kBooleanFields[fi]);
        if (pit == c.prefixes.end()) continue;
        if (term.compare(0, pit->second.size(), pit->second) == 0)
          f.facets.emplace_back(static_cast<std::uint8_t>(fi), term.substr(pit->second.size()));
      }
    }
    f.name_key = doc.get_value(c.slot_name_sort);
    f.age = doc.get_value(c.slot_age);
    f.coords = doc.get_value(c.slot_coords);
    f.hours = doc.get_value(c.slot_hours);
  }
  auto is_changed = [&](Xapian::docid d) { return fresh.count(d) != 0; };

  // Live documents.
  s->alive.assign(n, 0);
  std::copy(prev.alive.begin(), prev.alive.end(), s->alive.begin());
  for (const auto& [d, f] : fresh) s->alive[d] = f.alive ? 1 : 0;
  s->docids.reserve(s->doccount);
  for (Xapian::docid d = 1; d < n; ++d)
    if (s->alive[d]) s->docids.push_back(d);
  if (s->docids.size() != s->doccount) return build(db, path);  // the log missed something

  // Facets: old gids keep their (field, value); new pairs get provisional
  // gids after them; then the pairs still in use are numbered again in
  // (field, value) order, which is the order build() gives them.
  std::vector<std::uint8_t> field = prev.gid_field;
  std::vector<std::string> value = prev.gid_value;
  std::vector<std::unordered_map<std::string, std::uint32_t>> lookup = prev.value_gid;
  lookup.resize(kBooleanFields.size());
  std::unordered_map<Xapian::docid, std::vector<std::uint32_t>> fresh_gids;
  for (const auto& [d, f] : fresh) {
    auto& gids = fresh_gids[d];
    for (const auto& [fi, v] : f.facets) {
      auto [it, added] = lookup[fi].emplace(v, static_cast<std::uint32_t>(value.size()));
      if (added) {
        field.push_back(fi);
        value.push_back(v);
      }
      gids.push_back(it->second);
    }
  }
  std::vector<std::uint32_t> use(value.size(), 0);
  for (Xapian::docid d = 1; d < n; ++d) {
    if (!s->alive[d]) continue;
    if (auto it = fresh_gids.find(d); it != fresh_gids.end()) {
      for (auto g : it->second) ++use[g];
    } else {
      for (auto i = prev.doc_offsets[d]; i < prev.doc_offsets[d + 1]; ++i) ++use[prev.doc_gids[i]];
    }
  }
  std::vector<std::uint32_t> kept;
  for (std::uint32_t g = 0; g < use.size(); ++g)
    if (use[g]) kept.push_back(g);
  std::sort(kept.begin(), kept.end(), [&](std::uint32_t a, std::uint32_t b) {
    return field[a] != field[b] ? field[a] < field[b] : value[a] < value[b];
  });
  std::vector<std::uint32_t> renum(value.size(), kNoValue);
  s->value_gid.resize(kBooleanFields.size());
  for (std::uint32_t g = 0; g < kept.size(); ++g) {
    const std::uint32_t old = kept[g];
    renum[old] = g;
    s->gid_field.push_back(field[old]);
    s->gid_value.push_back(value[old]);
    s->value_gid[field[old]].emplace(value[old], g);
    if (kBooleanFields[field[old]] == "municipality" && value[old] == "*") s->whole_country_municipality = g;
    if (kBooleanFields[field[old]] == "region" && value[old] == "*") s->whole_country_region = g;
  }
  s->doc_offsets.assign(n + 1, 0);
  s->doc_gids.reserve(prev.doc_gids.size() + changed.size() * 16);
  for (Xapian::docid d = 1; d < n; ++d) {
    s->doc_offsets[d] = static_cast<std::uint32_t>(s->doc_gids.size());
    if (!s->alive[d]) continue;
    if (auto it = fresh_gids.find(d); it != fresh_gids.end()) {
      const std::size_t from = s->doc_gids.size();
      for (auto g : it->second) s->doc_gids.push_back(renum[g]);
      std::sort(s->doc_gids.begin() + static_cast<std::ptrdiff_t>(from), s->doc_gids.end());
    } else {
      for (auto i = prev.doc_offsets[d]; i < prev.doc_offsets[d + 1]; ++i)
        s->doc_gids.push_back(renum[prev.doc_gids[i]]);  // the renumbering keeps the order
    }
  }
  s->doc_offsets[n] = static_cast<std::uint32_t>(s->doc_gids.size());
  s->gid_offsets.assign(kept.size() + 1, 0);
  for (auto g : s->doc_gids) ++s->gid_offsets[g + 1];
  for (std::size_t g = 1; g < s->gid_offsets.size(); ++g) s->gid_offsets[g] += s->gid_offsets[g - 1];
  s->gid_docs.resize(s->doc_gids.size());
  {
    std::vector<std::uint32_t> fill(s->gid_offsets.begin(), s->gid_offsets.end() - 1);
    for (Xapian::docid d = 1; d < n; ++d)
      for (auto i = s->doc_offsets[d]; i < s->doc_offsets[d + 1]; ++i) s->gid_docs[fill[s->doc_gids[i]]++] = d;
  }

  // Name order: the unchanged documents keep their relative order; each
  // changed one is inserted where its (sort key, docid) belongs, reading the
  // keys it is compared with from the database.
  {
    std::vector<Xapian::docid> order;
    order.reserve(s->doccount);
    {
      std::vector<std::pair<std::uint32_t, Xapian::docid>> ranked;
      for (Xapian::docid d = 1; d < prev_n; ++d)
        if (prev.name_rank[d] != kNoValue && !is_changed(d)) ranked.emplace_back(prev.name_rank[d], d);
      std::sort(ranked.begin(), ranked.end());
      for (const auto& r : ranked) order.push_back(r.second);
    }
    std::unordered_map<Xapian::docid, std::string> keys;
    auto key_of = [&](Xapian::docid d) -> const std::string& {
      auto it = keys.find(d);
      if (it == keys.end()) it = keys.emplace(d, db.get_document(d).get_value(c.slot_name_sort)).first;
      return it->second;
    };
    for (Xapian::docid d : changed) {
      const Fresh& f = fresh[d];
      if (!f.alive || f.name_key.empty()) continue;
      keys[d] = f.name_key;
      const auto pos = std::lower_bound(order.begin(), order.end(), d, [&](Xapian::docid a, Xapian::docid b) {
        const std::string& ka = key_of(a);
        const std::string& kb = key_of(b);
        return ka != kb ? ka < kb : a < b;
      });
      order.insert(pos, d);
    }
    s->name_rank.assign(n, kNoValue);
    for (std::size_t i = 0; i < order.size(); ++i) s->name_rank[order[i]] = static_cast<std::uint32_t>(i);
  }

  // Age.
  s->age_min.assign(n, index::kAgeOpen);
  s->age_max.assign(n, index::kAgeOpen);
  s->has_age.assign(n, 0);
  std::copy(prev.age_min.begin(), prev.age_min.end(), s->age_min.begin());
  std::copy(prev.age_max.begin(), prev.age_max.end(), s->age_max.begin());
  std::copy(prev.has_age.begin(), prev.has_age.end(), s->has_age.begin());
  for (const auto& [d, f] : fresh) {
    s->age_min[d] = s->age_max[d] = index::kAgeOpen;
    s->has_age[d] = 0;
    if (!f.alive || f.age.size() != 2) continue;
    s->age_min[d] = static_cast<std::uint8_t>(f.age[0]);
    s->age_max[d] = static_cast<std::uint8_t>(f.age[1]);
    s->has_age[d] = 1;
  }

  // Coordinates and opening hours, in docid order like build().
  s->coord_offsets.assign(n + 1, 0);
  s->coords.reserve(prev.coords.size() + changed.size());
  s->unit.reserve(prev.unit.size() + changed.size());
  s->hours_index.assign(n, 0);
  s->hours.reserve(prev.hours.size() + changed.size());
  s->weekly.reserve(prev.weekly.size() + changed.size());
  for (Xapian::docid d = 1; d < n; ++d) {
    s->coord_offsets[d] = static_cast<std::uint32_t>(s->coords.size());
    if (auto it = fresh.find(d); it != fresh.end()) {
      if (!it->second.alive) continue;
      for (const auto& p : decode_coords(it->second.coords)) {
        s->coords.push_back(p);
        s->unit.push_back(unit_vector(p));
      }
      auto h = index::decode_hours(it->second.hours);
      if (!h.empty()) {
        s->weekly.push_back(compile_weekly(h));
        s->hours.push_back(std::move(h));
        s->hours_index[d] = static_cast<std::uint32_t>(s->hours.size());
      }
    } else if (d < prev_n) {
      for (auto i = prev.coord_offsets[d]; i < prev.coord_offsets[d + 1]; ++i) {
        s->coords.push_back(prev.coords[i]);
        s->unit.push_back(prev.unit[i]);
      }
      if (const auto hi = prev.hours_index[d]) {
        s->hours.push_back(prev.hours[hi - 1]);
        s->weekly.push_back(prev.weekly[hi - 1]);
        s->hours_index[d] = static_cast<std::uint32_t>(s->hours.size());
      }
    }
  }
  s->coord_offsets[n] = static_cast<std::uint32_t>(s->coords.size());
  s->patched = true;
  return s;
}

std::shared_ptr<const Snapshot::OpenStatus> Snapshot::open_status_at(
    const std::string& minute_key, const std::function<std::int8_t(Xapian::docid)>& eval) const {
  std::lock_guard lk(open_mu_);
  if (open_status_ && open_key_ == minute_key) return open_status_;
  auto v = std::make_shared<OpenStatus>();
  v->status.assign(static_cast<std::size_t>(max_docid) + 1, -1);
  v->open.reset(max_docid);
  for (Xapian::docid d = 1; d <= max_docid; ++d)
    if (hours_index[d]) {
      v->status[d] = eval(d);
      if (v->status[d] == 1) v->open.set(d);
    }
  open_key_ = minute_key;
  open_status_ = std::move(v);
  return open_status_;
}

const std::vector<std::string>& Snapshot::labels(
    Lang lang, const std::function<std::string(std::uint32_t)>& make) const {
  const auto l = static_cast<std::size_t>(lang);
  std::call_once(labels_once_[l], [&] {
    labels_[l].reserve(gid_value.size());
    for (std::uint32_t g = 0; g < gid_value.size(); ++g) labels_[l].push_back(make(g));
  });
  return labels_[l];
}

const SpellingLexicon& Snapshot::spelling_lexicon(const Xapian::Database& db,
                                                  const std::vector<std::string>& extra) const {
  std::call_once(spelling_once_, [&] { spelling_ = std::make_unique<SpellingLexicon>(db, extra); });
  return *spelling_;
}

const SuggestIndex& Snapshot::suggest_index(Xapian::Database& db, Analyzer& analyzer,
                                            const CodeLists& codes) const {
  std::call_once(suggest_once_, [&] {
    auto idx = std::make_unique<SuggestIndex>();
    std::map<std::string, std::vector<std::uint32_t>> keymap;
    std::map<std::pair<std::string, std::string>, std::uint32_t> seen;  // (kind, fi text) -> entry
    auto add = [&](const std::string& kind, const LocalizedText& text, const std::string& id,
                   const std::vector<std::string>& keys) {
      const std::string& display = text.best(Lang::fi);
      if (display.empty()) return;
      auto [it, fresh] = seen.emplace(std::make_pair(kind, display),
                                      static_cast<std::uint32_t>(idx->entries.size()));
      if (!fresh) {
        ++idx->entries[it->second].count;
        return;
      }
      idx->entries.push_back({text, kind, id, 1});
      for (const auto& k : keys) keymap[k].push_back(it->second);
    };
    for (auto v = db.valuestream_begin(config.slot_suggest);
         v != db.valuestream_end(config.slot_suggest); ++v) {
      index::SuggestData d;
      if (!index::decode_suggest(*v, d)) continue;
      std::string id;
      {
        // The id is the unique term of the document.
        Xapian::TermIterator t = db.termlist_begin(v.get_docid());
        t.skip_to(config.id_prefix);
        if (t != db.termlist_end(v.get_docid()) &&
            (*t).compare(0, config.id_prefix.size(), config.id_prefix) == 0)
          id = (*t).substr(config.id_prefix.size());
      }
      add("service", d.name, id, d.name_keys);
      if (!d.provider.empty()) add("organisation", d.provider, "", d.provider_keys);
    }
    // Categories: every class / target group / life event in the index.
    const std::pair<const char*, const char*> kinds[] = {{"service_class", "service_class"},
                                                         {"target_group", "target_group"},
                                                         {"life_event", "life_event"}};
    for (const auto& [field, kind] : kinds) {
      const int f = field_number(field);
      if (f < 0) continue;
      for (const auto& [value, gid] : value_gid[static_cast<std::size_t>(f)]) {
        const Code* code = codes.find(kind, value);
        if (!code) continue;
        std::vector<std::string> keys;
        for (Lang l : kAllLangs) {
          const std::string& label = code->label.get(l);
          if (label.empty()) continue;
          for (auto& w : analyzer.words(label)) keys.push_back(w);
          analyzer.index_terms(label, l, [&](const IndexTerm& t) {
            if (!t.term.empty()) keys.push_back(t.term[0] == 'F' ? t.term.substr(1) : t.term);
          });
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        const std::size_t before = idx->entries.size();
        add("category", code->label, value, keys);
        if (idx->entries.size() > before)  // documents in the category
          idx->entries.back().count = gid_offsets[gid + 1] - gid_offsets[gid];
      }
    }
    idx->key_offsets.push_back(0);
    for (auto& [k, entries] : keymap) {
      std::sort(entries.begin(), entries.end());
      entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
      idx->keys.push_back(k);
      idx->key_entries.insert(idx->key_entries.end(), entries.begin(), entries.end());
      idx->key_offsets.push_back(static_cast<std::uint32_t>(idx->key_entries.size()));
    }
    suggest_ = std::move(idx);
  });
  return *suggest_;
}

}  // namespace palveluhaku::search
