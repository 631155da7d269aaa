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
 * <p>Every dimension of a packet in a flow follows from its flow and direction, so the counters a
 * (flow, direction) feeds are looked up once per interval and remembered: a packet then costs one hash
 * probe and a few array increments instead of seven probes.
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
    /**
     * (flow, direction) entries remembered across the unwritten intervals, about 60 bytes each: a
     * capture with millions of flows a minute falls back to a lookup per dimension beyond this.
     */
    static final int MAX_REMEMBERED = 1 << 20;

    private final long captureId;
    private final TreeMap<Long, Interval> intervals = new TreeMap<>();
    private final Map<Long, String> ipv6Names = new HashMap<>();
    /** The interval of the previous packet: consecutive packets nearly always share one. */
    private Interval current;
    private long newest = Long.MIN_VALUE;
    private long rows;
    private int remembered;
    private final int maxRemembered;

    RollupAccumulator(long captureId) {
        this(captureId, MAX_REMEMBERED);
    }

    RollupAccumulator(long captureId, int maxRemembered) {
        this.captureId = captureId;
        this.maxRemembered = maxRemembered;
    }

    /** Counts one packet; flowIndex is negative for a packet outside any flow. */
    void add(long ts, int frameLen, boolean dirBa, long flowIndex, int proto, int vni, int port,
             int ipVersion, long srcHi, long srcLo) {
        long start = Math.floorDiv(ts, INTERVAL_NS) * INTERVAL_NS;
        Interval in = current;
        if (in == null || in.start != start) {
            in = interval(start);
        }
        int e = -1;
        FlowDirSlots f = in.flows;
        if (flowIndex >= 0) {
            long key = (flowIndex << 1 | (dirBa ? 1 : 0)) + 1;
            e = f.find(key);
            if (e < 0 && remembered < maxRemembered) {
                remembered++;
                e = f.add(key, in.dims.slot(key(DIM_DIR, dirBa ? 1 : 0)), in.dims.slot(protoKey(proto)),
                        in.dims.slot(vniKey(vni)), port >= 0 ? in.dims.slot(key(DIM_PORT, port)) : -1,
                        hostSlot(in.dims, ipVersion, srcHi, srcLo));
            }
        }
        if (e >= 0) {
            DimCounters d = in.dims;
            d.add(in.total, frameLen);
            d.add(f.dir[e], frameLen);
            d.add(f.proto[e], frameLen);
            d.add(f.vni[e], frameLen);
            if (f.port[e] >= 0) {
                d.add(f.port[e], frameLen);
            }
            if (f.host[e] >= 0) {
                d.add(f.host[e], frameLen);
            }
        } else {
            // Outside flows, or past the memory budget: every dimension looked up for the packet.
            DimCounters d = in.dims;
            d.add(in.total, frameLen);
            if (flowIndex >= 0) {
                d.add(d.slot(key(DIM_DIR, dirBa ? 1 : 0)), frameLen);
            }
            d.add(d.slot(protoKey(proto)), frameLen);
            d.add(d.slot(vniKey(vni)), frameLen);
            if (port >= 0) {
                d.add(d.slot(key(DIM_PORT, port)), frameLen);
            }
            int host = hostSlot(d, ipVersion, srcHi, srcLo);
            if (host >= 0) {
                d.add(host, frameLen);
            }
        }
        if (ts > newest) {
            newest = ts;
        }
    }

    private static long protoKey(int proto) {
        return key(DIM_PROTO, proto < 0 ? NONE : proto);
    }

    private static long vniKey(int vni) {
        return key(DIM_VNI, vni < 0 ? NONE : vni);
    }

    /** The counter of the source host, -1 when the packet is not IP. */
    private int hostSlot(DimCounters d, int ipVersion, long srcHi, long srcLo) {
        if (ipVersion == 4) {
            return d.slot(key(DIM_HOST4, srcLo));
        }
        if (ipVersion != 6) {
            return -1;
        }
        long h = (srcHi * 0x9E3779B97F4A7C15L + srcLo) & NONE;
        int size = d.size;
        int slot = d.slot(key(DIM_HOST6, h));
        if (d.size > size && ipv6Names.size() < MAX_NAMES) {
            ipv6Names.putIfAbsent(h, Addresses.ipv6(srcHi, srcLo));
        }
        return slot;
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
                remembered -= e.getValue().flows.size;
                it.remove();
            }
            ps.executeBatch();
        }
    }

    private record Row(String dim, String key, long packets, long bytes) {
    }

    private List<Row> rows(Interval in) {
        DimCounters d = in.dims;
        List<Row> out = new ArrayList<>();
        TopKeys ports = new TopKeys();
        TopKeys hosts = new TopKeys();
        for (int i = 0; i < d.size; i++) {
            long k = d.keys[i];
            long packets = d.packets[i];
            long bytes = d.bytes[i];
            int dim = (int) (k >>> 56);
            long v = k & NONE;
            switch (dim) {
                case (int) DIM_TOTAL -> out.add(new Row("total", "all", packets, bytes));
                case (int) DIM_DIR -> out.add(new Row("dir", v == 1 ? "ba" : "ab", packets, bytes));
                case (int) DIM_PORT -> ports.offer(k, packets, bytes);
                case (int) DIM_HOST4, (int) DIM_HOST6 -> hosts.offer(k, packets, bytes);
                default -> out.add(new Row(DIM_NAMES[dim], v == NONE ? "none" : Long.toString(v), packets, bytes));
            }
        }
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
        final DimCounters dims = new DimCounters();
        final int total = dims.slot(key(DIM_TOTAL, 0));
        final FlowDirSlots flows = new FlowDirSlots();

        Interval(long start) {
            this.start = start;
        }
    }

    /**
     * Packet and byte counters by dimension key, in slots that never move (insertion order), so that a
     * slot number can be remembered; an open-addressing index finds a key's slot.
     */
    static final class DimCounters {
        long[] keys = new long[256];
        long[] packets = new long[256];
        long[] bytes = new long[256];
        int size;
        private int[] index = new int[512];

        void add(int slot, int frameLen) {
            packets[slot]++;
            bytes[slot] += frameLen;
        }

        /** The slot of a key, made (with zero counts) when new. */
        int slot(long key) {
            int mask = index.length - 1;
            int i = hash(key) & mask;
            while (true) {
                int s = index[i] - 1;
                if (s < 0) {
                    break;
                }
                if (keys[s] == key) {
                    return s;
                }
                i = (i + 1) & mask;
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                packets = java.util.Arrays.copyOf(packets, size * 2);
                bytes = java.util.Arrays.copyOf(bytes, size * 2);
            }
            keys[size] = key;
            index[i] = ++size;
            if (size * 2 > index.length) {
                reindex();
            }
            return size - 1;
        }

        private void reindex() {
            index = new int[index.length * 2];
            int mask = index.length - 1;
            for (int s = 0; s < size; s++) {
                int i = hash(keys[s]) & mask;
                while (index[i] != 0) {
                    i = (i + 1) & mask;
                }
                index[i] = s + 1;
            }
        }
    }

    /**
     * For each (flow, direction) key ((flowIndex * 2 + direction) + 1, never 0) seen in an interval, the
     * counter slots its packets feed: direction, protocol, VNI, service port and source host (-1: none).
     */
    static final class FlowDirSlots {
        private long[] keys = new long[1024];
        private int[] entry = new int[1024];
        int[] dir = new int[512];
        int[] proto = new int[512];
        int[] vni = new int[512];
        int[] port = new int[512];
        int[] host = new int[512];
        private int size;

        /** The entry of a key, or -1. */
        int find(long key) {
            int mask = keys.length - 1;
            int i = hash(key) & mask;
            while (true) {
                long k = keys[i];
                if (k == key) {
                    return entry[i];
                }
                if (k == 0) {
                    return -1;
                }
                i = (i + 1) & mask;
            }
        }

        int add(long key, int dirSlot, int protoSlot, int vniSlot, int portSlot, int hostSlot) {
            if (size == dir.length) {
                int n = size * 2;
                dir = java.util.Arrays.copyOf(dir, n);
                proto = java.util.Arrays.copyOf(proto, n);
                vni = java.util.Arrays.copyOf(vni, n);
                port = java.util.Arrays.copyOf(port, n);
                host = java.util.Arrays.copyOf(host, n);
            }
            int e = size++;
            dir[e] = dirSlot;
            proto[e] = protoSlot;
            vni[e] = vniSlot;
            port[e] = portSlot;
            host[e] = hostSlot;
            put(keys, entry, key, e);
            if (size * 2 > keys.length) {
                long[] oldKeys = keys;
                int[] oldEntry = entry;
                keys = new long[oldKeys.length * 2];
                entry = new int[oldKeys.length * 2];
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != 0) {
                        put(keys, entry, oldKeys[i], oldEntry[i]);
                    }
                }
            }
            return e;
        }

        private static void put(long[] keys, int[] entry, long key, int e) {
            int mask = keys.length - 1;
            int i = hash(key) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            entry[i] = e;
        }
    }

    private static int hash(long key) {
        long z = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
        return (int) (z ^ (z >>> 29));
    }
}
