#!/usr/bin/python3
"""The peer search systems of the quality benchmark, set up the way a typical
application would use them. Each peer indexes the same corpus.jsonl and answers
the same queries; see bench/README.md (## Quality) for the exact setups.

Every peer gets the same four text fields per record, each holding the fi, sv
and en texts of that field one after another (the peers have no notion of a
record language):
  name        weight A / 10 / 4   (PostgreSQL / SQLite bm25 / Xapian wdf)
  keywords    weight B /  5 / 3   (ontology term labels)
  summary     weight C /  3 / 2
  description weight D /  1 / 1

A peer's search(query, k) returns (ranked doc ids (at most k), total matches).
"""
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "perf"))
import benchlib  # noqa: E402  (bench/perf/benchlib.py: the PostgreSQL cluster)

LANGS = ("fi", "sv", "en")
FIELDS = ("name", "keywords", "summary", "description")


def load_corpus(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def field_text(rec, field):
    v = rec.get(field) or {}
    parts = []
    for lang in LANGS:
        x = v.get(lang)
        if isinstance(x, list):
            x = ", ".join(x)
        if x:
            parts.append(x)
    return "\n".join(parts)


# ---- SQLite FTS5 --------------------------------------------------------------
class SqliteFts5:
    """SQLite FTS5, tokenize='unicode61 remove_diacritics 2', bm25 with column
    weights 10/5/3/1. The query's words are each quoted (so that no word is
    read as FTS5 syntax) and joined with FTS5's implicit AND."""

    name = "SQLite FTS5"

    def __init__(self, records):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, keywords, summary, "
            "description, tokenize='unicode61 remove_diacritics 2')")
        self.db.executemany(
            "INSERT INTO docs VALUES (?,?,?,?,?)",
            [(r["id"],) + tuple(field_text(r, f) for f in FIELDS) for r in records])
        self.db.commit()

    def search(self, query, k=10):
        words = re.findall(r"\w+", query, re.UNICODE)
        if not words:
            return [], 0
        match = " ".join('"%s"' % w for w in words)
        rows = self.db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 10.0, 5.0, 3.0, 1.0)",
            (match,)).fetchall()
        return [r[0] for r in rows[:k]], len(rows)

    def close(self):
        self.db.close()


# ---- Xapian with the Snowball Finnish stemmer ---------------------------------
class XapianSnowball:
    """Xapian 1.4 (python3-xapian), TermGenerator with Stem('finnish') and the
    default STEM_SOME; name/keywords/summary/description indexed into the one
    unprefixed field with wdf increments 4/3/2/1. QueryParser with
    Stem('finnish'), STEM_SOME, default_op OP_AND, default flags; BM25."""

    name = "Xapian Snowball fi"

    def __init__(self, records):
        import xapian
        self.xapian = xapian
        self.db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("finnish"))
        tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        weights = {"name": 4, "keywords": 3, "summary": 2, "description": 1}
        for r in records:
            doc = xapian.Document()
            tg.set_document(doc)
            for f in FIELDS:
                t = field_text(r, f)
                if t:
                    tg.index_text(t, weights[f])
                    tg.increase_termpos()
            doc.set_data(r["id"])
            doc.add_boolean_term("Q" + r["id"])
            self.db.replace_document("Q" + r["id"], doc)
        self.qp = xapian.QueryParser()
        self.qp.set_stemmer(xapian.Stem("finnish"))
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.qp.set_default_op(xapian.Query.OP_AND)
        self.qp.set_database(self.db)

    def search(self, query, k=10):
        x = self.xapian
        try:
            q = self.qp.parse_query(query)
        except x.QueryParserError:
            return [], 0
        enq = x.Enquire(self.db)
        enq.set_query(q)
        ms = enq.get_mset(0, k, self.db.get_doccount())
        return [m.document.get_data().decode() for m in ms], ms.get_matches_estimated()

    def close(self):
        self.db.close()


# ---- PostgreSQL 15 'finnish' --------------------------------------------------
class PostgresFinnish:
    """PostgreSQL 15 in a throwaway cluster (initdb + pg_ctl under a temp dir,
    listening on 127.0.0.1 and a socket in the temp dir only). One table with a
    stored tsvector:
      setweight(to_tsvector('finnish', name), 'A') ||
      setweight(to_tsvector('finnish', keywords), 'B') ||
      setweight(to_tsvector('finnish', summary), 'C') ||
      setweight(to_tsvector('finnish', description), 'D')
    with a GIN index; query: tsv @@ plainto_tsquery('finnish', q) (AND of the
    words), ORDER BY ts_rank_cd(tsv, query) DESC."""

    name = "PostgreSQL 15 finnish"

    def __init__(self, records):
        self.cluster = benchlib.PgCluster(prefix="phq-pg-").start()
        self.conn = self.cluster.connect()
        self.conn.autocommit = True
        cur = self.conn.cursor()
        cur.execute("CREATE TABLE docs (id text primary key, name text, keywords text, "
                    "summary text, description text, tsv tsvector GENERATED ALWAYS AS ("
                    "setweight(to_tsvector('finnish', coalesce(name,'')), 'A') || "
                    "setweight(to_tsvector('finnish', coalesce(keywords,'')), 'B') || "
                    "setweight(to_tsvector('finnish', coalesce(summary,'')), 'C') || "
                    "setweight(to_tsvector('finnish', coalesce(description,'')), 'D')) STORED)")
        cur.executemany("INSERT INTO docs (id, name, keywords, summary, description) "
                        "VALUES (%s,%s,%s,%s,%s)",
                        [(r["id"],) + tuple(field_text(r, f) for f in FIELDS) for r in records])
        cur.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
        cur.execute("ANALYZE docs")

    def search(self, query, k=10):
        cur = self.conn.cursor()
        cur.execute("SELECT id, count(*) OVER () FROM docs, plainto_tsquery('finnish', %s) q "
                    "WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC, id LIMIT %s", (query, k))
        rows = cur.fetchall()
        return [r[0] for r in rows], (rows[0][1] if rows else 0)

    def close(self):
        try:
            self.conn.close()
        finally:
            self.cluster.stop()


PEERS = (PostgresFinnish, SqliteFts5, XapianSnowball)


class XapianSnowballOr(XapianSnowball):
    """Pooling only (not in the table): the same Xapian setup with OP_OR, so
    that documents matching only some query words also get judged."""

    name = "Xapian-OR (pool only)"

    def __init__(self, records):
        super().__init__(records)
        self.qp.set_default_op(self.xapian.Query.OP_OR)
