package dev.mirrorscope.engine.decode;

/**
 * Named decoding anomalies, in the manner of Zeek's "weirds": a malformed packet is kept, marked with
 * the first anomaly found, and counted by name. Names are stable snake_case identifiers. A few are
 * notices rather than damage ({@link #malformed()} false): the packet is as its sender made it, only
 * cut short on the way to the capture, and it is counted apart from the malformed ones.
 */
public enum Anomaly {
    TRUNCATED_ETHERNET("truncated_ethernet"),
    TRUNCATED_VLAN_HEADER("truncated_vlan_header"),
    TOO_MANY_VLAN_TAGS("too_many_vlan_tags"),
    TRUNCATED_LINK_HEADER("truncated_link_header"),
    UNKNOWN_LINK_TYPE("unknown_link_type"),
    TRUNCATED_ARP("truncated_arp"),
    TRUNCATED_IPV4_HEADER("truncated_ipv4_header"),
    BAD_IPV4_HEADER_LENGTH("bad_ipv4_header_length"),
    BAD_IPV4_TOTAL_LENGTH("bad_ipv4_total_length"),
    BAD_IP_VERSION("bad_ip_version"),
    TRUNCATED_IPV6_HEADER("truncated_ipv6_header"),
    BAD_IPV6_PAYLOAD_LENGTH("bad_ipv6_payload_length"),
    TRUNCATED_IPV6_EXTENSION("truncated_ipv6_extension"),
    TOO_MANY_IPV6_EXTENSIONS("too_many_ipv6_extensions"),
    TRUNCATED_TCP_HEADER("truncated_tcp_header"),
    BAD_TCP_HEADER_LENGTH("bad_tcp_header_length"),
    BAD_TCP_OPTION("bad_tcp_option"),
    TRUNCATED_UDP_HEADER("truncated_udp_header"),
    BAD_UDP_LENGTH("bad_udp_length"),
    TRUNCATED_ICMP("truncated_icmp"),
    TRUNCATED_SCTP_HEADER("truncated_sctp_header"),
    TRUNCATED_AH("truncated_ah"),
    TRUNCATED_VXLAN("truncated_vxlan"),
    TRUNCATED_GENEVE("truncated_geneve"),
    BAD_GENEVE_OPTIONS("bad_geneve_options"),
    TRUNCATED_GRE("truncated_gre"),
    UNSUPPORTED_GRE_VERSION("unsupported_gre_version"),
    TRUNCATED_ERSPAN("truncated_erspan"),
    TOO_MANY_TUNNELS("too_many_tunnels"),
    TRUNCATED_DNS("truncated_dns"),
    DNS_POINTER_LOOP("dns_pointer_loop"),
    BAD_DNS_NAME("bad_dns_name"),
    TRUNCATED_TLS("truncated_tls"),
    BAD_HTTP_REQUEST("bad_http_request"),
    TRUNCATED_NSH("truncated_nsh"),
    CAPTURED_LENGTH_EXCEEDS_ORIGINAL("captured_length_exceeds_original"),
    // Added with the decoders; appended so that earlier ordinals keep their meaning.
    BAD_NSH_LENGTH("bad_nsh_length"),
    TRUNCATED_ESP("truncated_esp"),
    TRUNCATED_PPP("truncated_ppp"),
    TRUNCATED_MPLS("truncated_mpls"),
    TOO_MANY_MPLS_LABELS("too_many_mpls_labels"),
    TRUNCATED_CISCO_METADATA("truncated_cisco_metadata"),
    BAD_GRE_ROUTING("bad_gre_routing"),
    BAD_ERSPAN_VERSION("bad_erspan_version"),
    BAD_TLS_HANDSHAKE("bad_tls_handshake"),
    /** A decoder hit an internal error; the packet is kept with what was decoded before it. */
    DECODER_BUG("decoder_bug"),
    EMPTY_PACKET("empty_packet"),
    BAD_IPV6_OPTION("bad_ipv6_option"),
    BAD_IPV6_ROUTING_HEADER("bad_ipv6_routing_header"),
    // Found only by the details tree's extra walks (DecodeListener): never counted at ingest.
    BAD_IPV4_OPTION("bad_ipv4_option"),
    TRUNCATED_DNS_RECORD("truncated_dns_record"),
    BAD_HTTP_HEADER("bad_http_header"),
    /**
     * The packet inside a tunnel is longer than the tunnel carries, while the outer packet is intact:
     * the mirror session copied only part of it (an AWS mirror session with a packet length). Not malformed.
     */
    MIRROR_TRUNCATED("mirror_truncated", false);

    private final String id;
    private final boolean malformed;

    Anomaly(String id) {
        this(id, true);
    }

    Anomaly(String id, boolean malformed) {
        this.id = id;
        this.malformed = malformed;
    }

    /** False for notices: the packet is not damaged, and ingest does not count it as malformed. */
    public boolean malformed() {
        return malformed;
    }

    /** A header that was cut off where the captured bytes end (rather than declared too short). */
    boolean cutOff() {
        return id.startsWith("truncated_");
    }

    /** The stable snake_case name shown to people and stored in the session. */
    public String id() {
        return id;
    }

    private static final Anomaly[] VALUES = values();

    public static Anomaly of(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }
}
