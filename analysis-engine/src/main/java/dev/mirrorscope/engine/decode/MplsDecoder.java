package dev.mirrorscope.engine.decode;

/** MPLS label stack (RFC 3032); after the bottom label the first nibble tells IPv4 from IPv6, as tshark guesses. */
final class MplsDecoder {
    static final int LABEL_LENGTH = 4;

    private MplsDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int p = pos;
        for (int labels = 0; ; labels++) {
            if (labels >= DecodeLimits.MAX_MPLS_LABELS) {
                out.layerAt(Layer.MPLS, pos, p - pos);
                out.anomalyAt(Anomaly.TOO_MANY_MPLS_LABELS, p);
                return;
            }
            if (limit - p < LABEL_LENGTH) {
                if (limit > pos) {
                    out.layerAt(Layer.MPLS, pos, limit - pos);
                }
                out.anomalyAt(Anomaly.TRUNCATED_MPLS, p);
                return;
            }
            boolean bottom = (b[p + 2] & 1) != 0;
            p += LABEL_LENGTH;
            if (bottom) {
                break;
            }
        }
        out.layerAt(Layer.MPLS, pos, p - pos);
        if (p >= out.declaredEnd) {
            return;
        }
        if (p >= limit) {
            out.anomalyAt(Anomaly.TRUNCATED_MPLS, p);
            return;
        }
        switch (Bytes.u8(b, p) >>> 4) {
            case 4:
                Ipv4Decoder.decode(b, p, limit, out);
                break;
            case 6:
                Ipv6Decoder.decode(b, p, limit, out);
                break;
            default:
                out.layerAt(Layer.DATA, p, limit - p);
        }
    }
}
