#!/bin/sh
# Regenerates index-config/analysis/part-weights-fi.txt (how informative each
# Finnish compound part is) from the PTV service texts in
# bench/quality/corpus.jsonl, with the analysis itself.
# Usage: scripts/gen-part-weights.sh [BUILD_DIR]   (default build-analysis)
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build-analysis}
cmake --build "$build" --target palveluhaku-analysis-bench >/dev/null
"$build/bench/palveluhaku-analysis-bench" --config "$repo/index-config" --part-weights \
  "$repo/bench/quality/corpus.jsonl" > "$repo/index-config/analysis/part-weights-fi.txt.tmp"
mv "$repo/index-config/analysis/part-weights-fi.txt.tmp" "$repo/index-config/analysis/part-weights-fi.txt"
echo "wrote index-config/analysis/part-weights-fi.txt ($(grep -vc '^#' "$repo/index-config/analysis/part-weights-fi.txt") parts)"
