package dev.mirrorscope.engine.decode;

/**
 * IPsec Authentication Header (RFC 4302). Skipped to dissect what it protects, but the packet's
 * protocol stays 51 and its ports stay unset: tshark-diff takes ports only from a transport header
 * directly after the IP header, and AH is not part of the IPv6 extension chain there.
 */
final class AhDecoder {
    static final int MIN_LENGTH = 12;

    private AhDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < MIN_LENGTH) {
            if (avail > 0) {
                out.layerAt(Layer.AH, pos, avail);
            }
            out.anomalyAt(Anomaly.TRUNCATED_AH, pos);
            return;
        }
        int next = Bytes.u8(b, pos);
        int length = (Bytes.u8(b, pos + 1) + 2) * 4;
        out.layerAt(Layer.AH, pos, Math.min(avail, length));
        if (avail < length) {
            out.anomalyAt(Anomaly.TRUNCATED_AH, pos);
            return;
        }
        int p = pos + length;
        if (p >= out.declaredEnd) {
            return;
        }
        switch (next) {
            case IpPayloadDecoder.ICMP:
            case IpPayloadDecoder.ICMPV6:
            case IpPayloadDecoder.IPIP:
            case IpPayloadDecoder.IPV6:
            case IpPayloadDecoder.GRE:
                IpPayloadDecoder.decode(b, p, limit, next, out);
                break;
            case IpPayloadDecoder.TCP:
                listOnly(Layer.TCP, p, limit, out);
                break;
            case IpPayloadDecoder.UDP:
                listOnly(Layer.UDP, p, limit, out);
                break;
            case IpPayloadDecoder.SCTP:
                listOnly(Layer.SCTP, p, limit, out);
                break;
            default:
                listOnly(Layer.DATA, p, limit, out);
        }
    }

    private static void listOnly(int layer, int pos, int limit, DecodedPacket out) {
        if (limit > pos) {
            out.layerAt(layer, pos, limit - pos);
        }
    }
}
