#!/usr/bin/python3
"""SQLite FTS5 peer: the same corpus and query mix, the same facet counts
(disjunctive, GROUP BY over a (doc, field, value) table), distance
filter/sort, 20 hits with their JSON.

FTS5 table (name, keywords, summary, description) with
tokenize='unicode61 remove_diacritics 2', ranked by bm25 with the weights
10/4/2/1. The database is a file in a temp dir, removed at the end.
Latency is measured per search in this process (SQLite is in-process too).

  bench/perf/peer_sqlite.py --corpus FILE --rounds 3 --out result.json
"""
import argparse
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

SCHEMA = """
CREATE TABLE docs (id INTEGER PRIMARY KEY, ext_id TEXT, json TEXT, name TEXT, age_min INT, age_max INT);
CREATE VIRTUAL TABLE fts USING fts5(name, keywords, summary, description,
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE facet (doc INT, field TEXT, value TEXT);
CREATE TABLE loc (doc INT, lat REAL, lon REAL);
CREATE TABLE hours (doc INT, s INT, e INT);
"""
INDEXES = """
CREATE INDEX facet_doc ON facet (doc, field, value);
CREATE INDEX facet_value ON facet (field, value, doc);
CREATE INDEX loc_doc ON loc (doc);
CREATE INDEX hours_doc ON hours (doc);
CREATE INDEX docs_name ON docs (name);
"""


def load(db, corpus, codes):
    db.executescript(SCHEMA)
    n = 0
    docs, fts, facets, locs, hours = [], [], [], [], []

    def flush():
        db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?)", docs)
        db.executemany("INSERT INTO fts (rowid, name, keywords, summary, description) VALUES (?,?,?,?,?)", fts)
        db.executemany("INSERT INTO facet VALUES (?,?,?)", facets)
        db.executemany("INSERT INTO loc VALUES (?,?,?)", locs)
        db.executemany("INSERT INTO hours VALUES (?,?,?)", hours)
        for x in (docs, fts, facets, locs, hours):
            x.clear()

    for line, d in benchlib.read_corpus(corpus, codes):
        docs.append((n, d["ext_id"], line, d["name"], d["age_min"], d["age_max"]))
        fts.append((n, d["name"], d["keywords"], d["summary"], d["description"]))
        for f in benchlib.FACET_FIELDS:
            for v in d["facets"][f]:
                facets.append((n, f, v))
        for lat, lon in d["coords"]:
            locs.append((n, lat, lon))
        for wd, o, c in d["hours"]:
            hours.append((n, wd * 1440 + o, wd * 1440 + c))
        n += 1
        if n % 5000 == 0:
            flush()
    flush()
    db.executescript(INDEXES)
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.execute("ANALYZE")
    return n


def fts_query(q):
    words = [w for w in re.split(r"[^\w]+", q) if w]
    return " ".join('"%s"' % w for w in words)


DIST = ("(SELECT min(2 * 6371 * asin(sqrt(power(sin(radians(l.lat - :lat) / 2), 2) + "
        "cos(radians(:lat)) * cos(radians(l.lat)) * power(sin(radians(l.lon - :lon) / 2), 2)))) "
        "FROM loc l WHERE l.doc = d.id)")


class Searcher:
    def __init__(self, db):
        self.db = db

    def search(self, q):
        db = self.db
        args = {"now": benchlib.NOW_WEEKDAY * 1440 + benchlib.NOW_MINUTE}
        flags = {}
        for f in q.filters:
            vals = q.filter_values(f)
            names = []
            for k, v in enumerate(vals):
                args["%s_%d" % (f, k)] = v
                names.append(":%s_%d" % (f, k))
            flags[f] = ("EXISTS (SELECT 1 FROM facet x WHERE x.doc = d.id AND x.field = '%s' AND x.value IN (%s))"
                        % (f, ",".join(names)))
        if q.age is not None:
            args["age"] = q.age
            flags["age"] = "(coalesce(d.age_min, 0) <= :age AND coalesce(d.age_max, 1000) >= :age)"
        if q.q.strip():
            args["match"] = fts_query(q.q)
            src = ("(SELECT rowid AS id, bm25(fts, 10.0, 4.0, 2.0, 1.0) AS rank FROM fts WHERE fts MATCH :match) t "
                   "JOIN docs d ON d.id = t.id")
            rank = "t.rank"
        else:
            src = "docs d"
            rank = "0.0"
        sel = ["d.id AS id", "d.name AS name", "%s AS rank" % rank, "d.age_min AS age_min", "d.age_max AS age_max"]
        sel += ["%s AS f_%s" % (e, f) for f, e in flags.items()]
        where = ""
        if q.near:
            args["lat"], args["lon"] = q.near
            sel.append(DIST + " AS dist")
        else:
            sel.append("NULL AS dist")
        db.execute("DROP TABLE IF EXISTS temp.m")
        db.execute("CREATE TEMP TABLE m AS SELECT %s FROM %s%s" % (", ".join(sel), src, where), args)
        if q.near and q.radius_km is not None:
            db.execute("DELETE FROM temp.m WHERE dist IS NULL OR dist > ?", (q.radius_km,))

        def ok(except_field=None):
            c = ["m.f_%s" % f for f in flags if f != except_field]
            return " AND ".join(c) if c else "1"

        total = db.execute("SELECT count(*) FROM temp.m WHERE %s" % ok()).fetchone()[0]
        cond = " OR ".join("(x.field = '%s' AND %s)" % (f, ok(f)) for f in benchlib.FACET_FIELDS)
        db.execute("SELECT x.field, x.value, count(*) FROM temp.m JOIN facet x ON x.doc = m.id "
                   "WHERE x.value <> '*' AND (%s) GROUP BY x.field, x.value" % cond).fetchall()
        age = ", ".join("sum(coalesce(m.age_min, 0) <= %d AND coalesce(m.age_max, 1000) >= %d)" % (hi, lo)
                        for _, lo, hi in benchlib.AGE_BUCKETS)
        db.execute("SELECT %s FROM temp.m WHERE %s" % (age, ok("age"))).fetchall()
        db.execute("SELECT count(*) FROM temp.m WHERE %s AND EXISTS (SELECT 1 FROM hours h WHERE h.doc = m.id "
                   "AND h.s <= :now AND :now < h.e)" % ok(), {"now": args["now"]}).fetchone()
        order = {"relevance": "m.rank, m.id", "distance": "m.dist IS NULL, m.dist, m.id",
                 "name": "m.name, m.id"}[q.sort]
        db.execute("SELECT d.ext_id, d.json FROM (SELECT id FROM temp.m WHERE %s ORDER BY %s LIMIT %d) h "
                   "JOIN docs d ON d.id = h.id" % (ok(), order, benchlib.PER_PAGE)).fetchall()
        return total


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", required=True, help="result JSON file")
    args = ap.parse_args(argv)
    codes = benchlib.Codes()
    queries = benchlib.read_queries(codes)
    tmp = tempfile.mkdtemp(prefix="palveluhaku-sqlite-")
    try:
        path = os.path.join(tmp, "bench.db")
        db = sqlite3.connect(path)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -262144")  # 256 MB
        db.execute("PRAGMA temp_store = MEMORY")
        t0 = time.perf_counter()
        n = load(db, args.corpus, codes)
        build_s = time.perf_counter() - t0
        size = os.path.getsize(path)
        searcher = Searcher(db)
        stats = benchlib.run_mix(searcher.search, queries, args.rounds)
        db.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {"engine": "sqlite-fts5", "documents": n, "build_s": build_s, "build_docs_per_s": n / build_s,
              "size_bytes": size, "rounds": args.rounds,
              "command": "bench/perf/peer_sqlite.py --corpus %s --rounds %d" % (args.corpus, args.rounds)}
    result.update(stats)
    benchlib.write_result(args.out, result)
    print("sqlite-fts5: %d docs, build %.1f s (%.0f docs/s), %.1f MB, p50 %.2f ms p95 %.2f ms p99 %.2f ms, "
          "zero-hit queries %d/%d" % (n, build_s, n / build_s, size / 1e6, stats["p50_ms"], stats["p95_ms"],
                                      stats["p99_ms"], stats["zero_hit_queries"], len(queries)))


if __name__ == "__main__":
    main()
