package dev.mirrorscope.engine.decode;

/**
 * VXLAN (RFC 7348): flags, 24-bit VNI, inner Ethernet frame. Also VXLAN-GPE (UDP 4790), whose Next
 * Protocol field selects IPv4, IPv6, Ethernet, NSH or MPLS; tshark 4.0 does not list VXLAN-GPE as a
 * tunnel, so it does not set the packet's tunnel or VNI and the innermost IP after it is the packet's.
 */
final class VxlanDecoder {
    static final int HEADER_LENGTH = 8;

    private VxlanDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        if (!Encapsulations.descend(out, pos)) {
            return;
        }
        boolean outermost = Encapsulations.enterTunnel(out, DecodedPacket.TUNNEL_VXLAN);
        int avail = limit - pos;
        if (avail > 0) {
            out.layerAt(Layer.VXLAN, pos, Math.min(avail, HEADER_LENGTH));
        }
        if (outermost) {
            out.vni = avail >= 7 ? Bytes.u24(b, pos + 4) : -1;
            out.innerLen = Math.max(0, avail - HEADER_LENGTH);
        }
        if (avail < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_VXLAN, pos);
            return;
        }
        if (pos + HEADER_LENGTH < out.declaredEnd) {
            EthernetDecoder.decode(b, pos + HEADER_LENGTH, limit, out);
        }
    }

    static void decodeGpe(byte[] b, int pos, int limit, DecodedPacket out) {
        if (!Encapsulations.descend(out, pos)) {
            return;
        }
        int avail = limit - pos;
        if (avail > 0) {
            out.layerAt(Layer.VXLAN_GPE, pos, Math.min(avail, HEADER_LENGTH));
        }
        if (avail < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_VXLAN, pos);
            return;
        }
        NshDecoder.decodeNextProtocol(b, pos + HEADER_LENGTH, limit, Bytes.u8(b, pos + 3), out);
    }
}
