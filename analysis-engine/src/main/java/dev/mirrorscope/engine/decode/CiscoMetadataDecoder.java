package dev.mirrorscope.engine.decode;

/**
 * Cisco MetaData (EtherType 0x8909), 8 bytes carrying a security group tag. After an Ethernet header
 * the EtherType of the payload comes last (version, length, option, SGT, EtherType); inside GRE it
 * comes first (EtherType, version, length, option, SGT), as tshark dissects it.
 */
final class CiscoMetadataDecoder {
    static final int LENGTH = 8;

    private CiscoMetadataDecoder() {
    }

    /** Returns the EtherType of the payload, or -1 (with an anomaly) when the header is cut off. */
    static int decodeEthernet(byte[] b, int pos, int limit, DecodedPacket out) {
        return header(pos, limit, out) ? Bytes.u16(b, pos + 6) : -1;
    }

    static void decodeGre(byte[] b, int pos, int limit, DecodedPacket out) {
        if (header(pos, limit, out)) {
            EtherTypeDecoder.decode(b, pos + LENGTH, limit, Bytes.u16(b, pos), out);
        }
    }

    private static boolean header(int pos, int limit, DecodedPacket out) {
        int avail = limit - pos;
        if (avail < LENGTH) {
            if (avail > 0) {
                out.layerAt(Layer.CISCO_METADATA, pos, avail);
            }
            out.anomalyAt(Anomaly.TRUNCATED_CISCO_METADATA, pos);
            return false;
        }
        out.layerAt(Layer.CISCO_METADATA, pos, LENGTH);
        return true;
    }
}
