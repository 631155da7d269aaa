package dev.mirrorscope.engine.decode;

/** Book-keeping shared by the tunnel decoders: the nesting limit and the outermost tunnel's fields. */
final class Encapsulations {
    private Encapsulations() {
    }

    /**
     * Counts one more level of encapsulation (tunnel, IP-in-IP, NSH). False, with an anomaly, when the
     * packet is nested deeper than {@link DecodeLimits#MAX_NESTING}: the caller stops there.
     */
    static boolean descend(DecodedPacket out, int pos) {
        if (out.nesting >= DecodeLimits.MAX_NESTING) {
            out.anomalyAt(Anomaly.TOO_MANY_TUNNELS, pos);
            return false;
        }
        out.nesting++;
        return true;
    }

    /**
     * True when an IP header about to claim more bytes than its container holds sits inside a tunnel
     * whose outer packet decoded cleanly: the tunnel's own length fields say how much was sent, so the
     * mirror session (AWS mirror sessions may copy only the first bytes of each packet) cut the inner
     * packet; it was not damaged.
     */
    static boolean cutByMirror(DecodedPacket out) {
        return out.tunnel != DecodedPacket.TUNNEL_NONE && out.anomalyCount == 0;
    }

    /**
     * Enters a tunnel of the given DecodedPacket.TUNNEL_* kind: what follows is the inner packet, so the
     * network fields start afresh. Returns true when this is the outermost tunnel; its decoder then
     * sets {@code vni} and {@code innerLen}.
     */
    static boolean enterTunnel(DecodedPacket out, int kind) {
        boolean outermost = out.tunnel == DecodedPacket.TUNNEL_NONE;
        if (outermost) {
            out.tunnel = kind;
        }
        out.clearNetwork();
        // The envelope's MACs are not the packet's: a tunnel without an inner Ethernet header has none.
        out.srcMac = -1;
        out.dstMac = -1;
        return outermost;
    }
}
