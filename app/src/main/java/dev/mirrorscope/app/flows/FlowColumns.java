package dev.mirrorscope.app.flows;

import dev.mirrorscope.app.common.ColumnSpec;
import dev.mirrorscope.engine.FlowRow;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/** The flow table's columns, for the table and its CSV export; numbers sort as numbers, addresses as addresses. */
public final class FlowColumns {
    private FlowColumns() {
    }

    public static List<ColumnSpec<FlowRow>> all(LongSupplier sessionStartNs) {
        return List.of(
                ColumnSpec.<FlowRow>text("proto", "Protocol", 70, f -> protocolName(f.proto())),
                ColumnSpec.<FlowRow>number("vni", "VNI", 60, FlowRow::vni),
                ColumnSpec.<FlowRow>text("a", "Address A", 170, FlowRow::a).sortedBy(f -> AddressKey.of(f.a())),
                ColumnSpec.<FlowRow>number("aPort", "Port A", 60, FlowRow::aPort),
                ColumnSpec.<FlowRow>text("b", "Address B", 170, FlowRow::b).sortedBy(f -> AddressKey.of(f.b())),
                ColumnSpec.<FlowRow>number("bPort", "Port B", 60, FlowRow::bPort),
                ColumnSpec.<FlowRow>number("packetsAb", "Packets A→B", 90, FlowRow::packetsAb),
                ColumnSpec.<FlowRow>number("bytesAb", "Bytes A→B", 90, FlowRow::bytesAb),
                ColumnSpec.<FlowRow>number("packetsBa", "Packets B→A", 90, FlowRow::packetsBa),
                ColumnSpec.<FlowRow>number("bytesBa", "Bytes B→A", 90, FlowRow::bytesBa),
                new ColumnSpec<FlowRow>("start", "Start", 100, true,
                        f -> seconds(f.firstTsNs() - sessionStartNs.getAsLong()), FlowRow::firstTsNs),
                new ColumnSpec<FlowRow>("duration", "Duration", 90, true,
                        f -> seconds(f.lastTsNs() - f.firstTsNs()), f -> f.lastTsNs() - f.firstTsNs()),
                ColumnSpec.<FlowRow>text("state", "TCP state", 90, f -> f.tcpState() == null ? "" : f.tcpState()),
                new ColumnSpec<FlowRow>("rtt", "RTT ms", 80, true,
                        f -> f.rttUs() == null ? "" : String.format(Locale.ROOT, "%.3f", f.rttUs() / 1000.0),
                        FlowRow::rttUs),
                ColumnSpec.<FlowRow>number("retransmits", "Retrans.", 70, FlowRow::retransmits));
    }

    static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.6f", ns / 1e9);
    }

    public static String protocolName(int proto) {
        return switch (proto) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 1 -> "ICMP";
            case 58 -> "ICMPv6";
            case 132 -> "SCTP";
            case 47 -> "GRE";
            case 50 -> "ESP";
            default -> "IP " + proto;
        };
    }
}
