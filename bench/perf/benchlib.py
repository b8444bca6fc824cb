"""Shared pieces of the Python benchmark harness: the corpus as flat rows,
the query mix, the facet semantics the peers reproduce, percentiles and the
result files.

The facet values of a record follow src/index/document_builder.cpp
(DocumentBuilder::filter_values): municipalities of the service area, of the
locations and of the regions served; regions of those municipalities; "*"
for a nationwide service (matches any municipality / region filter);
hierarchical codes with their ancestors (a filter on P3 matches P3.4);
channels from locations / phones / web pages / e-services. Counts are
disjunctive: a field's counts ignore that field's own selection and respect
every other filter.
"""
import csv
import json
import math
import os
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CODES = os.path.join(REPO, "data", "codes")
QUERIES = os.path.join(REPO, "bench", "perf", "queries.tsv")

FACET_FIELDS = ["municipality", "region", "provider_type", "service_class", "target_group",
                "life_event", "language", "cost", "channel"]
# Age facet buckets (label, lo, hi): a record counts in a bucket its range overlaps.
AGE_BUCKETS = [("0-2", 0, 2), ("3-6", 3, 6), ("7-12", 7, 12), ("13-17", 13, 17), ("18+", 18, 1000)]
# The fixed "now" of the benchmark: Wednesday 10:30 local time.
NOW_WEEKDAY = 2
NOW_MINUTE = 10 * 60 + 30
PER_PAGE = 20


class Codes:
    def __init__(self):
        self.region_of = {}
        self.munis_of_region = {}
        self.muni_by_name = {}
        with open(os.path.join(CODES, "municipalities.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.region_of[r["kuntakoodi"]] = r["maakunta_code"]
                self.munis_of_region.setdefault(r["maakunta_code"], []).append(r["kuntakoodi"])
                self.muni_by_name[r["name_fi"].lower()] = r["kuntakoodi"]
                self.muni_by_name[r["name_sv"].lower()] = r["kuntakoodi"]
        self.parent = {}
        for name in ("ServiceClasses.json", "TargetGroups.json", "LifeEvents.json"):
            with open(os.path.join(CODES, name), encoding="utf-8") as f:
                items = json.load(f)
            by_uri = {c["Id"]: c["Notation"] for c in items}
            for c in items:
                b = c.get("BroaderUris") or []
                if b and b[0] in by_uri:
                    self.parent[c["Notation"]] = by_uri[b[0]]

    def with_ancestors(self, code):
        out = [code]
        while code in self.parent:
            code = self.parent[code]
            out.append(code)
        return out


def _hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def flatten(rec, codes):
    """One record -> the columns the peers index."""
    area = rec.get("area", {})
    munis = set(area.get("municipalities", []))
    regions = set(area.get("regions", []))
    locs = rec.get("locations", [])
    for loc in locs:
        mc = loc.get("address", {}).get("municipality_code")
        if mc:
            munis.add(mc)
    for reg in area.get("regions", []):
        munis.update(codes.munis_of_region.get(reg, []))
    for m in munis:
        if m in codes.region_of:
            regions.add(codes.region_of[m])
    if area.get("whole_country"):
        munis.add("*")
        regions.add("*")
    facets = {
        "municipality": sorted(munis),
        "region": sorted(regions),
        "provider_type": [rec["provider"]["type"]] if rec.get("provider", {}).get("type") else [],
        "service_class": sorted({a for c in rec.get("service_classes", []) for a in codes.with_ancestors(c)}),
        "target_group": sorted({a for c in rec.get("target_groups", []) for a in codes.with_ancestors(c)}),
        "life_event": sorted({a for c in rec.get("life_events", []) for a in codes.with_ancestors(c)}),
        "language": sorted(set(rec.get("languages", []))),
        "cost": [rec["cost"]] if rec.get("cost", "unknown") != "unknown" else [],
    }
    ch = []
    if locs:
        ch.append("location")
    if rec.get("phones") or any(l.get("phones") for l in locs):
        ch.append("phone")
    if rec.get("web_pages"):
        ch.append("web")
    if rec.get("eservices"):
        ch.append("eservice")
    facets["channel"] = ch
    hours = []  # (weekday, open_min, close_min)
    for loc in locs:
        for h in loc.get("hours", []):
            if h.get("kind", "regular") != "regular" or h.get("closed"):
                continue
            for d in h.get("days", []):
                hours.append((d["weekday"], _hm(d["open"]), _hm(d["close"])))
    fi = lambda lt: (lt or {}).get("fi", "")
    return {
        "ext_id": rec["id"],
        "name": fi(rec.get("name")),
        "keywords": " ".join(rec.get("keywords", {}).get("fi", [])),
        "summary": fi(rec.get("summary")) + " " + fi(rec.get("provider", {}).get("name")),
        "description": fi(rec.get("description")),
        "facets": facets,
        "age_min": rec.get("age_min"),
        "age_max": rec.get("age_max"),
        "coords": [(l["coord"]["lat"], l["coord"]["lon"]) for l in locs if l.get("coord")],
        "hours": hours,
    }


def read_corpus(path, codes):
    """Yields (json_line, flat) per record, streaming."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                yield line, flatten(json.loads(line), codes)


class Query:
    def __init__(self, tag, q, params, codes):
        self.tag, self.q, self.params = tag, q, params
        self.filters = {}
        self.age = None
        self.near = None
        self.radius_km = None
        self.sort = None
        for k, v in urllib.parse.parse_qsl(params, keep_blank_values=False):
            if k in FACET_FIELDS:
                if k == "municipality" and not v.isdigit():
                    v = codes.muni_by_name[v.lower()]
                self.filters.setdefault(k, []).append(v)
            elif k == "age":
                self.age = int(v)
            elif k == "near":
                lat, lon = v.split(",")
                self.near = (float(lat), float(lon))
            elif k == "radius_km":
                self.radius_km = float(v)
            elif k == "sort":
                self.sort = v
            else:
                raise ValueError("unknown parameter %r in %r" % (k, params))
        if self.sort is None:
            self.sort = "relevance" if q.strip() else ("distance" if self.near else "name")

    def url(self):
        p = "q=" + urllib.parse.quote(self.q)
        return "/api/v1/search?" + p + ("&" + self.params if self.params else "")

    def filter_values(self, field):
        """Filter values, with "*" (nationwide) added where it matches."""
        vals = list(self.filters[field])
        if field in ("municipality", "region"):
            vals.append("*")
        return vals


def read_queries(codes, path=QUERIES):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            tag, q, params = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            out.append(Query(tag, q, params, codes))
    return out


def percentile(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    k = (len(sorted_vals) - 1) * p / 100.0
    lo = math.floor(k)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (k - lo)


def run_mix(search, queries, rounds, warmup=1):
    """Runs `search(query) -> total` over the mix; returns latency stats (ms)."""
    for _ in range(warmup):
        for q in queries:
            search(q)
    lat = []
    totals = []
    for r in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            total = search(q)
            lat.append((time.perf_counter() - t0) * 1000.0)
            if r == 0:
                totals.append(total)
    lat.sort()
    return {
        "searches": len(lat),
        "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "p99_ms": percentile(lat, 99),
        "mean_ms": sum(lat) / len(lat) if lat else float("nan"),
        "zero_hit_queries": sum(1 for t in totals if t == 0),
        "mean_total": sum(totals) / len(totals) if totals else 0,
    }


def write_result(path, result):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write("\n")


def dir_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for n in files:
            try:
                total += os.path.getsize(os.path.join(root, n))
            except OSError:
                pass
    return total


# ---- start-up helpers shared by the HTTP benchmark and the PostgreSQL peers ----

PG_BIN = "/usr/lib/postgresql/15/bin"


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """A throwaway PostgreSQL 15 cluster: initdb + pg_ctl in a temp dir,
    listening on 127.0.0.1:`port` and a socket in the temp dir only, user
    "bench" with trust auth, no fsync. `settings`: extra "-c name=value"
    server settings. Run as root, the server runs as the postgres user
    (initdb refuses root). stop() removes everything."""

    def __init__(self, port=None, settings=(), prefix="palveluhaku-pg-"):
        import tempfile
        self.port = port or free_port()
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.data = os.path.join(self.dir, "data")
        self.settings = list(settings)
        self.as_user = []
        if os.geteuid() == 0:
            import pwd
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *cmd):
        import subprocess
        subprocess.run(self.as_user + list(cmd), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=self.dir)

    def start(self):
        self.run(PG_BIN + "/initdb", "-D", self.data, "-A", "trust", "-U", "bench", "-E", "UTF8",
                 "--locale", "C.UTF-8", "--no-sync")
        opts = " ".join(["-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
                         % (self.port, self.dir)] + ["-c " + s for s in self.settings])
        self.run(PG_BIN + "/pg_ctl", "-D", self.data, "-o", opts, "-l", os.path.join(self.dir, "log"),
                 "-w", "-t", "60", "start")
        return self

    def connect(self):
        import psycopg2
        return psycopg2.connect(host="127.0.0.1", port=self.port, user="bench", dbname="postgres")

    def stop(self):
        import shutil
        try:
            self.run(PG_BIN + "/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
