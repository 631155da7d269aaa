package dev.mirrorscope.engine.query;

import java.util.List;

/**
 * How a query run ended: its columns, rows delivered, whether it was cancelled, wall time, and a note
 * from the engine (records scanned, data scanned, a warning), or null.
 */
public record QueryResult(List<OutputColumn> columns, long rows, boolean cancelled, double seconds, String note) {
    public QueryResult {
        columns = List.copyOf(columns);
    }
}
