package dev.mirrorscope.engine.query.remote;

import dev.mirrorscope.engine.query.AthenaDialect;
import dev.mirrorscope.engine.query.FlowLogQuerySchema;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.Query;
import dev.mirrorscope.engine.query.QueryCancellation;
import dev.mirrorscope.engine.query.QueryEngine;
import dev.mirrorscope.engine.query.QueryResult;
import dev.mirrorscope.engine.query.QuerySyntaxException;
import dev.mirrorscope.engine.query.ResultSink;
import dev.mirrorscope.engine.query.SourceSchema;
import dev.mirrorscope.engine.query.SqlPlan;
import dev.mirrorscope.engine.query.SqlTranslator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Runs the query in Athena: translated to Trino SQL over the documented flow-log table
 * ({@link AthenaFlowLogTable}), started with StartQueryExecution in a workgroup with an output location,
 * polled with GetQueryExecution, and read page by page with GetQueryResults. StopQueryExecution on cancel.
 */
public final class AthenaQueryEngine implements QueryEngine {
    /** Where the query runs and what it reads. {@code catalog} may be null (AwsDataCatalog). */
    public record Target(String catalog, String database, String table, String workgroup, String outputLocation) {
    }

    private final AthenaClient client;
    private final Target target;
    private final List<String> tableFields;
    private final boolean dayPartitions;
    private final Duration pollInterval;

    /**
     * @param tableFields   the table's fields as flow-log names (see {@link AthenaFlowLogTable#queryFields()})
     * @param dayPartitions whether the table has the documented {@code day} partition to prune by time range
     */
    public AthenaQueryEngine(AthenaClient client, Target target, List<String> tableFields, boolean dayPartitions,
                             Duration pollInterval) {
        this.client = client;
        this.target = target;
        this.tableFields = List.copyOf(tableFields);
        this.dayPartitions = dayPartitions;
        this.pollInterval = pollInterval;
    }

    private SourceSchema schema() {
        AthenaDialect d = AthenaDialect.INSTANCE;
        String from = (target.catalog() == null ? "" : d.quote(target.catalog()) + ".") + d.quote(target.database())
                + "." + d.quote(target.table());
        return FlowLogQuerySchema.athena(from, tableFields);
    }

    @Override
    public List<String> fieldNames() {
        return schema().fieldNames();
    }

    /** The Athena SQL for a query (printed by {@code --print-sql}, checked by golden tests). */
    public SqlPlan plan(String query, SqlTranslator.TimeRange range) throws QuerySyntaxException {
        List<String> conditions = new ArrayList<>();
        if (dayPartitions && range != null && (range.startMillis() != null || range.endMillis() != null)) {
            conditions.add(AthenaFlowLogTable.dayCondition(range.startMillis(), range.endMillis()));
        }
        return SqlTranslator.translate(Query.parse(query), schema(), AthenaDialect.INSTANCE,
                range == null ? SqlTranslator.TimeRange.ALL : range, conditions);
    }

    @Override
    public QueryResult run(String query, SqlTranslator.TimeRange range, ResultSink sink, QueryCancellation cancel)
            throws QuerySyntaxException, IOException {
        long started = System.nanoTime();
        SqlPlan plan = plan(query, range);
        QueryCancellation c = cancel == null ? new QueryCancellation() : cancel;
        String id;
        try {
            id = client.startQueryExecution(r -> {
                r.queryString(plan.sql()).workGroup(target.workgroup());
                r.queryExecutionContext(x -> {
                    x.database(target.database());
                    if (target.catalog() != null) {
                        x.catalog(target.catalog());
                    }
                });
                if (target.outputLocation() != null) {
                    r.resultConfiguration(x -> x.outputLocation(target.outputLocation()));
                }
            }).queryExecutionId();
        } catch (SdkException e) {
            throw new IOException(AwsErrors.describe("Athena StartQueryExecution", e), e);
        }
        Runnable stop = () -> {
            try {
                client.stopQueryExecution(r -> r.queryExecutionId(id));
            } catch (SdkException ignored) {
                // finished meanwhile
            }
        };
        c.onCancel(stop);
        QueryExecution execution;
        try {
            while (true) {
                execution = client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
                QueryExecutionState state = execution.status().state();
                if (state == QueryExecutionState.SUCCEEDED) {
                    break;
                }
                if (state == QueryExecutionState.CANCELLED || c.isCancelled()) {
                    return new QueryResult(plan.columns(), 0, true, (System.nanoTime() - started) / 1e9,
                            "Athena query " + id + " stopped");
                }
                if (state == QueryExecutionState.FAILED) {
                    String reason = execution.status().stateChangeReason();
                    throw new IOException("Athena query " + id + " failed: " + (reason == null ? "no reason given"
                            : reason));
                }
                Thread.sleep(pollInterval.toMillis());
            }
        } catch (SdkException e) {
            throw new IOException(AwsErrors.describe("Athena GetQueryExecution", e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
            throw new InterruptedIOException("interrupted; Athena query " + id + " stopped");
        } finally {
            c.remove(stop);
        }
        List<OutputColumn> columns = plan.columns();
        sink.columns(columns);
        long rows = 0;
        String token = null;
        boolean header = true;
        boolean stopped = false;
        try {
            do {
                String next = token;
                GetQueryResultsResponse page = client.getQueryResults(r -> r.queryExecutionId(id).maxResults(1000)
                        .nextToken(next));
                for (Row row : page.resultSet().rows()) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    Object[] values = new Object[columns.size()];
                    List<Datum> data = row.data();
                    for (int i = 0; i < values.length && i < data.size(); i++) {
                        values[i] = RemoteValues.read(data.get(i).varCharValue(), columns.get(i).type());
                    }
                    rows++;
                    if (!sink.row(values) || c.isCancelled()) {
                        stopped = true;
                        break;
                    }
                }
                token = page.nextToken();
            } while (token != null && !stopped);
        } catch (SdkException e) {
            throw new IOException(AwsErrors.describe("Athena GetQueryResults", e), e);
        }
        String note = null;
        if (execution.statistics() != null && execution.statistics().dataScannedInBytes() != null) {
            note = String.format("Athena scanned %,d bytes in %,d ms", execution.statistics().dataScannedInBytes(),
                    execution.statistics().engineExecutionTimeInMillis() == null ? 0
                            : execution.statistics().engineExecutionTimeInMillis());
        }
        return new QueryResult(columns, rows, c.isCancelled(), (System.nanoTime() - started) / 1e9, note);
    }
}
