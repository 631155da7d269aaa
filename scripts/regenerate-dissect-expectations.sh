#!/usr/bin/env bash
# Records tshark's packet details (PDML) of the fixture and corpus captures as the expectation that
# PacketDissectorTsharkTest compares the details tree with: for each packet, every displayed field of the
# protocols the tree dissects, with its position, size and shown value. Reassembly is off and TCP sequence
# numbers are absolute, since the tree takes one packet at a time. Needs tshark 4.0 and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
res=analysis-engine/src/test/resources
out=$res/dissect
mkdir -p "$out"
rm -f "$out"/*.fields.tsv.gz
opts=(-o tcp.relative_sequence_numbers:FALSE -o tcp.analyze_sequence_numbers:FALSE
      -o tcp.desegment_tcp_streams:FALSE -o ip.defragment:FALSE -o ipv6.defragment:FALSE
      -o tls.desegment_ssl_records:FALSE -o tls.desegment_ssl_application_data:FALSE
      -o http.desegment_headers:FALSE -o http.desegment_body:FALSE -o dns.desegment_dns_messages:FALSE)
record() {
  local capture=$1 name=$2; shift 2
  TZ=UTC tshark -r "$capture" "${opts[@]}" "$@" -T pdml 2>/dev/null | python3 scripts/pdml-fields.py \
    | gzip -9n > "$out/$name.fields.tsv.gz" || true
  # A file tshark rejects has nothing to compare (the capture reader's tests cover it).
  if [[ $(zcat "$out/$name.fields.tsv.gz" | wc -l) -le 1 ]]; then rm "$out/$name.fields.tsv.gz"; fi
}
record "$res/fixtures/captures/mirror-mixed.pcap" mirror-mixed.pcap
record "$res/fixtures/captures/mirror-gwlb.pcapng" mirror-gwlb.pcapng
record "$res/fixtures/captures/mirror-bulk.pcap.gz" mirror-bulk.pcap.gz -c 400
for f in "$res"/corpus/captures/*; do
  record "$f" "$(basename "$f")"
done
tshark -v | head -1 > "$out/TSHARK_VERSION"
du -ch "$out"/*.gz | tail -1 >&2
