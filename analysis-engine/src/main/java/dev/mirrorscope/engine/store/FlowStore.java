package dev.mirrorscope.engine.store;

import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.decode.Addresses;
import dev.mirrorscope.engine.flow.Flow;
import dev.mirrorscope.engine.flow.TcpEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes flow fragments in batches and reads flows back merged: fragments sharing a key (a flow that
 * left memory and came back, or one that spans two captures of the session) become one flow.
 */
public final class FlowStore {
    private static final int BATCH = 2000;
    private static final String COLUMNS = "capture_id, first_index, flow_key, proto, vni, ip_version, a, a_port, b, b_port,"
            + " packets_ab, bytes_ab, packets_ba, bytes_ba, first_ts_ns, last_ts_ns, tcp_events, syn_ts_ns, rtt_us, retransmits";

    private final Connection conn;
    private final PreparedStatement insert;
    private int pending;
    private long written;

    public FlowStore(Connection conn) throws SQLException {
        this.conn = conn;
        this.insert = conn.prepareStatement("INSERT INTO flows (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    public void add(long captureId, Flow f) throws SQLException {
        String a = Addresses.format(f.ipVersion, f.aHi, f.aLo);
        String b = Addresses.format(f.ipVersion, f.bHi, f.bLo);
        insert.setLong(1, captureId);
        insert.setLong(2, f.firstIndex);
        insert.setString(3, key(f, a, b));
        insert.setInt(4, f.proto);
        SessionStore.setNullableInt(insert, 5, f.vni);
        insert.setInt(6, f.ipVersion);
        insert.setString(7, a);
        SessionStore.setNullableInt(insert, 8, f.aPort);
        insert.setString(9, b);
        SessionStore.setNullableInt(insert, 10, f.bPort);
        insert.setLong(11, f.packetsAb);
        insert.setLong(12, f.bytesAb);
        insert.setLong(13, f.packetsBa);
        insert.setLong(14, f.bytesBa);
        insert.setLong(15, f.firstTs);
        insert.setLong(16, f.lastTs);
        insert.setInt(17, f.tcpEvents);
        SessionStore.setNullableLong(insert, 18, f.synTs >= 0 ? f.synTs : null);
        SessionStore.setNullableLong(insert, 19, f.rttUs >= 0 ? f.rttUs : null);
        insert.setLong(20, f.retransmits);
        insert.addBatch();
        written++;
        if (++pending >= BATCH) {
            flush();
        }
    }

    /** Canonical key: the same string for both orientations. */
    static String key(Flow f, String a, String b) {
        String ea = a + "#" + f.aPort;
        String eb = b + "#" + f.bPort;
        boolean aFirst = ea.compareTo(eb) <= 0;
        return f.proto + "|" + f.vni + "|" + (aFirst ? ea + "|" + eb : eb + "|" + ea);
    }

    public void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    public long written() {
        return written;
    }

    public void close() throws SQLException {
        flush();
        insert.close();
    }

    /**
     * Visits the session's flows ordered by first packet number, merging fragments by key. Only keys
     * with several fragments are held in memory, so a scan stays bounded for ordinary sessions.
     */
    public static void readAll(Connection conn, Consumer<FlowRow> sink) throws SQLException {
        Set<String> split = new HashSet<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT flow_key FROM flows GROUP BY flow_key HAVING COUNT(*) > 1")) {
            while (rs.next()) {
                split.add(rs.getString(1));
            }
        }
        Map<String, List<FlowRow>> fragments = new HashMap<>();
        Map<String, List<Integer>> events = new HashMap<>();
        if (!split.isEmpty()) {
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery(select() + " WHERE f.flow_key IN (SELECT flow_key FROM flows"
                         + " GROUP BY flow_key HAVING COUNT(*) > 1) ORDER BY c.first_no + f.first_index")) {
                while (rs.next()) {
                    String k = rs.getString("flow_key");
                    fragments.computeIfAbsent(k, x -> new ArrayList<>()).add(row(rs));
                    events.computeIfAbsent(k, x -> new ArrayList<>()).add(rs.getInt("tcp_events"));
                }
            }
        }
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery(select() + " ORDER BY c.first_no + f.first_index")) {
            while (rs.next()) {
                String k = rs.getString("flow_key");
                if (!split.contains(k)) {
                    sink.accept(row(rs));
                    continue;
                }
                List<FlowRow> parts = fragments.get(k);
                if (parts != null && parts.get(0).firstNo() == rs.getLong("first_no")) {
                    sink.accept(merge(parts, events.get(k)));
                }
            }
        }
    }

    private static String select() {
        return "SELECT f.*, c.first_no + f.first_index AS first_no FROM flows f JOIN captures c ON c.id = f.capture_id"
                + " AND c.state <> '" + SessionStore.STATE_INGESTING + "'";
    }

    private static FlowRow row(ResultSet rs) throws SQLException {
        int proto = rs.getInt("proto");
        long pab = rs.getLong("packets_ab");
        long pba = rs.getLong("packets_ba");
        return new FlowRow(rs.getLong("first_no"), proto, nullableInt(rs, "vni"), rs.getString("a"),
                nullableInt(rs, "a_port"), rs.getString("b"), nullableInt(rs, "b_port"), pab, rs.getLong("bytes_ab"),
                pba, rs.getLong("bytes_ba"), rs.getLong("first_ts_ns"), rs.getLong("last_ts_ns"),
                proto == 6 ? TcpEvents.state(rs.getInt("tcp_events"), pab, pba) : null,
                nullableLong(rs, "rtt_us"), rs.getLong("retransmits"));
    }

    /** Fragments in first-packet order; the first one decides which endpoint is a. */
    static FlowRow merge(List<FlowRow> parts, List<Integer> partEvents) {
        FlowRow first = parts.get(0);
        long pab = 0, bab = 0, pba = 0, bba = 0, retr = 0;
        int tcpEvents = 0;
        int i = 0;
        long firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE;
        Long rtt = null;
        for (FlowRow p : parts) {
            boolean same = p.a().equals(first.a()) && java.util.Objects.equals(p.aPort(), first.aPort());
            pab += same ? p.packetsAb() : p.packetsBa();
            bab += same ? p.bytesAb() : p.bytesBa();
            pba += same ? p.packetsBa() : p.packetsAb();
            bba += same ? p.bytesBa() : p.bytesAb();
            firstTs = Math.min(firstTs, p.firstTsNs());
            lastTs = Math.max(lastTs, p.lastTsNs());
            retr += p.retransmits();
            int ev = partEvents.get(i++);
            tcpEvents |= same ? ev : TcpEvents.swap(ev);
            if (rtt == null) {
                rtt = p.rttUs();
            }
        }
        String state = first.proto() == 6 ? TcpEvents.state(tcpEvents, pab, pba) : null;
        return new FlowRow(first.firstNo(), first.proto(), first.vni(), first.a(), first.aPort(), first.b(),
                first.bPort(), pab, bab, pba, bba, firstTs, lastTs, state, rtt, retr);
    }

    private static Integer nullableInt(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
