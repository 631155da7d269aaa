#!/usr/bin/env bash
# Rebuilds the synthetic pcapng reader test file from its builder (CaptureReaderTest.pcapngFeatures)
# and records how tshark reads it, so the reader is checked against an independent implementation.
# Needs tshark (Debian: apt-get install -y tshark).
set -euo pipefail
cd "$(dirname "$0")/.."
out=analysis-engine/src/test/resources/capture
./mvnw -q -B -pl analysis-engine test-compile
cp="analysis-engine/target/test-classes:analysis-engine/target/classes"
java -cp "$cp" dev.mirrorscope.engine.capture.CaptureReaderTest "$out/pcapng-features.pcapng"
tshark -r "$out/pcapng-features.pcapng" -T fields -e frame.number -e frame.time_epoch -e frame.len \
  -e frame.cap_len -e frame.interface_id -E header=y -E separator=/t 2>/dev/null > "$out/pcapng-features.pcapng.tsv"
echo "wrote $out/pcapng-features.pcapng and its tshark reading" >&2
