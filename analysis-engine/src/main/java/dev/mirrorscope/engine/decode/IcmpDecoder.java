package dev.mirrorscope.engine.decode;

/**
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, echo identifier and sequence. An error message
 * quotes the offending packet's headers: they are listed as one ICMP_QUOTED layer and never replace
 * the packet's own addresses, protocol or ports.
 */
final class IcmpDecoder {
    static final int HEADER_LENGTH = 8;

    private IcmpDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, boolean v6, DecodedPacket out) {
        int avail = limit - pos;
        int layer = v6 ? Layer.ICMPV6 : Layer.ICMP;
        if (avail > 0) {
            out.layerAt(layer, pos, Math.min(avail, HEADER_LENGTH));
        }
        if (avail < 4) {
            if (avail >= 2) {
                out.icmpType = Bytes.u8(b, pos);
                out.icmpCode = Bytes.u8(b, pos + 1);
            }
            out.anomalyAt(Anomaly.TRUNCATED_ICMP, pos);
            return;
        }
        int type = Bytes.u8(b, pos);
        out.icmpType = type;
        out.icmpCode = Bytes.u8(b, pos + 1);
        boolean echo = v6 ? type == 128 || type == 129 : type == 0 || type == 8;
        boolean error = v6 ? type >= 1 && type <= 4 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
        if (avail < HEADER_LENGTH) {
            if (echo || error) {
                out.anomalyAt(Anomaly.TRUNCATED_ICMP, pos);
            }
            return;
        }
        out.payloadOffset = pos + HEADER_LENGTH - out.base;
        out.payloadLength = avail - HEADER_LENGTH;
        if (echo) {
            out.icmpId = Bytes.u16(b, pos + 4);
            out.icmpSeq = Bytes.u16(b, pos + 6);
        } else if (error && avail > HEADER_LENGTH) {
            out.layerAt(Layer.ICMP_QUOTED, pos + HEADER_LENGTH, avail - HEADER_LENGTH);
        }
    }
}
