package dev.mirrorscope.engine.decode;

/**
 * PPP as carried by PPTP's enhanced GRE (0x880B): optional address and control bytes (0xFF 0x03), then a
 * protocol field of one byte when its low bit is set (protocol-field compression) or two bytes.
 */
final class PppDecoder {
    static final int PROTO_IPV4 = 0x0021;
    static final int PROTO_IPV6 = 0x0057;

    private PppDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int p = pos;
        if (limit - p >= 2 && Bytes.u8(b, p) == 0xFF) {
            // The all-stations address announces address and control bytes; tshark does not check control.
            p += 2;
        }
        int protocol;
        if (limit - p >= 1 && (b[p] & 1) != 0) {
            protocol = Bytes.u8(b, p);
            p += 1;
        } else if (limit - p >= 2) {
            protocol = Bytes.u16(b, p);
            p += 2;
        } else {
            if (limit > pos) {
                out.layerAt(Layer.PPP, pos, limit - pos);
            }
            out.anomalyAt(Anomaly.TRUNCATED_PPP, pos);
            return;
        }
        out.layerAt(Layer.PPP, pos, p - pos);
        if (p >= out.declaredEnd) {
            return;
        }
        if (protocol == PROTO_IPV4) {
            Ipv4Decoder.decode(b, p, limit, out);
        } else if (protocol == PROTO_IPV6) {
            Ipv6Decoder.decode(b, p, limit, out);
        } else if (limit > p) {
            // LCP, CHAP, CCP and the like: control traffic, not decoded further.
            out.layerAt(Layer.DATA, p, limit - p);
        }
    }
}
