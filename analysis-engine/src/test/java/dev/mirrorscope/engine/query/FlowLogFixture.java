package dev.mirrorscope.engine.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small flow-log data set in the shared storage layout ({@code flow_logs}, CloudWatch field names,
 * bookkeeping {@code import_id}/{@code line_no}), generated from seed 42 so tests can compute what a
 * query must return in plain Java. 80 records over two imports: every 10th is a NODATA record (addresses,
 * ports, counts and action absent); start times advance 61 s per pair of records (so two records share
 * each start); addresses mix IPv4 (10.0.0.0/24 with 10.0.0.9 and 10.0.0.10 for natural order, 10.0.1.0/24,
 * 172.31.0.0/16, public) and IPv6 (2001:db8::/32, fe80::/10). Version-5 fields {@code vpcId},
 * {@code tcpFlags}, {@code pktSrcAddr}, {@code flowDirection} are present; {@code futureField} stands for an
 * unknown later field and carries awkward strings (blank, padded, numbers, invalid IPs). Each record has
 * its own {@code interfaceId} ({@code eni-<n>}) so results can be compared record by record.
 */
public final class FlowLogFixture {
    public record Rec(int importId, long lineNo, Integer version, String accountId, String interfaceId, String srcAddr,
               String dstAddr, Integer srcPort, Integer dstPort, Integer protocol, Long packets, Long bytes,
               Long start, Long end, String action, String logStatus, String vpcId, Integer tcpFlags,
               String pktSrcAddr, String flowDirection, String futureField) {
        public long tsMillis() {
            return start * 1000;
        }

        /** The default-format line, {@code -} for absent fields. */
        public String message() {
            Object[] v = {version, accountId, interfaceId, srcAddr, dstAddr, srcPort, dstPort, protocol, packets,
                bytes, start, end, action, logStatus};
            StringBuilder b = new StringBuilder();
            for (Object o : v) {
                b.append(b.length() == 0 ? "" : " ").append(o == null ? "-" : o.toString());
            }
            return b.toString();
        }
    }

    static final String DDL = "CREATE TABLE flow_logs (version INTEGER, accountId VARCHAR, interfaceId VARCHAR,"
            + " srcAddr VARCHAR, dstAddr VARCHAR, srcPort INTEGER, dstPort INTEGER, protocol INTEGER,"
            + " packets BIGINT, bytes BIGINT, start BIGINT, \"end\" BIGINT, action VARCHAR, logStatus VARCHAR,"
            + " vpcId VARCHAR, tcpFlags INTEGER, pktSrcAddr VARCHAR, flowDirection VARCHAR, futureField VARCHAR,"
            + " import_id INTEGER, line_no BIGINT)";

    static final String[] SOURCES = {"10.0.0.1", "10.0.0.2", "10.0.0.9", "10.0.0.10", "10.0.1.5", "172.31.16.20",
        "203.0.113.7", "2001:db8::1", "2001:db8:0:1::25", "fe80::1"};
    static final String[] DESTINATIONS = {"10.0.0.2", "10.0.1.5", "172.31.16.20", "198.51.100.4", "2001:db8::1"};
    static final int[] PORTS = {22, 80, 443, 3389, 53};
    static final Integer[] FLAGS = {2, 18, 19, 4, null};
    static final String[] ODD = {"", "  ", " pad ", "Hello", "x,y\"z", "10.0.0.256", "01.2.3.4", "::ffff:10.1.2.3",
        "2001:db8::zz", "1::2::3", "abc123def", "xyZfooxyZ", "7", "10", "-3", "2.5", "abc10", "abc9", null};

    private FlowLogFixture() {
    }

    public static List<Rec> records() {
        Random r = new Random(42);
        List<Rec> out = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int importId = i < 40 ? 1 : 2;
            long line = i < 40 ? i + 1 : i - 39;
            long start = 1_700_000_000L + (i / 2) * 61L;
            boolean nodata = i % 10 == 9;
            String src = SOURCES[r.nextInt(SOURCES.length)];
            String dst = DESTINATIONS[r.nextInt(DESTINATIONS.length)];
            int dport = PORTS[r.nextInt(PORTS.length)];
            int sport = 1024 + r.nextInt(60000);
            int proto = dport == 53 ? 17 : r.nextInt(8) == 0 ? 1 : 6;
            long packets = 1 + r.nextInt(100);
            long bytes = packets * (40 + r.nextInt(1460));
            String action = r.nextInt(10) < 3 ? "REJECT" : "ACCEPT";
            Integer flags = FLAGS[r.nextInt(FLAGS.length)];
            String dir = r.nextBoolean() ? "ingress" : "egress";
            String odd = ODD[i % ODD.length];
            out.add(new Rec(importId, line, 5, "123456789012", "eni-" + i, nodata ? null : src, nodata ? null : dst,
                    nodata ? null : sport, nodata ? null : dport, nodata ? null : proto, nodata ? null : packets,
                    nodata ? null : bytes, start, start + r.nextInt(60), nodata ? null : action,
                    nodata ? "NODATA" : "OK", i % 3 == 0 ? "vpc-0a" : "vpc-0b", nodata ? null : flags,
                    nodata ? null : src, dir, odd));
        }
        return out;
    }

    /** An in-memory DuckDB holding {@code records} in {@code flow_logs}. */
    static Connection memory(List<Rec> records) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        fill(c, records);
        return c;
    }

    /** {@code <dir>/flowlogs.duckdb} holding {@code records}. */
    public static void file(Path dir, List<Rec> records) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("flowlogs.duckdb"))) {
            fill(c, records);
        }
    }

    private static void fill(Connection c, List<Rec> records) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DDL);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO flow_logs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Rec x : records) {
                Object[] v = {x.version, x.accountId, x.interfaceId, x.srcAddr, x.dstAddr, x.srcPort, x.dstPort,
                    x.protocol, x.packets, x.bytes, x.start, x.end, x.action, x.logStatus, x.vpcId, x.tcpFlags,
                    x.pktSrcAddr, x.flowDirection, x.futureField, x.importId, x.lineNo};
                for (int i = 0; i < v.length; i++) {
                    p.setObject(i + 1, v[i]);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
