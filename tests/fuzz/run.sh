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
targets=(csv json ptv query search_params)
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null || {
  echo "fuzz: building the targets in $build failed" >&2; exit 1; }
mkdir -p "$build/artifacts"
# fuzz_one TARGET: one libFuzzer run; prints its summary line(s); exit 1 on a crash.
fuzz_one() {
  local t=$1 work=$build/corpus/$1
  mkdir -p "$work"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/${t}-" \
      "$work" "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" 2>"$build/fuzz_$t.log"; then
    runs=$(grep -oE "stat::number_of_executed_units: +[0-9]+" "$build/fuzz_$t.log" | awk '{print $2}' || true)
    rate=$(grep -oE "stat::average_exec_per_sec: +[0-9]+" "$build/fuzz_$t.log" | awk '{print $2}' || true)
    cov=$(grep -oE "cov: [0-9]+ ft: [0-9]+" "$build/fuzz_$t.log" | tail -1 || true)
    echo "fuzz_$t: no crash, ${runs:-?} runs, ${rate:-?} execs/s, $cov"
  else
    echo "fuzz_$t: CRASH — see $build/fuzz_$t.log and $build/artifacts/"
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$build/fuzz_$t.log" | head -6
    return 1
  fi
}
# A libFuzzer run uses one core: FUZZ_JOBS runs at a time (default: the
# number of cores), each still for the full time. Summaries print in order.
jobs=${FUZZ_JOBS:-$(nproc)}
status=0
pending=("${targets[@]}")
while ((${#pending[@]})); do
  batch=("${pending[@]:0:jobs}")
  pending=("${pending[@]:jobs}")
  echo "== ${batch[*]/#/fuzz_} for ${secs}s each, in parallel"
  pids=()
  for t in "${batch[@]}"; do
    fuzz_one "$t" >"$build/fuzz_$t.summary" &
    pids+=($!)
  done
  for i in "${!batch[@]}"; do
    wait "${pids[$i]}" || status=1
    cat "$build/fuzz_${batch[$i]}.summary"
  done
done
exit $status
