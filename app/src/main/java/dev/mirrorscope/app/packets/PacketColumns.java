package dev.mirrorscope.app.packets;

import dev.mirrorscope.app.common.ColumnSpec;
import dev.mirrorscope.engine.PacketRow;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The packet table's columns, for the table and its CSV export. Rows still being read show only their number. */
public final class PacketColumns {
    private PacketColumns() {
    }

    public static List<ColumnSpec<PacketItem>> all(Supplier<TimeFormat> time, ZoneId zone) {
        return List.of(
                new ColumnSpec<>("no", "No.", 80, true, p -> Long.toString(p.no()), PacketItem::no),
                new ColumnSpec<>("time", "Time", 150, true, p -> p.row() == null ? ""
                        : time.get().format(p.row().tsNs(), p.sinceFirstNs(), p.sincePreviousNs(), zone), null),
                ColumnSpec.text("source", "Source", 200, of(PacketRow::src)),
                ColumnSpec.text("destination", "Destination", 200, of(PacketRow::dst)),
                ColumnSpec.text("protocol", "Protocol", 80, p -> p.row() == null ? "" : p.protocol()),
                new ColumnSpec<>("length", "Length", 70, true, of(r -> Integer.toString(r.frameLen())), null),
                new ColumnSpec<>("vni", "VNI", 70, true, of(r -> r.vni() == null ? "" : r.vni().toString()), null),
                ColumnSpec.text("info", "Info", 600, p -> p.row() != null ? p.row().info()
                        : p.problem() != null ? "Cannot read this packet: " + p.problem() : ""));
    }

    private static Function<PacketItem, String> of(Function<PacketRow, String> f) {
        return p -> p.row() == null ? "" : f.apply(p.row());
    }
}
