package dev.mirrorscope.engine.decode;

/** LINKTYPE_RAW (101): an IP packet with no link header; the version nibble tells IPv4 from IPv6. */
final class RawIpDecoder {
    private RawIpDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos < 1) {
            out.anomalyAt(Anomaly.TRUNCATED_IPV4_HEADER, pos);
            return;
        }
        switch (Bytes.u8(b, pos) >>> 4) {
            case 4:
                Ipv4Decoder.decode(b, pos, limit, out);
                break;
            case 6:
                Ipv6Decoder.decode(b, pos, limit, out);
                break;
            default:
                out.layerAt(Layer.DATA, pos, limit - pos);
                out.anomalyAt(Anomaly.BAD_IP_VERSION, pos);
        }
    }
}
