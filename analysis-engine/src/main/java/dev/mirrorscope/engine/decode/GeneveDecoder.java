package dev.mirrorscope.engine.decode;

/**
 * Geneve (RFC 8926): version, option length, O and C (critical) bits, protocol type, 24-bit VNI and
 * TLV options. The inner packet is Ethernet (0x6558) or, as GWLB and GCP send it, bare IPv4/IPv6.
 * Options are walked one by one; AWS Gateway Load Balancer options (class 0x0108: type 1 GWLB endpoint
 * id, 2 attachment id, 3 flow cookie) are recorded by offset. A bad option is an anomaly, but the
 * inner packet is still decoded, since the header's option length says where it starts.
 */
final class GeneveDecoder {
    static final int HEADER_LENGTH = 8;
    static final int OPTION_HEADER_LENGTH = 4;
    static final int AWS_OPTION_CLASS = 0x0108;
    static final int AWS_GWLB_ENDPOINT_ID = 1;
    static final int AWS_ATTACHMENT_ID = 2;
    static final int AWS_FLOW_COOKIE = 3;

    private GeneveDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        if (!Encapsulations.descend(out, pos)) {
            return;
        }
        boolean outermost = Encapsulations.enterTunnel(out, DecodedPacket.TUNNEL_GENEVE);
        int avail = limit - pos;
        int headerLength = avail > 0 ? HEADER_LENGTH + (Bytes.u8(b, pos) & 0x3F) * 4 : HEADER_LENGTH;
        if (avail > 0) {
            out.layerAt(Layer.GENEVE, pos, Math.min(avail, headerLength));
        }
        if (outermost) {
            out.vni = avail >= 7 ? Bytes.u24(b, pos + 4) : -1;
            // When the options are cut off, count what follows the fixed header.
            out.innerLen = Math.max(0, avail - (avail >= headerLength ? headerLength : HEADER_LENGTH));
        }
        if (avail < HEADER_LENGTH) {
            out.anomalyAt(Anomaly.TRUNCATED_GENEVE, pos);
            return;
        }
        if (avail < headerLength) {
            out.anomalyAt(Anomaly.TRUNCATED_GENEVE, pos);
            return;
        }
        decodeOptions(b, pos + HEADER_LENGTH, pos + headerLength, outermost, out);
        int inner = pos + headerLength;
        if (inner >= out.declaredEnd) {
            return;
        }
        switch (Bytes.u16(b, pos + 2)) {
            case EtherTypeDecoder.TRANSPARENT_ETHERNET:
                EthernetDecoder.decode(b, inner, limit, out);
                break;
            case EtherTypeDecoder.IPV4:
                Ipv4Decoder.decode(b, inner, limit, out);
                break;
            case EtherTypeDecoder.IPV6:
                Ipv6Decoder.decode(b, inner, limit, out);
                break;
            default:
                if (limit > inner) {
                    out.layerAt(Layer.DATA, inner, limit - inner);
                }
        }
    }

    /** Walks the TLVs in {@code [p, end)}; at most 63 of them fit in the 252 option bytes. */
    private static void decodeOptions(byte[] b, int p, int end, boolean outermost, DecodedPacket out) {
        while (p < end) {
            if (end - p < OPTION_HEADER_LENGTH) {
                out.anomalyAt(Anomaly.BAD_GENEVE_OPTIONS, p);
                return;
            }
            int dataLength = (Bytes.u8(b, p + 3) & 0x1F) * 4;
            int data = p + OPTION_HEADER_LENGTH;
            if (data + dataLength > end) {
                out.anomalyAt(Anomaly.BAD_GENEVE_OPTIONS, p);
                return;
            }
            out.partAt(Part.GENEVE_OPTION, p, OPTION_HEADER_LENGTH + dataLength);
            if (outermost && Bytes.u16(b, p) == AWS_OPTION_CLASS) {
                int type = Bytes.u8(b, p + 2) & 0x7F;
                if (type == AWS_GWLB_ENDPOINT_ID && dataLength == 8) {
                    out.gwlbEndpointIdOffset = data - out.base;
                } else if (type == AWS_ATTACHMENT_ID && dataLength == 8) {
                    out.gwlbAttachmentIdOffset = data - out.base;
                } else if (type == AWS_FLOW_COOKIE && dataLength == 4) {
                    out.gwlbFlowCookieOffset = data - out.base;
                }
            }
            p = data + dataLength;
        }
    }
}
