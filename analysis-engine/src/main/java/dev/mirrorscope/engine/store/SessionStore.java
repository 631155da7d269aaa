package dev.mirrorscope.engine.store;

import dev.mirrorscope.engine.SessionSummary.CaptureInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The H2 session store: a file database in the session directory holding the catalogue of captures,
 * the packet index catalogue, flows, rollups and anomalies. Schema changes are numbered migrations
 * (resources V1__*.sql, V2__*.sql, ...) applied once each and recorded in schema_version.
 */
public final class SessionStore implements AutoCloseable {
    /** Migrations in order; append, never edit an applied one. */
    private static final List<String> MIGRATIONS = List.of("V1__session.sql");
    public static final String DB_NAME = "session";

    public static final String STATE_INGESTING = "ingesting";
    public static final String STATE_COMPLETE = "complete";
    public static final String STATE_DAMAGED = "damaged";
    public static final String STATE_CANCELLED = "cancelled";

    private final Path dir;
    private final Connection conn;

    private SessionStore(Path dir, Connection conn) {
        this.dir = dir;
        this.conn = conn;
    }

    public static SessionStore open(Path dir) throws IOException {
        try {
            Files.createDirectories(dir.resolve("index"));
        } catch (IOException e) {
            throw new IOException(dir + ": cannot create the session directory (" + e.getMessage() + ")", e);
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve(DB_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        try {
            // The H2 driver directly: DriverManager would first load every JDBC driver on the class path,
            // opening each jar to look for one (tens of milliseconds of the command line's start).
            Properties credentials = new Properties();
            credentials.setProperty("user", "sa");
            credentials.setProperty("password", "");
            Connection c = new org.h2.Driver().connect(url, credentials);
            SessionStore store = new SessionStore(dir, c);
            store.migrate();
            store.discardUnfinished();
            return store;
        } catch (SQLException e) {
            throw new IOException(dir + ": cannot open the session store (" + firstLine(e) + ")", e);
        }
    }

    public Path directory() {
        return dir;
    }

    public Connection connection() {
        return conn;
    }

    public int schemaVersion() throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void migrate() throws SQLException, IOException {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)");
        }
        int current = schemaVersion();
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
            String sql = resource(MIGRATIONS.get(v - 1));
            conn.setAutoCommit(false);
            try (Statement s = conn.createStatement()) {
                for (String stmt : splitStatements(sql)) {
                    s.execute(stmt);
                }
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO schema_version VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                    ps.executeUpdate();
                }
                conn.commit();
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        }
        if (current > MIGRATIONS.size()) {
            throw new SQLException("the session was written by a newer Mirrorscope (schema " + current + ")");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SessionStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> splitStatements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String stmt = cur.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    /** A capture left "ingesting" by a process that died is removed with everything it added. */
    private void discardUnfinished() throws SQLException, IOException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM captures WHERE state = '" + STATE_INGESTING + "'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        for (long id : ids) {
            deleteCapture(id);
        }
    }

    /** Ids of finished captures whose quick key matches. */
    public List<Long> findByQuickKey(String quickKey) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM captures WHERE quick_key = ? AND state <> ?")) {
            ps.setString(1, quickKey);
            ps.setString(2, STATE_INGESTING);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The finished capture with this full content hash. */
    public Optional<CaptureInfo> findByHash(String hash) throws SQLException {
        for (CaptureInfo c : captures()) {
            if (hash.equals(c.contentHash())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public void setContentHash(long id, String hash) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE captures SET content_hash = ? WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public long nextPacketNumber() throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(first_no + packets), 1) FROM captures")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Registers a capture about to be ingested; returns its id. */
    public long beginCapture(String quickKey, String path, long size, String format, boolean gzip) throws SQLException {
        long firstNo = nextPacketNumber();
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO captures (quick_key, path, file_size, format, gzip, link_types, first_no, state,"
                        + " index_file, ingested_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, '', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, quickKey);
            ps.setString(2, path);
            ps.setLong(3, size);
            ps.setString(4, format);
            ps.setBoolean(5, gzip);
            ps.setLong(6, firstNo);
            ps.setString(7, STATE_INGESTING);
            ps.setTimestamp(8, new Timestamp(System.currentTimeMillis()));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                long id = rs.getLong(1);
                try (PreparedStatement u = conn.prepareStatement(
                        "UPDATE captures SET index_file = ?, data_file = ? WHERE id = ?")) {
                    u.setString(1, indexFileName(id));
                    u.setString(2, gzip ? dataFileName(id) : null);
                    u.setLong(3, id);
                    u.executeUpdate();
                }
                return id;
            }
        }
    }

    private long flowFragments(long id) {
        try {
            return Files.size(dir.resolve(FlowStore.flowFileName(id))) / FlowFile.RECORD_SIZE;
        } catch (IOException e) {
            return 0;
        }
    }

    public static String indexFileName(long captureId) {
        return "index/capture-" + captureId + ".idx";
    }

    /** Decompressed packet bytes of a gzip capture, so packets can be read again by offset. */
    public static String dataFileName(long captureId) {
        return "index/capture-" + captureId + ".raw";
    }

    public void finishCapture(long id, List<Integer> linkTypes, long packets, long bytes, long malformed,
                              long flows, long firstTs, long lastTs, String stopReason, String state,
                              long indexRecords) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE captures SET link_types = ?, packets = ?, bytes = ?, malformed = ?, flows = ?,"
                            + " first_ts_ns = ?, last_ts_ns = ?, stop_reason = ?, state = ? WHERE id = ?")) {
                ps.setString(1, joinInts(linkTypes));
                ps.setLong(2, packets);
                ps.setLong(3, bytes);
                ps.setLong(4, malformed);
                ps.setLong(5, flows);
                setNullableLong(ps, 6, packets > 0 ? firstTs : null);
                setNullableLong(ps, 7, packets > 0 ? lastTs : null);
                ps.setString(8, stopReason);
                ps.setString(9, state);
                ps.setLong(10, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "MERGE INTO packet_index (capture_id, file, record_size, records) KEY (capture_id) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, indexFileName(id));
                ps.setInt(3, PacketIndex.RECORD_SIZE);
                ps.setLong(4, indexRecords);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "MERGE INTO flow_index (capture_id, file, record_size, fragments, flows) KEY (capture_id)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, FlowStore.flowFileName(id));
                ps.setInt(3, FlowFile.RECORD_SIZE);
                ps.setLong(4, flowFragments(id));
                ps.setLong(5, flows);
                ps.executeUpdate();
            }
            conn.commit();
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** Removes a capture, its rows and files, and renumbers the captures after it so numbering stays gapless. */
    public void deleteCapture(long id) throws SQLException, IOException {
        long firstNo;
        long packets;
        try (PreparedStatement ps = conn.prepareStatement("SELECT first_no, packets FROM captures WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                firstNo = rs.getLong(1);
                packets = rs.getLong(2);
            }
        }
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            for (String table : new String[] {"flow_index", "rollups", "anomalies", "packet_index"}) {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE capture_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM captures WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE captures SET first_no = first_no - ? WHERE first_no > ?")) {
                ps.setLong(1, packets);
                ps.setLong(2, firstNo);
                ps.executeUpdate();
            }
            conn.commit();
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
        Files.deleteIfExists(dir.resolve(indexFileName(id)));
        Files.deleteIfExists(dir.resolve(dataFileName(id)));
        Files.deleteIfExists(dir.resolve(FlowStore.flowFileName(id)));
    }

    public List<CaptureInfo> captures() throws SQLException {
        List<CaptureInfo> out = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, path, content_hash, format, gzip, link_types, packets, bytes,"
                     + " malformed, first_no, first_ts_ns, last_ts_ns, stop_reason, state, file_size, index_file,"
                     + " data_file FROM captures WHERE state <> '" + STATE_INGESTING + "' ORDER BY first_no")) {
            while (rs.next()) {
                out.add(new CaptureInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), parseInts(rs.getString(6)), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getString(13), rs.getString(14),
                        rs.getLong(15), rs.getString(16), rs.getString(17)));
            }
        }
        return out;
    }

    /** packets, bytes, flows, malformed over finished captures. */
    public long[] totals() throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(packets),0), COALESCE(SUM(bytes),0),"
                     + " COALESCE(SUM(malformed),0) FROM captures WHERE state <> '" + STATE_INGESTING + "'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), distinctFlows(), rs.getLong(3)};
        }
    }

    /** Flows of the session: fragments with one key count once. */
    public long distinctFlows() throws SQLException {
        List<CaptureInfo> captures = captures();
        if (captures.size() == 1) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT flows FROM captures WHERE id = ?")) {
                ps.setLong(1, captures.get(0).id());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
        try {
            return FlowStore.readAll(this, f -> { });
        } catch (IOException e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    /** Packets with the named anomaly (or notice) over finished captures. */
    public long anomalyTotal(String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT COALESCE(SUM(a.packets), 0) FROM anomalies a"
                + " JOIN captures c ON c.id = a.capture_id WHERE a.name = ? AND c.state <> ?")) {
            ps.setString(1, name);
            ps.setString(2, STATE_INGESTING);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public String anomalySummary(long captureId) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT name, packets FROM anomalies WHERE capture_id = ? ORDER BY packets DESC, name")) {
            ps.setLong(1, captureId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
                }
            }
        }
        return sb.toString();
    }

    static void setNullableLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static void setNullableInt(PreparedStatement ps, int i, int v) throws SQLException {
        if (v < 0) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static String joinInts(List<Integer> xs) {
        StringBuilder sb = new StringBuilder();
        for (int x : xs) {
            sb.append(sb.length() == 0 ? "" : ",").append(x);
        }
        return sb.toString();
    }

    private static List<Integer> parseInts(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(Integer::valueOf).toList();
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() throws IOException {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IOException("closing the session store: " + firstLine(e), e);
        }
    }
}
