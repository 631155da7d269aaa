package dev.mirrorscope.app.packets;

import dev.mirrorscope.engine.PacketRow;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * A row of the packet table. It exists before its packet has been read (the table is virtual over the
 * session): it is not {@link #ready()} until its page arrives, and cells showing it update when
 * {@link #readyProperty()} turns true. Then it holds the packet's {@link #row()}, or a {@link #problem()}
 * when the packet could not be read.
 */
public final class PacketItem {
    private final long no;
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private PacketRow row;
    private long sinceFirstNs;
    private long sincePreviousNs;
    private String protocol = "";
    private String problem;

    public PacketItem(long no) {
        this.no = no;
    }

    /** An item filled at once, for tests and exports. */
    public static PacketItem of(PacketRow r, long sinceFirstNs, long sincePreviousNs) {
        PacketItem p = new PacketItem(r.no());
        p.fill(r, sinceFirstNs, sincePreviousNs);
        return p;
    }

    /** Sets the packet once it has been read; on the UI thread in the application. */
    public void fill(PacketRow r, long sinceFirst, long sincePrevious) {
        this.row = r;
        this.sinceFirstNs = sinceFirst;
        this.sincePreviousNs = sincePrevious;
        this.protocol = protocolOf(r);
        ready.set(true);
    }

    /** The packet could not be read (its capture moved away, say): the row says so in its Info column. */
    public void fail(String why) {
        this.problem = why;
        ready.set(true);
    }

    public long no() {
        return no;
    }

    /** The packet, or null while it is being read or when it could not be. */
    public PacketRow row() {
        return row;
    }

    public boolean ready() {
        return ready.get();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public String problem() {
        return problem;
    }

    public long sinceFirstNs() {
        return sinceFirstNs;
    }

    public long sincePreviousNs() {
        return sincePreviousNs;
    }

    public String protocol() {
        return protocol;
    }

    /** A protocol label in the manner of a packet list: the application where the port names it. */
    public static String protocolOf(PacketRow p) {
        Integer proto = p.proto();
        String info = p.info() == null ? "" : p.info();
        if (proto == null) {
            return info.startsWith("Who has") || info.contains(" is at ") ? "ARP" : "Ethernet";
        }
        int sp = p.sport() == null ? -1 : p.sport();
        int dp = p.dport() == null ? -1 : p.dport();
        switch (proto) {
            case 6:
                if (info.startsWith("GET ") || info.startsWith("POST ") || info.startsWith("PUT ")
                        || info.startsWith("DELETE ") || info.startsWith("HEAD ") || info.startsWith("HTTP/")) {
                    return "HTTP";
                }
                if (info.contains("Client Hello") || info.startsWith("Server Hello")
                        || info.startsWith("Application Data") || info.startsWith("Change Cipher Spec")
                        || info.startsWith("Alert") || info.startsWith("TLS")) {
                    return "TLS";
                }
                if (sp == 53 || dp == 53) {
                    return "DNS";
                }
                if (sp == 22 || dp == 22) {
                    return "SSH";
                }
                if (sp == 5432 || dp == 5432) {
                    return "PGSQL";
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

    /** CSS pseudo-class of the row for colouring in the manner of a packet analyser's default rules, or null. */
    public String styleClass() {
        PacketRow r = row;
        if (r == null) {
            return problem != null ? "row-anomaly" : null;
        }
        if (r.anomaly() != null) {
            return "row-anomaly";
        }
        Integer flags = r.tcpFlags();
        if (flags != null && (flags & 0x04) != 0) {
            return "row-rst";
        }
        if (flags != null && (flags & 0x03) != 0) {
            return "row-syn";
        }
        String info = r.info() == null ? "" : r.info();
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
