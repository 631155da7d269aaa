package dev.mirrorscope.engine.decode;

/**
 * Network Service Header (RFC 8300): base header with a length in 4-byte words, service path header,
 * context headers, then the Next Protocol (shared numbering with VXLAN-GPE).
 */
final class NshDecoder {
    static final int MIN_LENGTH = 8;
    static final int MD_TYPE_2 = 2;
    static final int NEXT_IPV4 = 1;
    static final int NEXT_IPV6 = 2;
    static final int NEXT_ETHERNET = 3;
    static final int NEXT_NSH = 4;
    static final int NEXT_MPLS = 5;

    private NshDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        if (!Encapsulations.descend(out, pos)) {
            return;
        }
        int avail = limit - pos;
        if (avail < MIN_LENGTH) {
            if (avail > 0) {
                out.layerAt(Layer.NSH, pos, avail);
            }
            out.anomalyAt(Anomaly.TRUNCATED_NSH, pos);
            return;
        }
        int length = (Bytes.u8(b, pos + 1) & 0x3F) * 4;
        if (length < MIN_LENGTH) {
            out.layerAt(Layer.NSH, pos, MIN_LENGTH);
            out.anomalyAt(Anomaly.BAD_NSH_LENGTH, pos);
            return;
        }
        out.layerAt(Layer.NSH, pos, Math.min(avail, length));
        if (avail < length) {
            out.anomalyAt(Anomaly.TRUNCATED_NSH, pos);
            return;
        }
        if ((Bytes.u8(b, pos + 2) & 0x0F) == MD_TYPE_2 && !contextFits(b, pos + MIN_LENGTH, pos + length)) {
            out.anomalyAt(Anomaly.BAD_NSH_LENGTH, pos);
            return;
        }
        decodeNextProtocol(b, pos + length, limit, Bytes.u8(b, pos + 3), out);
    }

    /** MD type 2 context headers: TLVs of class, type, length in bytes (padded to 4) that fit the header. */
    private static boolean contextFits(byte[] b, int p, int end) {
        while (p < end) {
            if (end - p < 4) {
                return false;
            }
            p += 4 + ((Bytes.u8(b, p + 3) & 0x7F) + 3) / 4 * 4;
        }
        return p == end;
    }

    /** The payload of VXLAN-GPE or NSH, by their shared Next Protocol numbers. */
    static void decodeNextProtocol(byte[] b, int pos, int limit, int next, DecodedPacket out) {
        if (pos >= out.declaredEnd) {
            return;
        }
        switch (next) {
            case NEXT_IPV4:
                Ipv4Decoder.decode(b, pos, limit, out);
                break;
            case NEXT_IPV6:
                Ipv6Decoder.decode(b, pos, limit, out);
                break;
            case NEXT_ETHERNET:
                EthernetDecoder.decode(b, pos, limit, out);
                break;
            case NEXT_NSH:
                decode(b, pos, limit, out);
                break;
            case NEXT_MPLS:
                MplsDecoder.decode(b, pos, limit, out);
                break;
            default:
                if (limit > pos) {
                    out.layerAt(Layer.DATA, pos, limit - pos);
                }
        }
    }
}
