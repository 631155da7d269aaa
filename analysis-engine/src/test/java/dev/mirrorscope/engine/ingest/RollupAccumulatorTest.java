package dev.mirrorscope.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The per-(flow, direction) shortcut and the plain per-dimension path count alike. */
class RollupAccumulatorTest {
    private static final long START = 1_793_610_000_000_000_000L;

    @Test
    void rememberingFlowsChangesNoCountWhateverTheMemoryBudget() throws SQLException {
        Map<String, String> all = rows(RollupAccumulator.MAX_REMEMBERED);
        assertThat(all).isNotEmpty().containsKey(START + "|total|all");
        assertThat(rows(0)).isEqualTo(all);
        assertThat(rows(50)).isEqualTo(all);
        long total = all.entrySet().stream().filter(e -> e.getKey().endsWith("|total|all"))
                .mapToLong(e -> Long.parseLong(e.getValue().split("/")[0])).sum();
        assertThat(total).isEqualTo(20_000);
    }

    /** 20,000 packets over 5 s: flows both ways, v4 and v6 hosts, packets outside flows. */
    private static Map<String, String> rows(int budget) throws SQLException {
        RollupAccumulator r = new RollupAccumulator(1, budget);
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long ts = START + i * 250_000L;
            int flow = random.nextInt(300);
            boolean ba = random.nextBoolean();
            int len = 60 + random.nextInt(1400);
            if (flow < 10) {
                r.add(ts, len, false, -1, -1, flow % 2 == 0 ? 101 : -1, -1, 0, 0, 0);
            } else if (flow < 60) {
                r.add(ts, len, ba, flow * 1000L, 17, 102, 53, 6, 0x20010db8_00000000L, ba ? 1 : flow);
            } else {
                r.add(ts, len, ba, flow * 1000L, 6, 100 + flow % 3, 1024 + flow, 4, 0, ba ? 0x0a000001L : 0x0a000000L + flow);
            }
        }
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:mem:rollups" + budget, p);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE rollups (capture_id BIGINT, interval_ns BIGINT, start_ns BIGINT, dim VARCHAR(8),"
                    + " dim_key VARCHAR(64), packets BIGINT, bytes BIGINT, PRIMARY KEY (capture_id, interval_ns, start_ns,"
                    + " dim, dim_key))");
            r.flushAll(c);
            Map<String, String> out = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT start_ns, dim, dim_key, packets, bytes FROM rollups")) {
                while (rs.next()) {
                    out.put(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getLong(4) + "/" + rs.getLong(5));
                }
            }
            return out;
        }
    }
}
