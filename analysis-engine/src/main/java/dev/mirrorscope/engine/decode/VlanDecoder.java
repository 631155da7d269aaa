package dev.mirrorscope.engine.decode;

/** One 802.1Q (0x8100) or 802.1ad (0x88A8, QinQ S-tag) tag: priority, DEI, 12-bit VLAN id, EtherType. */
final class VlanDecoder {
    static final int TAG_LENGTH = 4;

    private VlanDecoder() {
    }

    /** Returns the EtherType the tag carries, or -1 (with an anomaly) when the tag is cut off. */
    static int decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < TAG_LENGTH) {
            if (avail > 0) {
                out.layerAt(Layer.VLAN, pos, avail);
            }
            out.anomalyAt(Anomaly.TRUNCATED_VLAN_HEADER, pos);
            return -1;
        }
        out.layerAt(Layer.VLAN, pos, TAG_LENGTH);
        if (out.vlanId < 0) {
            out.vlanId = Bytes.u16(b, pos) & 0x0FFF;
        }
        return Bytes.u16(b, pos + 2);
    }
}
