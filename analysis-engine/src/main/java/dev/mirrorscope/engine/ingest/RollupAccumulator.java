package dev.mirrorscope.engine.ingest;

import dev.mirrorscope.engine.decode.Addresses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-interval packet and byte counts by direction, protocol, VNI, service port and source host, the
 * data behind the charts. Intervals are aligned to the epoch. An interval is written once capture time
 * has moved well past it, so memory holds only the recent ones; hosts and ports keep the busiest
 * {@link #TOP_KEYS} per interval and fold the rest into "other" to bound the row count.
 */
final class RollupAccumulator {
    static final long INTERVAL_NS = 1_000_000_000L;
    /** Intervals this far behind the newest packet are final (captures are nearly in time order). */
    private static final long SETTLE_NS = 60_000_000_000L;
    static final int TOP_KEYS = 64;

    private static final long DIM_TOTAL = 0;
    private static final long DIM_DIR = 1;
    private static final long DIM_PROTO = 2;
    private static final long DIM_VNI = 3;
    private static final long DIM_PORT = 4;
    private static final long DIM_HOST4 = 5;
    private static final long DIM_HOST6 = 6;
    private static final String[] DIM_NAMES = {"total", "dir", "proto", "vni", "port", "host", "host"};
    private static final long NONE = (1L << 56) - 1;
    private static final int MAX_NAMES = 200_000;

    private final long captureId;
    private final TreeMap<Long, LongCounterMap> intervals = new TreeMap<>();
    private final Map<Long, String> ipv6Names = new HashMap<>();
    private long newest = Long.MIN_VALUE;
    private long rows;

    RollupAccumulator(long captureId) {
        this.captureId = captureId;
    }

    void add(long ts, int frameLen, boolean dirBa, boolean inFlow, int proto, int vni, int port,
             int ipVersion, long srcHi, long srcLo) {
        long start = Math.floorDiv(ts, INTERVAL_NS) * INTERVAL_NS;
        LongCounterMap m = intervals.get(start);
        if (m == null) {
            m = new LongCounterMap(256);
            intervals.put(start, m);
        }
        m.add(key(DIM_TOTAL, 0), 1, frameLen);
        if (inFlow) {
            m.add(key(DIM_DIR, dirBa ? 1 : 0), 1, frameLen);
        }
        m.add(key(DIM_PROTO, proto < 0 ? NONE : proto), 1, frameLen);
        m.add(key(DIM_VNI, vni < 0 ? NONE : vni), 1, frameLen);
        if (port >= 0) {
            m.add(key(DIM_PORT, port), 1, frameLen);
        }
        if (ipVersion == 4) {
            m.add(key(DIM_HOST4, srcLo), 1, frameLen);
        } else if (ipVersion == 6) {
            long h = (srcHi * 0x9E3779B97F4A7C15L + srcLo) & NONE;
            if (m.add(key(DIM_HOST6, h), 1, frameLen) && ipv6Names.size() < MAX_NAMES) {
                ipv6Names.putIfAbsent(h, Addresses.ipv6(srcHi, srcLo));
            }
        }
        if (ts > newest) {
            newest = ts;
        }
    }

    private static long key(long dim, long value) {
        return (dim << 56) | (value & NONE);
    }

    /** Writes the intervals that can no longer change. */
    void flushSettled(Connection conn) throws SQLException {
        if (intervals.isEmpty() || intervals.firstKey() >= newest - SETTLE_NS) {
            return;
        }
        write(conn, newest - SETTLE_NS);
    }

    void flushAll(Connection conn) throws SQLException {
        write(conn, Long.MAX_VALUE);
    }

    long rows() {
        return rows;
    }

    private void write(Connection conn, long before) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO rollups (capture_id, interval_ns, start_ns, dim, dim_key, packets, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Iterator<Map.Entry<Long, LongCounterMap>> it = intervals.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, LongCounterMap> e = it.next();
                if (e.getKey() >= before) {
                    break;
                }
                for (Row r : rows(e.getValue())) {
                    ps.setLong(1, captureId);
                    ps.setLong(2, INTERVAL_NS);
                    ps.setLong(3, e.getKey());
                    ps.setString(4, r.dim);
                    ps.setString(5, r.key);
                    ps.setLong(6, r.packets);
                    ps.setLong(7, r.bytes);
                    ps.addBatch();
                    rows++;
                }
                it.remove();
            }
            ps.executeBatch();
        }
    }

    private record Row(String dim, String key, long packets, long bytes) {
    }

    private List<Row> rows(LongCounterMap m) {
        List<Row> fixed = new ArrayList<>();
        List<Row> ports = new ArrayList<>();
        List<Row> hosts = new ArrayList<>();
        m.forEach((k, packets, bytes) -> {
            int dim = (int) (k >>> 56);
            long v = k & NONE;
            switch (dim) {
                case (int) DIM_TOTAL -> fixed.add(new Row("total", "all", packets, bytes));
                case (int) DIM_DIR -> fixed.add(new Row("dir", v == 1 ? "ba" : "ab", packets, bytes));
                case (int) DIM_PORT -> ports.add(new Row("port", Long.toString(v), packets, bytes));
                case (int) DIM_HOST4 -> hosts.add(new Row("host", Addresses.ipv4(v), packets, bytes));
                case (int) DIM_HOST6 -> hosts.add(new Row("host", ipv6Names.getOrDefault(v, "ipv6#" + v), packets, bytes));
                default -> fixed.add(new Row(DIM_NAMES[dim], v == NONE ? "none" : Long.toString(v), packets, bytes));
            }
        });
        fixed.addAll(top(ports, "port"));
        fixed.addAll(top(hosts, "host"));
        return fixed;
    }

    private static List<Row> top(List<Row> rows, String dim) {
        if (rows.size() <= TOP_KEYS) {
            return rows;
        }
        rows.sort((x, y) -> Long.compare(y.bytes, x.bytes));
        List<Row> out = new ArrayList<>(rows.subList(0, TOP_KEYS));
        long p = 0;
        long b = 0;
        for (Row r : rows.subList(TOP_KEYS, rows.size())) {
            p += r.packets;
            b += r.bytes;
        }
        out.add(new Row(dim, "other", p, b));
        return out;
    }
}
