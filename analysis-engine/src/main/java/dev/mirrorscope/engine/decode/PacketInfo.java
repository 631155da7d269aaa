package dev.mirrorscope.engine.decode;

/**
 * Text for people: the packet list's Info and Protocol columns, built on demand from a decoded packet
 * and its bytes (the decoders keep only offsets). Wireshark-like, but without flow state: TCP shows raw
 * sequence numbers.
 */
public final class PacketInfo {
    private static final String ARROW = " \u2192 ";
    private static final String[] TCP_FLAGS = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    private PacketInfo() {
    }

    public static String ipv4(long address) {
        return Addresses.ipv4(address);
    }

    /** RFC 5952 text form; IPv4-mapped addresses are printed in hex groups too (::ffff:102:304). */
    public static String ipv6(long hi, long lo) {
        return Addresses.ipv6(hi, lo);
    }

    public static String mac(long address) {
        return Addresses.mac(address);
    }

    /**
     * A short summary like Wireshark's Info column, with " [anomaly_name]" when the packet is malformed
     * or, if it is not, " [notice_name]" (mirror_truncated) when it has a notice.
     */
    public static String describe(byte[] b, int off, int capLen, DecodedPacket p) {
        StringBuilder sb = new StringBuilder(80);
        if (b != null && off >= 0 && off <= b.length) {
            Frame f = new Frame(b, off, off + Math.max(0, Math.min(capLen, b.length - off)));
            try {
                body(f, p, sb);
                if (sb.length() == 0) {
                    sb.append(protocolName(p));
                }
            } catch (RuntimeException e) {
                // Offsets from another frame or a decoder bug: fall back to the protocol name.
                sb.setLength(0);
                sb.append(protocolName(p));
            }
        }
        Anomaly a = p.anomalyCount > 0 ? Anomaly.of(p.anomaly) : Anomaly.of(p.notice);
        if (a != null) {
            sb.append(sb.length() > 0 ? " [" : "[").append(a.id()).append(']');
        }
        return sb.toString();
    }

    /** The Protocol column: the innermost, highest layer that was recognised. */
    public static String protocolName(DecodedPacket p) {
        if (p.app == Layer.DNS) {
            return "DNS";
        }
        if (p.app == Layer.TLS) {
            return "TLS";
        }
        if (p.app == Layer.HTTP) {
            return "HTTP";
        }
        if (p.ipVersion != 0) {
            String ip = p.ipVersion == 4 ? "IPv4" : "IPv6";
            if (p.nonFirstFragment || p.proto < 0) {
                return ip;
            }
            if (p.proto == IpPayloadDecoder.AH && p.icmpType >= 0) {
                return p.hasLayer(Layer.ICMPV6) ? "ICMPv6" : "ICMP";
            }
            String name = transportName(p.proto);
            return name != null ? name : ip;
        }
        if (p.arpOp >= 0 || p.etherType == EtherTypeDecoder.ARP) {
            return "ARP";
        }
        for (int i = p.layerCount - 1; i >= 0; i--) {
            switch (p.layerType[i]) {
                case Layer.DATA:
                    continue;
                case Layer.IPV4:
                    return "IPv4";
                case Layer.IPV6:
                case Layer.IPV6_EXT:
                    return "IPv6";
                case Layer.ETHERNET:
                case Layer.VLAN:
                    return etherTypeName(p.etherType, "Ethernet");
                case Layer.LLC:
                    return "LLC";
                case Layer.GRE:
                    return "GRE";
                case Layer.ERSPAN:
                    return "ERSPAN";
                case Layer.VXLAN:
                    return "VXLAN";
                case Layer.VXLAN_GPE:
                    return "VXLAN-GPE";
                case Layer.GENEVE:
                    return "Geneve";
                case Layer.NSH:
                    return "NSH";
                case Layer.PPP:
                    return "PPP";
                case Layer.MPLS:
                    return "MPLS";
                case Layer.CISCO_METADATA:
                    return "CMD";
                case Layer.LINUX_SLL:
                case Layer.LINUX_SLL2:
                    return "SLL";
                case Layer.NULL_LOOPBACK:
                    return "Null";
                default:
                    return Layer.name(p.layerType[i]);
            }
        }
        return p.layerCount > 0 ? "Data" : "";
    }

    private static void body(Frame f, DecodedPacket p, StringBuilder sb) {
        if (p.app == Layer.DNS) {
            dns(f, p, sb);
            return;
        }
        if (p.app == Layer.TLS) {
            tls(f, p, sb);
            return;
        }
        if (p.app == Layer.HTTP) {
            http(f, p, sb);
            return;
        }
        if (p.ipVersion != 0) {
            ip(f, p, sb);
            return;
        }
        if (p.arpOp >= 0) {
            arp(f, p, sb);
            return;
        }
        innermostHeader(f, p, sb);
    }

    private static void ip(Frame f, DecodedPacket p, StringBuilder sb) {
        if (p.nonFirstFragment) {
            sb.append("Fragmented IP protocol (proto=");
            String name = ipProtocolName(p.proto);
            sb.append(name != null ? name : "Unknown").append(' ').append(p.proto)
                    .append(", off=").append(p.fragmentOffset).append(')');
            return;
        }
        switch (p.proto) {
            case IpPayloadDecoder.TCP:
                tcp(p, sb);
                return;
            case IpPayloadDecoder.UDP:
                ports(p, sb);
                if (p.udpLength >= UdpDecoder.HEADER_LENGTH) {
                    sb.append(" Len=").append(p.udpLength - UdpDecoder.HEADER_LENGTH);
                }
                return;
            case IpPayloadDecoder.SCTP:
                ports(p, sb);
                return;
            case IpPayloadDecoder.ICMP:
            case IpPayloadDecoder.ICMPV6:
                icmp(f, p, p.proto == IpPayloadDecoder.ICMPV6, sb);
                return;
            case IpPayloadDecoder.AH:
                if (p.icmpType >= 0) {
                    icmp(f, p, p.hasLayer(Layer.ICMPV6), sb);
                } else {
                    spi(f, p, Layer.AH, 4, "Authentication Header", sb);
                }
                return;
            case IpPayloadDecoder.ESP:
                spi(f, p, Layer.ESP, 0, "ESP", sb);
                return;
            case IpPayloadDecoder.GRE:
                if (p.hasLayer(Layer.GRE)) {
                    // GRE that carries nothing (a keepalive): the header is all there is to show.
                    innermostHeader(f, p, sb);
                    return;
                }
                // fall through: the GRE header is cut off
            default:
                String name = ipProtocolName(p.proto);
                sb.append(p.ipVersion == 4 ? "IPv4" : "IPv6").append(" protocol ").append(p.proto);
                if (name != null) {
                    sb.append(" (").append(name).append(')');
                }
        }
    }

    private static void ports(DecodedPacket p, StringBuilder sb) {
        if (p.sport >= 0) {
            sb.append(p.sport).append(ARROW).append(p.dport);
        }
    }

    private static void tcp(DecodedPacket p, StringBuilder sb) {
        ports(p, sb);
        if (p.tcpFlags < 0) {
            return;
        }
        sb.append(" [");
        int before = sb.length();
        for (int i = 0; i < TCP_FLAGS.length; i++) {
            if ((p.tcpFlags & (1 << i)) != 0) {
                sb.append(sb.length() > before ? ", " : "").append(TCP_FLAGS[i]);
            }
        }
        if (sb.length() == before) {
            sb.append("<None>");
        }
        sb.append("] Seq=").append(p.tcpSeq);
        if ((p.tcpFlags & 0x10) != 0) {
            sb.append(" Ack=").append(p.tcpAck);
        }
        sb.append(" Win=").append(p.tcpWindow).append(" Len=").append(p.tcpPayloadLen);
        if (p.tcpMss >= 0) {
            sb.append(" MSS=").append(p.tcpMss);
        }
        if (p.tcpSackPermitted) {
            sb.append(" SACK_PERM");
        }
        if (p.tcpSackBlocks > 0) {
            sb.append(" SLE=").append(p.tcpSackLeft).append(" SRE=").append(p.tcpSackRight);
        }
        if (p.tcpHasTimestamps) {
            sb.append(" TSval=").append(p.tcpTsVal).append(" TSecr=").append(p.tcpTsEcr);
        }
        if (p.tcpWindowScale >= 0) {
            sb.append(" WS=").append(1 << Math.min(p.tcpWindowScale, 14));
        }
    }

    private static void icmp(Frame f, DecodedPacket p, boolean v6, StringBuilder sb) {
        if (p.icmpType < 0) {
            sb.append(v6 ? "ICMPv6" : "ICMP");
            return;
        }
        String type = v6 ? icmpv6TypeName(p.icmpType) : icmpTypeName(p.icmpType);
        if (type == null) {
            sb.append("Type ").append(p.icmpType).append(" (code ").append(p.icmpCode).append(')');
            return;
        }
        sb.append(type);
        if (p.icmpId >= 0) {
            sb.append(" id=0x").append(hex(p.icmpId, 4)).append(", seq=").append(p.icmpSeq);
            return;
        }
        String code = v6 ? icmpv6CodeName(p.icmpType, p.icmpCode) : icmpCodeName(p.icmpType, p.icmpCode);
        if (code != null) {
            sb.append(" (").append(code).append(')');
        }
        if (v6 && (p.icmpType == 135 || p.icmpType == 136)) {
            int at = f.layerStart(p, Layer.ICMPV6) + 8;
            if (f.has(at, 16)) {
                sb.append(p.icmpType == 135 ? " for " : " ")
                        .append(ipv6(f.i64(at), f.i64(at + 8)));
            }
        }
    }

    private static void spi(Frame f, DecodedPacket p, int layer, int at, String name, StringBuilder sb) {
        sb.append(name);
        int start = f.layerStart(p, layer);
        if (start >= 0 && f.has(start + at, 4)) {
            sb.append(" (SPI=0x").append(hex(f.u32(start + at), 8)).append(')');
        }
    }

    private static void arp(Frame f, DecodedPacket p, StringBuilder sb) {
        int a = f.layerStart(p, Layer.ARP);
        boolean ethernetIpv4 = a >= 0 && f.has(a, 28) && f.u16(a) == 1 && f.u16(a + 2) == EtherTypeDecoder.IPV4
                && f.u8(a + 4) == 6 && f.u8(a + 5) == 4;
        if (!ethernetIpv4) {
            sb.append("ARP opcode ").append(p.arpOp);
            return;
        }
        String sender = ipv4(f.u32(a + 14));
        String target = ipv4(f.u32(a + 24));
        if (p.arpOp == 1) {
            if (sender.equals(target)) {
                sb.append("Gratuitous ARP for ").append(sender).append(" (Request)");
            } else {
                sb.append("Who has ").append(target).append("? Tell ").append(sender);
            }
        } else if (p.arpOp == 2) {
            sb.append(sender).append(" is at ").append(mac(f.u48(a + 8)));
        } else {
            sb.append("ARP opcode ").append(p.arpOp);
        }
    }

    private static void dns(Frame f, DecodedPacket p, StringBuilder sb) {
        int opcode = (p.dnsFlags >>> 11) & 0xF;
        boolean response = (p.dnsFlags & 0x8000) != 0;
        sb.append(dnsOpcodeName(opcode));
        if (response) {
            sb.append(" response");
        }
        sb.append(" 0x").append(hex(p.dnsId, 4));
        int rcode = p.dnsFlags & 0xF;
        if (response && rcode != 0) {
            sb.append(' ').append(dnsRcodeName(rcode));
        }
        if (p.dnsNameOffset < 0) {
            return;
        }
        if (p.dnsQtype >= 0) {
            sb.append(' ').append(dnsTypeName(p.dnsQtype));
        }
        sb.append(' ');
        int message = f.off + p.appOffset;
        DnsNames.append(f.b, message, f.off + p.dnsNameOffset, Math.min(f.limit, message + p.appLength), sb);
    }

    private static void tls(Frame f, DecodedPacket p, StringBuilder sb) {
        switch (p.tlsRecordType) {
            case TlsDecoder.CONTENT_CHANGE_CIPHER_SPEC:
                sb.append("Change Cipher Spec");
                return;
            case 21:
                sb.append("Alert");
                return;
            case TlsDecoder.CONTENT_APPLICATION_DATA:
                sb.append("Application Data");
                return;
            default:
                break;
        }
        sb.append(tlsHandshakeName(p.tlsHandshakeType));
        if (p.tlsSniOffset >= 0) {
            sb.append(" (SNI=");
            f.ascii(f.off + p.tlsSniOffset, p.tlsSniLength, sb);
            sb.append(')');
        }
    }

    private static void http(Frame f, DecodedPacket p, StringBuilder sb) {
        int start = f.off + p.appOffset;
        if (p.httpLineLength >= 0) {
            f.ascii(start, p.httpLineLength, sb);
            return;
        }
        if (p.httpMethodLength < 0) {
            sb.append("HTTP");
            return;
        }
        f.ascii(start, p.httpMethodLength, sb);
        sb.append(' ');
        f.ascii(f.off + p.httpTargetOffset, p.httpTargetLength, sb);
        sb.append(' ');
        f.ascii(f.off + p.httpVersionOffset, p.httpVersionLength, sb);
        if (p.httpHostOffset >= 0) {
            sb.append(" (Host: ");
            f.ascii(f.off + p.httpHostOffset, p.httpHostLength, sb);
            sb.append(')');
        }
    }

    /** A packet without IP or ARP: name its last header (an empty tunnel, a non-IP frame). */
    private static void innermostHeader(Frame f, DecodedPacket p, StringBuilder sb) {
        for (int i = p.layerCount - 1; i >= 0; i--) {
            int at = f.off + p.layerOffset[i];
            switch (p.layerType[i]) {
                case Layer.DATA:
                    continue;
                case Layer.GRE:
                    sb.append("GRE");
                    if (f.has(at, 4)) {
                        int protocol = f.u16(at + 2);
                        sb.append(" (").append(etherTypeName(protocol, "0x" + hex(protocol, 4))).append(')');
                    }
                    return;
                case Layer.ERSPAN:
                    sb.append("ERSPAN");
                    if (p.tunnel == DecodedPacket.TUNNEL_ERSPAN && p.vni >= 0) {
                        sb.append(" session=").append(p.vni);
                    }
                    if (f.has(at, 12) && f.u8(at) >>> 4 == ErspanDecoder.VERSION_TYPE3) {
                        sb.append(" (frame type ").append((f.u8(at + 10) >>> 2) & 0x1F).append(')');
                    }
                    return;
                case Layer.VXLAN:
                case Layer.GENEVE:
                    sb.append(p.layerType[i] == Layer.VXLAN ? "VXLAN" : "Geneve");
                    if (f.has(at, 8)) {
                        sb.append(" VNI=").append(f.u24(at + 4));
                    }
                    return;
                case Layer.PPP: {
                    int proto = p.layerLength[i] >= 2 && f.has(at + p.layerLength[i] - 2, 2)
                            ? f.u16(at + p.layerLength[i] - 2) : -1;
                    sb.append(proto == 0xC021 ? "PPP LCP" : proto == 0x8021 ? "PPP IPCP" : "PPP");
                    return;
                }
                case Layer.LLC:
                    sb.append("802.3 LLC, length ").append(p.layerLength[i]);
                    return;
                case Layer.ETHERNET:
                case Layer.VLAN:
                    if (p.etherType >= 0) {
                        sb.append("Ethernet type ").append(etherTypeName(p.etherType, "0x" + hex(p.etherType, 4)));
                    } else {
                        sb.append("Ethernet");
                    }
                    return;
                default:
                    sb.append(protocolName(p));
                    return;
            }
        }
    }

    /** A protocol carried by IP, as the Protocol column names it; IPv6 extension headers are not. */
    private static String transportName(int proto) {
        switch (proto) {
            case 0:
            case 43:
            case 44:
            case 59:
            case 60:
                return null;
            default:
                return ipProtocolName(proto);
        }
    }

    static String ipProtocolName(int proto) {
        switch (proto) {
            case 0: return "IPv6 Hop-by-Hop";
            case 1: return "ICMP";
            case 2: return "IGMP";
            case 4: return "IPIP";
            case 6: return "TCP";
            case 17: return "UDP";
            case 41: return "IPv6";
            case 43: return "IPv6 Routing";
            case 44: return "IPv6 Fragment";
            case 46: return "RSVP";
            case 47: return "GRE";
            case 50: return "ESP";
            case 51: return "AH";
            case 58: return "ICMPv6";
            case 59: return "IPv6 No Next Header";
            case 60: return "IPv6 Destination Options";
            case 88: return "EIGRP";
            case 89: return "OSPF";
            case 103: return "PIM";
            case 112: return "VRRP";
            case 115: return "L2TP";
            case 132: return "SCTP";
            case 135: return "Mobile IPv6";
            default: return null;
        }
    }

    private static String etherTypeName(int type, String otherwise) {
        switch (type) {
            case 0x0000: return "keepalive";
            case 0x0800: return "IPv4";
            case 0x0806: return "ARP";
            case 0x2000: return "CDP";
            case 0x6558: return "Ethernet";
            case 0x8035: return "RARP";
            case 0x86DD: return "IPv6";
            case 0x8809: return "Slow Protocols";
            case 0x880B: return "PPP";
            case 0x8847: return "MPLS";
            case 0x8863: return "PPPoE Discovery";
            case 0x8864: return "PPPoE Session";
            case 0x888E: return "EAPOL";
            case 0x88BE: return "ERSPAN";
            case 0x88CC: return "LLDP";
            case 0x8909: return "CMD";
            case 0x9000: return "LOOP";
            case 0x22EB: return "ERSPAN";
            default: return otherwise;
        }
    }

    private static String icmpTypeName(int type) {
        switch (type) {
            case 0: return "Echo (ping) reply";
            case 3: return "Destination unreachable";
            case 4: return "Source quench (flow control)";
            case 5: return "Redirect";
            case 8: return "Echo (ping) request";
            case 9: return "Router advertisement";
            case 10: return "Router solicitation";
            case 11: return "Time-to-live exceeded";
            case 12: return "Parameter problem";
            case 13: return "Timestamp request";
            case 14: return "Timestamp reply";
            case 17: return "Address mask request";
            case 18: return "Address mask reply";
            default: return null;
        }
    }

    private static String icmpCodeName(int type, int code) {
        if (type == 3) {
            switch (code) {
                case 0: return "Network unreachable";
                case 1: return "Host unreachable";
                case 2: return "Protocol unreachable";
                case 3: return "Port unreachable";
                case 4: return "Fragmentation needed";
                case 5: return "Source route failed";
                case 6: return "Destination network unknown";
                case 7: return "Destination host unknown";
                case 8: return "Source host isolated";
                case 9: return "Network administratively prohibited";
                case 10: return "Host administratively prohibited";
                case 11: return "Network unreachable for TOS";
                case 12: return "Host unreachable for TOS";
                case 13: return "Communication administratively filtered";
                case 14: return "Host precedence violation";
                case 15: return "Precedence cutoff in effect";
                default: return null;
            }
        }
        if (type == 11) {
            return code == 0 ? "Time to live exceeded in transit"
                    : code == 1 ? "Fragment reassembly time exceeded" : null;
        }
        if (type == 5) {
            switch (code) {
                case 0: return "Redirect for network";
                case 1: return "Redirect for host";
                case 2: return "Redirect for TOS and network";
                case 3: return "Redirect for TOS and host";
                default: return null;
            }
        }
        return null;
    }

    private static String icmpv6TypeName(int type) {
        switch (type) {
            case 1: return "Destination Unreachable";
            case 2: return "Packet Too Big";
            case 3: return "Time Exceeded";
            case 4: return "Parameter Problem";
            case 128: return "Echo (ping) request";
            case 129: return "Echo (ping) reply";
            case 130: return "Multicast Listener Query";
            case 131: return "Multicast Listener Report";
            case 132: return "Multicast Listener Done";
            case 133: return "Router Solicitation";
            case 134: return "Router Advertisement";
            case 135: return "Neighbor Solicitation";
            case 136: return "Neighbor Advertisement";
            case 137: return "Redirect";
            case 138: return "Router Renumbering";
            case 143: return "Multicast Listener Report Message v2";
            default: return null;
        }
    }

    private static String icmpv6CodeName(int type, int code) {
        switch (type) {
            case 1:
                switch (code) {
                    case 0: return "no route to destination";
                    case 1: return "Administratively prohibited";
                    case 2: return "Beyond scope of source address";
                    case 3: return "Address unreachable";
                    case 4: return "Port unreachable";
                    case 5: return "Source address failed ingress/egress policy";
                    case 6: return "Reject route to destination";
                    default: return null;
                }
            case 3:
                return code == 0 ? "hop limit exceeded in transit"
                        : code == 1 ? "fragment reassembly time exceeded" : null;
            case 4:
                switch (code) {
                    case 0: return "erroneous header field encountered";
                    case 1: return "unrecognized Next Header type encountered";
                    case 2: return "unrecognized IPv6 option encountered";
                    case 3: return "IPv6 First Fragment has incomplete IPv6 Header Chain";
                    default: return null;
                }
            default:
                return null;
        }
    }

    private static String dnsOpcodeName(int opcode) {
        switch (opcode) {
            case 0: return "Standard query";
            case 1: return "Inverse query";
            case 2: return "Server status request";
            case 4: return "Zone change notification";
            case 5: return "Dynamic update";
            default: return "Unknown operation (" + opcode + ")";
        }
    }

    private static String dnsRcodeName(int rcode) {
        switch (rcode) {
            case 1: return "Format error";
            case 2: return "Server failure";
            case 3: return "No such name";
            case 4: return "Not implemented";
            case 5: return "Refused";
            case 6: return "Name exists";
            case 7: return "RRset exists";
            case 8: return "RRset does not exist";
            case 9: return "Not authoritative";
            case 10: return "Name out of zone";
            default: return "Unknown error (" + rcode + ")";
        }
    }

    static String dnsTypeName(int type) {
        switch (type) {
            case 1: return "A";
            case 2: return "NS";
            case 5: return "CNAME";
            case 6: return "SOA";
            case 12: return "PTR";
            case 13: return "HINFO";
            case 15: return "MX";
            case 16: return "TXT";
            case 28: return "AAAA";
            case 33: return "SRV";
            case 35: return "NAPTR";
            case 41: return "OPT";
            case 43: return "DS";
            case 46: return "RRSIG";
            case 47: return "NSEC";
            case 48: return "DNSKEY";
            case 52: return "TLSA";
            case 64: return "SVCB";
            case 65: return "HTTPS";
            case 99: return "SPF";
            case 252: return "AXFR";
            case 255: return "ANY";
            case 257: return "CAA";
            default: return "Unknown (" + type + ")";
        }
    }

    private static String tlsHandshakeName(int type) {
        switch (type) {
            case 0: return "Hello Request";
            case 1: return "Client Hello";
            case 2: return "Server Hello";
            case 4: return "New Session Ticket";
            case 8: return "Encrypted Extensions";
            case 11: return "Certificate";
            case 12: return "Server Key Exchange";
            case 13: return "Certificate Request";
            case 14: return "Server Hello Done";
            case 15: return "Certificate Verify";
            case 16: return "Client Key Exchange";
            case 20: return "Finished";
            default: return "Handshake";
        }
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        StringBuilder sb = new StringBuilder(digits);
        for (int i = h.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(h).toString();
    }

    /** Bounds-checked reads over the captured frame. */
    private static final class Frame {
        final byte[] b;
        final int off;
        final int limit;

        Frame(byte[] b, int off, int limit) {
            this.b = b;
            this.off = off;
            this.limit = limit;
        }

        boolean has(int at, int n) {
            return at >= off && n >= 0 && limit - at >= n;
        }

        int layerStart(DecodedPacket p, int type) {
            for (int i = p.layerCount - 1; i >= 0; i--) {
                if (p.layerType[i] == type) {
                    return off + p.layerOffset[i];
                }
            }
            return -1;
        }

        int u8(int at) {
            return Bytes.u8(b, at);
        }

        int u16(int at) {
            return Bytes.u16(b, at);
        }

        int u24(int at) {
            return Bytes.u24(b, at);
        }

        long u32(int at) {
            return Bytes.u32(b, at);
        }

        long u48(int at) {
            return Bytes.u48(b, at);
        }

        long i64(int at) {
            return Bytes.i64(b, at);
        }

        /** Appends printable ASCII, escaping the rest as \xNN, within the captured bytes. */
        void ascii(int at, int n, StringBuilder sb) {
            int end = Math.min(limit, at + Math.max(0, n));
            for (int i = Math.max(at, off); i < end; i++) {
                int c = b[i] & 0xFF;
                if (c >= 0x20 && c < 0x7F) {
                    sb.append((char) c);
                } else {
                    sb.append("\\x").append(Character.forDigit(c >>> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                }
            }
        }
    }
}
