package dev.mirrorscope.engine.dissect;

import java.util.HashMap;
import java.util.Map;

/** The names Wireshark gives to numbers: EtherTypes, IP protocols, ICMP types, DNS types, TLS values. */
final class Names {
    private Names() {
    }

    private static Map<Integer, String> table(Object... pairs) {
        Map<Integer, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Integer) pairs[i], (String) pairs[i + 1]);
        }
        return Map.copyOf(m);
    }

    static String of(Map<Integer, String> table, int v, String unknown) {
        String s = table.get(v);
        return s != null ? s : unknown;
    }

    static final Map<Integer, String> ETHER_TYPES = table(
            0x0800, "IPv4", 0x0806, "ARP", 0x86DD, "IPv6", 0x8100, "802.1Q Virtual LAN",
            0x88A8, "802.1ad Provider Bridge (Q-in-Q)", 0x9100, "QinQ: old non-standard 802.1ad",
            0x8847, "MPLS label switched packet", 0x8848, "MPLS multicast label switched packet",
            0x880B, "PPP", 0x88BE, "ERSPAN", 0x22EB, "ERSPAN", 0x6558, "Transparent Ethernet bridging",
            0x8909, "Cisco MetaData", 0x88CC, "802.1 Link Layer Discovery Protocol (LLDP)", 0x8035, "RARP",
            0x894F, "Network Service Header", 0x9000, "Configuration Test Protocol (loopback)",
            0x88E5, "802.1AE (MACsec)", 0x8863, "PPPoE Discovery", 0x8864, "PPPoE Session");

    static String etherType(int t) {
        return of(ETHER_TYPES, t, "Unknown");
    }

    static final Map<Integer, String> IP_PROTOCOLS = table(
            0, "IPv6 Hop-by-Hop Option", 1, "ICMP", 2, "IGMP", 4, "IPIP", 6, "TCP", 17, "UDP", 41, "IPv6",
            43, "Routing Header for IPv6", 44, "Fragment Header for IPv6", 47, "Generic Routing Encapsulation",
            50, "Encap Security Payload", 51, "Authentication Header", 58, "ICMPv6", 59, "IPv6 No Next Header",
            60, "Destination Options for IPv6", 89, "OSPF IGP", 103, "PIM", 112, "Virtual Router Redundancy Protocol",
            132, "SCTP", 136, "UDPLite", 137, "MPLS in IP");

    static String ipProtocol(int p) {
        return of(IP_PROTOCOLS, p, "Unknown");
    }

    static final Map<Integer, String> ICMP_TYPES = table(
            0, "Echo (ping) reply", 3, "Destination unreachable", 4, "Source quench (flow control)",
            5, "Redirect", 8, "Echo (ping) request", 9, "Router advertisement", 10, "Router solicitation",
            11, "Time-to-live exceeded", 12, "Parameter problem", 13, "Timestamp request", 14, "Timestamp reply",
            17, "Address mask request", 18, "Address mask reply");

    static final Map<Integer, String> ICMP_UNREACHABLE = table(
            0, "Network unreachable", 1, "Host unreachable", 2, "Protocol unreachable", 3, "Port unreachable",
            4, "Fragmentation needed", 5, "Source route failed", 6, "Destination network unknown",
            7, "Destination host unknown", 8, "Source host isolated", 9, "Network administratively prohibited",
            10, "Host administratively prohibited", 11, "Network unreachable for TOS",
            12, "Host unreachable for TOS", 13, "Communication administratively filtered",
            14, "Host precedence violation", 15, "Precedence cutoff in effect");

    static final Map<Integer, String> ICMP_REDIRECT = table(
            0, "Redirect for network", 1, "Redirect for host", 2, "Redirect for TOS and network",
            3, "Redirect for TOS and host");

    static final Map<Integer, String> ICMP_TIME_EXCEEDED = table(
            0, "Time to live exceeded in transit", 1, "Fragment reassembly time exceeded");

    static final Map<Integer, String> ICMPV6_TYPES = table(
            1, "Destination Unreachable", 2, "Packet Too Big", 3, "Time Exceeded", 4, "Parameter Problem",
            128, "Echo (ping) request", 129, "Echo (ping) reply", 130, "Multicast Listener Query",
            131, "Multicast Listener Report", 132, "Multicast Listener Done", 133, "Router Solicitation",
            134, "Router Advertisement", 135, "Neighbor Solicitation", 136, "Neighbor Advertisement",
            137, "Redirect", 138, "Router Renumbering", 143, "Multicast Listener Report Message v2");

    static final Map<Integer, String> ICMPV6_UNREACHABLE = table(
            0, "no route to destination", 1, "Administratively prohibited", 2, "Beyond scope of source address",
            3, "Address unreachable", 4, "Port unreachable", 5, "Source address failed ingress/egress policy",
            6, "Reject route to destination");

    static final Map<Integer, String> DSCP_LONG = table(
            0, "Default", 8, "Class Selector 1", 10, "Assured Forwarding 11", 12, "Assured Forwarding 12",
            14, "Assured Forwarding 13", 16, "Class Selector 2", 18, "Assured Forwarding 21",
            20, "Assured Forwarding 22", 22, "Assured Forwarding 23", 24, "Class Selector 3",
            26, "Assured Forwarding 31", 28, "Assured Forwarding 32", 30, "Assured Forwarding 33",
            32, "Class Selector 4", 34, "Assured Forwarding 41", 36, "Assured Forwarding 42",
            38, "Assured Forwarding 43", 40, "Class Selector 5", 44, "Voice Admit", 46, "Expedited Forwarding",
            48, "Class Selector 6", 56, "Class Selector 7", 1, "Lower Effort");

    static final Map<Integer, String> DSCP_SHORT = table(
            0, "CS0", 8, "CS1", 10, "AF11", 12, "AF12", 14, "AF13", 16, "CS2", 18, "AF21", 20, "AF22", 22, "AF23",
            24, "CS3", 26, "AF31", 28, "AF32", 30, "AF33", 32, "CS4", 34, "AF41", 36, "AF42", 38, "AF43", 40, "CS5",
            44, "VOICE-ADMIT", 46, "EF", 48, "CS6", 56, "CS7", 1, "LE");

    static final String[] ECN_LONG = {"Not ECN-Capable Transport", "ECN-Capable Transport codepoint '01'",
        "ECN-Capable Transport codepoint '10'", "Congestion Experienced"};
    static final String[] ECN_SHORT = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};

    static String dscp(int v) {
        return of(DSCP_LONG, v, "Unknown");
    }

    static String dscpShort(int v) {
        return of(DSCP_SHORT, v, "Unknown");
    }

    static final String[] VLAN_PRIORITY = {"Best Effort (default)", "Background", "Excellent Effort",
        "Critical Applications", "Video, < 100ms latency and jitter", "Voice, < 10ms latency and jitter",
        "Internetwork Control", "Network Control"};

    static final Map<Integer, String> TCP_OPTION_KINDS = table(
            0, "End of Option List", 1, "No-Operation", 2, "Maximum Segment Size", 3, "Window Scale",
            4, "SACK Permitted", 5, "SACK", 8, "Time Stamp Option", 19, "MD5 Signature Option",
            28, "TCP User Timeout", 29, "TCP-AO", 30, "Multipath TCP", 34, "TCP Fast Open Cookie",
            253, "RFC3692-style Experiment 1", 254, "RFC3692-style Experiment 2");

    static final Map<Integer, String> DNS_TYPES = table(
            1, "A (Host Address)", 2, "NS (authoritative Name Server)", 5, "CNAME (Canonical NAME for an alias)",
            6, "SOA (Start Of a zone of Authority)", 12, "PTR (domain name PoinTeR)", 13, "HINFO (host information)",
            15, "MX (Mail eXchange)", 16, "TXT (Text strings)", 28, "AAAA (IPv6 Address)",
            33, "SRV (Server Selection)", 35, "NAPTR (Naming Authority PoinTeR)", 41, "OPT", 43, "DS (Delegation Signer)",
            46, "RRSIG (Resource Record Signature)", 47, "NSEC (Next Secure)", 48, "DNSKEY (DNS Public Key)",
            64, "SVCB (General Purpose Service Endpoints)", 65, "HTTPS (HTTPS Specific Service Endpoints)",
            252, "AXFR (transfer of an entire zone)", 255, "* (A request for all records the server/cache has available)",
            257, "CAA (Certification Authority Restriction)");

    static final Map<Integer, String> DNS_TYPES_SHORT = table(
            1, "A", 2, "NS", 5, "CNAME", 6, "SOA", 12, "PTR", 13, "HINFO", 15, "MX", 16, "TXT", 28, "AAAA", 33, "SRV",
            35, "NAPTR", 41, "OPT", 43, "DS", 46, "RRSIG", 47, "NSEC", 48, "DNSKEY", 64, "SVCB", 65, "HTTPS",
            252, "AXFR", 255, "ANY", 257, "CAA");

    static String dnsType(int t) {
        return of(DNS_TYPES, t, "Unknown (" + t + ")");
    }

    static String dnsTypeShort(int t) {
        return of(DNS_TYPES_SHORT, t, "Unknown (" + t + ")");
    }

    static final Map<Integer, String> DNS_CLASSES = table(1, "IN", 3, "CH", 4, "HS", 254, "NONE", 255, "ANY");

    static final Map<Integer, String> DNS_OPCODES = table(0, "Standard query", 1, "Inverse query",
            2, "Server status request", 4, "Zone change notification", 5, "Dynamic update");

    static final Map<Integer, String> DNS_RCODES = table(0, "No error", 1, "Format error", 2, "Server failure",
            3, "No such name", 4, "Not implemented", 5, "Refused", 6, "Name exists", 7, "RRset exists",
            8, "RRset does not exist", 9, "Not authoritative", 10, "Name out of zone");

    static final Map<Integer, String> TLS_VERSIONS = table(0x0300, "SSL 3.0", 0x0301, "TLS 1.0", 0x0302, "TLS 1.1",
            0x0303, "TLS 1.2", 0x0304, "TLS 1.3");

    static final Map<Integer, String> TLS_RECORD_VERSIONS = table(0x0300, "SSLv3", 0x0301, "TLSv1",
            0x0302, "TLSv1.1", 0x0303, "TLSv1.2", 0x0304, "TLSv1.3");

    static final Map<Integer, String> TLS_CONTENT_TYPES = table(20, "Change Cipher Spec", 21, "Alert",
            22, "Handshake", 23, "Application Data", 24, "Heartbeat");

    static final Map<Integer, String> TLS_HANDSHAKE_TYPES = table(0, "Hello Request", 1, "Client Hello",
            2, "Server Hello", 4, "New Session Ticket", 5, "End of Early Data", 8, "Encrypted Extensions",
            11, "Certificate", 12, "Server Key Exchange", 13, "Certificate Request", 14, "Server Hello Done",
            15, "Certificate Verify", 16, "Client Key Exchange", 20, "Finished", 24, "Key Update");

    static final Map<Integer, String> TLS_EXTENSIONS = table(0, "server_name", 1, "max_fragment_length",
            5, "status_request", 10, "supported_groups", 11, "ec_point_formats", 13, "signature_algorithms",
            14, "use_srtp", 15, "heartbeat", 16, "application_layer_protocol_negotiation",
            18, "signed_certificate_timestamp", 21, "padding", 22, "encrypt_then_mac",
            23, "extended_master_secret", 27, "compress_certificate", 28, "record_size_limit",
            35, "session_ticket", 41, "pre_shared_key", 42, "early_data", 43, "supported_versions",
            44, "cookie", 45, "psk_key_exchange_modes", 49, "post_handshake_auth", 50, "signature_algorithms_cert",
            51, "key_share", 57, "quic_transport_parameters", 17513, "application_settings",
            65037, "encrypted_client_hello", 65281, "renegotiation_info");

    static final Map<Integer, String> TLS_GROUPS = table(0x0017, "secp256r1", 0x0018, "secp384r1",
            0x0019, "secp521r1", 0x001d, "x25519", 0x001e, "x448", 0x0100, "ffdhe2048", 0x0101, "ffdhe3072",
            0x11ec, "X25519MLKEM768", 0x6399, "X25519Kyber768Draft00");

    static final Map<Integer, String> TLS_CIPHER_SUITES = table(
            0x1301, "TLS_AES_128_GCM_SHA256", 0x1302, "TLS_AES_256_GCM_SHA384",
            0x1303, "TLS_CHACHA20_POLY1305_SHA256", 0x1304, "TLS_AES_128_CCM_SHA256",
            0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384",
            0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA",
            0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
            0x5600, "TLS_FALLBACK_SCSV");

    static final Map<Integer, String> HTTP_STATUS = table(100, "Continue", 101, "Switching Protocols",
            200, "OK", 201, "Created", 202, "Accepted", 204, "No Content", 206, "Partial Content",
            301, "Moved Permanently", 302, "Found", 303, "See Other", 304, "Not Modified", 307, "Temporary Redirect",
            308, "Permanent Redirect", 400, "Bad Request", 401, "Unauthorized", 403, "Forbidden", 404, "Not Found",
            405, "Method Not Allowed", 408, "Request Time-out", 409, "Conflict", 413, "Request Entity Too Large",
            429, "Too Many Requests", 500, "Internal Server Error", 501, "Not Implemented", 502, "Bad Gateway",
            503, "Service Unavailable", 504, "Gateway Time-out");

    /** Header names (lower case) to Wireshark's fields for them. */
    static final Map<String, String> HTTP_HEADERS = Map.ofEntries(
            Map.entry("host", "http.host"), Map.entry("user-agent", "http.user_agent"),
            Map.entry("accept", "http.accept"), Map.entry("accept-encoding", "http.accept_encoding"),
            Map.entry("accept-language", "http.accept_language"), Map.entry("content-type", "http.content_type"),
            Map.entry("content-length", "http.content_length_header"), Map.entry("cache-control", "http.cache_control"),
            Map.entry("connection", "http.connection"), Map.entry("server", "http.server"),
            Map.entry("location", "http.location"), Map.entry("referer", "http.referer"),
            Map.entry("cookie", "http.cookie"), Map.entry("set-cookie", "http.set_cookie"),
            Map.entry("authorization", "http.authorization"), Map.entry("date", "http.date"),
            Map.entry("last-modified", "http.last_modified"), Map.entry("transfer-encoding", "http.transfer_encoding"),
            Map.entry("content-encoding", "http.content_encoding"), Map.entry("x-forwarded-for", "http.x_forwarded_for"),
            Map.entry("upgrade", "http.upgrade"), Map.entry("www-authenticate", "http.www_authenticate"),
            Map.entry("proxy-authorization", "http.proxy_authorization"), Map.entry("if-modified-since", "http.if_modified_since"),
            Map.entry("keep-alive", "http.keep_alive"), Map.entry("content-range", "http.content_range"));
}
