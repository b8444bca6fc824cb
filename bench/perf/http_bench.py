#!/usr/bin/python3
"""HTTP side of bench/run: starts the real palveluhaku-server on a loopback
port against an index, drives it with wrk (1, 16, 64 connections) cycling
through the query mix URLs, reads the server's resident memory from
/proc/PID/status, and measures the time from `palveluhaku-index --update` of
one record until GET /api/v1/search finds it. Stops the server at the end.

  bench/perf/http_bench.py --server BIN --indexer BIN --index DIR \
      [--duration 10] [--connections 1,16,64] [--threads N] [--cache off|on] \
      [--skip-update] --out result.json

--cache off (the default) starts the server with --result-cache 0
--response-cache 0, so every request is a real search and JSON rendering;
--cache on keeps the server's defaults (wrk cycles through the 195 URLs of the
mix, so nearly every request after the first pass is then a cache hit).
"""
import argparse
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def get_json(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, json.loads(r.read().decode("utf-8"))


def wait_ready(base, proc, timeout=300):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError("server exited with %s" % proc.returncode)
        try:
            st, _ = get_json(base + "/healthz", timeout=2)
            if st == 200:
                return time.time() - t0
        except Exception:
            pass
        time.sleep(0.05)
    raise RuntimeError("server not ready after %d s" % timeout)


def run_wrk(base, urls_file, connections, duration, threads):
    t = min(threads, connections)
    cmd = ["wrk", "-t%d" % t, "-c%d" % connections, "-d%ds" % duration, "--timeout", "10s",
           "-s", os.path.join(HERE, "wrk_queries.lua"), base, "--", urls_file]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if l.startswith("{")][-1]
    r = json.loads(line)
    r["req_per_s"] = r["requests"] / (r["duration_us"] / 1e6)
    r["errors"] = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"] + r["non_2xx"]
    r["command"] = " ".join(cmd)
    return r


def update_latency(base, indexer, index):
    word = "zq" + "".join(random.choice(string.ascii_lowercase) for _ in range(8))
    rec = {"id": "bench-update-" + word, "source": "json:bench-update", "source_id": word,
           "provider": {"name": {"fi": "Benchmark"}, "type": "ngo"},
           "name": {"fi": "Perhekahvila " + word}, "summary": {"fi": "Päivitetty palvelu " + word},
           "area": {"municipalities": ["837"]}}
    fd, path = tempfile.mkstemp(suffix=".jsonl", prefix="palveluhaku-update-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    url = base + "/api/v1/search?q=" + urllib.parse.quote(word)
    cmd = [indexer, "--index", index, "--update", path]
    try:
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        cli_ms = (time.perf_counter() - t0) * 1000
        seen_ms = -1
        while time.perf_counter() - t0 < 10:
            _, body = get_json(url)
            if body.get("total", 0) > 0:
                seen_ms = (time.perf_counter() - t0) * 1000
                break
            time.sleep(0.002)
        subprocess.run([indexer, "--index", index, "--update", "--delete", rec["id"]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        os.unlink(path)
    return {"command": " ".join(cmd) + " ; then GET " + url.replace(base, ""), "indexer_exit": rc.returncode,
            "indexer_stderr": rc.stderr[-500:], "indexer_ms": cli_ms, "visible_ms": seen_ms}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--server", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", default="1,16,64")
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--server-threads", type=int, default=0, help="--threads for the server (0 = its default)")
    ap.add_argument("--cache", choices=["off", "on"], default="off",
                    help="the server's result and response caches (default off: every request searches)")
    ap.add_argument("--skip-update", action="store_true", help="leave out the update -> searchable timing")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    codes = benchlib.Codes()
    queries = benchlib.read_queries(codes)
    fd, urls_file = tempfile.mkstemp(suffix=".txt", prefix="palveluhaku-urls-")
    with os.fdopen(fd, "w") as f:
        for q in queries:
            f.write(q.url() + "\n")
    port = benchlib.free_port()
    base = "http://127.0.0.1:%d" % port
    cmd = [args.server, "--index", args.index, "--host", "127.0.0.1", "--port", str(port)]
    if args.server_threads:
        cmd += ["--threads", str(args.server_threads)]
    if args.cache == "off":
        cmd += ["--result-cache", "0", "--response-cache", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    result = {"server_command": " ".join(cmd), "cache": args.cache, "wrk": {}}
    try:
        result["ready_s"] = wait_ready(base, proc)
        result["rss_after_start_kb"] = rss_kb(proc.pid)
        # Sanity: every query answers 200 with a total.
        bad = 0
        for q in queries:
            try:
                st, body = get_json(base + q.url())
                if st != 200 or "total" not in body:
                    bad += 1
            except Exception as e:  # noqa: BLE001 — an HTTP error is what we count
                bad += 1
                if bad <= 3:
                    print("  %s -> %s" % (q.url(), e), file=sys.stderr)
        result["sanity_failures"] = bad
        for c in [int(x) for x in args.connections.split(",")]:
            r = run_wrk(base, urls_file, c, args.duration, args.wrk_threads)
            result["wrk"][str(c)] = r
            print("http c=%d: %.0f req/s, p50 %.2f ms p99 %.2f ms, errors %d (non-2xx %d)" % (
                c, r["req_per_s"], r["p50_ms"], r["p99_ms"], r["errors"], r["non_2xx"]), file=sys.stderr)
        result["rss_after_load_kb"] = rss_kb(proc.pid)
        if not args.skip_update:
            result["update"] = update_latency(base, args.indexer, args.index)
            print("http: server RSS %d MB; update searchable after %.0f ms" % (
                result["rss_after_load_kb"] // 1024, result["update"]["visible_ms"]), file=sys.stderr)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.unlink(urls_file)
    benchlib.write_result(args.out, result)
    ok = result["sanity_failures"] == 0 and all(r["errors"] == 0 for r in result["wrk"].values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
