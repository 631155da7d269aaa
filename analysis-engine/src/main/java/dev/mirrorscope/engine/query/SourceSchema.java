package dev.mirrorscope.engine.query;

import java.util.ArrayList;
import java.util.List;

/**
 * What a query runs over: the SQL relation, its fields (query name, SQL expression over the
 * relation, type), how {@code @timestamp} and {@code @message} are made, and the columns that give
 * records a stable order when everything else ties.
 *
 * @param fromSql       the relation, already quoted (for example {@code "flow_logs"})
 * @param timestampSql  SQL giving epoch milliseconds of a record ({@code @timestamp})
 * @param messageFields fields joined by spaces, {@code -} for absent, as {@code @message}
 * @param orderSql      SQL expressions giving the records' stable (file) order
 */
public record SourceSchema(String description, String fromSql, List<SourceField> fields, String timestampSql,
                           List<String> messageFields, List<String> orderSql) {
    /** One field: its query name, the SQL expression producing it and its type. */
    public record SourceField(String name, String sql, FieldType type) {
    }

    public SourceSchema {
        fields = List.copyOf(fields);
        messageFields = List.copyOf(messageFields);
        orderSql = List.copyOf(orderSql);
    }

    /** Field names in order, for completion. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (SourceField f : fields) {
            names.add(f.name());
        }
        names.add("@timestamp");
        names.add("@message");
        return names;
    }

    public SourceField field(String name) {
        for (SourceField f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
