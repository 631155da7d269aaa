package dev.mirrorscope.engine.decode;

/**
 * UDP (RFC 768) and dispatch of its payload on the lower port first, then the higher, as tshark does.
 * Like tshark, a length field under 8 (or 0 over IPv4) stops decoding after the ports, and over IPv6 a
 * length of 0 is a jumbogram (RFC 2675) whose length is the IP payload's.
 */
final class UdpDecoder {
    static final int HEADER_LENGTH = 8;
    private static final int DNS_PORT = 53;
    private static final int MDNS_PORT = 5353;

    private UdpDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < 4) {
            if (avail > 0) {
                out.layerAt(Layer.UDP, pos, avail);
            }
            out.anomalyAt(Anomaly.TRUNCATED_UDP_HEADER, pos);
            return;
        }
        out.sport = Bytes.u16(b, pos);
        out.dport = Bytes.u16(b, pos + 2);
        out.layerAt(Layer.UDP, pos, Math.min(avail, HEADER_LENGTH));
        if (avail < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_UDP_HEADER, pos);
            return;
        }
        int length = Bytes.u16(b, pos + 4);
        if (length == 0 && out.ipVersion == 6) {
            length = out.declaredEnd - pos;
        }
        out.udpLength = length;
        if (length < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.BAD_UDP_LENGTH, pos);
            return;
        }
        int end = pos + length;
        if (end > out.declaredEnd) {
            // The first fragment of a datagram legitimately claims more than it carries.
            if (!out.fragment) {
                out.anomalyAt(Anomaly.BAD_UDP_LENGTH, pos);
            }
            end = out.declaredEnd;
        }
        out.declaredEnd = end;
        int start = pos + HEADER_LENGTH;
        int payloadLimit = Math.max(start, Math.min(limit, end));
        out.payloadOffset = start - out.base;
        out.payloadLength = payloadLimit - start;
        if (start >= end) {
            return;
        }
        int low = Math.min(out.sport, out.dport);
        int high = Math.max(out.sport, out.dport);
        if (payloadLimit == start) {
            // tshark dissects no UDP payload of which nothing was captured: no tunnel is entered.
            Anomaly expected = expectedHeader(low, out);
            expected = expected != null ? expected : expectedHeader(high, out);
            if (expected != null) {
                out.anomalyAt(expected, start);
            }
            return;
        }
        if (!decodePort(b, start, payloadLimit, low, out)) {
            decodePort(b, start, payloadLimit, high, out);
        }
    }

    /** What a payload on this port would start with, named as the anomaly for its absence. */
    private static Anomaly expectedHeader(int port, DecodedPacket out) {
        DecodeOptions options = out.options;
        if (options != null && (options.isVxlan(port) || options.isVxlanGpe(port))) {
            return Anomaly.TRUNCATED_VXLAN;
        }
        if (options != null && options.isGeneve(port)) {
            return Anomaly.TRUNCATED_GENEVE;
        }
        return port == DNS_PORT || port == MDNS_PORT ? Anomaly.TRUNCATED_DNS : null;
    }

    private static boolean decodePort(byte[] b, int pos, int limit, int port, DecodedPacket out) {
        DecodeOptions options = out.options;
        if (options != null) {
            if (options.isVxlan(port)) {
                VxlanDecoder.decode(b, pos, limit, out);
                return true;
            }
            if (options.isGeneve(port)) {
                GeneveDecoder.decode(b, pos, limit, out);
                return true;
            }
            if (options.isVxlanGpe(port)) {
                VxlanDecoder.decodeGpe(b, pos, limit, out);
                return true;
            }
        }
        if (port == DNS_PORT || port == MDNS_PORT) {
            DnsDecoder.decodeUdp(b, pos, limit, out);
            return true;
        }
        return false;
    }
}
