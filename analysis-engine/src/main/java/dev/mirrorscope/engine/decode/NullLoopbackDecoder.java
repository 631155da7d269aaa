package dev.mirrorscope.engine.decode;

/**
 * BSD loopback link types: LINKTYPE_NULL (0) holds a 4-byte address family in the capturing host's byte
 * order, LINKTYPE_LOOP (108) in network order. AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD,
 * OpenBSD), 28 (FreeBSD) or 30 (macOS).
 */
final class NullLoopbackDecoder {
    static final int HEADER_LENGTH = 4;
    private static final int MAX_8023_LENGTH = 1500;

    private NullLoopbackDecoder() {
    }

    static void decodeNull(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos >= 2 && Bytes.u16(b, pos) == 0xFF03) {
            PppDecoder.decode(b, pos, limit, out);
            return;
        }
        if (limit - pos < HEADER_LENGTH) {
            truncated(pos, limit, out);
            return;
        }
        out.layerAt(Layer.NULL_LOOPBACK, pos, HEADER_LENGTH);
        decodeFamily(b, pos + HEADER_LENGTH, limit, hostOrderFamily(Integer.reverseBytes(Bytes.i32(b, pos))), out);
    }

    /**
     * The family from the header read as little-endian, as Wireshark reads it: small values are in the
     * reader's order; otherwise it is byte-swapped, or an IRIX-style 16-bit family in the first two bytes.
     */
    static int hostOrderFamily(int h) {
        if ((h & 0xFFFF_0000) != 0) {
            if ((h & 0xFF00_0000) == 0 && (h & 0x00FF_0000) < 0x0006_0000) {
                return h >>> 16;
            }
            return Integer.reverseBytes(h);
        }
        if ((h & 0xFF) == 0 && (h & 0xFF00) < 0x0600) {
            return (h & 0xFF) << 8 | (h >>> 8 & 0xFF);
        }
        return h;
    }

    static void decodeLoop(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos < HEADER_LENGTH) {
            truncated(pos, limit, out);
            return;
        }
        out.layerAt(Layer.NULL_LOOPBACK, pos, HEADER_LENGTH);
        decodeFamily(b, pos + HEADER_LENGTH, limit, Bytes.i32(b, pos), out);
    }

    private static void decodeFamily(byte[] b, int pos, int limit, int family, DecodedPacket out) {
        switch (family) {
            case 2:
                Ipv4Decoder.decode(b, pos, limit, out);
                break;
            case 24:
            case 28:
            case 30:
                Ipv6Decoder.decode(b, pos, limit, out);
                break;
            default:
                if (family > MAX_8023_LENGTH || family < 0) {
                    // Some Linux captures put an EtherType here; Wireshark takes its low 16 bits.
                    EtherTypeDecoder.decode(b, pos, limit, family & 0xFFFF, out);
                } else if (limit > pos) {
                    out.layerAt(Layer.DATA, pos, limit - pos);
                }
        }
    }

    private static void truncated(int pos, int limit, DecodedPacket out) {
        if (limit > pos) {
            out.layerAt(Layer.NULL_LOOPBACK, pos, limit - pos);
        }
        out.anomalyAt(Anomaly.TRUNCATED_LINK_HEADER, pos);
    }
}
