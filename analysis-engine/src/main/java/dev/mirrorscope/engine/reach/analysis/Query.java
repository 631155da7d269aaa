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
}
