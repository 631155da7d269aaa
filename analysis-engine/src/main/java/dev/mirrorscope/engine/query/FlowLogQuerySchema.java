package dev.mirrorscope.engine.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flow-log fields as queries name them: CloudWatch's camelCase names ({@code srcAddr},
 * {@code pktSrcAddr}, {@code tcpFlags}; the flow-log name split at {@code -}, later parts capitalised,
 * {@code addr} and {@code port} written {@code Addr} and {@code Port}), {@code start}/{@code end} as the contract names them (with
 * CloudWatch's {@code startTime}/{@code endTime} as synonyms), and {@code @timestamp} = {@code start}.
 * Every documented field is queryable; one the stored records lack is absent (null) in each record.
 */
public final class FlowLogQuerySchema {
    /** A documented flow-log field: its name in log formats ({@code pkt-srcaddr}) and its type. */
    public record KnownField(String logName, FieldType type) {
        public String name() {
            return camelCase(logName);
        }

        /** The column name in the table AWS documents for Athena ({@code pkt_srcaddr}). */
        public String athenaName() {
            return logName.replace('-', '_');
        }
    }

    /** The default (version 2) format, in order: also the order of {@code @message}. */
    public static final List<String> DEFAULT_FORMAT = List.of("version", "account-id", "interface-id", "srcaddr",
            "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status");

    public static final List<KnownField> KNOWN = List.of(
            new KnownField("version", FieldType.INTEGER), new KnownField("account-id", FieldType.STRING),
            new KnownField("interface-id", FieldType.STRING), new KnownField("srcaddr", FieldType.STRING),
            new KnownField("dstaddr", FieldType.STRING), new KnownField("srcport", FieldType.INTEGER),
            new KnownField("dstport", FieldType.INTEGER), new KnownField("protocol", FieldType.INTEGER),
            new KnownField("packets", FieldType.INTEGER), new KnownField("bytes", FieldType.INTEGER),
            new KnownField("start", FieldType.INTEGER), new KnownField("end", FieldType.INTEGER),
            new KnownField("action", FieldType.STRING), new KnownField("log-status", FieldType.STRING),
            new KnownField("vpc-id", FieldType.STRING), new KnownField("subnet-id", FieldType.STRING),
            new KnownField("instance-id", FieldType.STRING), new KnownField("tcp-flags", FieldType.INTEGER),
            new KnownField("type", FieldType.STRING), new KnownField("pkt-srcaddr", FieldType.STRING),
            new KnownField("pkt-dstaddr", FieldType.STRING), new KnownField("region", FieldType.STRING),
            new KnownField("az-id", FieldType.STRING), new KnownField("sublocation-type", FieldType.STRING),
            new KnownField("sublocation-id", FieldType.STRING), new KnownField("pkt-src-aws-service", FieldType.STRING),
            new KnownField("pkt-dst-aws-service", FieldType.STRING), new KnownField("flow-direction", FieldType.STRING),
            new KnownField("traffic-path", FieldType.INTEGER), new KnownField("ecs-cluster-arn", FieldType.STRING),
            new KnownField("ecs-cluster-name", FieldType.STRING),
            new KnownField("ecs-container-instance-arn", FieldType.STRING),
            new KnownField("ecs-container-instance-id", FieldType.STRING),
            new KnownField("ecs-container-id", FieldType.STRING),
            new KnownField("ecs-second-container-id", FieldType.STRING),
            new KnownField("ecs-service-name", FieldType.STRING),
            new KnownField("ecs-task-definition-arn", FieldType.STRING), new KnownField("ecs-task-arn", FieldType.STRING),
            new KnownField("ecs-task-id", FieldType.STRING), new KnownField("reject-reason", FieldType.STRING),
            new KnownField("encryption-status", FieldType.INTEGER), new KnownField("resource-id", FieldType.STRING));

    /** Bookkeeping columns of the stored table that queries never see; they give the file order. */
    public static final List<String> BOOKKEEPING = List.of("import_id", "line_no");

    /** CloudWatch's names for two fields the contract calls {@code start} and {@code end}. */
    public static final Map<String, String> SYNONYMS = synonyms();

    private static Map<String, String> synonyms() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("startTime", "start");
        m.put("endTime", "end");
        return java.util.Collections.unmodifiableMap(m);
    }

    private FlowLogQuerySchema() {
    }

    /** {@code pkt-srcaddr} → {@code pktSrcAddr}, {@code log-status} → {@code logStatus}. */
    public static String camelCase(String logName) {
        String[] parts = logName.toLowerCase(Locale.ROOT).split("-");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                continue;
            }
            if (p.length() > 4 && p.endsWith("addr")) {
                p = p.substring(0, p.length() - 4) + "Addr";
            } else if (p.length() > 4 && p.endsWith("port")) {
                p = p.substring(0, p.length() - 4) + "Port";
            }
            b.append(i == 0 || b.length() == 0 ? p : Character.toUpperCase(p.charAt(0)) + p.substring(1));
        }
        return b.toString();
    }

    /** The known field with query name {@code name}, or null. */
    public static KnownField known(String name) {
        for (KnownField k : KNOWN) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The schema of the DuckDB flow-log table {@code table}, from DuckDB's catalogue: every column but
     * the bookkeeping ones, then the documented fields the table lacks (absent everywhere).
     */
    public static SourceSchema fromDuckDb(Connection c, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = ? ORDER BY ordinal_position")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.put(r.getString(1), r.getString(2));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("there is no table " + table);
        }
        if (!columns.containsKey("start")) {
            throw new SQLException("the table " + table + " has no start column, so records have no time");
        }
        SqlDialect d = DuckDbDialect.INSTANCE;
        List<SourceSchema.SourceField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> e : columns.entrySet()) {
            if (BOOKKEEPING.contains(e.getKey())) {
                continue;
            }
            fields.add(duckDbField(e.getKey(), e.getValue()));
            names.add(e.getKey());
        }
        addAbsentAndSynonyms(fields, names);
        List<String> message = new ArrayList<>();
        for (String f : DEFAULT_FORMAT) {
            message.add(camelCase(f));
        }
        List<String> order = new ArrayList<>();
        for (String b : BOOKKEEPING) {
            if (columns.containsKey(b)) {
                order.add(d.quote(b));
            }
        }
        String ts = "(CAST(" + d.quote("start") + " AS BIGINT) * 1000)";
        return new SourceSchema("flow logs", d.quote(table), fields, ts, message, order);
    }

    private static void addAbsentAndSynonyms(List<SourceSchema.SourceField> fields, Set<String> names) {
        for (KnownField k : KNOWN) {
            if (!names.contains(k.name())) {
                fields.add(new SourceSchema.SourceField(k.name(), nullOf(k.type()), k.type()));
                names.add(k.name());
            }
        }
        for (Map.Entry<String, String> syn : SYNONYMS.entrySet()) {
            if (!names.contains(syn.getKey())) {
                for (SourceSchema.SourceField f : List.copyOf(fields)) {
                    if (f.name().equals(syn.getValue())) {
                        fields.add(new SourceSchema.SourceField(syn.getKey(), f.sql(), f.type()));
                    }
                }
            }
        }
    }

    static String nullOf(FieldType t) {
        return switch (t) {
            case INTEGER, TIMESTAMP -> "CAST(NULL AS BIGINT)";
            case DOUBLE -> "CAST(NULL AS DOUBLE)";
            case BOOLEAN -> "CAST(NULL AS BOOLEAN)";
            case STRING -> "CAST(NULL AS VARCHAR)";
        };
    }

    /** A DuckDB column as a query field, by its catalogue type. */
    static SourceSchema.SourceField duckDbField(String column, String dataType) {
        String q = DuckDbDialect.INSTANCE.quote(column);
        String t = dataType.toUpperCase(Locale.ROOT);
        if (t.matches("(U?)(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)")) {
            return new SourceSchema.SourceField(column, q, FieldType.INTEGER);
        }
        if (t.startsWith("DOUBLE") || t.startsWith("FLOAT") || t.startsWith("DECIMAL") || t.startsWith("REAL")) {
            return new SourceSchema.SourceField(column, "CAST(" + q + " AS DOUBLE)", FieldType.DOUBLE);
        }
        if (t.equals("BOOLEAN")) {
            return new SourceSchema.SourceField(column, q, FieldType.BOOLEAN);
        }
        if (t.startsWith("TIMESTAMP") || t.equals("DATE")) {
            return new SourceSchema.SourceField(column, "epoch_ms(CAST(" + q + " AS TIMESTAMP))", FieldType.TIMESTAMP);
        }
        if (t.equals("VARCHAR")) {
            return new SourceSchema.SourceField(column, q, FieldType.STRING);
        }
        return new SourceSchema.SourceField(column, "CAST(" + q + " AS VARCHAR)", FieldType.STRING);
    }

    /**
     * The schema of a flow-log table in Athena with the columns AWS documents ({@code columns} as
     * flow-log names, in table order; partition columns are queryable too).
     */
    public static SourceSchema athena(String quotedTable, List<String> logNames) {
        SqlDialect d = AthenaDialect.INSTANCE;
        List<SourceSchema.SourceField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String logName : logNames) {
            KnownField k = null;
            for (KnownField kf : KNOWN) {
                if (kf.logName().equals(logName)) {
                    k = kf;
                }
            }
            FieldType type = k == null ? FieldType.STRING : k.type();
            String name = camelCase(logName);
            fields.add(new SourceSchema.SourceField(name, d.quote(logName.replace('-', '_')), type));
            names.add(name);
        }
        addAbsentAndSynonyms(fields, names);
        List<String> message = new ArrayList<>();
        for (String f : DEFAULT_FORMAT) {
            message.add(camelCase(f));
        }
        String ts = "(CAST(" + d.quote("start") + " AS BIGINT) * 1000)";
        return new SourceSchema("flow logs in Athena", quotedTable, fields, ts, message, List.of());
    }
}
