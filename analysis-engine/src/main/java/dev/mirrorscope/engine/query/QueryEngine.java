package dev.mirrorscope.engine.query;

import java.io.IOException;
import java.util.List;

/** Runs Logs Insights queries somewhere: locally over DuckDB, in CloudWatch Logs, or in Athena. */
public interface QueryEngine {
    /** Field names queries can use here, for completion. */
    List<String> fieldNames();

    /**
     * Runs {@code query}, streaming results to {@code sink}. Blocks until done or cancelled; run it off
     * the UI thread.
     *
     * @throws QuerySyntaxException when the query does not parse or names an unknown field
     * @throws IOException          when the engine fails (one clear message)
     */
    QueryResult run(String query, SqlTranslator.TimeRange range, ResultSink sink, QueryCancellation cancel)
            throws QuerySyntaxException, IOException;
}
