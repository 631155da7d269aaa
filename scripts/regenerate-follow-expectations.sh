#!/usr/bin/env bash
# Records tshark's Follow Stream of the TCP conversations and the DNS-over-UDP conversations in the
# fixture captures and a few corpus captures, as the expectation StreamFollowerTsharkTest compares
# Mirrorscope's StreamFollower with. Each file starts with the number of the stream's first packet (which
# the test follows), then tshark's `-q -z follow,PROTO,raw,N` output. Needs tshark.
set -euo pipefail
cd "$(dirname "$0")/.."
res=analysis-engine/src/test/resources
out=$res/follow
mkdir -p "$out"
rm -f "$out"/*.txt
follow() {
  local capture=$1 proto=$2 filter=$3 name
  name=$(basename "$capture")
  # The innermost header's stream: a tunnel's own UDP conversation is not the one being followed.
  for n in $(tshark -r "$capture" -Y "$filter" -T fields -e "$proto.stream" 2>/dev/null | awk -F, '{print $NF}' \
             | sort -nu); do
    local first
    first=$(tshark -r "$capture" -Y "$proto.stream == $n && $filter" -T fields -e frame.number 2>/dev/null | head -1)
    [[ -n "$first" ]] || continue
    { printf 'packet\t%s\n' "$first"
      tshark -r "$capture" -q -z "follow,$proto,raw,$n" 2>/dev/null; } > "$out/$name.$proto.$n.txt"
  done
}
for f in "$res"/fixtures/captures/mirror-mixed.pcap "$res"/fixtures/captures/mirror-gwlb.pcapng \
         "$res"/corpus/captures/ssh.pcap "$res"/corpus/captures/dns_tcp.pcap \
         "$res"/corpus/captures/tfo-5c1fa7f9ae91.pcap "$res"/corpus/captures/tcp-handshake-nano.pcap; do
  follow "$f" tcp "tcp"
  follow "$f" udp "dns && udp"
done
tshark -v | head -1 > "$out/TSHARK_VERSION"
ls "$out" | wc -l >&2
