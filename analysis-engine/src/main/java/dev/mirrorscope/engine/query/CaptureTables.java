package dev.mirrorscope.engine.query;

import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The capture session's packets and flows as query sources: copied into a DuckDB temporary table with
 * DuckDB's appender (fields named as in the {@code packets}/{@code flows} jsonl contract), then queried
 * like the flow logs. {@code @timestamp} is the packet time, or a flow's first packet time.
 */
public final class CaptureTables {
    public enum Kind { PACKETS, FLOWS }

    private record Column(String name, String sqlType, FieldType type) {
    }

    private static final List<Column> PACKET_COLUMNS = List.of(
            new Column("no", "BIGINT", FieldType.INTEGER), new Column("ts_ns", "BIGINT", FieldType.INTEGER),
            new Column("frame_len", "INTEGER", FieldType.INTEGER), new Column("cap_len", "INTEGER", FieldType.INTEGER),
            new Column("tunnel", "VARCHAR", FieldType.STRING), new Column("vni", "INTEGER", FieldType.INTEGER),
            new Column("inner_len", "INTEGER", FieldType.INTEGER), new Column("src", "VARCHAR", FieldType.STRING),
            new Column("dst", "VARCHAR", FieldType.STRING), new Column("proto", "INTEGER", FieldType.INTEGER),
            new Column("sport", "INTEGER", FieldType.INTEGER), new Column("dport", "INTEGER", FieldType.INTEGER),
            new Column("tcp_flags", "INTEGER", FieldType.INTEGER), new Column("info", "VARCHAR", FieldType.STRING),
            new Column("anomaly", "VARCHAR", FieldType.STRING));

    private static final List<Column> FLOW_COLUMNS = List.of(
            new Column("proto", "INTEGER", FieldType.INTEGER), new Column("vni", "INTEGER", FieldType.INTEGER),
            new Column("a", "VARCHAR", FieldType.STRING), new Column("a_port", "INTEGER", FieldType.INTEGER),
            new Column("b", "VARCHAR", FieldType.STRING), new Column("b_port", "INTEGER", FieldType.INTEGER),
            new Column("packets_ab", "BIGINT", FieldType.INTEGER), new Column("bytes_ab", "BIGINT", FieldType.INTEGER),
            new Column("packets_ba", "BIGINT", FieldType.INTEGER), new Column("bytes_ba", "BIGINT", FieldType.INTEGER),
            new Column("first_ts_ns", "BIGINT", FieldType.INTEGER), new Column("last_ts_ns", "BIGINT",
                    FieldType.INTEGER),
            new Column("tcp_state", "VARCHAR", FieldType.STRING), new Column("rtt_us", "BIGINT", FieldType.INTEGER),
            new Column("retransmits", "BIGINT", FieldType.INTEGER));

    private CaptureTables() {
    }

    /** Loads the session's packets or flows into a fresh in-memory DuckDB and returns an engine over them. */
    public static LocalQueryEngine open(Session session, Kind kind) throws IOException {
        Connection c;
        try {
            Properties p = new Properties();
            p.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            c = DriverManager.getConnection("jdbc:duckdb:", p);
        } catch (SQLException e) {
            throw new IOException("cannot start the query engine: " + LocalQueryEngine.firstLine(e.getMessage()), e);
        }
        try {
            SourceSchema schema = load(session, (DuckDBConnection) c, kind);
            return LocalQueryEngine.over(c, schema, true);
        } catch (IOException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw e;
        }
    }

    /** Creates the temporary table {@code packets} or {@code flows} on {@code c} and fills it from the session. */
    public static SourceSchema load(Session session, DuckDBConnection c, Kind kind) throws IOException {
        String table = kind == Kind.PACKETS ? "packets" : "flows";
        List<Column> columns = kind == Kind.PACKETS ? PACKET_COLUMNS : FLOW_COLUMNS;
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE " + table + " (");
        for (int i = 0; i < columns.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).name).append("\" ")
                    .append(columns.get(i).sqlType);
        }
        if (kind == Kind.FLOWS) {
            ddl.append(", first_no BIGINT");
        }
        ddl.append(")");
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                if (kind == Kind.PACKETS) {
                    session.packets(1, -1, p -> append(a, p));
                } else {
                    session.flows(f -> append(a, f));
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot load the capture " + table + " for the query: "
                    + LocalQueryEngine.firstLine(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        SqlDialect d = DuckDbDialect.INSTANCE;
        List<SourceSchema.SourceField> fields = new ArrayList<>();
        List<String> message = new ArrayList<>();
        for (Column col : columns) {
            fields.add(new SourceSchema.SourceField(col.name, d.quote(col.name), col.type));
            message.add(col.name);
        }
        String ts = kind == Kind.PACKETS ? "(" + d.quote("ts_ns") + " // 1000000)"
                : "(" + d.quote("first_ts_ns") + " // 1000000)";
        List<String> order = kind == Kind.PACKETS ? List.of(d.quote("no")) : List.of(d.quote("first_no"));
        return new SourceSchema(table, d.quote(table), fields, ts, message, order);
    }

    private static void append(DuckDBAppender a, PacketRow p) {
        try {
            a.beginRow();
            a.append(p.no());
            a.append(p.tsNs());
            a.append(p.frameLen());
            a.append(p.capLen());
            a.append(p.tunnel());
            appendInt(a, p.vni());
            appendInt(a, p.innerLen());
            a.append(p.src());
            a.append(p.dst());
            appendInt(a, p.proto());
            appendInt(a, p.sport());
            appendInt(a, p.dport());
            appendInt(a, p.tcpFlags());
            a.append(p.info());
            a.append(p.anomaly());
            a.endRow();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    private static void append(DuckDBAppender a, FlowRow f) {
        try {
            a.beginRow();
            a.append(f.proto());
            appendInt(a, f.vni());
            a.append(f.a());
            appendInt(a, f.aPort());
            a.append(f.b());
            appendInt(a, f.bPort());
            a.append(f.packetsAb());
            a.append(f.bytesAb());
            a.append(f.packetsBa());
            a.append(f.bytesBa());
            a.append(f.firstTsNs());
            a.append(f.lastTsNs());
            a.append(f.tcpState());
            if (f.rttUs() == null) {
                a.append((String) null);
            } else {
                a.append(f.rttUs().longValue());
            }
            a.append(f.retransmits());
            a.append(f.firstNo());
            a.endRow();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    private static void appendInt(DuckDBAppender a, Integer v) throws SQLException {
        if (v == null) {
            a.append((String) null);
        } else {
            a.append(v.intValue());
        }
    }
}
