#!/usr/bin/env bash
# Regenerates the generated test fixtures and the bundled sample capture with `mirrorscope generate`
# (fixed seeds), writes the capture-writer feature files, then records tshark's reading of each as the
# expectation the tests compare against, and checks that tshark finds nothing malformed and no bad
# checksum outside the mirror session that truncates packets on purpose (VNI 104).
# Needs tshark (Debian: apt-get install -y tshark).
set -euo pipefail
cd "$(dirname "$0")/.."
fx=analysis-engine/src/test/resources/fixtures
mkdir -p "$fx/captures" "$fx/expected" "$fx/writer" resources/samples
rm -f "$fx"/captures/* "$fx"/expected/*.tsv

./mirrorscope generate --out "$fx/captures/mirror-mixed.pcap" --rounds 2 --seed 7
./mirrorscope generate --out "$fx/captures/mirror-mixed.pcapng" --rounds 3 --seed 11
./mirrorscope generate --out "$fx/captures/mirror-gwlb.pcapng" --kind gwlb --rounds 2 --seed 13
./mirrorscope generate --out "$fx/captures/mirror-bulk.pcap.gz" --kind bulk --packets 2000 --seed 5
./mirrorscope generate --out resources/samples/mirror-sample.pcapng --rounds 25 --seed 2026

# The same command as the corpus expectations (corpus/README.md), with a few more fields.
for f in "$fx"/captures/*; do
  b=$(basename "$f")
  tshark -r "$f" -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
    -T fields -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.protocols \
    -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e ip.proto -e ipv6.nxt \
    -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport -e tcp.flags -e vxlan.vni \
    -e geneve.vni -e gre.key -e erspan.spanid -e eth.src -e eth.dst \
    -e ipv6.hopopts.nxt -e ipv6.routing.nxt -e ipv6.fraghdr.nxt -e ipv6.dstopts.nxt \
    -e sctp.srcport -e sctp.dstport \
    -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
    > "$fx/expected/$b.tsv" 2>/dev/null
done

# Files from the capture writers' own test, and how tshark reads them (CaptureWriterTest checks both).
./mvnw -q -B -pl analysis-engine test-compile
java -cp analysis-engine/target/test-classes:analysis-engine/target/classes \
  dev.mirrorscope.engine.capture.CaptureWriterTest "$fx/writer"
for f in "$fx"/writer/*.pcap "$fx"/writer/*.pcapng; do
  tshark -r "$f" -T fields -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len \
    -e frame.interface_id -e frame.interface_name -e frame.encap_type -e frame.comment \
    -E header=y -E separator=/t -E occurrence=a -E aggregator=, > "$f.tsv" 2>/dev/null
done
tshark -v | head -1 > "$fx/expected/TSHARK_VERSION"

status=0
for f in "$fx"/captures/* resources/samples/mirror-sample.pcapng; do
  bad=$(tshark -r "$f" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE \
    -Y '(_ws.malformed || ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0
         || icmp.checksum.status == 0 || icmpv6.checksum.status == 0) && !(vxlan.vni == 104)' \
    -T fields -e frame.number 2>/dev/null | wc -l)
  echo "$f: $(tshark -r "$f" 2>/dev/null | wc -l) packets, $bad malformed or with a bad checksum" >&2
  [[ "$bad" == 0 ]] || status=1
done
echo "fixtures, expectations and resources/samples/mirror-sample.pcapng regenerated" >&2
exit "$status"
