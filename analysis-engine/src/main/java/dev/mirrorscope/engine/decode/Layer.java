package dev.mirrorscope.engine.decode;

/** Layer type codes recorded in {@link DecodedPacket#layerType}, with their display names. */
public final class Layer {
    public static final int ETHERNET = 1;
    public static final int VLAN = 2;
    public static final int ARP = 3;
    public static final int IPV4 = 4;
    public static final int IPV6 = 5;
    /** One IPv6 extension header (hop-by-hop, routing, fragment, destination options, ...). */
    public static final int IPV6_EXT = 6;
    public static final int TCP = 7;
    public static final int UDP = 8;
    public static final int ICMP = 9;
    public static final int ICMPV6 = 10;
    public static final int VXLAN = 11;
    public static final int GENEVE = 12;
    public static final int GRE = 13;
    public static final int ERSPAN = 14;
    public static final int DNS = 15;
    public static final int TLS = 16;
    public static final int HTTP = 17;
    public static final int SCTP = 18;
    public static final int AH = 19;
    public static final int LINUX_SLL = 20;
    public static final int LINUX_SLL2 = 21;
    public static final int NULL_LOOPBACK = 22;
    public static final int VXLAN_GPE = 23;
    public static final int NSH = 24;
    /** Bytes no decoder claimed (unknown ethertype, protocol or truncated header). */
    public static final int DATA = 25;
    /** A header quoted inside an ICMP/ICMPv6 error (not the packet's own). */
    public static final int ICMP_QUOTED = 26;
    public static final int ESP = 27;
    public static final int PPP = 28;
    public static final int MPLS = 29;
    /** IEEE 802.2 LLC after an 802.3 length field (STP, CDP, ...). */
    public static final int LLC = 30;
    /** Cisco MetaData (EtherType 0x8909, also carried in GRE): security group tag. */
    public static final int CISCO_METADATA = 31;

    private static final String[] NAMES = {
        "?", "eth", "vlan", "arp", "ip", "ipv6", "ipv6.ext", "tcp", "udp", "icmp", "icmpv6",
        "vxlan", "geneve", "gre", "erspan", "dns", "tls", "http", "sctp", "ah", "sll", "sll2",
        "null", "vxlan-gpe", "nsh", "data", "icmp.quoted", "esp", "ppp", "mpls", "llc", "cmd"
    };

    private Layer() {
    }

    public static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "?";
    }
}
