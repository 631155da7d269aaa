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
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The capture session's packets and flows as query sources: copied with DuckDB's appender into a table
 * of an in-memory DuckDB (fields named as in the {@code packets}/{@code flows} jsonl contract), then
 * queried like the flow logs. {@code @timestamp} is the packet time, or a flow's first packet time.
 * Only the columns a query reads are copied: each appended value is a JNI call, and a million packets
 * with every column took several seconds more than the decoding itself (BENCHMARKS.md).
 */
public final class CaptureTables {
    public enum Kind { PACKETS, FLOWS }

    private record Column<R>(String name, String sqlType, FieldType type, Function<R, Object> get) {
    }

    private static final List<Column<PacketRow>> PACKET_COLUMNS = List.of(
            new Column<>("no", "BIGINT", FieldType.INTEGER, PacketRow::no),
            new Column<>("ts_ns", "BIGINT", FieldType.INTEGER, PacketRow::tsNs),
            new Column<>("frame_len", "INTEGER", FieldType.INTEGER, PacketRow::frameLen),
            new Column<>("cap_len", "INTEGER", FieldType.INTEGER, PacketRow::capLen),
            new Column<>("tunnel", "VARCHAR", FieldType.STRING, PacketRow::tunnel),
            new Column<>("vni", "INTEGER", FieldType.INTEGER, PacketRow::vni),
            new Column<>("inner_len", "INTEGER", FieldType.INTEGER, PacketRow::innerLen),
            new Column<>("src", "VARCHAR", FieldType.STRING, PacketRow::src),
            new Column<>("dst", "VARCHAR", FieldType.STRING, PacketRow::dst),
            new Column<>("proto", "INTEGER", FieldType.INTEGER, PacketRow::proto),
            new Column<>("sport", "INTEGER", FieldType.INTEGER, PacketRow::sport),
            new Column<>("dport", "INTEGER", FieldType.INTEGER, PacketRow::dport),
            new Column<>("tcp_flags", "INTEGER", FieldType.INTEGER, PacketRow::tcpFlags),
            new Column<>("info", "VARCHAR", FieldType.STRING, PacketRow::info),
            new Column<>("anomaly", "VARCHAR", FieldType.STRING, PacketRow::anomaly));

    private static final List<Column<FlowRow>> FLOW_COLUMNS = List.of(
            new Column<>("proto", "INTEGER", FieldType.INTEGER, FlowRow::proto),
            new Column<>("vni", "INTEGER", FieldType.INTEGER, FlowRow::vni),
            new Column<>("a", "VARCHAR", FieldType.STRING, FlowRow::a),
            new Column<>("a_port", "INTEGER", FieldType.INTEGER, FlowRow::aPort),
            new Column<>("b", "VARCHAR", FieldType.STRING, FlowRow::b),
            new Column<>("b_port", "INTEGER", FieldType.INTEGER, FlowRow::bPort),
            new Column<>("packets_ab", "BIGINT", FieldType.INTEGER, FlowRow::packetsAb),
            new Column<>("bytes_ab", "BIGINT", FieldType.INTEGER, FlowRow::bytesAb),
            new Column<>("packets_ba", "BIGINT", FieldType.INTEGER, FlowRow::packetsBa),
            new Column<>("bytes_ba", "BIGINT", FieldType.INTEGER, FlowRow::bytesBa),
            new Column<>("first_ts_ns", "BIGINT", FieldType.INTEGER, FlowRow::firstTsNs),
            new Column<>("last_ts_ns", "BIGINT", FieldType.INTEGER, FlowRow::lastTsNs),
            new Column<>("tcp_state", "VARCHAR", FieldType.STRING, FlowRow::tcpState),
            new Column<>("rtt_us", "BIGINT", FieldType.INTEGER, FlowRow::rttUs),
            new Column<>("retransmits", "BIGINT", FieldType.INTEGER, FlowRow::retransmits));

    private static final Column<FlowRow> FLOW_ORDER = new Column<>("first_no", "BIGINT", FieldType.INTEGER,
            FlowRow::firstNo);

    private CaptureTables() {
    }

    /** Every field of the packets or flows source, in contract order. */
    public static List<String> fieldNames(Kind kind) {
        List<String> out = new ArrayList<>();
        for (Column<?> c : kind == Kind.PACKETS ? PACKET_COLUMNS : FLOW_COLUMNS) {
            out.add(c.name());
        }
        return out;
    }

    /**
     * Loads the session's packets or flows into a fresh in-memory DuckDB and returns an engine over them;
     * with {@code query} given, only the fields it reads are loaded (any other query then sees them absent).
     */
    public static LocalQueryEngine open(Session session, Kind kind, String query) throws IOException,
            QuerySyntaxException {
        Set<String> needed = query == null ? null : needed(Query.parse(query), kind);
        Connection c;
        try {
            Properties p = new Properties();
            p.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            c = DriverManager.getConnection("jdbc:duckdb:", p);
        } catch (SQLException e) {
            throw new IOException("cannot start the query engine: " + LocalQueryEngine.firstLine(e.getMessage()), e);
        }
        try {
            SourceSchema schema = load(session, (DuckDBConnection) c, kind, needed);
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

    /** Loads every field. */
    public static LocalQueryEngine open(Session session, Kind kind) throws IOException {
        try {
            return open(session, kind, null);
        } catch (QuerySyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields a query reads; all of them when it shows or parses {@code @message}. */
    static Set<String> needed(Query q, Kind kind) {
        boolean chooses = false;
        boolean message = false;
        Set<String> refs = new HashSet<>();
        for (Expr.Field f : QueryFields.references(q)) {
            refs.add(f.name());
        }
        for (Command c : q.commands()) {
            chooses |= c instanceof Command.Fields || c instanceof Command.Stats || c instanceof Command.Display;
            if (c instanceof Command.Parse p && p.source() instanceof Expr.Field f && f.name().equals("@message")) {
                message = true;
            }
        }
        if (!chooses || message || refs.contains("@message")) {
            return null;
        }
        refs.add(kind == Kind.PACKETS ? "ts_ns" : "first_ts_ns");
        return refs;
    }

    /** Creates the table {@code packets} or {@code flows} on {@code c} with the {@code needed} fields (null: all). */
    public static SourceSchema load(Session session, DuckDBConnection c, Kind kind, Set<String> needed)
            throws IOException {
        return kind == Kind.PACKETS ? load(c, "packets", PACKET_COLUMNS, null, needed, "ts_ns", "no",
                sink -> session.packets(1, -1, sink::accept))
                : load(c, "flows", FLOW_COLUMNS, FLOW_ORDER, needed, "first_ts_ns", "first_no",
                sink -> session.flows(sink::accept));
    }

    private interface Rows<R> {
        void each(java.util.function.Consumer<R> sink) throws IOException;
    }

    private static <R> SourceSchema load(DuckDBConnection c, String table, List<Column<R>> columns, Column<R> order,
                                         Set<String> needed, String tsColumn, String orderColumn, Rows<R> rows)
            throws IOException {
        List<Column<R>> loaded = new ArrayList<>();
        for (Column<R> col : columns) {
            if (needed == null || needed.contains(col.name()) || col.name().equals(orderColumn)) {
                loaded.add(col);
            }
        }
        if (order != null) {
            loaded.add(order);
        }
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE " + table + " (");
        for (int i = 0; i < loaded.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append('"').append(loaded.get(i).name()).append("\" ")
                    .append(loaded.get(i).sqlType());
        }
        ddl.append(")");
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                rows.each(r -> {
                    try {
                        a.beginRow();
                        for (Column<R> col : loaded) {
                            append(a, col.get().apply(r));
                        }
                        a.endRow();
                    } catch (SQLException e) {
                        throw new UncheckedIOException(new IOException(e.getMessage(), e));
                    }
                });
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
        for (Column<R> col : columns) {
            boolean present = loaded.contains(col);
            fields.add(new SourceSchema.SourceField(col.name(), present ? d.quote(col.name())
                    : FlowLogQuerySchema.nullOf(col.type()), col.type()));
            message.add(col.name());
        }
        return new SourceSchema(table, d.quote(table), fields, "(" + d.quote(tsColumn) + " // 1000000)", message,
                List.of(d.quote(orderColumn)));
    }

    private static void append(DuckDBAppender a, Object v) throws SQLException {
        if (v == null) {
            a.append((String) null);
        } else if (v instanceof Long l) {
            a.append(l.longValue());
        } else if (v instanceof Integer i) {
            a.append(i.intValue());
        } else {
            a.append(v.toString());
        }
    }
}
