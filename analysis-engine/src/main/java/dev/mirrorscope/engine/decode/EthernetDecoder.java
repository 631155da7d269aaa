package dev.mirrorscope.engine.decode;

/**
 * Ethernet II / IEEE 802.3: destination, source, then an EtherType (at least 0x0600) or an 802.3 length
 * (at most 1500) followed by LLC. Records the MACs (the innermost Ethernet header wins).
 */
final class EthernetDecoder {
    static final int HEADER_LENGTH = 14;
    private static final int MAX_8023_LENGTH = 1500;

    private EthernetDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < HEADER_LENGTH) {
            if (avail > 0) {
                out.layerAt(Layer.ETHERNET, pos, avail);
            }
            out.anomalyAt(Anomaly.TRUNCATED_ETHERNET, pos);
            return;
        }
        out.dstMac = Bytes.u48(b, pos);
        out.srcMac = Bytes.u48(b, pos + 6);
        int type = Bytes.u16(b, pos + 12);
        out.layerAt(Layer.ETHERNET, pos, HEADER_LENGTH);
        int next = pos + HEADER_LENGTH;
        if (type >= EtherTypeDecoder.MIN_ETHERTYPE) {
            EtherTypeDecoder.decode(b, next, limit, type, out);
        } else if (limit > next) {
            // 802.3 length (STP, CDP, ...) or an invalid 1501..1535 value: not decoded further.
            out.layerAt(type <= MAX_8023_LENGTH ? Layer.LLC : Layer.DATA, next, limit - next);
        }
    }
}
