package dev.mirrorscope.app.packets;

import dev.mirrorscope.engine.PacketRow;

/** A packet table row: the engine's row plus what the table shows derived from it. */
public record PacketItem(PacketRow row, double relativeSeconds, String protocol) {

    /** A protocol label in the manner of a packet list: the application where the port names it. */
    public static String protocolOf(PacketRow p) {
        Integer proto = p.proto();
        if (proto == null) {
            return p.info() != null && p.info().startsWith("Who has") || p.info() != null && p.info().contains(" is at ")
                    ? "ARP" : "Ethernet";
        }
        int sp = p.sport() == null ? -1 : p.sport();
        int dp = p.dport() == null ? -1 : p.dport();
        String info = p.info() == null ? "" : p.info();
        switch (proto) {
            case 6:
                if (info.startsWith("GET ") || info.startsWith("POST ") || info.startsWith("HTTP/")) {
                    return "HTTP";
                }
                if (info.contains("Client Hello") || info.startsWith("Server Hello")
                        || info.startsWith("Application Data") || info.startsWith("Change Cipher Spec")
                        || info.startsWith("Alert")) {
                    return "TLS";
                }
                if (sp == 53 || dp == 53) {
                    return "DNS";
                }
                if (sp == 22 || dp == 22) {
                    return "SSH";
                }
                return "TCP";
            case 17:
                return sp == 53 || dp == 53 ? "DNS" : "UDP";
            case 1:
                return "ICMP";
            case 58:
                return "ICMPv6";
            case 50:
                return "ESP";
            case 51:
                return "AH";
            case 132:
                return "SCTP";
            default:
                return "IP " + proto;
        }
    }

    /** Style class for Wireshark-like colouring, or null. */
    public String styleClass() {
        if (row.anomaly() != null) {
            return "row-anomaly";
        }
        Integer flags = row.tcpFlags();
        if (flags != null && (flags & 0x04) != 0) {
            return "row-rst";
        }
        if (flags != null && (flags & 0x03) != 0) {
            return "row-syn";
        }
        String info = row.info() == null ? "" : row.info();
        if (("ICMP".equals(protocol) || "ICMPv6".equals(protocol))
                && (info.startsWith("Destination unreachable") || info.startsWith("Time exceeded"))) {
            return "row-icmp-error";
        }
        return switch (protocol) {
            case "DNS" -> "row-dns";
            case "ICMP", "ICMPv6" -> "row-icmp";
            case "HTTP", "TLS" -> "row-app";
            default -> null;
        };
    }
}
