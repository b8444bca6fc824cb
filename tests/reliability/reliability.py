#!/usr/bin/python3
"""The reliability suite: faults, load and hostile input against the real programs.

Runs the built palveluhaku-index and palveluhaku-server on loopback only and
prints what it tried and what happened. Exit status 0 only if every check held.

    reliability.py --build DIR [--quick | --full] [--only NAME,...]

Checks (each prints one line: PASS/FAIL, what was tried, what happened):
  kill_rebuild      kill -9 the indexer at random points of a full rebuild
  kill_update       kill -9 the indexer at random points of an --update
  disk_full         a rebuild that runs out of space (a 2 MB tmpfs, or RLIMIT_FSIZE)
  read_only         a rebuild into an index directory the indexer cannot write
  corrupt_index     a server started on a damaged or missing index
  load_rebuild      wrk at 64 connections while the index is rebuilt, switched and updated
  hostile           over-long URLs, invalid UTF-8, NULs, huge/many parameters,
                    query syntax, path traversal, admin without token, slowloris
  soak              memory of the server under steady load: warm-up, then a
                    steady window that must be flat (soak_judge.py)
  soak_new_words    the same with made-up words in every query (--full only)
Standard library only (Debian's /usr/bin/python3); wrk from Debian.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RESULTS = []


def say(msg):
    print(msg, flush=True)


def record(name, ok, tried, happened):
    RESULTS.append((name, ok, tried, happened))
    say(f"{'PASS' if ok else 'FAIL'} {name}: tried {tried}; {happened}")


def setpriv(user):
    """The command prefix that runs a program as `user` (numeric ids: setpriv
    takes no group names)."""
    import pwd
    pw = pwd.getpwnam(user)
    return ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups"]


def find_binary(build, name):
    for dirpath, _, files in os.walk(build):
        if name in files:
            path = os.path.join(dirpath, name)
            if os.access(path, os.X_OK):
                return path
    raise SystemExit(f"reliability: {name} not found under {build}: build first")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port, path, timeout=10):
    """Returns (status, body bytes); status 0 if the connection failed."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except Exception:  # noqa: BLE001 - any failure to connect counts as 0
        return 0, b""


def raw_request(port, data, timeout=10):
    """Sends raw bytes, returns the status code of the answer (0 if none)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(data)
            buf = b""
            while b"\r\n" not in buf:
                chunk = s.recv(4096)
                if not chunk:
                    break
                buf += chunk
            m = re.match(rb"HTTP/1\.[01] (\d{3})", buf)
            return int(m.group(1)) if m else 0
    except Exception:  # noqa: BLE001
        return 0


def total(port, q=""):
    status, body = http_get(port, "/api/v1/search?per_page=1&q=" + urllib.parse.quote(q))
    if status != 200:
        return None
    return json.loads(body)["total"]


class Tools:
    def __init__(self, build, n_big):
        self.indexer = find_binary(build, "palveluhaku-index")
        self.server_bin = find_binary(build, "palveluhaku-server")
        self.tmp = tempfile.mkdtemp(prefix="palveluhaku-reliability-")
        self.sample = os.path.join(ROOT, "data", "sample")
        self.n_big = n_big
        self.big = self._make_big_corpus(n_big)
        # How long a rebuild of the big corpus takes here: kills are spread
        # over that time so that they land mid-run. The index is the soak's.
        self.big_index = os.path.join(self.tmp, "big-index")
        t0 = time.time()
        r = self.index(self.big_index, self.big)
        if r.returncode != 0:
            raise SystemExit(f"reliability: indexing {self.big} failed: {r.stderr[-500:]}")
        self.big_seconds = max(0.5, time.time() - t0)
        say(f"setup: a rebuild of {n_big} records takes {self.big_seconds:.1f} s here")

    def _make_big_corpus(self, n):
        """Copies of the sample records with new ids, so a rebuild takes a while."""
        records = []
        for name in sorted(os.listdir(self.sample)):
            if name.endswith(".jsonl"):
                with open(os.path.join(self.sample, name), encoding="utf-8") as f:
                    records += [json.loads(line) for line in f if line.strip()]
        if not records:
            raise SystemExit("reliability: no JSONL records in data/sample")
        path = os.path.join(self.tmp, "big.jsonl")
        with open(path, "w", encoding="utf-8") as out:
            for i in range(n):
                r = dict(records[i % len(records)])
                r["id"] = f"{r['id']}-copy{i}"
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return path

    def index(self, index_dir, *sources, update=False, extra=(), preexec=None, user=None, timeout=600):
        cmd = [self.indexer, "--index", index_dir] + (["--update"] if update else []) + list(extra) + list(sources)
        if user:
            cmd = setpriv(user) + cmd
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, preexec_fn=preexec)

    def start_server(self, index_dir, extra=(), user=None):
        port = free_port()
        self.last_log = os.path.join(self.tmp, f"server-{port}.log")
        log = open(self.last_log, "w")
        cmd = [self.server_bin, "--index", index_dir, "--host", "127.0.0.1", "--port", str(port)] + list(extra)
        if user:
            cmd = setpriv(user) + cmd
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60  # a busy shared machine can take long to load an index
        while time.time() < deadline:
            if proc.poll() is not None:
                break
            if http_get(port, "/healthz", timeout=1)[0] == 200:
                return proc, port
            time.sleep(0.05)
        return proc, None

    @staticmethod
    def stop(proc):
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def poller(port, stop, failures, counter):
    """Keeps searching until stopped; counts requests that did not give 200."""
    queries = ["", "neuvola", "perhekahvila", "päiväkoti", "aiti vauva"]
    i = 0
    while not stop.is_set():
        status, _ = http_get(port, "/api/v1/search?q=" + urllib.parse.quote(queries[i % len(queries)]))
        counter[0] += 1
        if status != 200:
            failures.append(status)
        i += 1


def check_kill(tools, mode, rounds):
    name = f"kill_{mode}"
    idx = os.path.join(tools.tmp, name)
    r = tools.index(idx, tools.sample)
    if r.returncode != 0:
        return record(name, False, "the initial index", f"indexer failed: {r.stderr[-300:]}")
    proc, port = tools.start_server(idx)
    if not port:
        return record(name, False, "starting the server", "did not come up")
    before = total(port)
    sample_total = before
    stop, failures, counter = threading.Event(), [], [0]
    t = threading.Thread(target=poller, args=(port, stop, failures, counter))
    t.start()
    killed, completed, lost = 0, 0, []
    rng = random.Random(7 if mode == "rebuild" else 11)
    try:
        for i in range(rounds):
            cmd = [tools.indexer, "--index", idx] + (["--update"] if mode == "update" else []) + [tools.big]
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, tools.big_seconds))
            if p.poll() is None:
                p.kill()
                killed += 1
            rc = p.wait()
            if rc == 0:
                # the run finished before the kill: its result is the new state
                completed += 1
                if mode == "rebuild":
                    before = tools.n_big
            time.sleep(0.5)  # the server checks for a new index every 200 ms
            now = total(port)
            if now is None:
                lost.append(f"round {i}: search failed after the kill")
            elif mode == "rebuild" and now != before:
                # a killed rebuild must leave the old index live
                lost.append(f"round {i}: total {now} != {before}")
            elif mode == "update" and now < before:
                lost.append(f"round {i}: committed records lost ({now} < {before})")
            if mode == "update" and now is not None:
                before = now  # what is committed now must stay
        # the next run completes
        r = tools.index(idx, tools.big, update=(mode == "update"))
        done_ok = r.returncode == 0
        time.sleep(1.0)
        after = total(port)
    finally:
        stop.set()
        t.join()
        tools.stop(proc)
    # every record of the big source is in the index after the completing run
    # (an update adds them to the sample's records)
    expected_after = tools.n_big if mode == "rebuild" else sample_total + tools.n_big
    gens = sorted(d for d in os.listdir(idx) if d.startswith("gen-"))
    # index.h: the live generation and the one before it are kept, partial
    # ones left by a killed run are removed by the next run
    ok = (not lost and not failures and done_ok and after == expected_after and len(gens) <= 2)
    record(name, ok, f"{rounds} {'--update' if mode == 'update' else 'rebuild'} runs of {tools.n_big} records "
           f"killed with SIGKILL at random points ({killed} killed mid-run, {completed} finished first) "
           f"while {counter[0]} searches ran, then one run to completion",
           f"failed searches {len(failures)} {sorted(set(failures))[:5]}, lost/changed state {lost[:3]}, "
           f"completing run exit {r.returncode}, documents after {after} (expected {expected_after}), "
           f"generation dirs left {gens}")


def du_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def check_disk_full(tools):
    """A rebuild runs out of space: the live (sample) index sits on a tmpfs
    with room for it and about half as much again, so the big rebuild cannot
    fit beside it. Where tmpfs cannot be mounted, RLIMIT_FSIZE stands in."""
    name = "disk_full"
    probe = os.path.join(tools.tmp, "disk-probe")
    tools.index(probe, tools.sample)
    live_kb = du_bytes(probe) // 1024
    size_kb = max(1024, live_kb * 3 // 2 + 256)
    idx = os.path.join(tools.tmp, name)
    os.makedirs(idx)
    # The first index is built with room to spare (a chunked rebuild needs
    # space for its chunk databases too); then the disk shrinks to the live
    # index plus a little, and the next rebuild must fail cleanly.
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb * 4}k", "tmpfs", idx],
                             capture_output=True).returncode == 0
    preexec = None
    if mounted:
        how = f"a {size_kb} kB tmpfs (live index {live_kb} kB)"
    else:
        limit_bytes = du_bytes(tools.big_index) // 4
        how = f"RLIMIT_FSIZE {limit_bytes // 1024} kB per file (tmpfs not mountable here)"

        def preexec():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    proc = None
    r2 = None
    try:
        r0 = tools.index(idx, tools.sample)
        if mounted:
            subprocess.run(["mount", "-o", f"remount,size={size_kb}k", idx], capture_output=True)
        proc, port = tools.start_server(idx)
        before = total(port) if port else None
        r = tools.index(idx, tools.big, preexec=preexec)
        time.sleep(0.5)
        after = total(port) if port else None
        healthy = http_get(port, "/healthz")[0] == 200 if port else False
        if mounted:  # space is there again: the next run must complete
            subprocess.run(["mount", "-o", f"remount,size={size_kb * 20}k", idx], capture_output=True)
        r2 = tools.index(idx, tools.big)
        time.sleep(0.5)
        final = total(port) if port else None
    finally:
        if proc:
            tools.stop(proc)
        if mounted:
            subprocess.run(["umount", idx], capture_output=True)
    msg = (r.stderr or "").strip().splitlines()[-1:] or [""]
    clear = r.returncode == 4 and bool(re.search(r"space|too large|disk|write|I/O|io_error", r.stderr, re.I))
    ok = (r0.returncode == 0 and clear and before is not None and after == before and healthy
          and r2.returncode == 0 and final == tools.n_big)
    record(name, ok, f"a rebuild of {tools.n_big} records into {how} holding the live index, then again with space",
           f"exit {r.returncode} (want 4), message {msg[0][:200]!r}, server total {before} -> {after} "
           f"(healthz {'200' if healthy else 'NOT 200'}), run with space again: exit {r2.returncode}, "
           f"total {final}")


def check_read_only(tools):
    name = "read_only"
    idx = os.path.join(tools.tmp, name)
    r = tools.index(idx, tools.sample)
    os.chmod(tools.tmp, 0o755)
    for dirpath, dirs, files in os.walk(idx):
        os.chmod(dirpath, 0o755)
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o644)
    live_before = open(os.path.join(idx, "XAPIANDB")).read()
    r = tools.index(idx, tools.sample, user="nobody")
    live_after = open(os.path.join(idx, "XAPIANDB")).read()
    ru = tools.index(idx, tools.sample, update=True, user="nobody")
    clear = r.returncode == 4 and bool(re.search(r"permission|read-only|cannot|denied", r.stderr, re.I))
    clear_u = ru.returncode == 4 and bool(re.search(r"permission|read-only|cannot|denied", ru.stderr, re.I))
    # the same user can still serve what is there
    proc, port = tools.start_server(idx, user="nobody")
    served = total(port) if port else None
    if proc:
        tools.stop(proc)
    record(name, clear and clear_u and live_before == live_after and bool(served),
           "a rebuild and an --update by a user (nobody) who cannot write the index directory, "
           "then a server as that user",
           f"rebuild exit {r.returncode} (want 4), message {(r.stderr.strip().splitlines() or [''])[-1][:160]!r}; "
           f"update exit {ru.returncode}, message {(ru.stderr.strip().splitlines() or [''])[-1][:120]!r}; "
           f"live index {'unchanged' if live_before == live_after else 'CHANGED'}; server as nobody "
           f"{'serves ' + str(served) + ' documents' if served else 'does NOT serve'}")


def check_corrupt(tools):
    name = "corrupt_index"
    outcomes = []
    ok = True
    # missing index
    proc, port = tools.start_server(os.path.join(tools.tmp, "no-such-index"))
    if port is not None:
        tools.stop(proc)
        ok = False
        outcomes.append("missing index: server started anyway")
    else:
        rc = proc.wait(10)
        log = open(tools.last_log).read().strip()
        clear = rc != 0 and "index" in log.lower()
        ok &= clear
        outcomes.append(f"missing index: exit {rc}, {(log.splitlines() or [''])[0][:120]!r}")
    # an empty directory: no index in it
    empty = os.path.join(tools.tmp, "empty-index")
    os.makedirs(empty)
    proc, port = tools.start_server(empty)
    if port is not None:
        tools.stop(proc)
        ok = False
        outcomes.append("empty directory: server started anyway")
    else:
        rc = proc.wait(10)
        log = open(tools.last_log).read().strip()
        ok &= rc != 0 and "index" in log.lower()
        outcomes.append(f"empty directory: exit {rc}, {(log.splitlines() or [''])[-1][:120]!r}")
    # damaged index: garble every table file of the live generation
    idx = os.path.join(tools.tmp, name)
    tools.index(idx, tools.sample)
    stub = open(os.path.join(idx, "XAPIANDB")).read().split()
    gen = os.path.join(idx, stub[-1])
    for f in os.listdir(gen):
        if f.endswith(".glass"):
            with open(os.path.join(gen, f), "r+b") as fh:
                fh.seek(0)
                fh.write(os.urandom(4096))
    proc, port = tools.start_server(idx)
    if port is None:
        rc = proc.wait(10)
        log = open(tools.last_log).read()
        clear = rc != 0 and "index" in log.lower()
        ok &= clear
        outcomes.append(f"damaged index: refused to start, exit {rc}, "
                        f"{(log.strip().splitlines() or [''])[-1][:120]!r}")
    else:
        statuses = {http_get(port, "/api/v1/search?q=neuvola")[0] for _ in range(5)}
        alive = http_get(port, "/healthz")[0] in (200, 503)
        # a fault of the server's side is 503 (index_corrupt), never a 500 or a dropped connection
        ok &= alive and not any(s == 0 or s == 500 for s in statuses)
        outcomes.append(f"damaged index: started, search statuses {sorted(statuses)}, alive {alive}")
        tools.stop(proc)
    record(name, ok, "a server on a missing index, an empty directory and a damaged one",
           "; ".join(outcomes))


def wrk(port, seconds, connections, threads=2, timeout_s=10, script="mix.lua"):
    """wrk with a client timeout of `timeout_s` (wrk's own default of 2 s is
    far shorter than any browser waits): an answer slower than that counts as
    a failed request (a socket timeout)."""
    lua = os.path.join(ROOT, "tests", "reliability", script)
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
           "--timeout", f"{timeout_s}s", "-s", lua, f"http://127.0.0.1:{port}"]
    return subprocess.run(cmd, capture_output=True, text=True).stdout


def parse_wrk(out):
    reqs = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    lat = {p: m for p, m in re.findall(r"\s+(50|90|99)%\s+([\d.]+\w+)", out)}
    mx = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out)
    if mx:
        lat["max"] = mx.group(1)
    return {
        "requests": int(reqs.group(1)) if reqs else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(map(int, sock.groups())) if sock else 0,
        "socket_detail": (f"connect {sock.group(1)}, read {sock.group(2)}, write {sock.group(3)}, "
                          f"timeout {sock.group(4)}") if sock else "none",
        "rps": float(rps.group(1)) if rps else 0.0,
        "latency": lat,
    }


def check_load(tools, seconds):
    name = "load_rebuild"
    idx = os.path.join(tools.tmp, name)
    tools.index(idx, tools.sample)
    proc, port = tools.start_server(idx)
    if not port:
        return record(name, False, "starting the server", "did not come up")
    stop = threading.Event()
    switches = [0, 0]
    errors = []

    def churn():
        upd = os.path.join(tools.tmp, "one.jsonl")
        with open(tools.big, encoding="utf-8") as f:
            first = json.loads(f.readline())
        i = 0
        while not stop.is_set():
            src = tools.sample if i % 2 == 0 else tools.big
            r = tools.index(idx, src)
            switches[0] += r.returncode == 0
            if r.returncode != 0:
                errors.append(r.stderr[-200:])
            first["name"] = {"fi": f"Päivitetty palvelu {i}"}
            with open(upd, "w", encoding="utf-8") as f:
                f.write(json.dumps(first, ensure_ascii=False) + "\n")
            r = tools.index(idx, upd, update=True)
            switches[1] += r.returncode == 0
            i += 1

    t = threading.Thread(target=churn)
    t.start()
    out = wrk(port, seconds, 64)
    stop.set()
    t.join()
    alive = http_get(port, "/healthz")[0] == 200
    tools.stop(proc)
    w = parse_wrk(out)
    ok = w["requests"] > 0 and w["non2xx"] == 0 and w["socket_errors"] == 0 and alive and not errors
    record(name, ok, f"wrk {seconds}s at 64 connections while {switches[0]} rebuilds switched and "
           f"{switches[1]} updates committed",
           f"{w['requests']} requests, {w['rps']:.0f} req/s, non-2xx {w['non2xx']}, socket errors "
           f"{w['socket_errors']} ({w['socket_detail']}; a timeout is no answer within 10 s), latency "
           f"p50/p90/p99/max {w['latency'].get('50')}/{w['latency'].get('90')}/{w['latency'].get('99')}/"
           f"{w['latency'].get('max')}, indexer errors {len(errors)}")


def memory_mb(pid):
    """(RSS, anonymous RSS, PSS) of a process in MB. PSS divides shared pages
    among their mappings: the Voikko dictionary that every engine worker maps
    (about 4 MB, one page-cache copy) counts once in PSS, once per worker in
    RSS."""
    rss = anon = pss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("RssAnon:"):
                anon = int(line.split()[1])
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    return rss / 1024, anon / 1024, pss / 1024


def engine_workers(pid):
    """The engine's request workers that exist: each has its own Analyzer,
    whose Voikko handle maps the morphology dictionary (mor.vfst) once."""
    with open(f"/proc/{pid}/maps") as f:
        return sum(1 for line in f if "mor.vfst" in line)


# The /metrics gauges of the bounded caches (name in the soak -> gauge line).
CACHE_GAUGES = {
    "result": 'palveluhaku_cache_bytes{cache="result"}',
    "response": 'palveluhaku_cache_bytes{cache="response"}',
    "record": "palveluhaku_record_cache_bytes",
    "postings": "palveluhaku_postings_cache_bytes",
}


def cache_gauges(port):
    """The cache gauges of /metrics in bytes (missing ones absent)."""
    status, body = http_get(port, "/metrics")
    out = {}
    if status == 200:
        for line in body.decode("utf-8", "replace").splitlines():
            for name, gauge in CACHE_GAUGES.items():
                if line.startswith(gauge + " "):
                    out[name] = int(float(line.split()[-1]))
    return out


def check_soak(tools, seconds, warmup, step, threads=16, connections=16, script="mix.lua", name="soak",
               cache_mb=None, analysis_entries=None, max_warmup=None):
    """Memory under steady load (soak_judge.py). Warm-up: wrk at twice as
    many connections as the server has threads, so that every thread is busy
    and the engine creates all the search workers it ever will (at most
    --search-workers: by default max(4, cores)), for at least `warmup` s and
    until they all exist and, with `cache_mb`, every cache is full (or
    `max_warmup` s have passed, 2 x warmup by default: on a busy machine the
    last few workers may never be inside the engine at the same moment; the
    judge then fails a run whose caches had not filled). Then the steady
    window, at `connections`, for `seconds - warmup` s, must be flat.
    `script`: the wrk script (mix.lua: a fixed mix of real searches;
    new_words.lua: words never seen before in every search). `cache_mb`: the
    server runs with every cache bounded at that many MiB (result, answer,
    record, postings; the result and answer caches' entry bounds lifted so
    that the byte bounds bind) and the warm-up waits until each /metrics
    gauge has reached 90 % of it; `analysis_entries`: the workers' query-word caches
    (no gauge) hold that many words, and the warm-up serves at least
    workers x that many requests (each worker sees about 3 x that many new
    words: every cache filled and emptied at least once)."""
    from soak_judge import Rules, Sample, caches_full, judge, slope_per_min, unfilled
    max_workers = min(threads, max(4, os.cpu_count() or 1))  # the server's default --search-workers
    extra = ["--threads", str(threads)]
    # judged: anonymous memory (soak_judge.py: PSS moves with other processes)
    rules = Rules(min_warmup_s=warmup, max_workers=max_workers, figure="anon_mb")
    if cache_mb is not None:
        for c in CACHE_GAUGES:
            extra += [f"--{c}-cache-mb", str(cache_mb)]
        # the byte bounds, not the entry bounds (1024 answers of ~1.4 kB), must bind
        extra += ["--result-cache", "100000", "--response-cache", "100000"]
        rules.cache_bounds = {c: cache_mb << 20 for c in CACHE_GAUGES}
        rules.epoch_caches = ("result", "response")
    if analysis_entries is not None:
        extra += ["--analysis-cache-entries", str(analysis_entries),
                  "--suggestion-cache-entries", str(max(1, analysis_entries // 2))]
        rules.min_warmup_requests = max_workers * analysis_entries
    max_warmup = max_warmup or 2 * warmup
    proc, port = tools.start_server(tools.big_index, extra=extra)
    if not port:
        return record(name, False, "starting the server", "did not come up")
    samples, failures, requests = [], 0, 0
    first_steady = None
    t0 = time.time()

    def sample(conns):
        nonlocal failures, requests
        w = parse_wrk(wrk(port, step, conns, script=script))
        failures += w["non2xx"] + w["socket_errors"]
        requests += w["requests"]
        rss, anon, pss = memory_mb(proc.pid)
        samples.append(Sample(t=time.time() - t0, pss_mb=pss, rss_mb=rss, anon_mb=anon,
                              workers=engine_workers(proc.pid), requests=requests,
                              caches=cache_gauges(port)))

    # The result and answer caches key on the minute and drop a past minute's
    # entries when the next one's first arrives: the first such turnover moves
    # memory between the threads' malloc arenas (a one-time step of a few MB),
    # so the warm-up lasts until a minute has turned and 5 s more.
    first_minute = int(time.time() // 60)
    try:
        while True:
            sample(2 * threads)
            el = time.time() - t0
            turned = time.time() >= (first_minute + 1) * 60 + 5
            full = caches_full(samples, len(samples) - 1, rules)
            if (turned and el >= warmup and samples[-1].workers >= max_workers and full) or el >= max_warmup:
                break
        first_steady = len(samples)
        t_steady = time.time()
        while time.time() - t_steady < seconds - warmup:
            sample(connections)
    finally:
        tools.stop(proc)
    v = judge(samples, rules, first_steady=first_steady - 1)
    ok = v.ok and failures == 0
    steady = samples[v.warmup_end:]
    ws, we = steady[0], steady[-1]
    rss_slope = slope_per_min([s.t for s in steady], [s.rss_mb for s in steady])
    pss_slope = slope_per_min([s.t for s in steady], [s.pss_mb for s in steady])
    bounds = ""
    if cache_mb is not None:
        bounds = (f"; caches bounded at {cache_mb} MiB each (result, answer, record, postings)"
                  + (f" and {analysis_entries} words per query-word cache" if analysis_entries else "")
                  + ", warm-up until each gauge reached 90 % of its bound (the result and answer caches, "
                  "emptied each minute: or were emptied twice)"
                  + (f" and {rules.min_warmup_requests} requests" if rules.min_warmup_requests else ""))
    most = {c: max(s.caches.get(c, 0) for s in samples) / 2**20 for c in rules.cache_bounds}
    record(name, ok,
           f"{seconds}s of wrk ({script}) on a server with --threads {threads}{bounds}, memory sampled every {step}s: warm-up "
           f"at {2 * threads} connections until all {max_workers} engine workers existed and a minute had turned (at least {warmup}s), "
           f"then {connections} connections; the steady window's anonymous memory must be flat (growth <= max(5 %, 2 MB), "
           f"slope <= {rules.max_slope_mb_min} MB/min over >= {rules.min_slope_window_s:.0f} s); zero failed requests",
           f"{requests} requests, failed {failures}; warm-up 0-{ws.t:.0f}s ({ws.requests} requests): anon {samples[0].anon_mb:.1f} -> "
           f"{ws.anon_mb:.1f} MB, PSS {samples[0].pss_mb:.1f} -> {ws.pss_mb:.1f} MB, RSS {samples[0].rss_mb:.0f} -> {ws.rss_mb:.0f} MB, workers "
           f"{samples[0].workers} -> {ws.workers}"
           + (f", caches at most {', '.join(f'{c} {m:.1f}' for c, m in most.items())} MiB"
              + (f" (not full: {', '.join(unfilled(samples, v.warmup_end, rules))})"
                 if not caches_full(samples, v.warmup_end, rules) else "") if rules.cache_bounds else "")
           + f"; steady {ws.t:.0f}-{we.t:.0f}s ({len(steady)} samples): "
           f"anon {ws.anon_mb:.1f} -> {we.anon_mb:.1f} MB (minute means {v.growth_mb:+.1f} MB, slope "
           f"{v.slope_mb_min:+.3f} MB/min), PSS {ws.pss_mb:.1f} -> {we.pss_mb:.1f} MB (slope {pss_slope:+.3f} MB/min), "
           f"RSS {ws.rss_mb:.1f} -> {we.rss_mb:.1f} MB (slope {rss_slope:+.3f} MB/min), workers {we.workers}; "
           f"{'; '.join(v.reasons) or 'flat'}; anon MB {[round(s.anon_mb, 1) for s in samples]}, "
           f"PSS MB {[round(s.pss_mb) for s in samples]}, RSS MB {[round(s.rss_mb) for s in samples]}")


def check_hostile(tools, slow_clients):
    name = "hostile"
    idx = os.path.join(tools.tmp, name)
    tools.index(idx, tools.sample)
    proc, port = tools.start_server(idx)
    if not port:
        return record(name, False, "starting the server", "did not come up")
    bad = []

    def expect(label, status, allowed):
        if status not in allowed:
            bad.append(f"{label}: {status}")

    q = urllib.parse.quote
    cases = [
        ("100 kB URL", f"/api/v1/search?q={'a' * 100_000}", {400, 414, 431}),
        # beyond --max-url-length (4096): 414; beyond --max-query-length (500) but a short URL: 400
        ("10 kB query", f"/api/v1/search?q={q('neuvola ' * 1250)}", {414}),
        ("1 kB query", f"/api/v1/search?q={q('neuvola ' * 125)}", {400}),
        ("invalid UTF-8", "/api/v1/search?q=%FF%FE%80neuvola", {400}),
        ("NUL byte", "/api/v1/search?q=neu%00vola", {200, 400}),
        ("5000 filter values", "/api/v1/search?" + "&".join(["municipality=837"] * 5000), {400, 414, 431}),
        ("huge page", "/api/v1/search?q=neuvola&page=99999999999999999999", {400}),
        ("negative per_page", "/api/v1/search?per_page=-5", {400}),
        ("age not a number", "/api/v1/search?age=kolme", {400}),
        ("bad near", "/api/v1/search?near=61.5,NaN", {400}),
        ("bad lang", "/api/v1/search?lang=xx", {400}),
        ("query syntax quote", "/api/v1/search?q=" + q('"neuvola'), {200}),
        ("query syntax AND (", "/api/v1/search?q=" + q("AND ( perhe"), {200}),
        ("query syntax *", "/api/v1/search?q=" + q("* neuv*"), {200}),
        ("query syntax NEAR/", "/api/v1/search?q=" + q("perhe NEAR/3 neuvola"), {200}),
        ("suggest invalid UTF-8", "/api/v1/suggest?q=%C3%28", {400}),
        ("unknown service", "/api/v1/services/%2e%2e%2f%2e%2e%2fetc%2fpasswd", {400, 404}),
        ("traversal ..", "/static/../../../../etc/passwd", {400, 403, 404}),
        ("traversal %2e%2e", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", {400, 403, 404}),
        ("traversal %2f", "/static/..%2f..%2f..%2fetc%2fpasswd", {400, 403, 404}),
        ("traversal backslash", "/static/..\\..\\etc\\passwd", {400, 403, 404}),
        ("admin without token", "/api/v1/admin/reload", {401, 403, 404, 405}),
    ]
    for label, path, allowed in cases:
        status, body = http_get(port, path)
        if b"root:x:0:0" in body:
            bad.append(f"{label}: served /etc/passwd")
        expect(label, status, allowed)
    # raw requests: NUL in the request line, a huge header, a garbage line
    expect("raw NUL in path", raw_request(port, b"GET /api/v1/search?q=a\x00b HTTP/1.1\r\nHost: x\r\n\r\n"),
           {200, 400})
    expect("raw 64 kB header", raw_request(
        port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n"), {0, 400, 431})
    expect("raw garbage", raw_request(port, b"\x16\x03\x01garbage\r\n\r\n"), {0, 400})
    expect("POST with 50 MB length", raw_request(
        port, b"POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: 52428800\r\n\r\nabc"),
        {0, 400, 404, 405, 413})
    # slowloris: many connections sending headers a byte at a time
    socks = []
    for _ in range(slow_clients):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        except OSError:
            break
    t0 = time.time()
    deadline = t0 + 60
    served_at = None
    while time.time() < deadline:
        for s in socks:
            try:
                s.sendall(b"X-a: b\r\n")
            except OSError:
                pass
        if http_get(port, "/healthz", timeout=2)[0] == 200:
            served_at = time.time() - t0
            break
        time.sleep(0.5)
    for s in socks:
        s.close()
    if served_at is None:
        bad.append(f"slowloris: {len(socks)} slow clients starved the server for 60 s")
    alive = http_get(port, "/healthz")[0] == 200
    tools.stop(proc)
    if not alive:
        bad.append("server not answering at the end")
    record(name, not bad, f"{len(cases) + 4} hostile requests and {len(socks)} slowloris clients",
           f"unexpected {bad[:6]}; a normal request was served "
           f"{'after %.1f s' % served_at if served_at is not None else 'never'} during slowloris; "
           f"server {'alive' if alive else 'DEAD'}")


XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def check_stored_xss(tools):
    """Payloads in every text field of a record reach the API and the pages
    inert: HTML snippets escape them, JSON is served as application/json with
    nosniff, and no page carries the payload as markup. (The site and the
    widget are also checked in real Chromium: tests/browser.)"""
    name = "stored_xss"
    src = os.path.join(tools.tmp, "xss.jsonl")
    lt = {"fi": "xsskoe perhekahvila " + XSS, "sv": "xsskoe " + XSS, "en": "xsskoe " + XSS}
    rec = {
        "id": "xss-1", "source": "json:xss", "source_id": "xss-1",
        "provider": {"name": lt, "type": "ngo"},
        "name": lt, "summary": lt, "description": lt, "keywords": {"fi": ["xsskoe", XSS]},
        "cost_note": lt, "how_to_apply": lt,
        "locations": [{"name": lt, "accessibility": lt,
                       "address": {"street": lt, "postcode": "33100", "post_office": lt}}],
        "phones": [{"number": "+358401234567", "description": lt}],
        "web_pages": [{"url": "javascript:alert(3)", "name": lt}],
    }
    with open(src, "w", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    idx = os.path.join(tools.tmp, name)
    r = tools.index(idx, tools.sample, src)
    if r.returncode != 0:
        return record(name, False, "indexing a record with payloads", f"indexer exit {r.returncode}")
    proc, port = tools.start_server(idx)
    if not port:
        return record(name, False, "starting the server", "did not come up")
    bad, seen = [], []
    try:
        for lang in ("fi", "sv", "en"):
            path = f"/api/v1/search?q=xsskoe&lang={lang}"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as resp:
                ctype, nosniff = resp.headers.get("Content-Type", ""), resp.headers.get("X-Content-Type-Options")
                body = json.loads(resp.read())
            if not ctype.startswith("application/json") or nosniff != "nosniff":
                bad.append(f"{path}: Content-Type {ctype!r}, nosniff {nosniff!r}")
            hits = [h for h in body.get("hits", []) if h.get("id") == "xss-1"]
            if not hits:
                bad.append(f"{path}: the record was not found")
                continue
            snip = hits[0].get("snippet", "")
            seen.append(snip[:60])
            if re.search(r"<(?!/?mark>)", snip):
                bad.append(f"{path}: snippet has markup other than <mark>: {snip[:120]!r}")
        for path in ["/api/v1/services/xss-1", "/api/v1/suggest?q=xssko"]:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as resp:
                if not resp.headers.get("Content-Type", "").startswith("application/json"):
                    bad.append(f"{path}: not served as JSON")
        for path in ["/haku?q=xsskoe", "/palvelu/xss-1", "/palvelu/xss-1?lang=sv", "/upota?q=xsskoe"]:
            status, page = http_get(port, path)
            if status != 200:
                bad.append(f"{path}: status {status}")
            if b"<script>alert" in page or b"<img src=x" in page or b"javascript:alert" in page:
                bad.append(f"{path}: the payload is live markup in the page")
    finally:
        tools.stop(proc)
    record(name, not bad, "a record with script/img/javascript: payloads in every text field, "
           "through /api/v1/search snippets (fi/sv/en), services, suggest and the pages",
           f"problems {bad[:4]}; snippets start {seen[:1]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="build directory holding the programs")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="CI form: short load and soak")
    mode.add_argument("--full", action="store_true", help="60 s load, 10 min soak")
    ap.add_argument("--only", default="", help="comma-separated check names")
    args = ap.parse_args()
    # quick: 1000 copied records (a rebuild of a few seconds on an idle
    # machine, long enough to be killed mid-run); full: 3000
    tools = Tools(os.path.abspath(args.build), 1000 if not args.full else 3000)
    quick = not args.full
    checks = {
        "kill_rebuild": lambda: check_kill(tools, "rebuild", 4 if quick else 15),
        "kill_update": lambda: check_kill(tools, "update", 4 if quick else 15),
        "disk_full": lambda: check_disk_full(tools),
        "read_only": lambda: check_read_only(tools),
        "corrupt_index": lambda: check_corrupt(tools),
        "load_rebuild": lambda: check_load(tools, 10 if quick else 60),
        "hostile": lambda: check_hostile(tools, 50 if quick else 500),
        "stored_xss": lambda: check_stored_xss(tools),
        # quick: 10-20 s warm-up, then 30 s judged; full: 2-4 min warm-up, then 8 min judged
        "soak": lambda: check_soak(tools, 40, 10, 5) if quick else check_soak(tools, 600, 120, 20),
        # --full only (or --only soak_new_words): the long tail of query words.
        # Every cache bounded at 2 MiB and 200 words per query-word cache, so
        # that all of them are full within the warm-up (at least 2 min, at
        # most 6) at the ~15-30 made-up searches/s two cores manage; then
        # 8 min judged. With the default bounds (~130 MB of caches) the
        # posting cache alone needs longer than the soak to fill.
        "soak_new_words": lambda: None if quick and "soak_new_words" not in args.only else check_soak(
            tools, 40 if quick else 600, 10 if quick else 120, 5 if quick else 20,
            script="new_words.lua", name="soak_new_words", cache_mb=2, analysis_entries=200,
            max_warmup=60 if quick else 360),
    }
    only = [c for c in args.only.split(",") if c]
    for name, fn in checks.items():
        if only and name not in only:
            continue
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - a crashing check is a failed check
            record(name, False, "the check", f"raised {type(e).__name__}: {e}")
    shutil.rmtree(tools.tmp, ignore_errors=True)
    failed = sum(1 for r in RESULTS if not r[1])
    say(f"\nreliability: {len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
