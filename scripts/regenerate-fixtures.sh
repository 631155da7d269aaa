#!/usr/bin/env bash
# Regenerates the generated test fixtures and the bundled sample capture with the project's own
# generator (fixed seeds), then records tshark's decoding of each fixture as the expectation the
# decoder tests compare against. Needs tshark (Debian: apt-get install -y tshark).
set -euo pipefail
cd "$(dirname "$0")/.."
fx=analysis-engine/src/test/resources/fixtures
mkdir -p "$fx/captures" "$fx/expected" resources/samples
./mirrorscope generate --out "$fx/captures/mirror-mixed.pcap" --rounds 2 --seed 7
./mirrorscope generate --out "$fx/captures/mirror-mixed.pcapng" --rounds 3 --seed 11
./mirrorscope generate --out "$fx/captures/mirror-bulk.pcap" --kind bulk --packets 3000 --seed 5
./mirrorscope generate --out resources/samples/mirror-sample.pcapng --rounds 40 --seed 2026
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
tshark -v | head -1 > "$fx/expected/TSHARK_VERSION"
echo "fixtures, expectations and resources/samples/mirror-sample.pcapng regenerated" >&2
