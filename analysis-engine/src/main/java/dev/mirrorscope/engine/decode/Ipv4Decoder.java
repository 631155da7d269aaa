package dev.mirrorscope.engine.decode;

/**
 * IPv4 (RFC 791). Follows tshark on bad headers: an IHL under 5 or a total length under the header
 * length leaves the addresses unset; a total length of 0 means TSO/BIG TCP, so the frame's length is
 * used. Fragments other than the first carry no transport header. A version 6 header is IPv6.
 */
final class Ipv4Decoder {
    static final int MIN_HEADER_LENGTH = 20;

    private Ipv4Decoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < 1) {
            out.anomalyAt(Anomaly.TRUNCATED_IPV4_HEADER, pos);
            return;
        }
        int versionIhl = Bytes.u8(b, pos);
        if (versionIhl >>> 4 == 6) {
            // tshark's IPv4 dissector hands a version 6 header to IPv6, whatever announced it.
            Ipv6Decoder.decode(b, pos, limit, out);
            return;
        }
        if (versionIhl >>> 4 != 4) {
            out.layerAt(Layer.IPV4, pos, Math.min(avail, MIN_HEADER_LENGTH));
            out.anomalyAt(Anomaly.BAD_IP_VERSION, pos);
            return;
        }
        int headerLength = (versionIhl & 0x0F) * 4;
        if (headerLength < MIN_HEADER_LENGTH) {
            out.layerAt(Layer.IPV4, pos, Math.min(avail, MIN_HEADER_LENGTH));
            out.anomalyAt(Anomaly.BAD_IPV4_HEADER_LENGTH, pos);
            return;
        }
        if (avail < MIN_HEADER_LENGTH) {
            out.layerAt(Layer.IPV4, pos, avail);
            out.anomalyAt(Anomaly.TRUNCATED_IPV4_HEADER, pos);
            return;
        }
        int totalLength = Bytes.u16(b, pos + 2);
        int end;
        if (totalLength == 0) {
            end = out.declaredEnd;
        } else if (totalLength < headerLength) {
            out.layerAt(Layer.IPV4, pos, Math.min(avail, headerLength));
            out.anomalyAt(Anomaly.BAD_IPV4_TOTAL_LENGTH, pos);
            return;
        } else {
            end = pos + totalLength;
            if (end > out.declaredEnd) {
                if (Encapsulations.cutByMirror(out)) {
                    // Declared but not carried, as when a capture's snap length cuts a packet.
                    out.anomalyAt(Anomaly.MIRROR_TRUNCATED, pos);
                } else {
                    out.anomalyAt(Anomaly.BAD_IPV4_TOTAL_LENGTH, pos);
                    end = out.declaredEnd;
                }
            }
        }
        out.clearTransport();
        out.ipVersion = 4;
        out.srcHi = 0;
        out.dstHi = 0;
        out.srcLo = Bytes.u32(b, pos + 12);
        out.dstLo = Bytes.u32(b, pos + 16);
        int protocol = Bytes.u8(b, pos + 9);
        out.proto = protocol;
        int flagsOffset = Bytes.u16(b, pos + 6);
        int fragmentOffset = (flagsOffset & 0x1FFF) * 8;
        out.fragmentOffset = fragmentOffset;
        out.fragment = fragmentOffset != 0 || (flagsOffset & 0x2000) != 0;
        out.nonFirstFragment = fragmentOffset != 0;
        out.layerAt(Layer.IPV4, pos, Math.min(avail, headerLength));
        if (avail < headerLength) {
            out.anomalyAt(Anomaly.TRUNCATED_IPV4_HEADER, pos);
            return;
        }
        out.declaredEnd = end;
        if (out.listening() && headerLength > MIN_HEADER_LENGTH) {
            reportOptions(b, pos + MIN_HEADER_LENGTH, pos + headerLength, out);
        }
        int start = pos + headerLength;
        int payloadLimit = Math.max(start, Math.min(limit, end));
        if (fragmentOffset != 0) {
            if (payloadLimit > start) {
                out.layerAt(Layer.DATA, start, payloadLimit - start);
            }
            return;
        }
        if (start < end) {
            IpPayloadDecoder.decode(b, start, payloadLimit, protocol, out);
        }
    }

    /** Reports the options in {@code [p, end)} (RFC 791: EOL and NOP are one byte, others type-length-value). */
    private static void reportOptions(byte[] b, int p, int end, DecodedPacket out) {
        while (p < end) {
            int type = Bytes.u8(b, p);
            if (type == 0 || type == 1) {
                out.partAt(Part.IPV4_OPTION, p, 1);
                if (type == 0) {
                    return;
                }
                p++;
                continue;
            }
            if (end - p < 2 || Bytes.u8(b, p + 1) < 2 || p + Bytes.u8(b, p + 1) > end) {
                out.listenerAnomalyAt(Anomaly.BAD_IPV4_OPTION, p);
                return;
            }
            int length = Bytes.u8(b, p + 1);
            out.partAt(Part.IPV4_OPTION, p, length);
            p += length;
        }
    }
}
