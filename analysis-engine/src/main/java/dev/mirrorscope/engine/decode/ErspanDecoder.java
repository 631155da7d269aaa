package dev.mirrorscope.engine.decode;

/**
 * ERSPAN over GRE, as tshark tells the types apart: GRE 0x88BE without a sequence number is Type I
 * (no ERSPAN header, Ethernet follows); otherwise the header's version field decides: 1 is Type II
 * (8 bytes), 2 is Type III (12 bytes, plus an 8-byte platform sub-header when its O flag is set).
 * Type III frame type 0 is Ethernet; other frame types are not decoded as Ethernet. The session id
 * (10 bits) is the outermost tunnel's {@code vni}.
 */
final class ErspanDecoder {
    static final int TYPE2_LENGTH = 8;
    static final int TYPE3_LENGTH = 12;
    static final int PLATFORM_SUBHEADER_LENGTH = 8;
    static final int VERSION_TYPE2 = 1;
    static final int VERSION_TYPE3 = 2;
    static final int FRAME_TYPE_ETHERNET = 0;

    private ErspanDecoder() {
    }

    static void decodeType1Or2(byte[] b, int pos, int limit, boolean sequenced, boolean outermost,
                               DecodedPacket out) {
        if (sequenced) {
            decodeVersioned(b, pos, limit, outermost, out);
            return;
        }
        out.layerAt(Layer.ERSPAN, pos, 0);
        if (outermost) {
            out.innerLen = Math.max(0, limit - pos);
        }
        if (pos < out.declaredEnd) {
            EthernetDecoder.decode(b, pos, limit, out);
        }
    }

    static void decodeVersioned(byte[] b, int pos, int limit, boolean outermost, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < 2) {
            if (avail > 0) {
                out.layerAt(Layer.ERSPAN, pos, avail);
            }
            if (outermost) {
                out.innerLen = 0;
            }
            out.anomalyAt(Anomaly.TRUNCATED_ERSPAN, pos);
            return;
        }
        int version = Bytes.u8(b, pos) >>> 4;
        int fixed;
        if (version == VERSION_TYPE2) {
            fixed = TYPE2_LENGTH;
        } else if (version == VERSION_TYPE3) {
            fixed = TYPE3_LENGTH;
        } else {
            out.layerAt(Layer.ERSPAN, pos, Math.min(avail, TYPE2_LENGTH));
            if (outermost) {
                out.innerLen = 0;
            }
            out.anomalyAt(Anomaly.BAD_ERSPAN_VERSION, pos);
            return;
        }
        if (outermost && avail >= 4) {
            out.vni = Bytes.u16(b, pos + 2) & 0x03FF;
        }
        if (avail < fixed) {
            out.layerAt(Layer.ERSPAN, pos, avail);
            if (outermost) {
                out.innerLen = 0;
            }
            out.anomalyAt(Anomaly.TRUNCATED_ERSPAN, pos);
            return;
        }
        int length = fixed;
        int frameType = FRAME_TYPE_ETHERNET;
        if (version == VERSION_TYPE3) {
            frameType = (Bytes.u8(b, pos + 10) >>> 2) & 0x1F;
            if ((b[pos + 11] & 1) != 0) {
                length += PLATFORM_SUBHEADER_LENGTH;
            }
        }
        out.layerAt(Layer.ERSPAN, pos, Math.min(avail, length));
        if (outermost) {
            // When the platform sub-header is cut off, count what follows the fixed header.
            out.innerLen = avail - (avail >= length ? length : fixed);
        }
        if (avail < length) {
            out.anomalyAt(Anomaly.TRUNCATED_ERSPAN, pos);
            return;
        }
        int inner = pos + length;
        if (inner >= out.declaredEnd) {
            return;
        }
        if (frameType == FRAME_TYPE_ETHERNET) {
            EthernetDecoder.decode(b, inner, limit, out);
        } else if (limit > inner) {
            out.layerAt(Layer.DATA, inner, limit - inner);
        }
    }
}
