package dev.mirrorscope.engine.decode;

/**
 * What the decoders learned about one packet, in primitive fields. One instance per worker is reused
 * for every packet ({@link #reset()}), so decoding allocates nothing. "Innermost" means the last IP
 * header after the innermost tunnel, never a header quoted inside an ICMP error.
 */
public final class DecodedPacket {
    /** Most layers kept per packet: tunnels in tunnels and long IPv6 chains stop being listed here. */
    public static final int MAX_LAYERS = 64;

    public static final int TUNNEL_NONE = 0;
    public static final int TUNNEL_VXLAN = 1;
    public static final int TUNNEL_GENEVE = 2;
    public static final int TUNNEL_GRE = 3;
    public static final int TUNNEL_ERSPAN = 4;

    /** Outermost encapsulation removed: TUNNEL_*. */
    public int tunnel;
    /** VNI (VXLAN/Geneve) of the outermost tunnel, GRE key or ERSPAN session id; -1 when none. */
    public int vni;
    /**
     * Length of the decapsulated inner packet/frame of the outermost tunnel (captured bytes); -1 when none.
     * When the tunnel header's optional part (Geneve options, GRE optional fields, ERSPAN III platform
     * sub-header) is itself cut off, the captured bytes after its fixed part.
     */
    public int innerLen;

    /** Innermost IP version: 0 when the packet has no IP layer, else 4 or 6. */
    public int ipVersion;
    /** Innermost addresses. IPv4: {@code lo} holds the address as an unsigned 32-bit value, {@code hi} is 0. */
    public long srcHi, srcLo, dstHi, dstLo;
    /**
     * Innermost Ethernet addresses as 48-bit values, -1 when there is no Ethernet header (a tunnel's
     * envelope does not count: a tunnel without an inner Ethernet frame leaves them -1).
     */
    public long srcMac, dstMac;
    /** Innermost IP protocol (IPv4 protocol field, IPv6 last next-header of the extension chain); -1 when none. */
    public int proto;
    /** Innermost transport ports, -1 when none (ICMP, non-first fragments, truncated headers). */
    public int sport, dport;
    /** TCP flag byte, -1 when not TCP. */
    public int tcpFlags;
    public long tcpSeq, tcpAck;
    public int tcpWindow;
    /** TCP payload bytes captured in this segment (by header lengths, not captured length). */
    public int tcpPayloadLen;
    /** TCP options, -1 when absent. */
    public int tcpMss, tcpWindowScale;
    public boolean tcpSackPermitted;
    public int tcpSackBlocks;
    public long tcpTsVal, tcpTsEcr;
    public boolean tcpHasTimestamps;
    /** Start and captured length of the innermost transport payload in the frame; -1 when none. */
    public int payloadOffset, payloadLength;
    /** True for an IP fragment other than the first (of the innermost IP header). */
    public boolean nonFirstFragment;
    /** True for any fragment, first or not (MF set or offset non-zero). */
    public boolean fragment;
    /** ICMP/ICMPv6 type and code, -1 when not ICMP. */
    public int icmpType, icmpCode;
    /** Ethertype of the innermost Ethernet payload (after VLAN tags), -1 when none. */
    public int etherType;
    /** Outermost VLAN id seen (802.1Q/802.1ad), -1 when none. */
    public int vlanId;
    /** Application protocol recognised on the innermost transport: Layer.DNS, TLS, HTTP or -1. */
    public int app;

    /** Fragment offset in bytes of the innermost IP header (IPv4 or IPv6 Fragment header), 0 when none. */
    public int fragmentOffset;
    /** UDP length field of the innermost UDP header (after the IPv6 jumbogram rule), -1 when none. */
    public int udpLength;
    /** First SACK block of the TCP header (left and right edge), valid when tcpSackBlocks > 0. */
    public long tcpSackLeft, tcpSackRight;
    /** ICMP/ICMPv6 echo identifier and sequence number, -1 when not an echo message. */
    public int icmpId, icmpSeq;
    /** ARP opcode (1 request, 2 reply), -1 when not ARP. */
    public int arpOp;

    /**
     * Start (relative to the frame) and captured length of the application message, after a DNS-over-TCP
     * length prefix; -1 when none.
     */
    public int appOffset, appLength;
    /** DNS header fields, -1 when not DNS. */
    public int dnsId, dnsFlags, dnsQuestions, dnsAnswers;
    /**
     * First question: name start (relative to the frame; compression pointers count from appOffset) and
     * QTYPE, -1 when none.
     */
    public int dnsNameOffset, dnsQtype;
    /** TLS record content type and handshake message type of the first record, -1 when none. */
    public int tlsRecordType, tlsHandshakeType;
    /** ClientHello server_name: host name bytes (relative to the frame) and length, -1 when none. */
    public int tlsSniOffset, tlsSniLength;
    /** HTTP/1.x request line: method length (the method starts at appOffset), target and version; -1 when none. */
    public int httpMethodLength, httpTargetOffset, httpTargetLength, httpVersionOffset, httpVersionLength;
    /** HTTP/1.x request Host header value (trimmed), -1 when none. */
    public int httpHostOffset, httpHostLength;
    /** HTTP/1.x response status code, -1 when not a response; the status line is appOffset..+httpLineLength. */
    public int httpStatus, httpLineLength;

    /**
     * AWS Gateway Load Balancer Geneve options (class 0x0108) of the outermost Geneve header: start of the
     * option data (relative to the frame) for the GWLB endpoint id (8 bytes), attachment id (8 bytes) and
     * flow cookie (4 bytes); -1 when absent.
     */
    public int gwlbEndpointIdOffset, gwlbAttachmentIdOffset, gwlbFlowCookieOffset;

    /** Start of the frame in the array being decoded: every offset recorded here is relative to it. */
    int base;
    /** Tunnels and IP-in-IP headers descended into so far (bounded by DecodeLimits.MAX_NESTING). */
    int nesting;
    /**
     * End of the current container as its length fields declare it (absolute index, may lie beyond the
     * captured bytes): a header that is declared but not captured is truncated, not absent.
     */
    int declaredEnd;
    /** Tunnel ports of the decoder working on this packet. */
    DecodeOptions options;
    /** Hears layers, parts and every anomaly when a details tree is built; null on the bulk path. */
    DecodeListener listener;

    /** Layers in dissection order, outermost first: Layer.* constants, start offset and length in the frame. */
    public int layerCount;
    public final int[] layerType = new int[MAX_LAYERS];
    public final int[] layerOffset = new int[MAX_LAYERS];
    public final int[] layerLength = new int[MAX_LAYERS];

    /** First anomaly found (Anomaly ordinal), -1 when the packet decoded cleanly. */
    public int anomaly;
    /** Number of anomalies found in this packet. */
    public int anomalyCount;
    /** Offset in the frame where the first anomaly was found. */
    public int anomalyOffset;
    /** First notice (an Anomaly that is not malformed, such as mirror_truncated) as its ordinal, else -1. */
    public int notice;

    public DecodedPacket() {
        reset();
    }

    public void reset() {
        tunnel = TUNNEL_NONE;
        vni = -1;
        innerLen = -1;
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        srcMac = dstMac = -1;
        proto = -1;
        sport = dport = -1;
        tcpFlags = -1;
        tcpSeq = tcpAck = 0;
        tcpWindow = 0;
        tcpPayloadLen = 0;
        tcpMss = tcpWindowScale = -1;
        tcpSackPermitted = false;
        tcpSackBlocks = 0;
        tcpTsVal = tcpTsEcr = 0;
        tcpHasTimestamps = false;
        payloadOffset = payloadLength = -1;
        nonFirstFragment = false;
        fragment = false;
        icmpType = icmpCode = -1;
        etherType = -1;
        vlanId = -1;
        app = -1;
        fragmentOffset = 0;
        udpLength = -1;
        tcpSackLeft = tcpSackRight = 0;
        icmpId = icmpSeq = -1;
        arpOp = -1;
        appOffset = appLength = -1;
        dnsId = dnsFlags = dnsQuestions = dnsAnswers = -1;
        dnsNameOffset = dnsQtype = -1;
        tlsRecordType = tlsHandshakeType = -1;
        tlsSniOffset = tlsSniLength = -1;
        httpMethodLength = httpTargetOffset = httpTargetLength = httpVersionOffset = httpVersionLength = -1;
        httpHostOffset = httpHostLength = -1;
        httpStatus = httpLineLength = -1;
        gwlbEndpointIdOffset = gwlbAttachmentIdOffset = gwlbFlowCookieOffset = -1;
        base = 0;
        nesting = 0;
        declaredEnd = 0;
        layerCount = 0;
        anomaly = -1;
        anomalyCount = 0;
        notice = -1;
        anomalyOffset = -1;
        listener = null;
    }

    /** Records a layer; silently stops listing past MAX_LAYERS (the decoder limits nesting itself). */
    public void addLayer(int type, int offset, int length) {
        if (listener != null) {
            listener.layer(type, offset, length);
        }
        if (layerCount < MAX_LAYERS) {
            layerType[layerCount] = type;
            layerOffset[layerCount] = offset;
            layerLength[layerCount] = length;
            layerCount++;
        }
    }

    public void anomaly(Anomaly a, int offset) {
        if (!a.malformed()) {
            if (listener != null) {
                listener.anomaly(a, offset);
            }
            if (notice < 0) {
                notice = a.ordinal();
            }
            return;
        }
        if (notice == Anomaly.MIRROR_TRUNCATED.ordinal() && a.cutOff()) {
            return; // a header the mirror session cut off, not a damaged one
        }
        if (listener != null) {
            listener.anomaly(a, offset);
        }
        if (anomalyCount == 0) {
            anomaly = a.ordinal();
            anomalyOffset = offset;
        }
        anomalyCount++;
    }

    /** Forgets the network, transport and application fields: a tunnel's inner packet starts afresh. */
    void clearNetwork() {
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        proto = -1;
        nonFirstFragment = false;
        fragment = false;
        fragmentOffset = 0;
        etherType = -1;
        clearTransport();
    }

    /** Forgets the transport and application fields: a new IP header describes a new packet. */
    void clearTransport() {
        sport = dport = -1;
        tcpFlags = -1;
        tcpSeq = tcpAck = 0;
        tcpWindow = 0;
        tcpPayloadLen = 0;
        tcpMss = tcpWindowScale = -1;
        tcpSackPermitted = false;
        tcpSackBlocks = 0;
        tcpSackLeft = tcpSackRight = 0;
        tcpTsVal = tcpTsEcr = 0;
        tcpHasTimestamps = false;
        payloadOffset = payloadLength = -1;
        udpLength = -1;
        icmpType = icmpCode = -1;
        icmpId = icmpSeq = -1;
        app = -1;
        appOffset = appLength = -1;
        dnsId = dnsFlags = dnsQuestions = dnsAnswers = -1;
        dnsNameOffset = dnsQtype = -1;
        tlsRecordType = tlsHandshakeType = -1;
        tlsSniOffset = tlsSniLength = -1;
        httpMethodLength = httpTargetOffset = httpTargetLength = httpVersionOffset = httpVersionLength = -1;
        httpHostOffset = httpHostLength = -1;
        httpStatus = httpLineLength = -1;
    }

    /** Records a layer at an absolute position in the array. */
    void layerAt(int type, int pos, int length) {
        addLayer(type, pos - base, length);
    }

    /** True when a listener wants the details that the bulk path skips. */
    boolean listening() {
        return listener != null;
    }

    /** Reports a part at an absolute position to the listener, if any. */
    void partAt(int part, int pos, int length) {
        if (listener != null) {
            listener.part(part, pos - base, length);
        }
    }

    /** Reports a layer to the listener only: one past what the layer list keeps. */
    void unlistedLayerAt(int type, int pos, int length) {
        if (listener != null) {
            listener.layer(type, pos - base, length);
        }
    }

    /**
     * Reports an anomaly that only a listener's extra walk finds (a bad option, a DNS record cut off):
     * the packet's own anomaly fields stay as the bulk path sets them.
     */
    void listenerAnomalyAt(Anomaly a, int pos) {
        if (listener != null) {
            listener.anomaly(a, pos - base);
        }
    }

    /** Records an anomaly at an absolute position in the array. */
    void anomalyAt(Anomaly a, int pos) {
        anomaly(a, pos - base);
    }

    public boolean hasLayer(int type) {
        for (int i = 0; i < layerCount; i++) {
            if (layerType[i] == type) {
                return true;
            }
        }
        return false;
    }

    public static String tunnelName(int tunnel) {
        switch (tunnel) {
            case TUNNEL_VXLAN: return "vxlan";
            case TUNNEL_GENEVE: return "geneve";
            case TUNNEL_GRE: return "gre";
            case TUNNEL_ERSPAN: return "erspan";
            default: return null;
        }
    }
}
