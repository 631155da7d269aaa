package dev.mirrorscope.engine.query.remote;

import dev.mirrorscope.engine.query.DuckDbDialect;
import dev.mirrorscope.engine.query.Expr;
import dev.mirrorscope.engine.query.FieldType;
import dev.mirrorscope.engine.query.FlowLogQuerySchema;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.Query;
import dev.mirrorscope.engine.query.QueryCancellation;
import dev.mirrorscope.engine.query.QueryEngine;
import dev.mirrorscope.engine.query.QueryFields;
import dev.mirrorscope.engine.query.QueryResult;
import dev.mirrorscope.engine.query.QuerySyntaxException;
import dev.mirrorscope.engine.query.ResultSink;
import dev.mirrorscope.engine.query.SourceSchema;
import dev.mirrorscope.engine.query.SqlTranslator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

/**
 * Runs the query in CloudWatch Logs Insights over chosen log groups (StartQuery, then GetQueryResults
 * until the query completes; StopQuery on cancel). The query is checked here first, and the flow-log
 * fields the contract calls {@code start}/{@code end} are sent as CloudWatch's {@code startTime}/
 * {@code endTime}. CloudWatch answers at most 10,000 rows; the result notes when that cap was hit.
 */
public final class CloudWatchQueryEngine implements QueryEngine {
    /** The most rows CloudWatch Logs Insights returns for one query. */
    public static final int MAX_ROWS = 10_000;
    private static final Map<String, String> TO_CLOUDWATCH = Map.of("start", "startTime", "end", "endTime");

    private final CloudWatchLogsClient client;
    private final List<String> logGroups;
    private final Duration pollInterval;

    public CloudWatchQueryEngine(CloudWatchLogsClient client, List<String> logGroups, Duration pollInterval) {
        if (logGroups.isEmpty()) {
            throw new IllegalArgumentException("CloudWatch queries need at least one log group (--log-group)");
        }
        this.client = client;
        this.logGroups = List.copyOf(logGroups);
        this.pollInterval = pollInterval;
    }

    @Override
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (FlowLogQuerySchema.KnownField k : FlowLogQuerySchema.KNOWN) {
            names.add(k.name());
        }
        names.addAll(List.of("startTime", "endTime", "@timestamp", "@message", "@logStream", "@log"));
        return names;
    }

    /** The query text as sent to CloudWatch: {@code start}/{@code end} fields renamed, all else as written. */
    public static String cloudWatchText(Query query) {
        String text = query.text();
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (Expr.Field f : QueryFields.references(query)) {
            String to = TO_CLOUDWATCH.get(f.name());
            if (to != null) {
                b.append(text, at, f.start()).append(to);
                at = f.end();
            }
        }
        return b.append(text.substring(at)).toString();
    }

    @Override
    public QueryResult run(String queryText, SqlTranslator.TimeRange range, ResultSink sink,
                           QueryCancellation cancel) throws QuerySyntaxException, IOException {
        long started = System.nanoTime();
        if (range == null || range.startMillis() == null || range.endMillis() == null) {
            throw new IOException("CloudWatch queries need a time range (--start and --end)");
        }
        Query query = Query.parse(queryText);
        List<OutputColumn> planned = plannedColumns(query);
        int limit = query.limit() > 0 ? (int) Math.min(query.limit(), MAX_ROWS) : MAX_ROWS;
        QueryCancellation c = cancel == null ? new QueryCancellation() : cancel;
        String queryId;
        try {
            queryId = client.startQuery(r -> r.logGroupNames(logGroups).queryString(cloudWatchText(query))
                    .startTime(Math.floorDiv(range.startMillis(), 1000L)).endTime(Math.floorDiv(range.endMillis(),
                            1000L)).limit(limit)).queryId();
        } catch (SdkException e) {
            throw new IOException(AwsErrors.describe("CloudWatch Logs StartQuery", e), e);
        }
        Runnable stop = () -> {
            try {
                client.stopQuery(r -> r.queryId(queryId));
            } catch (SdkException ignored) {
                // the query may have finished meanwhile
            }
        };
        c.onCancel(stop);
        GetQueryResultsResponse results;
        try {
            while (true) {
                results = client.getQueryResults(r -> r.queryId(queryId));
                QueryStatus status = results.status();
                if (status == QueryStatus.COMPLETE) {
                    break;
                }
                if (status == QueryStatus.CANCELLED || c.isCancelled()) {
                    return new QueryResult(planned == null ? List.of() : planned, 0, true,
                            (System.nanoTime() - started) / 1e9, "CloudWatch query " + queryId + " stopped");
                }
                if (status == QueryStatus.FAILED || status == QueryStatus.TIMEOUT
                        || status == QueryStatus.UNKNOWN_TO_SDK_VERSION || status == QueryStatus.UNKNOWN) {
                    throw new IOException("CloudWatch Logs query " + queryId + " ended " + results.statusAsString());
                }
                Thread.sleep(pollInterval.toMillis());
            }
        } catch (SdkException e) {
            throw new IOException(AwsErrors.describe("CloudWatch Logs GetQueryResults", e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
            throw new InterruptedIOException("interrupted; CloudWatch query " + queryId + " stopped");
        } finally {
            c.remove(stop);
        }
        List<OutputColumn> columns = planned != null ? planned : columnsFrom(results.results());
        Map<String, String> names = nameMapping(columns, results.results());
        sink.columns(columns);
        long rows = 0;
        for (List<ResultField> row : results.results()) {
            Object[] values = new Object[columns.size()];
            Map<String, String> byName = new LinkedHashMap<>();
            for (ResultField f : row) {
                if (!"@ptr".equals(f.field())) {
                    byName.put(names.getOrDefault(f.field(), f.field()), f.value());
                }
            }
            for (int i = 0; i < values.length; i++) {
                OutputColumn col = columns.get(i);
                values[i] = RemoteValues.read(byName.get(col.name()), col.type());
            }
            rows++;
            if (!sink.row(values)) {
                break;
            }
        }
        String note = null;
        if (results.statistics() != null) {
            note = String.format("CloudWatch scanned %,.0f records (%,.0f bytes), %,.0f matched",
                    nz(results.statistics().recordsScanned()), nz(results.statistics().bytesScanned()),
                    nz(results.statistics().recordsMatched()));
        }
        if (results.results().size() >= MAX_ROWS) {
            note = (note == null ? "" : note + "; ") + "CloudWatch returns at most " + MAX_ROWS
                    + " rows, so the result may be cut short (query locally for all rows)";
        }
        return new QueryResult(columns, rows, false, (System.nanoTime() - started) / 1e9, note);
    }

    /**
     * CloudWatch field name to column name: {@code startTime}/{@code endTime} back to the contract's names,
     * and columns CloudWatch names differently (its own spelling of an expression) paired in order with
     * the fields that match no column, when the counts agree.
     */
    private static Map<String, String> nameMapping(List<OutputColumn> columns, List<List<ResultField>> rows) {
        Map<String, String> map = new HashMap<>();
        List<String> fields = new ArrayList<>();
        for (List<ResultField> row : rows) {
            for (ResultField f : row) {
                if (!"@ptr".equals(f.field()) && !fields.contains(f.field())) {
                    fields.add(f.field());
                }
            }
        }
        List<String> unmatchedColumns = new ArrayList<>();
        for (OutputColumn c : columns) {
            unmatchedColumns.add(c.name());
        }
        List<String> unmatchedFields = new ArrayList<>();
        for (String f : fields) {
            String n = unmatchedColumns.contains(f) ? f : fromCloudWatch(f);
            if (unmatchedColumns.remove(n)) {
                map.put(f, n);
            } else {
                unmatchedFields.add(f);
            }
        }
        if (!unmatchedFields.isEmpty() && unmatchedFields.size() == unmatchedColumns.size()) {
            for (int i = 0; i < unmatchedFields.size(); i++) {
                map.put(unmatchedFields.get(i), unmatchedColumns.get(i));
            }
        }
        return map;
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    private static String fromCloudWatch(String field) {
        return switch (field) {
            case "startTime" -> "start";
            case "endTime" -> "end";
            default -> field;
        };
    }

    /** The result columns as the local engine would name and type them, or null when it cannot tell. */
    private static List<OutputColumn> plannedColumns(Query query) {
        List<String> all = new ArrayList<>();
        for (FlowLogQuerySchema.KnownField k : FlowLogQuerySchema.KNOWN) {
            all.add(k.logName());
        }
        SourceSchema schema = FlowLogQuerySchema.athena("\"flow_logs\"", all);
        try {
            return SqlTranslator.translate(query, schema, DuckDbDialect.INSTANCE).columns();
        } catch (QuerySyntaxException e) {
            return null;
        }
    }

    private static List<OutputColumn> columnsFrom(List<List<ResultField>> rows) {
        Map<String, OutputColumn> cols = new LinkedHashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (List<ResultField> row : rows) {
            for (ResultField f : row) {
                String n = fromCloudWatch(f.field());
                if (!"@ptr".equals(f.field()) && seen.put(n, true) == null) {
                    cols.put(n, new OutputColumn(n, n.equals("@timestamp") ? FieldType.TIMESTAMP : FieldType.STRING));
                }
            }
        }
        return new ArrayList<>(cols.values());
    }
}
