package dev.mirrorscope.engine.decode;

/**
 * Linux "cooked" captures: SLL (113, 16-byte header, protocol last) and SLL2 (276, 20-byte header,
 * protocol first). The protocol field is an EtherType except for a few link-specific values.
 */
final class LinuxSllDecoder {
    static final int SLL_LENGTH = 16;
    static final int SLL2_LENGTH = 20;
    private static final int ARPHRD_NETLINK = 824;

    private LinuxSllDecoder() {
    }

    static void decodeSll(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos < SLL_LENGTH) {
            truncated(Layer.LINUX_SLL, pos, limit, out);
            return;
        }
        out.layerAt(Layer.LINUX_SLL, pos, SLL_LENGTH);
        decodeProtocol(b, pos + SLL_LENGTH, limit, Bytes.u16(b, pos + 2), Bytes.u16(b, pos + 14), out);
    }

    static void decodeSll2(byte[] b, int pos, int limit, DecodedPacket out) {
        if (limit - pos < SLL2_LENGTH) {
            truncated(Layer.LINUX_SLL2, pos, limit, out);
            return;
        }
        out.layerAt(Layer.LINUX_SLL2, pos, SLL2_LENGTH);
        decodeProtocol(b, pos + SLL2_LENGTH, limit, Bytes.u16(b, pos + 8), Bytes.u16(b, pos), out);
    }

    private static void decodeProtocol(byte[] b, int pos, int limit, int hardwareType, int protocol,
                                       DecodedPacket out) {
        if (hardwareType != ARPHRD_NETLINK && protocol >= 0x0600) {
            EtherTypeDecoder.decode(b, pos, limit, protocol, out);
        } else if (limit > pos) {
            // 0x0001 (802.3 without LLC), 0x0004 (802.2 LLC), netlink and other non-EtherType payloads.
            out.layerAt(Layer.DATA, pos, limit - pos);
        }
    }

    private static void truncated(int layer, int pos, int limit, DecodedPacket out) {
        if (limit > pos) {
            out.layerAt(layer, pos, limit - pos);
        }
        out.anomalyAt(Anomaly.TRUNCATED_LINK_HEADER, pos);
    }
}
