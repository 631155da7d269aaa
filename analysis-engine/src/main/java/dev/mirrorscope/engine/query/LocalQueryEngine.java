package dev.mirrorscope.engine.query;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Runs queries on this machine: translates them to DuckDB SQL ({@link SqlTranslator}) over a table
 * (the session's flow logs, or capture tables loaded by {@link CaptureTables}) and streams the rows.
 * Query values are bound as parameters. One query at a time per engine.
 */
public final class LocalQueryEngine implements QueryEngine, AutoCloseable {
    /** The session's flow-log store and table (shared with the flow-log import). */
    public static final String FLOW_LOG_FILE = "flowlogs.duckdb";
    public static final String FLOW_LOG_TABLE = "flow_logs";

    private final Connection connection;
    private final boolean owned;
    private final SourceSchema schema;
    private boolean macrosReady;

    private LocalQueryEngine(Connection connection, boolean owned, SourceSchema schema) {
        this.connection = connection;
        this.owned = owned;
        this.schema = schema;
    }

    /** Opens {@code <sessionDir>/flowlogs.duckdb} read-only and queries its {@code flow_logs} table. */
    public static LocalQueryEngine openFlowLogs(Path sessionDir) throws IOException {
        Path file = sessionDir.resolve(FLOW_LOG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(sessionDir + ": no flow logs in this session (import some with"
                    + " mirrorscope flowlogs import)");
        }
        Properties p = new Properties();
        p.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
        p.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock")) {
                throw new IOException(file + ": the flow-log store is open for writing elsewhere (an import"
                        + " running?); query again when it has finished", e);
            }
            throw new IOException(file + ": cannot open the flow-log store: " + firstLine(m), e);
        }
        try {
            return new LocalQueryEngine(c, true, FlowLogQuerySchema.fromDuckDb(c, FLOW_LOG_TABLE));
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IOException(sessionDir + ": no flow logs in this session (" + firstLine(e.getMessage())
                    + "); import some with mirrorscope flowlogs import", e);
        }
    }

    /** Queries the flow-log table of a DuckDB connection the caller owns (and closes). */
    public static LocalQueryEngine overFlowLogs(Connection duckdb) throws IOException {
        try {
            return new LocalQueryEngine(duckdb, false, FlowLogQuerySchema.fromDuckDb(duckdb, FLOW_LOG_TABLE));
        } catch (SQLException e) {
            throw new IOException("no flow logs to query: " + firstLine(e.getMessage()), e);
        }
    }

    /** Queries {@code schema} over {@code duckdb}; closes the connection on {@link #close()} when {@code owned}. */
    public static LocalQueryEngine over(Connection duckdb, SourceSchema schema, boolean owned) {
        return new LocalQueryEngine(duckdb, owned, schema);
    }

    public SourceSchema schema() {
        return schema;
    }

    @Override
    public List<String> fieldNames() {
        return schema.fieldNames();
    }

    /** The SQL a query becomes here (for {@code --print-sql} and tests). */
    public SqlPlan plan(String query, SqlTranslator.TimeRange range) throws QuerySyntaxException {
        return SqlTranslator.translate(QueryParser.parse(query), schema, DuckDbDialect.INSTANCE, range, List.of());
    }

    @Override
    public synchronized QueryResult run(String query, SqlTranslator.TimeRange range, ResultSink sink,
                                        QueryCancellation cancel) throws QuerySyntaxException, IOException {
        long started = System.nanoTime();
        SqlPlan plan = plan(query, range == null ? SqlTranslator.TimeRange.ALL : range);
        try {
            prepareConnection();
            checkRegexes(plan, query);
        } catch (SQLException e) {
            throw new IOException("query engine: " + firstLine(e.getMessage()), e);
        }
        sink.columns(plan.columns());
        long rows = 0;
        boolean cancelled = false;
        List<OutputColumn> cols = plan.columns();
        try (PreparedStatement st = connection.prepareStatement(plan.sql())) {
            for (int i = 0; i < plan.parameters().size(); i++) {
                st.setObject(i + 1, plan.parameters().get(i));
            }
            Runnable hook = () -> {
                try {
                    st.cancel();
                } catch (SQLException ignored) {
                    // the statement finished meanwhile
                }
            };
            QueryCancellation c = cancel == null ? new QueryCancellation() : cancel;
            c.onCancel(hook);
            try (ResultSet rs = st.executeQuery()) {
                Object[] values = new Object[cols.size()];
                while (rs.next()) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = value(rs.getObject(i + 1), cols.get(i).type());
                    }
                    rows++;
                    if (!sink.row(values.clone()) || c.isCancelled()) {
                        cancelled = c.isCancelled();
                        break;
                    }
                }
            } catch (SQLException e) {
                if (!c.isCancelled()) {
                    throw new IOException("query failed: " + firstLine(e.getMessage()), e);
                }
                cancelled = true;
            } finally {
                c.remove(hook);
            }
        } catch (SQLException e) {
            throw new IOException("query failed: " + firstLine(e.getMessage()), e);
        }
        return new QueryResult(cols, rows, cancelled, (System.nanoTime() - started) / 1e9, null);
    }

    private void prepareConnection() throws SQLException {
        if (macrosReady) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String m : DuckDbDialect.MACROS) {
                s.execute(m);
            }
        }
        macrosReady = true;
    }

    /** DuckDB's RE2 lacks lookaround and backreferences: say so at the spot instead of failing mid-query. */
    private void checkRegexes(SqlPlan plan, String query) throws SQLException, QuerySyntaxException {
        for (SqlPlan.RegexUse r : plan.regexes()) {
            try (PreparedStatement s = connection.prepareStatement("SELECT regexp_matches('', CAST($1 AS VARCHAR))")) {
                s.setObject(1, RegexGroups.toRe2(r.pattern()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                }
            } catch (SQLException e) {
                throw new QuerySyntaxException(query, r.position(), "this regular expression is not supported"
                        + " (RE2 syntax: no lookaround or backreferences): " + firstLine(e.getMessage())
                        .replaceFirst("^.*?Error: ", ""));
            }
        }
    }

    static Object value(Object v, FieldType type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case TIMESTAMP:
                if (v instanceof Number n) {
                    return Instant.ofEpochMilli(n.longValue());
                }
                return v;
            case INTEGER:
            case DOUBLE:
                return number(v, type);
            case BOOLEAN:
                return v instanceof Boolean ? v : Boolean.valueOf(v.toString());
            default:
                return v instanceof String ? v : v.toString();
        }
    }

    private static Object number(Object v, FieldType type) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return type == FieldType.DOUBLE ? (Object) ((Number) v).doubleValue() : (Object) ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof BigDecimal b) {
            if (type == FieldType.INTEGER && b.stripTrailingZeros().scale() <= 0 && b.abs().compareTo(BigDecimal
                    .valueOf(Long.MAX_VALUE)) <= 0) {
                return b.longValue();
            }
            return b.doubleValue();
        }
        if (v instanceof Number n) {
            double dv = n.doubleValue();
            if (type == FieldType.INTEGER && dv == Math.rint(dv) && Math.abs(dv) < 9.2e18) {
                return (long) dv;
            }
            return dv;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return v.toString();
    }

    static String firstLine(String m) {
        if (m == null) {
            return "unknown error";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (owned) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IOException("closing the query engine: " + firstLine(e.getMessage()), e);
            }
        }
    }
}
