#!/usr/bin/python3
"""The quality benchmark: runs every system on corpus.jsonl and queries.tsv and
prints nDCG@10, recall@10, MRR and the zero-result rate, overall and per
category (see bench/README.md, ## Quality, and GRADING.md).

Usage:
  quality.py [--runner PATH] [--only NAMES] [--pool] [--details] [--save FILE]

  --runner PATH  the palveluhaku-quality runner (built by ./run); without it
                 (or if it does not exist) Palveluhaku is left out
  --only NAMES   comma-separated subset: pg,sqlite,xapian,palveluhaku
  --pool         instead of the table, print the pooled top-10 documents that
                 have no judgment yet, per need (for the grader)
  --pool-zero    with --pool: after the grader has read the listed pool, grade
                 every still unjudged pooled document 0 in needs.txt
  --worst N      also print Palveluhaku's N worst queries (nDCG@10) with its
                 top 5 (name:grade) and the grade-2 documents it should find
  --details      also print each query's top 10 with grades per system
  --show-heldout --worst and --details show only the dev half of the queries
                 (split.tsv) unless this is given: look at held-out queries
                 only to judge them, never to tune the engine
  --save FILE    write every system's ranked lists as JSON
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import peers  # noqa: E402

K = 10
CATEGORIES = ("inflected", "compound", "folding", "typo", "swedish", "english", "need",
              "colloquial")


# dev: may be read query by query while tuning; heldout, blind2, blind3, blind4, blind5 and blind6 (a
# second, third, fourth, fifth and sixth set, each written and judged completely by an assessor who
# never saw the engine's vocabularies):
# aggregate figures only;
# new: needs added later and not listed in split.tsv.
HALVES = ("dev", "heldout", "blind2", "blind3", "blind4", "blind5", "blind6", "new")


# ---- inputs -------------------------------------------------------------------
def load_queries(path=os.path.join(HERE, "queries.tsv")):
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            qid, cat, q, need = line.rstrip("\n").split("\t")
            assert cat in CATEGORIES, (qid, cat)
            out.append({"id": qid, "category": cat, "query": q, "need": need})
    split = load_split()
    for q in out:
        q["half"] = split.get(q["need"], "new")
    return out


def load_split(path=os.path.join(HERE, "split.tsv")):
    """need -> "dev" | "heldout" | "blind2" | "blind3" | "blind4" | "blind5" | "blind6" (committed); needs not listed are "new"."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                need, half = line.rstrip("\n").split("\t")
                assert half in HALVES[:-1], line
                out[need] = half
    return out


def load_needs(path=os.path.join(HERE, "needs.txt"), doc_ids=None):
    """need -> {doc id: grade}; doc prefixes resolved against doc_ids.

    "0: *" marks a need as judged completely: every document of doc_ids not
    graded 2 or 1 is graded 0 (the grader read them all)."""
    needs, cur, complete = {}, None, set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("NEED "):
                cur = line[5:].split("|")[0].strip()
                assert cur not in needs, "%s:%d: need %s twice" % (path, n, cur)
                needs[cur] = {}
                continue
            grade, _, docs = line.partition(":")
            grade = int(grade)
            if docs.strip() == "*":
                if grade != 0:
                    raise SystemExit("%s:%d: only '0: *' may name every document" % (path, n))
                complete.add(cur)
                continue
            for p in docs.split():
                full = [d for d in doc_ids if d.startswith("gd-" + p)] if doc_ids else ["gd-" + p]
                if len(full) != 1:
                    raise SystemExit("%s:%d: doc prefix %r matches %d documents"
                                     % (path, n, p, len(full)))
                d = full[0]
                if d in needs[cur] and needs[cur][d] != grade:
                    raise SystemExit("%s:%d: %s graded twice in %s" % (path, n, d, cur))
                needs[cur][d] = grade
    for need in complete:
        if not doc_ids:
            raise SystemExit("%s: need %s is judged completely ('0: *'): the corpus must be known"
                             % (path, need))
        for d in doc_ids:
            needs[need].setdefault(d, 0)
    return needs


def write_judgments(queries, needs, path=os.path.join(HERE, "judgments.tsv")):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# query id\tdoc id\tgrade  (generated from needs.txt by quality.py)\n")
        for q in queries:
            for d, g in sorted(needs[q["need"]].items(), key=lambda x: (-x[1], x[0])):
                fh.write("%s\t%s\t%d\n" % (q["id"], d, g))


# ---- metrics -------------------------------------------------------------------
def ndcg(ranked, judged, k=K):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked, judged, k=K):
    rel = {d for d, g in judged.items() if g >= 1}
    return len(rel & set(ranked[:k])) / len(rel) if rel else 0.0


def rr(ranked, judged, k=K):
    for i, d in enumerate(ranked[:k]):
        if judged.get(d, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def evaluate(queries, needs, results):
    """results: qid -> (ranked, total). Returns {group: {metric: value}}."""
    rows = {}
    for q in queries:
        ranked, total = results[q["id"]]
        j = needs[q["need"]]
        m = {"ndcg": ndcg(ranked, j), "recall": recall(ranked, j), "mrr": rr(ranked, j),
             "zero": 1.0 if total == 0 else 0.0}
        for group in ("all", q["category"], "half:" + q["half"],
                      "half:%s:%s" % (q["half"], q["category"])):
            rows.setdefault(group, []).append(m)
    return {g: {k: sum(m[k] for m in ms) / len(ms) for k in ms[0]} | {"n": len(ms)}
            for g, ms in rows.items()}


# ---- Palveluhaku ---------------------------------------------------------------
class Palveluhaku:
    """Runs the C++ runner once over all queries (it indexes the corpus with
    rebuild_index and searches with SearchEngine::search)."""

    name = "Palveluhaku"

    def __init__(self, runner, corpus, queries):
        self.results = {}
        self.extra = {}
        with tempfile.TemporaryDirectory(prefix="phq-idx-") as tmp:
            qfile = os.path.join(tmp, "queries.txt")
            with open(qfile, "w", encoding="utf-8") as fh:
                for q in queries:
                    fh.write("%s\t%s\n" % (q["id"], q["query"]))
            cmd = [runner, "--corpus", corpus, "--queries", qfile,
                   "--index", os.path.join(tmp, "index"), "--k", str(K)]
            # Another index-config directory (to measure a change of field
            # weights, BM25 parameters or analysis data without editing the
            # repository's).
            if os.environ.get("PALVELUHAKU_INDEX_CONFIG"):
                cmd += ["--config", os.environ["PALVELUHAKU_INDEX_CONFIG"]]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True)
            for line in out.stdout.splitlines():
                r = json.loads(line)
                self.results[r["id"]] = (r["hits"], r["total"])
                self.extra[r["id"]] = r

    def search(self, qid):
        return self.results.get(qid, ([], 0))

    def close(self):
        pass


# ---- main ------------------------------------------------------------------------
def fmt_table(systems, evals, queries):
    cols = ["all"] + [c for c in CATEGORIES if any(q["category"] == c for q in queries)]
    heads = ["%s (%d)" % (c, evals[systems[0]][c]["n"]) for c in cols]
    lines = []
    for metric, label in (("ndcg", "nDCG@10"), ("recall", "recall@10"), ("mrr", "MRR@10"),
                          ("zero", "zero-result rate")):
        lines.append("")
        lines.append(label)
        lines.append("| %-22s | %s |" % ("system", " | ".join(heads)))
        lines.append("|%s|%s|" % ("-" * 24, "|".join("-" * (len(h) + 2) for h in heads)))
        for s in systems:
            cells = []
            for c, h in zip(cols, heads):
                v = evals[s][c][metric]
                cells.append(("%.3f" % v if metric != "zero" else "%.1f%%" % (100 * v)).rjust(len(h)))
            lines.append("| %-22s | %s |" % (s, " | ".join(cells)))
    return "\n".join(lines)


def fmt_halves(systems, evals, queries):
    """nDCG@10 of the dev and held-out halves (and of needs added later)."""
    cols = ["all"] + [c for c in CATEGORIES if any(q["category"] == c for q in queries)]
    halves = [h for h in HALVES if any(q["half"] == h for q in queries)]
    lines = ["", "nDCG@10 by half (split.tsv: dev = looked at while tuning; heldout/new = not)"]
    heads = cols
    lines.append("| %-30s | %s |" % ("system / half", " | ".join("%-10s" % h for h in heads)))
    lines.append("|%s|%s|" % ("-" * 32, "|".join("-" * 12 for _ in heads)))
    for s in systems:
        for h in halves:
            cells = []
            for c in cols:
                key = "half:" + h if c == "all" else "half:%s:%s" % (h, c)
                e = evals[s].get(key)
                cells.append(("%.3f (%d)" % (e["ndcg"], e["n"]) if e else "-").ljust(10))
            lines.append("| %-30s | %s |" % ("%s / %s" % (s[:20], h), " | ".join(cells)))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runner")
    ap.add_argument("--only")
    ap.add_argument("--pool", action="store_true")
    ap.add_argument("--pool-zero", action="store_true")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--show-heldout", action="store_true")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--save")
    a = ap.parse_args()

    corpus_path = os.path.join(HERE, "corpus.jsonl")
    records = peers.load_corpus(corpus_path)
    doc_ids = [r["id"] for r in records]
    names = {r["id"]: r["name"].get("fi") or r["name"].get("en") for r in records}
    queries = load_queries()
    needs = load_needs(doc_ids=doc_ids)
    missing = {q["need"] for q in queries} - set(needs)
    if missing:
        raise SystemExit("queries.tsv names needs not in needs.txt: %s" % sorted(missing))
    write_judgments(queries, needs)

    only = set((a.only or "pg,sqlite,xapian,palveluhaku").split(","))
    keys = {"pg": peers.PostgresFinnish, "sqlite": peers.SqliteFts5,
            "xapian": peers.XapianSnowball}
    if a.pool:
        keys["xapian-or"] = peers.XapianSnowballOr
        only.add("xapian-or")
    results = {}
    for key, cls in keys.items():
        if key not in only:
            continue
        p = cls(records)
        try:
            results[cls.name] = {q["id"]: p.search(q["query"], K) for q in queries}
        finally:
            p.close()
    palveluhaku = None
    if "palveluhaku" in only and a.runner and os.path.exists(a.runner):
        palveluhaku = Palveluhaku(a.runner, corpus_path, queries)
        results[Palveluhaku.name] = {q["id"]: palveluhaku.search(q["id"]) for q in queries}
    elif "palveluhaku" in only:
        print("quality: Palveluhaku runner not available (%s); peers only" % a.runner,
              file=sys.stderr)

    if a.save:
        with open(a.save, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=1)

    if a.pool:
        by_need = {}
        for q in queries:
            for s, res in results.items():
                for d in res[q["id"]][0][:K]:
                    if d not in needs[q["need"]]:
                        by_need.setdefault(q["need"], {}).setdefault(d, set()).add(
                            "%s:%s" % (s.split()[0], q["id"]))
        for need, docs in sorted(by_need.items()):
            print("NEED", need)
            for d, who in sorted(docs.items()):
                print("   %-14s %-60s %s" % (d[3:15], names[d][:60], ",".join(sorted(who))[:80]))
        total = sum(len(v) for v in by_need.values())
        if a.pool_zero:
            for need, docs in sorted(by_need.items()):
                subprocess.run([os.path.join(HERE, "grade.py"), need, "0"] +
                               [d[3:] for d in sorted(docs)], check=True)
            print("graded 0: %d" % total)
        print("unjudged pooled (need, doc) pairs: %d" % total)
        return

    systems = list(results)
    evals = {s: evaluate(queries, needs, results[s]) for s in systems}
    if a.details:
        for q in queries:
            if q["half"] != "dev" and not a.show_heldout:
                continue
            print("\n%s [%s] %r  need=%s" % (q["id"], q["category"], q["query"], q["need"]))
            for s in systems:
                ranked, total = results[s][q["id"]]
                marks = " ".join("%s:%s" % (names[d][:18], needs[q["need"]].get(d, "?"))
                                 for d in ranked)
                print("  %-10s n=%-4d %s" % (s.split()[0], total, marks))
    if a.worst and Palveluhaku.name in results:
        res = results[Palveluhaku.name]
        shown = [q for q in queries if a.show_heldout or q["half"] == "dev"]
        scored = sorted(shown, key=lambda q: ndcg(res[q["id"]][0], needs[q["need"]]))
        print("Palveluhaku's %d worst queries (nDCG@10, total hits, top 5 as name:grade):" % a.worst)
        for q in scored[:a.worst]:
            ranked, total = res[q["id"]]
            j = needs[q["need"]]
            want = [names[d][:24] for d, g in j.items() if g == 2 and d not in ranked[:K]]
            print("  %s %-10s %-26s %.2f n=%-4d %s%s" % (
                q["id"], q["category"], q["query"], ndcg(ranked, j), total,
                " | ".join("%s:%s" % (names[d][:16], j.get(d, "?")) for d in ranked[:5]),
                ("  MISSING: " + "; ".join(want)) if want else ""))
        print()
    print("Palveluhaku quality benchmark: %d documents, %d queries, %d judgments"
          % (len(records), len(queries), sum(len(needs[q["need"]]) for q in queries)))
    print(fmt_table(systems, evals, queries))
    print(fmt_halves(systems, evals, queries))
    peers_ndcg = {s: evals[s]["all"]["ndcg"] for s in systems if s != Palveluhaku.name}
    if palveluhaku and peers_ndcg:
        best = max(peers_ndcg, key=peers_ndcg.get)
        ph = evals[Palveluhaku.name]["all"]["ndcg"]
        ratio = ph / peers_ndcg[best] if peers_ndcg[best] else float("inf")
        print("\nPalveluhaku nDCG@10 / best peer (%s) nDCG@10 = %.3f / %.3f = %.2f (%+.0f%%)"
              % (best, ph, peers_ndcg[best], ratio, 100 * (ratio - 1)))
        z = evals[Palveluhaku.name]["all"]["zero"]
        print("Targets: nDCG@10 >= 0.85: %s; zero-result <= 1%%: %s; >= 25%% above best peer: %s"
              % ("met" if ph >= 0.85 else "NOT met", "met" if z <= 0.01 else "NOT met",
                 "met" if ratio >= 1.25 else "NOT met"))
        unj = sum(1 for q in queries for d in results[Palveluhaku.name][q["id"]][0][:K]
                  if d not in needs[q["need"]])
        print("Unjudged documents in Palveluhaku's top 10s: %d (counted as not relevant)" % unj)


if __name__ == "__main__":
    main()
