#!/usr/bin/env bash
# Runs every libFuzzer target for a fixed time with ASan + UBSan.
#
#   bash tests/fuzz/run.sh [SECONDS_PER_TARGET]     (default 60; CI's quick form uses 20)
#
# Builds build/fuzz with clang if needed. Seeds come from tests/fuzz/corpus/
# (real files from shared/data and the bundled sample) and the saved
# regressions; new corpus entries go to build/fuzz/corpus/ (not into the
# repository). A crash leaves its input in build/fuzz/artifacts/: copy it to
# tests/fuzz/regressions/<target>/ — the unit tests replay every file there.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
# FUZZ_BUILD: a clang build configured with -DPALVELUHAKU_FUZZ=ON (the test
# suite's sanitizer build is one); default build/fuzz, configured here.
build=${FUZZ_BUILD:-build/fuzz}
if [[ ! -f $build/CMakeCache.txt ]]; then
  CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPALVELUHAKU_FUZZ=ON \
    -DPALVELUHAKU_SANITIZE=ON -DPALVELUHAKU_BUILD_TESTS=OFF -DPALVELUHAKU_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target fuzz_csv fuzz_json fuzz_ptv fuzz_query >/dev/null || exit 1
mkdir -p $build/artifacts
status=0
for t in csv json ptv query; do
  work=$build/corpus/$t
  mkdir -p "$work"
  echo "== fuzz_$t for ${secs}s"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/${t}-" \
      "$work" "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" 2>"$build/fuzz_$t.log"; then
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$build/fuzz_$t.log" | tail -2
    echo "fuzz_$t: no crash"
  else
    status=1
    echo "fuzz_$t: CRASH — see $build/fuzz_$t.log and $build/artifacts/"
    grep -E "ERROR|SUMMARY|runtime error" "$build/fuzz_$t.log" | head -5
  fi
done
exit $status
