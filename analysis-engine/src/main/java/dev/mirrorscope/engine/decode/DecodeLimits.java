package dev.mirrorscope.engine.decode;

/** Bounds on the work one packet can cause, each with the reason for its value. */
public final class DecodeLimits {
    /**
     * Tunnels and IP-in-IP headers descended into per packet. A mirrored packet has one or two (VXLAN or
     * Geneve, sometimes GRE or IP-in-IP inside); eight leaves room for real stacks while a packet of 200
     * nested VXLAN headers stops after eight instead of recursing 200 deep.
     */
    public static final int MAX_NESTING = 8;
    /**
     * 802.1Q/802.1ad tags and Cisco MetaData shims before an EtherType. QinQ uses two; eight allows
     * unusual provider stacks and bounds a frame made of nothing but tags.
     */
    public static final int MAX_VLAN_TAGS = 8;
    /**
     * IPv6 extension headers walked per IPv6 header. tshark walks the corpus' 100-header chain completely,
     * so the limit must be above 100; 128 keeps that and bounds a 64 KiB payload of 8-byte headers.
     */
    public static final int MAX_IPV6_EXTENSION_HEADERS = 128;
    /**
     * Layer slots kept free for what follows a long IPv6 extension chain, so the transport and
     * application layers are still listed (DecodedPacket.MAX_LAYERS is 64).
     */
    public static final int LAYERS_RESERVED_AFTER_IPV6_EXTENSIONS = 16;
    /**
     * DNS compression pointers followed for one name. A name has at most 255 bytes and so at most 127
     * labels, and a valid encoding never needs more jumps than labels: more is a loop.
     */
    public static final int MAX_DNS_POINTER_HOPS = 127;
    /** DNS names are at most 255 bytes on the wire (RFC 1035 section 3.1). */
    public static final int MAX_DNS_NAME_LENGTH = 255;
    /**
     * Source route entries in a GRE routing field (RFC 1701). Each entry is at least 4 bytes, so the
     * packet bounds the walk anyway; 64 is far above any real route and stops a walk early.
     */
    public static final int MAX_GRE_SRES = 64;
    /** MPLS labels before the bottom of stack. Real stacks hold 2 to 5; 16 bounds a frame of labels. */
    public static final int MAX_MPLS_LABELS = 16;
    /** Bytes of an HTTP/1.x request line and headers searched for the Host header: keeps the scan cheap. */
    public static final int MAX_HTTP_HEADER_SCAN = 4096;

    private DecodeLimits() {
    }
}
