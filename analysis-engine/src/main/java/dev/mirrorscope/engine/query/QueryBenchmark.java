package dev.mirrorscope.engine.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.duckdb.DuckDBDriver;

/**
 * The query-speed benchmark: a deterministic table of version-2 flow-log records in a session's
 * {@code flowlogs.duckdb}, and each seed query timed through the query engine (parse, translate,
 * execute, every row converted) against DuckDB running the equivalent hand-written SQL on the same
 * connection, alternating, best of several runs.
 */
public final class QueryBenchmark {
    /** A seed query and the SQL an analyst would write for it. */
    public record Case(String query, String sql) {
    }

    public static final List<Case> CASES = List.of(
            new Case("stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc"
                    + " | limit 15",
                    "SELECT srcAddr, dstAddr, sum(packets) AS packetsTransferred FROM flow_logs"
                            + " GROUP BY srcAddr, dstAddr ORDER BY packetsTransferred DESC LIMIT 15"),
            new Case("filter action=\"REJECT\" | stats count(*) as rejects by srcAddr | sort rejects desc | limit 10",
                    "SELECT srcAddr, count(*) AS rejects FROM flow_logs WHERE action = 'REJECT'"
                            + " GROUP BY srcAddr ORDER BY rejects DESC LIMIT 10"));

    /** Timings of one case, seconds per run. */
    public record Timing(Case benchCase, double[] engine, double[] duckdb, long rows) {
        public double engineBest() {
            return Arrays.stream(engine).min().orElse(Double.NaN);
        }

        public double duckdbBest() {
            return Arrays.stream(duckdb).min().orElse(Double.NaN);
        }

        public double ratio() {
            return engineBest() / duckdbBest();
        }
    }

    private QueryBenchmark() {
    }

    /**
     * Creates {@code <dir>/flowlogs.duckdb} with {@code rows} records unless it already holds that many.
     * Records: about a million distinct address pairs over 50,000 sources and 20,000 destinations, 10 %
     * REJECT, one start second per 20 records; every value a function of the row number.
     */
    public static void generate(Path dir, long rows, Consumer<String> log) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(LocalQueryEngine.FLOW_LOG_FILE);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name ="
                    + " 'flow_logs'")) {
                r.next();
                if (r.getLong(1) > 0) {
                    try (ResultSet n = s.executeQuery("SELECT count(*) FROM flow_logs")) {
                        n.next();
                        if (n.getLong(1) == rows) {
                            log.accept(file + ": reusing " + rows + " records");
                            return;
                        }
                    }
                    s.execute("DROP TABLE flow_logs");
                }
            }
            long t0 = System.nanoTime();
            s.execute("CREATE TABLE flow_logs (version INTEGER, accountId VARCHAR, interfaceId VARCHAR,"
                    + " srcAddr VARCHAR, dstAddr VARCHAR, srcPort INTEGER, dstPort INTEGER, protocol INTEGER,"
                    + " packets BIGINT, bytes BIGINT, start BIGINT, \"end\" BIGINT, action VARCHAR, logStatus VARCHAR,"
                    + " import_id INTEGER, line_no BIGINT)");
            s.execute("CREATE TEMP TABLE src AS SELECT i AS id, CASE WHEN i % 5 = 0 THEN ((i * 7) % 223 + 1) || '.'"
                    + " || ((i * 13) % 256) || '.' || ((i * 17) % 256) || '.' || (i % 254 + 1) ELSE '10.' || (i % 4)"
                    + " || '.' || ((i // 4) % 250) || '.' || ((i // 1000) % 250) END AS addr FROM range(50000) t(i)");
            s.execute("CREATE TEMP TABLE dst AS SELECT i AS id, CASE WHEN i % 3 = 0 THEN '172.31.' || (i % 200)"
                    + " || '.' || ((i // 200) % 250) ELSE ((i * 11) % 223 + 1) || '.' || ((i * 3) % 256) || '.'"
                    + " || ((i * 29) % 256) || '.' || (i % 254 + 1) END AS addr FROM range(20000) t(i)");
            s.execute("INSERT INTO flow_logs SELECT 2, '123456789012', 'eni-' || printf('%017x', g.pair % 400),"
                    + " src.addr, dst.addr, CAST(1024 + g.h % 60000 AS INTEGER),"
                    + " [443, 80, 22, 53, 3306, 5432, 8080, 123][g.h % 8 + 1], [6, 6, 6, 17, 17, 1][g.h % 6 + 1],"
                    + " 1 + g.h % 50, (1 + g.h % 50) * (40 + g.h % 1400), 1700000000 + g.i // 20,"
                    + " 1700000000 + g.i // 20 + g.h % 60, CASE WHEN g.h % 10 = 3 THEN 'REJECT' ELSE 'ACCEPT' END,"
                    + " 'OK', 1, g.i + 1"
                    + " FROM (SELECT i, (i * 2654435761) % 4294967291 AS h, ((i * 2654435761) % 4294967291) % 1000003"
                    + " AS pair FROM range(" + rows + ") t(i)) g"
                    + " JOIN src ON src.id = g.pair % 50000 JOIN dst ON dst.id = (g.pair // 50000 * 977 + g.pair)"
                    + " % 20000 ORDER BY g.i");
            s.execute("CHECKPOINT");
            log.accept(String.format("%s: generated %,d records in %.1f s", file, rows,
                    (System.nanoTime() - t0) / 1e9));
        } catch (SQLException e) {
            throw new IOException(file + ": cannot generate the benchmark table: " + e.getMessage(), e);
        }
    }

    /** Times every case {@code runs} times each way, alternating, on one read-only connection. */
    public static List<Timing> run(Path dir, int runs, Consumer<String> log) throws IOException {
        Properties p = new Properties();
        p.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
        p.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        List<Timing> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"
                + dir.resolve(LocalQueryEngine.FLOW_LOG_FILE).toAbsolutePath(), p);
             LocalQueryEngine engine = LocalQueryEngine.overFlowLogs(c)) {
            for (Case k : CASES) {
                double[] e = new double[runs];
                double[] d = new double[runs];
                long rows = 0;
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    long[] n = {0};
                    engine.run(k.query(), null, new ResultSink() {
                        @Override
                        public void columns(List<OutputColumn> columns) {
                        }

                        @Override
                        public boolean row(Object[] values) {
                            n[0]++;
                            return true;
                        }
                    }, null);
                    e[i] = (System.nanoTime() - t0) / 1e9;
                    long t1 = System.nanoTime();
                    long m = 0;
                    try (PreparedStatement st = c.prepareStatement(k.sql()); ResultSet r = st.executeQuery()) {
                        int cols = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            for (int j = 1; j <= cols; j++) {
                                r.getObject(j);
                            }
                            m++;
                        }
                    }
                    d[i] = (System.nanoTime() - t1) / 1e9;
                    if (m != n[0]) {
                        throw new IOException("the engine returned " + n[0] + " rows but the SQL " + m + ": " + k.query());
                    }
                    rows = m;
                    log.accept(String.format("run %d: engine %.3f s, DuckDB SQL %.3f s: %s", i + 1, e[i], d[i],
                            k.query()));
                }
                out.add(new Timing(k, e, d, rows));
            }
        } catch (SQLException e) {
            throw new IOException("benchmark: " + e.getMessage(), e);
        } catch (QuerySyntaxException e) {
            throw new IOException("benchmark query: " + e.getMessage(), e);
        }
        return out;
    }
}
