// near_source.h — the "prefer nearer services" weight of a relevance search
// with a location, computed from the snapshot's coordinates in memory.
//
// It gives exactly the weights of Xapian::LatLongDistancePostingSource over
// the coordinates slot (same metric, the same formula k1 * (d + k1)^-k2, the
// same max_range cut), because the snapshot holds the very coordinates that
// slot stores (decoded with LatLongCoords::unserialise). Xapian's source
// reads and decodes the value of every candidate document from the index:
// at 100k services that was 0.3 us per matching document (a one-word search
// with ~20k matches near a place cost 7 ms more than without the place).
//
// Use it only while the database searched is at the snapshot's revision.
// Single-database only (clone() is null); give it to a Query with release().
#pragma once

#include <xapian.h>

#include "palveluhaku/record.h"
#include "search/snapshot.h"

namespace palveluhaku::search {

class NearSource : public Xapian::PostingSource {
 public:
  // `s` must outlive the source (the search holds the snapshot).
  NearSource(const Snapshot& s, const GeoPoint& centre, double max_range_m, double k1, double k2);

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return with_coords_; }
  Xapian::doccount get_termfreq_max() const override { return with_coords_; }
  void init(const Xapian::Database&) override;
  void next(double) override;
  void skip_to(Xapian::docid did, double) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return at_end_; }
  Xapian::docid get_docid() const override { return cur_; }
  double get_weight() const override;
  std::string get_description() const override { return "NearSource"; }

 private:
  // Moves to the first document >= d with coordinates within range.
  void seek(Xapian::docid d);

  const Snapshot& s_;
  Xapian::LatLongCoord centre_;
  Xapian::GreatCircleMetric metric_;
  double max_range_, k1_, k2_;
  Xapian::doccount with_coords_ = 0;
  Xapian::docid cur_ = 0;
  double dist_ = 0;
  bool at_end_ = false;
};

}  // namespace palveluhaku::search
