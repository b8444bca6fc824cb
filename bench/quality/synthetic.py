"""What the synthetic query sets share (typos.py, folds.py, swedish.py,
english_variants.py): the seen queries (every half but the blind ones, which
stay unseen), the judgments by query id, and one run of the quality runner
over the set's own queries on the corpus. Each set rewrites the seen queries
its own way and judges a rewrite with its original query's judgments.
Metrics are quality.py's."""
import collections
import json
import os
import shutil
import subprocess
import tempfile

from quality import HERE, load_queries, ndcg, recall  # noqa: F401  (re-exported for the sets)


def judgments(path=os.path.join(HERE, "judgments.tsv")):
    """query id -> {doc: grade}, as bench/quality/run last wrote them."""
    out = collections.defaultdict(dict)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            q, d, g = line.rstrip("\n").split("\t")
            out[q][d] = int(g)
    return out


def seen_queries(keep=lambda q: True):
    """The queries of the dev, held-out and new halves for which keep(q) holds
    (dicts with id, category, query, need, half)."""
    return [q for q in load_queries() if not q["half"].startswith("blind") and keep(q)]


def run(runner, queries, prefix="ph-synthetic-"):
    """Runs the quality runner over (id, text) pairs on the corpus in a
    throwaway index; returns id -> the runner's result (hits, total, ...)."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        qf = os.path.join(tmp, "queries.tsv")
        with open(qf, "w", encoding="utf-8") as fh:
            for qid, text in queries:
                fh.write(qid + "\t" + text + "\n")
        out = subprocess.run([runner, "--corpus", os.path.join(HERE, "corpus.jsonl"), "--queries", qf,
                              "--index", os.path.join(tmp, "index")], capture_output=True, text=True, check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    res = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        res[o["id"]] = o
    return res
