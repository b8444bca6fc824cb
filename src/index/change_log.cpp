#include "index/change_log.h"

#include <algorithm>
#include <deque>
#include <map>
#include <sstream>

namespace palveluhaku::index {

std::string append_change(const std::string& log, Xapian::rev rev, std::vector<Xapian::docid> docids) {
  std::deque<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  std::sort(docids.begin(), docids.end());
  docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
  std::string line = std::to_string(rev);
  if (docids.size() > kChangeLogMaxDocs) {
    line += " *";
  } else {
    for (Xapian::docid d : docids) line += " " + std::to_string(d);
  }
  lines.push_back(std::move(line));
  while (lines.size() > kChangeLogCommits) lines.pop_front();
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::optional<std::vector<Xapian::docid>> changes_between(const std::string& log, Xapian::rev from,
                                                          Xapian::rev to) {
  if (to < from) return std::nullopt;
  std::map<Xapian::rev, std::optional<std::vector<Xapian::docid>>> commits;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::istringstream ls(line);
    unsigned long long rev = 0;
    if (!(ls >> rev)) return std::nullopt;
    std::vector<Xapian::docid> docs;
    bool all = false;
    for (std::string tok; ls >> tok;) {
      if (tok == "*") {
        all = true;
        break;
      }
      if (tok.empty() || tok.find_first_not_of("0123456789") != std::string::npos || tok.size() > 10)
        return std::nullopt;
      docs.push_back(static_cast<Xapian::docid>(std::stoul(tok)));
    }
    if (all)
      commits[rev] = std::nullopt;
    else
      commits[rev] = std::move(docs);
  }
  std::vector<Xapian::docid> out;
  for (Xapian::rev r = from + 1; r <= to; ++r) {
    auto it = commits.find(r);
    if (it == commits.end() || !it->second) return std::nullopt;
    out.insert(out.end(), it->second->begin(), it->second->end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace palveluhaku::index
