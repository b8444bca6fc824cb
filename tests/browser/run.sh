#!/usr/bin/env bash
# Real-browser tests of the website and the widget.
#
#   tests/browser/run.sh BUILD_DIR            (uses BUILD_DIR/src/server/palveluhaku-server
#                                               and BUILD_DIR/src/palveluhaku-index)
#   tests/browser/run.sh SERVER_BIN INDEX_BIN
#   PALVELUHAKU_SERVER=... PALVELUHAKU_INDEX=... tests/browser/run.sh
#
# Builds nothing: give it a built palveluhaku-server and palveluhaku-index
# (default build dir: build/). Output is TAP ("# pass N", "# fail N").
# It indexes data/sample/ plus tests/fixtures/web/ into a temp dir, starts the
# real server on a free loopback port, runs the node tests against it with
# Debian's Chromium (/usr/bin/chromium, or $CHROMIUM), stops the server and
# leaves screenshots in tests/browser/screenshots/. Exit status: the tests'.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [[ $# -eq 1 && -d "$1" ]]; then
  server="$1/src/server/palveluhaku-server"
  indexer="$1/src/palveluhaku-index"
else
  server="${1:-${PALVELUHAKU_SERVER:-$repo/build/src/server/palveluhaku-server}}"
  indexer="${2:-${PALVELUHAKU_INDEX:-$repo/build/src/palveluhaku-index}}"
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"

for bin in "$server" "$indexer"; do
  [[ -x "$bin" ]] || { echo "run.sh: not an executable: $bin (build it first, or pass the paths)" >&2; exit 2; }
done
[[ -x "$chromium" ]] || { echo "run.sh: no Chromium at $chromium (apt-get install chromium)" >&2; exit 2; }
command -v node >/dev/null || { echo "run.sh: node is not installed" >&2; exit 2; }

if [[ ! -d "$here/node_modules/playwright-core" || ! -d "$here/node_modules/axe-core" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/palveluhaku-browser.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$indexer" --index "$work/index" --quiet --threads 2 \
  --config-dir "$repo/index-config" --codes-dir "$repo/data/codes" \
  "$repo/data/sample" "$repo/tests/fixtures/web/xss-payload.jsonl"

# Port 0: the server picks a free port and prints it.
"$server" --index "$work/index" --host 127.0.0.1 --port 0 --web-dir "$repo/web" \
  --index-config "$repo/index-config" --codes-dir "$repo/data/codes" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(cat "$work/server.out" "$work/server.err" 2>/dev/null | grep -oE 'http://127\.0\.0\.1:[0-9]+' | head -1 | sed 's/.*://')" || true
  [[ -n "$port" ]] && curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "run.sh: the server exited:" >&2; cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "run.sh: the server did not start" >&2; cat "$work/server.err" >&2; exit 1; }
echo "run.sh: server on http://127.0.0.1:$port/ (pid $server_pid)"

mkdir -p "$here/screenshots"
status=0
(cd "$here" && PALVELUHAKU_BASE_URL="http://127.0.0.1:$port" CHROMIUM="$chromium" \
  node --test --test-concurrency=1 --test-reporter=tap tests/) || status=$?
if [[ $status -ne 0 ]]; then
  echo "run.sh: server stderr:" >&2
  tail -20 "$work/server.err" >&2 || true
fi
echo "run.sh: screenshots in $here/screenshots/"
exit $status
