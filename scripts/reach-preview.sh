#!/usr/bin/env bash
# Shows the path view (or the access view) on a snapshot under Xvfb and saves a PNG, to look at the reach
# views without the main window. Builds the app's classes first.
#   scripts/reach-preview.sh OUT.png --snapshot DIR --source web-1 --destination db-1 --port 5432 [--theme dark]
#   scripts/reach-preview.sh OUT.png --snapshot DIR --flow 93.184.216.34,443,10.0.1.10,40000,6,REJECT
#   scripts/reach-preview.sh OUT.png --snapshot DIR --view access
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"; shift
cd "$here"
./mvnw -q -B -o -pl analysis-engine,app test-compile -DskipTests >&2
cpfile="$(mktemp)"
(cd app && ../mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null)
deps="$(tr ':' '\n' < "$cpfile" | grep -v '/analysis-engine-' | tr '\n' ':')"
rm -f "$cpfile"
fx="$(echo "$deps" | tr ':' '\n' | grep '/javafx-.*-linux.jar' | tr '\n' ':')"
cp="app/target/classes:app/target/test-classes:analysis-engine/target/classes:$deps"
size="${REACH_PREVIEW_SIZE:-1500x950}"
exec xvfb-run -a -s "-screen 0 ${size}x24" java --module-path "$fx" --add-modules javafx.controls,javafx.swing \
  -Dprism.order=sw -cp "$cp" dev.mirrorscope.app.reach.ReachPreview --size "$size" --out "$out" "$@"
