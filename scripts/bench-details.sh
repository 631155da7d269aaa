#!/usr/bin/env bash
# Benchmark of the packet details and Follow Stream on a 1,000,000-packet VXLAN mirror capture
# (dev.mirrorscope.engine.dissect.DetailsBench), with tshark's Follow Stream of the same conversation as
# the peer. Usage: scripts/bench-details.sh [WORK_DIR]. Needs tshark for the peer.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/mirrorscope-bench-details}
mkdir -p "$work"
capture=$work/bulk-1m.pcap
if [[ ! -f "$capture" ]]; then
  ./mirrorscope generate --out "$capture" --kind bulk --packets 1000000 --seed 5 >/dev/null
fi
if [[ ! -d "$work/session" ]]; then
  ./mirrorscope ingest "$capture" --session "$work/session" >/dev/null
fi
./mvnw -q -B -o -pl analysis-engine test-compile
cp="analysis-engine/target/test-classes:analysis-engine/target/classes:$(ls analysis-engine/target/lib/*.jar | tr '\n' ':')"
out=$(java -cp "$cp" dev.mirrorscope.engine.dissect.DetailsBench "$work/session" 400)
echo "$out"
if command -v tshark >/dev/null; then
  # The first conversation followed above, by its inner addresses and ports, as tshark finds it.
  line=$(echo "$out" | grep -m1 '^follow packet')
  a=$(echo "$line" | sed -E 's/.*TCP ([^ ]+) ⇄ ([^ ]+).*/\1/')
  b=$(echo "$line" | sed -E 's/.*TCP ([^ ]+) ⇄ ([^ ]+).*/\2/')
  start=$(date +%s.%N)
  tshark -r "$capture" -q -z "follow,tcp,raw,$a,$b" >/dev/null 2>&1
  end=$(date +%s.%N)
  printf 'tshark follow,tcp,raw,%s,%s on the capture: %.2f s\n' "$a" "$b" "$(echo "$end - $start" | bc)"
fi
