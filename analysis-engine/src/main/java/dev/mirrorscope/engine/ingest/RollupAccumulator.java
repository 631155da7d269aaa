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
 *
 * <p>Every dimension of a packet in a flow follows from its flow and direction, so such packets are
 * counted once per (flow, direction) and interval, and spread over the dimensions when the interval is
 * written: one hash probe per packet instead of seven.
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
    private final TreeMap<Long, Interval> intervals = new TreeMap<>();
    private final Map<Long, String> ipv6Names = new HashMap<>();
    /** The interval of the previous packet: consecutive packets nearly always share one. */
    private Interval current;
    private long newest = Long.MIN_VALUE;
    private long rows;

    RollupAccumulator(long captureId) {
        this.captureId = captureId;
    }

    /** Counts one packet; flowIndex is negative for a packet outside any flow. */
    void add(long ts, int frameLen, boolean dirBa, long flowIndex, int proto, int vni, int port,
             int ipVersion, long srcHi, long srcLo) {
        long start = Math.floorDiv(ts, INTERVAL_NS) * INTERVAL_NS;
        Interval in = current;
        if (in == null || in.start != start) {
            in = interval(start);
        }
        if (flowIndex >= 0) {
            in.flows.add((flowIndex << 1 | (dirBa ? 1 : 0)) + 1, frameLen, proto, vni, port, ipVersion, srcHi, srcLo);
        } else {
            addDims(in.dims, 1, frameLen, false, false, proto, vni, port, ipVersion, srcHi, srcLo);
        }
        if (ts > newest) {
            newest = ts;
        }
    }

    private Interval interval(long start) {
        Interval in = intervals.get(start);
        if (in == null) {
            in = new Interval(start);
            intervals.put(start, in);
        }
        current = in;
        return in;
    }

    private void addDims(LongCounterMap m, long packets, long bytes, boolean inFlow, boolean dirBa, int proto,
                         int vni, int port, int ipVersion, long srcHi, long srcLo) {
        m.add(key(DIM_TOTAL, 0), packets, bytes);
        if (inFlow) {
            m.add(key(DIM_DIR, dirBa ? 1 : 0), packets, bytes);
        }
        m.add(key(DIM_PROTO, proto < 0 ? NONE : proto), packets, bytes);
        m.add(key(DIM_VNI, vni < 0 ? NONE : vni), packets, bytes);
        if (port >= 0) {
            m.add(key(DIM_PORT, port), packets, bytes);
        }
        if (ipVersion == 4) {
            m.add(key(DIM_HOST4, srcLo), packets, bytes);
        } else if (ipVersion == 6) {
            long h = (srcHi * 0x9E3779B97F4A7C15L + srcLo) & NONE;
            if (m.add(key(DIM_HOST6, h), packets, bytes) && ipv6Names.size() < MAX_NAMES) {
                ipv6Names.putIfAbsent(h, Addresses.ipv6(srcHi, srcLo));
            }
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
            Iterator<Map.Entry<Long, Interval>> it = intervals.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Interval> e = it.next();
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
                if (e.getValue() == current) {
                    current = null;
                }
                it.remove();
            }
            ps.executeBatch();
        }
    }

    private record Row(String dim, String key, long packets, long bytes) {
    }

    private List<Row> rows(Interval in) {
        LongCounterMap m = in.dims;
        FlowDirCounters f = in.flows;
        for (int s = 0; s < f.keys.length; s++) {
            if (f.keys[s] != FlowDirCounters.EMPTY) {
                addDims(m, f.packets[s], f.bytes[s], true, ((f.keys[s] - 1) & 1) != 0, f.proto[s], f.vni[s], f.port[s],
                        f.ipVersion[s], f.srcHi[s], f.srcLo[s]);
            }
        }
        List<Row> out = new ArrayList<>();
        TopKeys ports = new TopKeys();
        TopKeys hosts = new TopKeys();
        m.forEach((k, packets, bytes) -> {
            int dim = (int) (k >>> 56);
            long v = k & NONE;
            switch (dim) {
                case (int) DIM_TOTAL -> out.add(new Row("total", "all", packets, bytes));
                case (int) DIM_DIR -> out.add(new Row("dir", v == 1 ? "ba" : "ab", packets, bytes));
                case (int) DIM_PORT -> ports.offer(k, packets, bytes);
                case (int) DIM_HOST4, (int) DIM_HOST6 -> hosts.offer(k, packets, bytes);
                default -> out.add(new Row(DIM_NAMES[dim], v == NONE ? "none" : Long.toString(v), packets, bytes));
            }
        });
        ports.addRows(out, "port");
        hosts.addRows(out, "host");
        return out;
    }

    private String keyName(long k) {
        long v = k & NONE;
        return switch ((int) (k >>> 56)) {
            case (int) DIM_HOST4 -> Addresses.ipv4(v);
            case (int) DIM_HOST6 -> ipv6Names.getOrDefault(v, "ipv6#" + v);
            default -> Long.toString(v);
        };
    }

    /**
     * The {@link #TOP_KEYS} busiest keys of a dimension, by bytes, then packets, then name, and the
     * sum of the rest. A min-heap over primitives: an interval of a busy capture has tens of thousands of
     * hosts, and sorting them all (with a name for each) cost a third of a second at the end of an ingest.
     */
    private final class TopKeys {
        private final long[] keys = new long[TOP_KEYS];
        private final long[] packets = new long[TOP_KEYS];
        private final long[] bytes = new long[TOP_KEYS];
        private int size;
        private long offered;
        private long sumPackets;
        private long sumBytes;

        void offer(long k, long p, long b) {
            offered++;
            sumPackets += p;
            sumBytes += b;
            if (size < TOP_KEYS) {
                keys[size] = k;
                packets[size] = p;
                bytes[size] = b;
                siftUp(size++);
            } else if (busier(k, p, b, 0)) {
                keys[0] = k;
                packets[0] = p;
                bytes[0] = b;
                siftDown(0);
            }
        }

        /** True when (k, p, b) ranks above the entry in heap slot i. */
        private boolean busier(long k, long p, long b, int i) {
            if (b != bytes[i]) {
                return b > bytes[i];
            }
            if (p != packets[i]) {
                return p > packets[i];
            }
            return keyName(k).compareTo(keyName(keys[i])) < 0;
        }

        /** The heap keeps the least busy entry on top. */
        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!busier(keys[parent], packets[parent], bytes[parent], i)) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int least = i;
                for (int c = 2 * i + 1; c <= 2 * i + 2 && c < size; c++) {
                    if (busier(keys[least], packets[least], bytes[least], c)) {
                        least = c;
                    }
                }
                if (least == i) {
                    return;
                }
                swap(i, least);
                i = least;
            }
        }

        private void swap(int i, int j) {
            long k = keys[i];
            keys[i] = keys[j];
            keys[j] = k;
            long p = packets[i];
            packets[i] = packets[j];
            packets[j] = p;
            long b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }

        void addRows(List<Row> out, String dim) {
            long p = sumPackets;
            long b = sumBytes;
            for (int i = 0; i < size; i++) {
                out.add(new Row(dim, keyName(keys[i]), packets[i], bytes[i]));
                p -= packets[i];
                b -= bytes[i];
            }
            if (offered > TOP_KEYS) {
                out.add(new Row(dim, "other", p, b));
            }
        }
    }

    private static final class Interval {
        final long start;
        /** Packets outside flows, by dimension; the flows' share is added when the interval is written. */
        final LongCounterMap dims = new LongCounterMap(64);
        final FlowDirCounters flows = new FlowDirCounters();

        Interval(long start) {
            this.start = start;
        }
    }

    /**
     * Packets and bytes per (flow, direction) key, with the dimensions the key stands for. Keys are
     * (flowIndex * 2 + direction) + 1, so that 0 marks an empty slot.
     */
    static final class FlowDirCounters {
        static final long EMPTY = 0;
        private static final int INITIAL = 1024;

        long[] keys = new long[INITIAL];
        long[] packets = new long[INITIAL];
        long[] bytes = new long[INITIAL];
        int[] proto = new int[INITIAL];
        int[] vni = new int[INITIAL];
        int[] port = new int[INITIAL];
        int[] ipVersion = new int[INITIAL];
        long[] srcHi = new long[INITIAL];
        long[] srcLo = new long[INITIAL];
        private int size;

        FlowDirCounters() {
        }

        void add(long key, int frameLen, int proto, int vni, int port, int ipVersion, long srcHi, long srcLo) {
            int mask = keys.length - 1;
            int i = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B9 >>> 8 & mask;
            while (true) {
                long k = keys[i];
                if (k == key) {
                    packets[i]++;
                    bytes[i] += frameLen;
                    return;
                }
                if (k == EMPTY) {
                    put(i, key, 1, frameLen, proto, vni, port, ipVersion, srcHi, srcLo);
                    if (++size > keys.length / 2) {
                        grow();
                    }
                    return;
                }
                i = (i + 1) & mask;
            }
        }

        private void put(int i, long key, long p, long b, int proto, int vni, int port, int ipVersion, long srcHi,
                         long srcLo) {
            keys[i] = key;
            packets[i] = p;
            bytes[i] = b;
            this.proto[i] = proto;
            this.vni[i] = vni;
            this.port[i] = port;
            this.ipVersion[i] = ipVersion;
            this.srcHi[i] = srcHi;
            this.srcLo[i] = srcLo;
        }

        private void grow() {
            FlowDirCounters old = new FlowDirCounters(keys, packets, bytes, proto, vni, port, ipVersion, srcHi, srcLo);
            int n = keys.length * 2;
            keys = new long[n];
            packets = new long[n];
            bytes = new long[n];
            proto = new int[n];
            vni = new int[n];
            port = new int[n];
            ipVersion = new int[n];
            srcHi = new long[n];
            srcLo = new long[n];
            int mask = n - 1;
            for (int s = 0; s < old.keys.length; s++) {
                long key = old.keys[s];
                if (key == EMPTY) {
                    continue;
                }
                int i = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B9 >>> 8 & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                put(i, key, old.packets[s], old.bytes[s], old.proto[s], old.vni[s], old.port[s], old.ipVersion[s],
                        old.srcHi[s], old.srcLo[s]);
            }
        }

        private FlowDirCounters(long[] keys, long[] packets, long[] bytes, int[] proto, int[] vni, int[] port,
                                int[] ipVersion, long[] srcHi, long[] srcLo) {
            this.keys = keys;
            this.packets = packets;
            this.bytes = bytes;
            this.proto = proto;
            this.vni = vni;
            this.port = port;
            this.ipVersion = ipVersion;
            this.srcHi = srcHi;
            this.srcLo = srcLo;
        }
    }
}
