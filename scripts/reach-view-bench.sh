#!/usr/bin/env bash
# The path and access views' costs through their view models on a snapshot (BENCHMARKS.md, "Path view").
#   scripts/reach-view-bench.sh SNAPSHOT_DIR [RUNS]   (./mirrorscope snapshot generate --out DIR makes one)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
./mvnw -q -B -o -pl analysis-engine,app test-compile >&2
cpfile="$(mktemp)"
(cd app && ../mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null)
deps="$(tr ':' '\n' < "$cpfile" | grep -v '/analysis-engine-' | tr '\n' ':')"
rm -f "$cpfile"
exec java -cp "app/target/classes:app/target/test-classes:analysis-engine/target/classes:$deps" \
  dev.mirrorscope.app.reach.ReachViewBench "$@"
