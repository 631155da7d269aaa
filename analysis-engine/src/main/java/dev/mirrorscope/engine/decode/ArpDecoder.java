package dev.mirrorscope.engine.decode;

/** ARP (RFC 826): hardware and protocol types and sizes, opcode, then sender and target addresses. */
final class ArpDecoder {
    static final int FIXED_LENGTH = 8;

    private ArpDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < FIXED_LENGTH) {
            if (avail > 0) {
                out.layerAt(Layer.ARP, pos, avail);
            }
            out.anomalyAt(Anomaly.TRUNCATED_ARP, pos);
            return;
        }
        int length = FIXED_LENGTH + 2 * (Bytes.u8(b, pos + 4) + Bytes.u8(b, pos + 5));
        out.arpOp = Bytes.u16(b, pos + 6);
        out.layerAt(Layer.ARP, pos, Math.min(avail, length));
        if (avail < length) {
            out.anomalyAt(Anomaly.TRUNCATED_ARP, pos);
        }
    }
}
