package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.decode.DecodedPacket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The frame line: number, lengths, time, link type, and what the mirror encapsulation says. */
final class FrameLines {
    /** tshark's absolute time: "Nov  2, 2026 09:00:00.029939940 UTC" (day padded with a space). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private FrameLines() {
    }

    static ProtocolNode frame(TreeWriter w, FrameInfo f, DecodedPacket d, PacketDissector.Events events) {
        String iface = f.interfaceName() != null ? " on interface " + f.interfaceName() : "";
        ProtocolNode frame = TreeWriter.protocol("Frame " + f.number() + ": " + f.origLen() + " bytes on wire ("
                + f.origLen() * 8L + " bits), " + w.cap + " bytes captured (" + w.cap * 8L + " bits)" + iface,
                "frame", 0, w.cap);
        if (f.interfaceName() != null) {
            plain(frame, "Interface name: " + f.interfaceName());
        }
        plain(frame, "Link type: " + linkTypeName(f.linkType()) + " (" + f.linkType() + ")");
        String time = time(f.tsNs());
        frame.add(new ProtocolNode(ProtocolNode.Kind.FIELD, "Arrival Time: " + time, "frame.time", time, 0, 0,
                ProtocolNode.Severity.NONE));
        String epoch = epoch(f.tsNs());
        frame.add(new ProtocolNode(ProtocolNode.Kind.FIELD, "Epoch Time: " + epoch + " seconds", "frame.time_epoch",
                epoch, 0, 0, ProtocolNode.Severity.NONE));
        frame.add(new ProtocolNode(ProtocolNode.Kind.FIELD, "Frame Number: " + f.number(), "frame.number",
                Long.toString(f.number()), 0, 0, ProtocolNode.Severity.NONE));
        frame.add(new ProtocolNode(ProtocolNode.Kind.FIELD, "Frame Length: " + f.origLen() + " bytes ("
                + f.origLen() * 8L + " bits)", "frame.len", Integer.toString(f.origLen()), 0, 0,
                ProtocolNode.Severity.NONE));
        frame.add(new ProtocolNode(ProtocolNode.Kind.FIELD, "Capture Length: " + w.cap + " bytes (" + w.cap * 8L
                + " bits)", "frame.cap_len", Integer.toString(w.cap), 0, 0, ProtocolNode.Severity.NONE));
        plain(frame, "[Protocols in frame: " + PacketDissector.protocolsInFrame(events) + "]");
        String tunnel = DecodedPacket.tunnelName(d.tunnel);
        if (tunnel != null) {
            StringBuilder sb = new StringBuilder("[Mirrored: ").append(tunnel.toUpperCase(Locale.ROOT));
            if (d.vni >= 0) {
                sb.append(d.tunnel == DecodedPacket.TUNNEL_GRE ? ", key " : d.tunnel == DecodedPacket.TUNNEL_ERSPAN
                        ? ", session " : ", VNI ").append(d.vni);
            }
            if (d.innerLen >= 0) {
                sb.append(", inner packet ").append(d.innerLen).append(" bytes captured");
            }
            plain(frame, sb.append(']').toString());
        }
        return frame;
    }

    private static void plain(ProtocolNode parent, String label) {
        parent.add(new ProtocolNode(ProtocolNode.Kind.TEXT, label, null, null, 0, 0, ProtocolNode.Severity.NONE));
    }

    static String time(long tsNs) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(tsNs, 1_000_000_000L), Math.floorMod(tsNs, 1_000_000_000L));
        return TIME.format(t) + String.format(Locale.ROOT, ".%09d UTC", t.getNano());
    }

    static String epoch(long tsNs) {
        return String.format(Locale.ROOT, "%d.%09d", Math.floorDiv(tsNs, 1_000_000_000L),
                Math.floorMod(tsNs, 1_000_000_000L));
    }

    static String linkTypeName(int linkType) {
        switch (linkType) {
            case LinkTypes.ETHERNET: return "Ethernet";
            case LinkTypes.NULL: return "BSD loopback";
            case LinkTypes.LOOP: return "OpenBSD loopback";
            case LinkTypes.RAW: return "Raw IP";
            case LinkTypes.IPV4: return "Raw IPv4";
            case LinkTypes.IPV6: return "Raw IPv6";
            case LinkTypes.LINUX_SLL: return "Linux cooked-mode capture v1";
            case LinkTypes.LINUX_SLL2: return "Linux cooked-mode capture v2";
            default: return "Unknown";
        }
    }
}
