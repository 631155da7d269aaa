package dev.mirrorscope.engine.decode;

/**
 * GRE: RFC 2784/2890 (version 0: checksum, key, sequence), RFC 1701 routing (source route entries until
 * a null entry) and PPTP's enhanced GRE (version 1, RFC 2637: key = payload length and call id,
 * sequence, acknowledgement). tshark decodes other versions with the version 0 layout, and so does
 * this decoder, recording an anomaly. GRE carrying ERSPAN (0x88BE, 0x22EB) makes the tunnel ERSPAN,
 * with the session id instead of the key as its {@code vni}.
 */
final class GreDecoder {
    static final int BASE_LENGTH = 4;
    static final int FLAG_CHECKSUM = 0x8000;
    static final int FLAG_ROUTING = 0x4000;
    static final int FLAG_KEY = 0x2000;
    static final int FLAG_SEQUENCE = 0x1000;
    static final int FLAG_ACK = 0x0080;
    private static final int SRE_HEADER_LENGTH = 4;

    private GreDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int emptyEnd = emptyHeaderEnd(b, pos, limit, out);
        if (emptyEnd > 0) {
            // A keepalive, for one: nothing is encapsulated, so nothing is removed. The packet is the
            // enclosing IP packet with GRE as its protocol, as tshark's packet list shows it.
            out.layerAt(Layer.GRE, pos, emptyEnd - pos);
            if ((Bytes.u16(b, pos) & 0x7) > 1) {
                out.anomalyAt(Anomaly.UNSUPPORTED_GRE_VERSION, pos);
            }
            return;
        }
        if (!Encapsulations.descend(out, pos)) {
            return;
        }
        int avail = limit - pos;
        boolean outermost = Encapsulations.enterTunnel(out, DecodedPacket.TUNNEL_GRE);
        if (avail < BASE_LENGTH) {
            if (avail > 0) {
                out.layerAt(Layer.GRE, pos, avail);
            }
            if (outermost) {
                out.innerLen = 0;
            }
            out.anomalyAt(Anomaly.TRUNCATED_GRE, pos);
            return;
        }
        int flags = Bytes.u16(b, pos);
        int protocol = Bytes.u16(b, pos + 2);
        boolean erspan = protocol == EtherTypeDecoder.ERSPAN_1_2 || protocol == EtherTypeDecoder.ERSPAN_3;
        int version = flags & 0x7;
        if (version > 1) {
            out.anomalyAt(Anomaly.UNSUPPORTED_GRE_VERSION, pos);
        }
        int p = pos + BASE_LENGTH;
        if ((flags & (FLAG_CHECKSUM | FLAG_ROUTING)) != 0) {
            p += 4;
        }
        long key = -1;
        if ((flags & FLAG_KEY) != 0) {
            if (limit - p >= 4) {
                key = Bytes.u32(b, p);
            }
            p += 4;
        }
        if ((flags & FLAG_SEQUENCE) != 0) {
            p += 4;
        }
        if (version == 1 && (flags & FLAG_ACK) != 0) {
            p += 4;
        }
        if (outermost && version != 1 && key >= 0) {
            // PPTP's version 1 key is payload length and call id, which tshark does not report as gre.key.
            out.vni = (int) key;
        }
        if (p > limit) {
            truncated(pos, limit, outermost, out);
            return;
        }
        if ((flags & FLAG_ROUTING) != 0) {
            p = skipRouting(b, p, limit, out);
            if (p < 0) {
                truncated(pos, limit, outermost, out);
                return;
            }
        }
        out.layerAt(Layer.GRE, pos, p - pos);
        if (outermost) {
            out.innerLen = limit - p;
        }
        boolean sequenced = (flags & FLAG_SEQUENCE) != 0;
        // tshark hands an empty payload to ERSPAN only for 0x88BE with a sequence number (Type II).
        if (p >= out.declaredEnd && !(protocol == EtherTypeDecoder.ERSPAN_1_2 && sequenced)) {
            return;
        }
        if (erspan && outermost) {
            out.tunnel = DecodedPacket.TUNNEL_ERSPAN;
            out.vni = -1;
        }
        switch (protocol) {
            case EtherTypeDecoder.ERSPAN_1_2:
                ErspanDecoder.decodeType1Or2(b, p, limit, sequenced, outermost, out);
                break;
            case EtherTypeDecoder.ERSPAN_3:
                ErspanDecoder.decodeVersioned(b, p, limit, outermost, out);
                break;
            case EtherTypeDecoder.TRANSPARENT_ETHERNET:
                EthernetDecoder.decode(b, p, limit, out);
                break;
            case EtherTypeDecoder.PPP:
                PppDecoder.decode(b, p, limit, out);
                break;
            case EtherTypeDecoder.CISCO_METADATA:
                CiscoMetadataDecoder.decodeGre(b, p, limit, out);
                break;
            default:
                EtherTypeDecoder.decode(b, p, limit, protocol, out);
        }
    }

    /**
     * The end of the GRE header when all of it was captured and the packet ends with it: no payload,
     * not even one tshark would hand to ERSPAN (it does for 0x88BE with a sequence number, ERSPAN Type
     * II). Otherwise -1.
     */
    private static int emptyHeaderEnd(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos < BASE_LENGTH) {
            return -1;
        }
        int flags = Bytes.u16(b, pos);
        int protocol = Bytes.u16(b, pos + 2);
        if (protocol == EtherTypeDecoder.ERSPAN_1_2 && (flags & FLAG_SEQUENCE) != 0) {
            return -1;
        }
        int p = pos + BASE_LENGTH;
        p += (flags & (FLAG_CHECKSUM | FLAG_ROUTING)) != 0 ? 4 : 0;
        p += (flags & FLAG_KEY) != 0 ? 4 : 0;
        p += (flags & FLAG_SEQUENCE) != 0 ? 4 : 0;
        p += (flags & 0x7) == 1 && (flags & FLAG_ACK) != 0 ? 4 : 0;
        // Source routes (rare) go the full way below.
        return (flags & FLAG_ROUTING) == 0 && p <= limit && p >= out.declaredEnd ? p : -1;
    }

    /** Skips the source route entries; returns the position after the null entry or -1 when cut off. */
    private static int skipRouting(byte[] b, int p, int limit, DecodedPacket out) {
        for (int entries = 0; entries < DecodeLimits.MAX_GRE_SRES; entries++) {
            if (limit - p < SRE_HEADER_LENGTH) {
                return -1;
            }
            int family = Bytes.u16(b, p);
            int length = Bytes.u8(b, p + 3);
            p += SRE_HEADER_LENGTH;
            if (family == 0 && length == 0) {
                return p;
            }
            p += length;
            if (p > limit) {
                return -1;
            }
        }
        out.anomalyAt(Anomaly.BAD_GRE_ROUTING, p);
        return -1;
    }

    private static void truncated(int pos, int limit, boolean outermost, DecodedPacket out) {
        out.layerAt(Layer.GRE, pos, limit - pos);
        if (outermost) {
            // The optional fields are cut off: count what follows the 4 fixed bytes.
            out.innerLen = limit - pos - BASE_LENGTH;
        }
        out.anomalyAt(Anomaly.TRUNCATED_GRE, pos);
    }
}
