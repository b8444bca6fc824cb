// change_log.h — which documents each in-place update changed, kept in the
// index metadata (kChangesMetadataKey) so that a reader holding an
// in-memory view of revision R can patch it to revision R' by re-reading
// only those documents instead of the whole index.
//
// Format: one line per commit, oldest first, "REV DOCID DOCID ...", where
// REV is the revision the commit produced and the docids are every document
// it added, replaced or deleted; "REV *" marks a commit that changed too
// many documents to list. Only the last kChangeLogCommits commits are kept:
// a reader further behind rebuilds its view.
//
// Threading: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace palveluhaku::index {

inline constexpr std::size_t kChangeLogCommits = 32;
inline constexpr std::size_t kChangeLogMaxDocs = 10000;  // more in one commit: "*"

// `log` with a line for the commit producing revision `rev` appended (and
// the oldest lines dropped beyond kChangeLogCommits).
std::string append_change(const std::string& log, Xapian::rev rev, std::vector<Xapian::docid> docids);

// Every docid changed by the commits that produced revisions from+1 .. to,
// sorted and unique; nullopt if the log does not cover every one of those
// revisions (too old, a "*" commit, a malformed log, or to < from).
std::optional<std::vector<Xapian::docid>> changes_between(const std::string& log, Xapian::rev from,
                                                          Xapian::rev to);

}  // namespace palveluhaku::index
