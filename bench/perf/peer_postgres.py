#!/usr/bin/python3
"""PostgreSQL 15 full-text peer: the same corpus and query mix, the same
facet counts (disjunctive), distance filter/sort, 20 hits with their JSON.

Creates a throwaway cluster under a temp dir (initdb + pg_ctl on a loopback
port, as the postgres user when run as root), loads the corpus with COPY
(tsvector generated column: 'finnish' configuration, setweight A name,
B keywords, C summary + provider, D description; GIN index; GIN indexes on
the facet arrays), runs the mix and removes the cluster. Latency is measured
in the client per search (one SQL statement per search, round trip
included).

  bench/perf/peer_postgres.py --corpus FILE --rounds 3 --out result.json
"""
import argparse
import io
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

# The perf cluster's settings on top of benchlib.PgCluster's (no fsync, loopback).
PG_SETTINGS = ["shared_buffers=512MB", "work_mem=64MB", "maintenance_work_mem=512MB",
               "synchronous_commit=off", "jit=off", "max_wal_size=4GB"]


SCHEMA = """
CREATE TABLE docs (
  id int PRIMARY KEY, ext_id text, json text, name text, keywords text, summary text, description text,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('finnish', name), 'A') || setweight(to_tsvector('finnish', keywords), 'B') ||
    setweight(to_tsvector('finnish', summary), 'C') || setweight(to_tsvector('finnish', description), 'D')) STORED,
  %s,
  age_min int, age_max int, lat float8[], lon float8[], h_start int[], h_end int[])
""" % ", ".join("%s text[]" % f for f in benchlib.FACET_FIELDS)


def pg_array(vals):
    return "{" + ",".join('"%s"' % str(v).replace('"', '\\"') for v in vals) + "}"


def copy_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def load(conn, corpus, codes):
    cur = conn.cursor()
    cur.execute(SCHEMA)
    cols = (["id", "ext_id", "json", "name", "keywords", "summary", "description"] + benchlib.FACET_FIELDS
            + ["age_min", "age_max", "lat", "lon", "h_start", "h_end"])
    buf = io.StringIO()
    n = 0

    def flush():
        buf.seek(0)
        cur.copy_expert("COPY docs (%s) FROM STDIN" % ",".join(cols), buf)
        buf.seek(0)
        buf.truncate()

    for line, d in benchlib.read_corpus(corpus, codes):
        row = [str(n), d["ext_id"], line, d["name"], d["keywords"], d["summary"], d["description"]]
        row = [copy_escape(x) for x in row]
        row += [pg_array(d["facets"][f]) for f in benchlib.FACET_FIELDS]
        row += ["\\N" if d["age_min"] is None else str(d["age_min"]),
                "\\N" if d["age_max"] is None else str(d["age_max"]),
                pg_array(c[0] for c in d["coords"]), pg_array(c[1] for c in d["coords"]),
                pg_array(h[0] * 1440 + h[1] for h in d["hours"]),
                pg_array(h[0] * 1440 + h[2] for h in d["hours"])]
        buf.write("\t".join(row) + "\n")
        n += 1
        if n % 5000 == 0:
            flush()
    flush()
    cur.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
    for f in benchlib.FACET_FIELDS:
        cur.execute("CREATE INDEX docs_%s ON docs USING gin (%s)" % (f, f))
    cur.execute("CREATE INDEX docs_name ON docs (name)")
    conn.commit()
    conn.autocommit = True
    cur.execute("VACUUM ANALYZE docs")
    conn.autocommit = False
    return n


DIST = ("(SELECT min(2 * 6371 * asin(sqrt(power(sin(radians(p.la - %(lat)s) / 2), 2) + "
        "cos(radians(%(lat)s)) * cos(radians(p.la)) * power(sin(radians(p.lo - %(lon)s) / 2), 2)))) "
        "FROM unnest(d.lat, d.lon) AS p(la, lo))")


def build_sql(q):
    """One statement per search: total, every facet's counts, age buckets,
    open_now count and the page of hits with their JSON."""
    args = {"q": q.q, "now": benchlib.NOW_WEEKDAY * 1440 + benchlib.NOW_MINUTE}
    flags = {}
    for f, vals in q.filters.items():
        key = "v_" + f
        args[key] = q.filter_values(f)
        flags[f] = "(d.%s && %%(%s)s::text[])" % (f, key)
    if q.age is not None:
        args["age"] = q.age
        flags["age"] = "(coalesce(d.age_min, 0) <= %(age)s AND coalesce(d.age_max, 1000) >= %(age)s)"
    sel = ["d.id", "d.name"]
    sel += ["d.%s" % f for f in benchlib.FACET_FIELDS]
    sel += ["d.age_min", "d.age_max", "d.h_start", "d.h_end"]
    sel += ["%s AS f_%s" % (expr, f) for f, expr in flags.items()]
    where = []
    frm = "docs d"
    if q.q.strip():
        frm += ", plainto_tsquery('finnish', %(q)s) tq"
        where.append("d.tsv @@ tq")
        sel.append("ts_rank(d.tsv, tq) AS rank")
    else:
        sel.append("0::real AS rank")
    if q.near:
        args["lat"], args["lon"] = q.near
        sel.append(DIST + " AS dist")
        if q.radius_km is not None:
            args["radius"] = q.radius_km
            where.append("d.lat <> '{}' AND " + DIST + " <= %(radius)s")
    else:
        sel.append("NULL::float8 AS dist")
    m = "SELECT %s FROM %s%s" % (", ".join(sel), frm, (" WHERE " + " AND ".join(where)) if where else "")

    def ok(except_field=None):
        c = ["m.f_%s" % f for f in flags if f != except_field]
        return " AND ".join(c) if c else "true"

    parts = ["SELECT 'total'::text AS k, NULL::text AS v, count(*) AS n, NULL::text AS j FROM m WHERE %s" % ok()]
    for f in benchlib.FACET_FIELDS:
        parts.append("SELECT '%s', x, count(*), NULL FROM m, unnest(m.%s) x WHERE %s AND x <> '*' GROUP BY x"
                     % (f, f, ok(f)))
    buckets = ", ".join("('%s', %d, %d)" % b for b in benchlib.AGE_BUCKETS)
    parts.append("SELECT 'age', b.l, count(*), NULL FROM m, (VALUES %s) b(l, lo, hi) WHERE %s AND "
                 "coalesce(m.age_min, 0) <= b.hi AND coalesce(m.age_max, 1000) >= b.lo GROUP BY b.l"
                 % (buckets, ok("age")))
    parts.append("SELECT 'open_now', 'true', count(*), NULL FROM m WHERE %s AND EXISTS (SELECT 1 FROM "
                 "unnest(m.h_start, m.h_end) h(s, e) WHERE h.s <= %%(now)s AND %%(now)s < h.e)" % ok())
    order = {"relevance": "m.rank DESC, m.id", "distance": "m.dist NULLS LAST, m.id",
             "name": "m.name, m.id"}[q.sort]
    parts.append("SELECT 'hit', d.ext_id, h.o, d.json FROM (SELECT m.id, row_number() OVER (ORDER BY %s) AS o "
                 "FROM m WHERE %s ORDER BY %s LIMIT %d) h JOIN docs d ON d.id = h.id"
                 % (order, ok(), order, benchlib.PER_PAGE))
    sql = "WITH m AS MATERIALIZED (%s)\n%s" % (m, "\nUNION ALL ".join("(%s)" % p for p in parts))
    return sql, args


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", required=True, help="result JSON file")
    ap.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the first queries")
    args = ap.parse_args(argv)
    codes = benchlib.Codes()
    queries = benchlib.read_queries(codes)
    cluster = benchlib.PgCluster(settings=PG_SETTINGS).start()
    try:
        conn = cluster.connect()
        t0 = time.perf_counter()
        n = load(conn, args.corpus, codes)
        build_s = time.perf_counter() - t0
        cur = conn.cursor()
        cur.execute("SELECT pg_total_relation_size('docs')")
        size = cur.fetchone()[0]
        conn.commit()
        conn.autocommit = True
        prepared = [build_sql(q) for q in queries]
        if args.explain:
            for sql, a in prepared[:3]:
                cur.execute("EXPLAIN ANALYZE " + sql, a)
                print("\n".join(r[0] for r in cur.fetchall()))

        def search(i):
            sql, a = prepared[i]
            cur.execute(sql, a)
            total = 0
            for k, _v, cnt, _j in cur.fetchall():
                if k == "total":
                    total = cnt
            return total

        stats = benchlib.run_mix(search, list(range(len(queries))), args.rounds)
        conn.close()
    finally:
        cluster.stop()
    result = {"engine": "postgresql-15", "documents": n, "build_s": build_s, "build_docs_per_s": n / build_s,
              "size_bytes": size, "rounds": args.rounds,
              "command": "bench/perf/peer_postgres.py --corpus %s --rounds %d" % (args.corpus, args.rounds)}
    result.update(stats)
    benchlib.write_result(args.out, result)
    print("postgresql: %d docs, build %.1f s (%.0f docs/s), %.1f MB, p50 %.2f ms p95 %.2f ms p99 %.2f ms, "
          "zero-hit queries %d/%d" % (n, build_s, n / build_s, size / 1e6, stats["p50_ms"], stats["p95_ms"],
                                      stats["p99_ms"], stats["zero_hit_queries"], len(queries)))


if __name__ == "__main__":
    main()
