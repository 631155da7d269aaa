package dev.mirrorscope.engine.decode;

/**
 * Dispatches on an EtherType (Ethernet, VLAN tags, Linux SLL, GRE and Geneve protocol types): VLAN tags
 * and Cisco MetaData shims are walked in a bounded loop, then the payload goes to its decoder.
 */
final class EtherTypeDecoder {
    static final int MIN_ETHERTYPE = 0x0600;
    static final int IPV4 = 0x0800;
    static final int ARP = 0x0806;
    static final int VLAN = 0x8100;
    static final int IPV6 = 0x86DD;
    static final int PPP = 0x880B;
    static final int MPLS_UNICAST = 0x8847;
    static final int MPLS_MULTICAST = 0x8848;
    static final int QINQ = 0x88A8;
    static final int ERSPAN_1_2 = 0x88BE;
    static final int CISCO_METADATA = 0x8909;
    static final int QINQ_OLD = 0x9100;
    static final int TRANSPARENT_ETHERNET = 0x6558;
    static final int ERSPAN_3 = 0x22EB;

    private EtherTypeDecoder() {
    }

    static void decode(byte[] b, int pos, int limit, int type, DecodedPacket out) {
        for (int shims = 0; isShim(type); shims++) {
            if (shims >= DecodeLimits.MAX_VLAN_TAGS) {
                out.anomalyAt(Anomaly.TOO_MANY_VLAN_TAGS, pos);
                return;
            }
            int inner = type == CISCO_METADATA
                    ? CiscoMetadataDecoder.decodeEthernet(b, pos, limit, out)
                    : VlanDecoder.decode(b, pos, limit, out);
            if (inner < 0) {
                return;
            }
            pos += type == CISCO_METADATA ? CiscoMetadataDecoder.LENGTH : VlanDecoder.TAG_LENGTH;
            type = inner;
        }
        if (type < MIN_ETHERTYPE) {
            // An 802.3 length after VLAN tags: LLC follows.
            if (limit > pos) {
                out.layerAt(Layer.LLC, pos, limit - pos);
            }
            return;
        }
        out.etherType = type;
        if (pos >= out.declaredEnd) {
            return;
        }
        switch (type) {
            case IPV4:
                Ipv4Decoder.decode(b, pos, limit, out);
                break;
            case IPV6:
                Ipv6Decoder.decode(b, pos, limit, out);
                break;
            case ARP:
                ArpDecoder.decode(b, pos, limit, out);
                break;
            case MPLS_UNICAST:
            case MPLS_MULTICAST:
                MplsDecoder.decode(b, pos, limit, out);
                break;
            default:
                if (limit > pos) {
                    out.layerAt(Layer.DATA, pos, limit - pos);
                }
        }
    }

    private static boolean isShim(int type) {
        return type == VLAN || type == QINQ || type == QINQ_OLD || type == CISCO_METADATA;
    }
}
