package dev.mirrorscope.engine.decode;

/** SCTP common header (RFC 9260): ports, verification tag, checksum. Chunks are not decoded. */
final class SctpDecoder {
    static final int HEADER_LENGTH = 12;

    private SctpDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail > 0) {
            out.layerAt(Layer.SCTP, pos, Math.min(avail, HEADER_LENGTH));
        }
        if (avail >= 4) {
            out.sport = Bytes.u16(b, pos);
            out.dport = Bytes.u16(b, pos + 2);
        }
        if (avail < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_SCTP_HEADER, pos);
            return;
        }
        out.payloadOffset = pos + HEADER_LENGTH - out.base;
        out.payloadLength = limit - pos - HEADER_LENGTH;
    }
}
