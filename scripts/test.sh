#!/usr/bin/env bash
# Runs the whole Palveluhaku test suite on a fresh Debian 12 machine (as root).
# Installs what the tests need (Debian packages, Chromium, npm test tools),
# idempotently, then:
#   1. builds with warnings as errors and runs the unit + integration tests (ctest)
#   2. builds with AddressSanitizer + UndefinedBehaviorSanitizer and runs them again
#   3. runs the browser tests (real Chromium: pages, widget, accessibility, XSS)
#   4. runs the quick forms of the benchmarks and of the reliability suite
# Prints a closing line "suite: N passed, M failed" and exits non-zero if
# anything failed.
#
# Environment: PALVELUHAKU_TEST_STAGES="build asan browser bench reliability"
# selects stages (default: all). JOBS (default: nproc).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${JOBS:-$(nproc)}
stages=${PALVELUHAKU_TEST_STAGES:-"build asan browser bench reliability"}
logdir=$root/build/test-logs
mkdir -p "$logdir"
passed=0
failed=0
failures=()

bash scripts/install-deps.sh --test || { echo "suite: 0 passed, 1 failed"; exit 1; }

# count_ctest LOG: adds ctest's "N tests failed out of M" to the totals.
count_ctest() {
  local line
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$1" | tail -1)
  if [[ -z "$line" ]]; then failed=$((failed + 1)); return; fi
  local f t
  f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  t=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
  passed=$((passed + t - f)); failed=$((failed + f))
}

# count_node LOG: adds node --test's "# pass N" / "# fail N".
count_node() {
  local p f
  p=$(grep -E "^# pass [0-9]+" "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E "^# fail [0-9]+" "$1" | tail -1 | awk '{print $3}')
  if [[ -z "$p" ]]; then failed=$((failed + 1)); return; fi
  passed=$((passed + p)); failed=$((failed + ${f:-0}))
}

# stage NAME COUNTER CMD...: runs CMD with its output teed to a log.
stage() {
  local name=$1 counter=$2; shift 2
  echo "=== $name"
  local log=$logdir/$name.log
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  echo "=== $name: exit $rc after $((SECONDS - start)) s"
  case $counter in
    ctest) count_ctest "$log" ;;
    node) count_node "$log" ;;
    exit) if ((rc == 0)); then passed=$((passed + 1)); else failed=$((failed + 1)); fi ;;
  esac
  if ((rc != 0)); then failures+=("$name"); fi
}

build_and_ctest() {  # DIR CMAKE_ARGS...
  local dir=$1; shift
  cmake -S . -B "$dir" -DPALVELUHAKU_WERROR=ON "$@" >/dev/null &&
    cmake --build "$dir" -j"$jobs" &&
    ctest --test-dir "$dir" --output-on-failure -j"$jobs" --timeout 300
}

for s in $stages; do
  case $s in
    # -g1 (line tables, no variable info) instead of -g: a third less compile
    # time for debug info no stage reads; -O2 as always (the bench stage's build).
    build) stage build ctest build_and_ctest build/ci -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" ;;
    asan)
      # clang with ASan + UBSan; the same build carries the libFuzzer targets
      # that the reliability stage runs. Warnings as errors are enforced by the
      # gcc build above; clang's own warning set is reported here, not fatal.
      # -O1 -gline-tables-only, as the ASan documentation advises: reports keep
      # file:line, the build takes about a sixth less time.
      CXX=clang++ ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        stage asan ctest build_and_ctest build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
        -DPALVELUHAKU_WERROR=OFF -DPALVELUHAKU_SANITIZE=ON -DPALVELUHAKU_FUZZ=ON -DPALVELUHAKU_BUILD_BENCH=OFF ;;
    browser) stage browser node bash tests/browser/run.sh "$root/build/ci" ;;
    bench) stage bench exit bash bench/run --quick --build "$root/build/ci" ;;
    reliability) FUZZ_BUILD=$root/build/asan stage reliability exit \
      bash tests/reliability/run --quick --build "$root/build/ci" ;;
    *) echo "unknown stage $s"; failed=$((failed + 1)) ;;
  esac
done

echo
if ((${#failures[@]})); then echo "failed stages: ${failures[*]} (logs in $logdir)"; fi
echo "suite: $passed passed, $failed failed"
((failed == 0 && ${#failures[@]} == 0))
