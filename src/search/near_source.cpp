#include "search/near_source.h"

#include <cmath>

namespace palveluhaku::search {

namespace {

// As Xapian's LatLongDistancePostingSource.
double weight_from_distance(double dist, double k1, double k2) { return k1 * std::pow(dist + k1, -k2); }

}  // namespace

NearSource::NearSource(const Snapshot& s, const GeoPoint& centre, double max_range_m, double k1, double k2)
    : s_(s), centre_(centre.lat, centre.lon), max_range_(max_range_m), k1_(k1), k2_(k2) {
  for (Xapian::docid d = 1; d <= s_.max_docid; ++d)
    if (s_.coord_offsets[d + 1] > s_.coord_offsets[d]) ++with_coords_;
  set_maxweight(weight_from_distance(0, k1_, k2_));
}

void NearSource::init(const Xapian::Database&) {
  cur_ = 0;
  at_end_ = false;
}

void NearSource::seek(Xapian::docid d) {
  for (; d <= s_.max_docid; ++d) {
    const std::uint32_t b = s_.coord_offsets[d], e = s_.coord_offsets[d + 1];
    if (b == e) continue;
    // LatLongMetric::operator(): the least pointwise distance, in order.
    double best = 0;
    for (std::uint32_t i = b; i < e; ++i) {
      const double dist =
          metric_.pointwise_distance(centre_, Xapian::LatLongCoord(s_.coords[i].lat, s_.coords[i].lon));
      if (i == b || dist < best) best = dist;
    }
    if (max_range_ == 0 || best <= max_range_) {
      cur_ = d;
      dist_ = best;
      return;
    }
  }
  at_end_ = true;
}

void NearSource::next(double) { seek(cur_ + 1); }

void NearSource::skip_to(Xapian::docid did, double) {
  if (at_end_ || (cur_ != 0 && did <= cur_)) return;
  seek(did);
}

bool NearSource::check(Xapian::docid did, double min_wt) {
  skip_to(did, min_wt);
  return true;
}

double NearSource::get_weight() const { return weight_from_distance(dist_, k1_, k2_); }

}  // namespace palveluhaku::search
