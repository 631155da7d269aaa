package dev.mirrorscope.engine.reach.analysis;

/**
 * A question: can {@code source} reach {@code destination} with this protocol and destination port? Source
 * and destination are IDs (network interface, instance, internet gateway) or bare IP addresses. A null port
 * asks whether any port gets through; {@code sourcePort} null means any ephemeral port (1024-65535).
 */
public record Query(String source, String destination, Protocol protocol, Integer port, Integer sourcePort) {

    public Query {
        if (protocol == null) {
            protocol = Protocol.TCP;
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        if (sourcePort != null && (sourcePort < 0 || sourcePort > 65535)) {
            throw new IllegalArgumentException("source port " + sourcePort + " is outside 0-65535");
        }
    }

    public Query(String source, String destination, Protocol protocol, Integer port) {
        this(source, destination, protocol, port, null);
    }

    /**
     * The question a flow (or a flow-log record) asks: could {@code src}:{@code srcPort} have reached
     * {@code dst}:{@code dstPort} with this IANA protocol number (6, 17, 1 or 58)?
     *
     * @throws IllegalArgumentException for other protocols, which the analyzer does not trace
     */
    public static Query ofFlow(String src, Integer srcPort, String dst, Integer dstPort, int protocolNumber) {
        Protocol p = switch (protocolNumber) {
            case 6 -> Protocol.TCP;
            case 17 -> Protocol.UDP;
            case 1, 58 -> Protocol.ICMP;
            default -> throw new IllegalArgumentException("protocol " + protocolNumber
                    + " is not traced (tcp, udp and icmp are)");
        };
        return p.hasPorts() ? new Query(src, dst, p, dstPort, srcPort) : new Query(src, dst, p, null, null);
    }
}
