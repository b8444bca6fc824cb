#!/bin/sh
# indexer_cli_test.sh — runs the built palveluhaku-index against the fixtures
# and checks exit codes, messages and the index directory it leaves.
#   indexer_cli_test.sh PATH/TO/palveluhaku-index SOURCE_DIR
set -u
INDEXER=$1
SRC=$2
FIX=$SRC/tests/fixtures/engine
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export PALVELUHAKU_SHARE_DIR=$SRC
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_exit() {  # expected actual what
  [ "$1" = "$2" ] || fail "$3: exit $2, expected $1"
}
expect_grep() {  # pattern file what
  grep -q -- "$1" "$2" || { fail "$3: no '$1' in:"; sed 's/^/    /' "$2"; }
}

# --help, --version, usage errors
"$INDEXER" --help >"$T/out" 2>&1; expect_exit 0 $? "--help"
expect_grep "Exit status" "$T/out" "--help"
expect_grep "--update" "$T/out" "--help"
"$INDEXER" --version >"$T/out" 2>&1; expect_exit 0 $? "--version"
expect_grep "palveluhaku-index [0-9]" "$T/out" "--version"
"$INDEXER" >"$T/out" 2>&1; expect_exit 2 $? "no arguments"
expect_grep "--index DIR is required" "$T/out" "no arguments"
"$INDEXER" --index "$T/x" --format xml "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 2 $? "bad --format"
"$INDEXER" --index "$T/x" --frobnicate "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 2 $? "unknown option"
"$INDEXER" --index "$T/x" --threads 0 "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 2 $? "bad --threads"

# --strict: a problem is fatal and nothing is written
"$INDEXER" --index "$T/strict" --strict "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 1 $? "--strict"
expect_grep "nothing written" "$T/out" "--strict"
[ ! -e "$T/strict/XAPIANDB" ] || fail "--strict wrote an index"

# A build with one bad record: the others load, the problem names its place.
"$INDEXER" --index "$T/idx" "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 0 $? "build"
expect_grep "services.jsonl:3: name: " "$T/out" "build problem place"
expect_grep "loaded 3 records, skipped 1" "$T/out" "build summary"
expect_grep "generation 1, 3 documents" "$T/out" "build stats"
[ "$(cat "$T/idx/XAPIANDB")" = "auto gen-000001" ] || fail "stub after build: $(cat "$T/idx/XAPIANDB")"

# A rebuild switches to a new generation and keeps the previous one.
"$INDEXER" --index "$T/idx" --quiet "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 0 $? "rebuild"
[ "$(cat "$T/idx/XAPIANDB")" = "auto gen-000002" ] || fail "stub after rebuild"
[ -d "$T/idx/gen-000001" ] || fail "previous generation removed"

# --update adds; re-importing the same file replaces (idempotent); --delete removes.
"$INDEXER" --index "$T/idx" --update "$FIX/update.jsonl" >"$T/out" 2>&1; expect_exit 0 $? "update"
expect_grep "4 documents (added 1, replaced 0" "$T/out" "update stats"
"$INDEXER" --index "$T/idx" --update "$FIX/update.jsonl" >"$T/out" 2>&1; expect_exit 0 $? "update again"
expect_grep "4 documents (added 0, replaced 1" "$T/out" "idempotent update"
"$INDEXER" --index "$T/idx" --delete cli-vauvauinti --delete no-such-id >"$T/out" 2>&1; expect_exit 0 $? "delete"
expect_grep "3 documents (added 0, replaced 0, deleted 1, not found 1" "$T/out" "delete stats"
expect_grep "not in the index" "$T/out" "delete warning"
[ "$(cat "$T/idx/XAPIANDB")" = "auto gen-000002" ] || fail "update changed the generation"

# No valid record: the live index is left alone.
printf '{"id": "x"}\n' >"$T/bad.jsonl"
"$INDEXER" --index "$T/idx" "$T/bad.jsonl" >"$T/out" 2>&1; expect_exit 1 $? "no valid record"
expect_grep "left as it is" "$T/out" "no valid record"
[ "$(cat "$T/idx/XAPIANDB")" = "auto gen-000002" ] || fail "empty import replaced the index"

# Another writer holds the lock: exit 3, index untouched.
if command -v flock >/dev/null 2>&1; then
  flock "$T/idx/.lock" sleep 5 &
  sleep 0.5
  "$INDEXER" --index "$T/idx" "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 3 $? "locked"
  expect_grep "locked" "$T/out" "locked message"
  wait
fi

# A bad configuration: exit 5 naming the file.
mkdir -p "$T/cfg" && cp -r "$SRC/index-config/." "$T/cfg/"
echo '{"bm25": {"k1": -1}}' >"$T/cfg/index.json"
"$INDEXER" --index "$T/idx" --config-dir "$T/cfg" "$FIX/services.jsonl" >"$T/out" 2>&1; expect_exit 5 $? "bad config"
expect_grep "index.json" "$T/out" "bad config message"

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "indexer CLI: all checks passed"
