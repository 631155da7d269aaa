package dev.mirrorscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollups table against a per-packet recount from the packets and flows the session shows. */
class RollupsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int TOP_KEYS = 64;

    @TempDir
    Path tmp;

    @Test
    void rollupsMatchARecountOfEveryPacketWithOneOrManyThreads() throws Exception {
        Path cap = TestCaptures.fixture("mirror-mixed.pcapng");
        Map<String, List<Long>> one = ingestAndCheck(cap, tmp.resolve("one"), 1);
        Map<String, List<Long>> many = ingestAndCheck(cap, tmp.resolve("many"), 3);
        assertThat(many).isEqualTo(one);
    }

    @Test
    void busyIntervalsFoldTheQuietestHostsIntoOther() throws Exception {
        Map<String, List<Long>> rows = ingestAndCheck(TestCaptures.fixture("mirror-bulk.pcap.gz"), tmp.resolve("bulk"), 2);
        assertThat(rows.keySet()).anyMatch(k -> k.endsWith("|host|other"));
    }

    private Map<String, List<Long>> ingestAndCheck(Path cap, Path dir, int threads) throws IOException, SQLException {
        List<PacketRow> packets = new ArrayList<>();
        List<FlowRow> flows = new ArrayList<>();
        try (Session s = Session.open(dir)) {
            s.ingest(List.of(cap), IngestOptions.defaults().threads(threads), IngestListener.NONE);
            s.packets(1, -1, packets::add);
            s.flows(flows::add);
        }
        Map<String, List<Long>> stored = stored(dir);
        assertThat(stored).isEqualTo(recount(packets, flows));
        return stored;
    }

    private static Map<String, List<Long>> stored(Path dir) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        Map<String, List<Long>> out = new TreeMap<>();
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + dir.toAbsolutePath().resolve("session"), p);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT start_ns, dim, dim_key, packets, bytes FROM rollups")) {
            while (rs.next()) {
                out.put(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3), List.of(rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    /** Counts every packet into its 1 s interval by each dimension, as the contract describes the charts. */
    private static Map<String, List<Long>> recount(List<PacketRow> packets, List<FlowRow> flows) {
        Map<String, FlowRow> byKey = new HashMap<>();
        for (FlowRow f : flows) {
            FlowRow before = byKey.put(key(f.proto(), f.vni(), f.a(), f.aPort(), f.b(), f.bPort()), f);
            assertThat(before).as("one flow per key in this capture").isNull();
        }
        Map<Long, Map<String, long[]>> intervals = new TreeMap<>();
        for (PacketRow r : packets) {
            Map<String, long[]> m = intervals.computeIfAbsent(Math.floorDiv(r.tsNs(), SECOND) * SECOND, k -> new HashMap<>());
            count(m, "total|all", r.frameLen());
            if (r.proto() != null) {
                FlowRow f = byKey.get(key(r.proto(), r.vni(), r.src(), r.sport(), r.dst(), r.dport()));
                assertThat(f).as("flow of packet %d", r.no()).isNotNull();
                boolean ab = f.a().equals(r.src()) && Objects.equals(f.aPort(), r.sport())
                        && f.b().equals(r.dst()) && Objects.equals(f.bPort(), r.dport());
                count(m, "dir|" + (ab ? "ab" : "ba"), r.frameLen());
                count(m, "host|" + r.src(), r.frameLen());
            }
            count(m, "proto|" + (r.proto() == null ? "none" : r.proto()), r.frameLen());
            count(m, "vni|" + (r.vni() == null ? "none" : r.vni()), r.frameLen());
            if (r.sport() != null && r.dport() != null) {
                count(m, "port|" + Math.min(r.sport(), r.dport()), r.frameLen());
            }
        }
        Map<String, List<Long>> out = new TreeMap<>();
        intervals.forEach((start, m) -> {
            Map<String, long[]> folded = new HashMap<>(m);
            fold(folded, "port");
            fold(folded, "host");
            folded.forEach((k, v) -> out.put(start + "|" + k, List.of(v[0], v[1])));
        });
        return out;
    }

    private static void fold(Map<String, long[]> m, String dim) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(m.entrySet().stream()
                .filter(e -> e.getKey().startsWith(dim + "|")).toList());
        if (rows.size() <= TOP_KEYS) {
            return;
        }
        rows.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                .thenComparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
        long[] other = new long[2];
        for (Map.Entry<String, long[]> e : rows.subList(TOP_KEYS, rows.size())) {
            other[0] += e.getValue()[0];
            other[1] += e.getValue()[1];
            m.remove(e.getKey());
        }
        m.put(dim + "|other", other);
    }

    private static void count(Map<String, long[]> m, String k, int bytes) {
        long[] c = m.computeIfAbsent(k, x -> new long[2]);
        c[0]++;
        c[1] += bytes;
    }

    /** The same key for both directions of a conversation. */
    private static String key(int proto, Integer vni, String a, Integer aPort, String b, Integer bPort) {
        String x = a + "/" + aPort;
        String y = b + "/" + bPort;
        return proto + "|" + vni + "|" + (x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x);
    }
}
