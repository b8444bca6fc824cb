#!/usr/bin/env bash
# Sets up and runs Palveluhaku on a fresh Debian 12 machine (as root):
# installs the packages, builds, installs into ./out, indexes the bundled
# Pirkanmaa sample data and starts the server on http://127.0.0.1:8080.
#
#   bash scripts/run.sh              # start in the background, print the address
#   bash scripts/run.sh --foreground # serve in this terminal until Ctrl-C
#
# Environment: PALVELUHAKU_PORT (default 8080), PALVELUHAKU_HOST (default
# 127.0.0.1), PREFIX (default ./out).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${PALVELUHAKU_PORT:-8080}
host=${PALVELUHAKU_HOST:-127.0.0.1}
prefix=${PREFIX:-$root/out}

bash scripts/install-deps.sh

echo "== build"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DPALVELUHAKU_BUILD_TESTS=OFF \
  -DPALVELUHAKU_BUILD_BENCH=OFF >/dev/null
cmake --build build/release -j"$(nproc)"
cmake --install build/release --prefix "$prefix" >/dev/null

echo "== index the bundled sample data"
"$prefix/bin/palveluhaku-index" --index "$prefix/var/index" "$prefix/share/palveluhaku/data/sample"

if [[ -f "$prefix/var/server.pid" ]] && kill -0 "$(cat "$prefix/var/server.pid")" 2>/dev/null; then
  echo "== stopping the previous server (pid $(cat "$prefix/var/server.pid"))"
  kill "$(cat "$prefix/var/server.pid")" || true
  sleep 1
fi

server=("$prefix/bin/palveluhaku-server" --index "$prefix/var/index" --host "$host" --port "$port")
if [[ "${1:-}" == "--foreground" ]]; then
  echo "Palveluhaku: http://$host:$port/  (Ctrl-C stops)"
  exec "${server[@]}"
fi

setsid nohup "${server[@]}" >"$prefix/var/server.log" 2>&1 </dev/null &
echo $! >"$prefix/var/server.pid"
for _ in $(seq 1 100); do
  if curl -fsS "http://$host:$port/healthz" >/dev/null 2>&1; then
    echo
    echo "Palveluhaku is running: http://$host:$port/"
    echo "  API:  http://$host:$port/api/v1/search?q=neuvola"
    echo "  log:  $prefix/var/server.log    stop: kill \$(cat $prefix/var/server.pid)"
    exit 0
  fi
  sleep 0.1
done
echo "the server did not come up; its log:" >&2
cat "$prefix/var/server.log" >&2
exit 1
