package dev.mirrorscope.engine.decode;

/** Dispatches the payload of an IP header (or of AH) on its protocol number. */
final class IpPayloadDecoder {
    static final int ICMP = 1;
    static final int IPIP = 4;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int IPV6 = 41;
    static final int GRE = 47;
    static final int ESP = 50;
    static final int AH = 51;
    static final int ICMPV6 = 58;
    static final int SCTP = 132;

    private IpPayloadDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, int protocol, DecodedPacket out) {
        switch (protocol) {
            case TCP:
                TcpDecoder.decode(b, pos, limit, out);
                break;
            case UDP:
                UdpDecoder.decode(b, pos, limit, out);
                break;
            case SCTP:
                SctpDecoder.decode(b, pos, limit, out);
                break;
            case ICMP:
                IcmpDecoder.decode(b, pos, limit, false, out);
                break;
            case ICMPV6:
                IcmpDecoder.decode(b, pos, limit, true, out);
                break;
            case IPIP:
                if (Encapsulations.descend(out, pos)) {
                    Ipv4Decoder.decode(b, pos, limit, out);
                }
                break;
            case IPV6:
                if (Encapsulations.descend(out, pos)) {
                    Ipv6Decoder.decode(b, pos, limit, out);
                }
                break;
            case GRE:
                GreDecoder.decode(b, pos, limit, out);
                break;
            case AH:
                AhDecoder.decode(b, pos, limit, out);
                break;
            case ESP:
                EspDecoder.decode(b, pos, limit, out);
                break;
            default:
                if (limit > pos) {
                    out.layerAt(Layer.DATA, pos, limit - pos);
                }
        }
    }
}
