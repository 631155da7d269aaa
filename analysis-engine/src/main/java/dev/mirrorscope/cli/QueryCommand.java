package dev.mirrorscope.cli;

import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.query.CaptureTables;
import dev.mirrorscope.engine.query.CsvResultSink;
import dev.mirrorscope.engine.query.LocalQueryEngine;
import dev.mirrorscope.engine.query.QueryCancellation;
import dev.mirrorscope.engine.query.QueryEngine;
import dev.mirrorscope.engine.query.QueryResult;
import dev.mirrorscope.engine.query.QuerySyntaxException;
import dev.mirrorscope.engine.query.ResultSink;
import dev.mirrorscope.engine.query.SqlTranslator;
import dev.mirrorscope.engine.query.remote.AthenaFlowLogTable;
import dev.mirrorscope.engine.query.remote.AthenaQueryEngine;
import dev.mirrorscope.engine.query.remote.AwsSettings;
import dev.mirrorscope.engine.query.remote.CloudWatchQueryEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a CloudWatch Logs Insights query over the session's flow logs (or its packets or flows),",
                "here without a row cap, or remotely in CloudWatch Logs Insights or Athena.",
                "Example: stats sum(packets) as packetsTransferred by srcAddr, dstAddr"
                        + " | sort packetsTransferred desc | limit 15",
                "Fields: srcAddr, dstAddr, srcPort, dstPort, protocol, packets, bytes, start, end, action,"
                        + " logStatus, interfaceId, accountId, version, later-version fields in camelCase"
                        + " (pktSrcAddr, tcpFlags, flowDirection, ...), @timestamp (= start), @message.",
                "Without a sort, records come newest first; strings sort naturally (10.0.0.9 before 10.0.0.10);"
                        + " absent values sort last."})
final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "The query (Logs Insights syntax).")
    String query;

    @Option(names = "--session", paramLabel = "DIR", description = "Session directory (local engine).")
    Path session;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), jsonl or csv.")
    String format = "table";

    @Option(names = "--source", paramLabel = "SOURCE", description = "flowlogs (default), packets or flows.")
    String source = "flowlogs";

    @Option(names = "--engine", paramLabel = "ENGINE", description = "local (default), cloudwatch or athena.")
    String engine = "local";

    @Option(names = "--start", paramLabel = "TIME", description = "Earliest @timestamp (ISO 8601, UTC unless an"
            + " offset is given; or epoch seconds). Required for cloudwatch.")
    String start;

    @Option(names = "--end", paramLabel = "TIME", description = "Latest @timestamp (as --start).")
    String end;

    @Option(names = "--log-group", paramLabel = "NAME", description = "CloudWatch log group (repeatable).")
    List<String> logGroups = new ArrayList<>();

    @Option(names = "--database", paramLabel = "DB", description = "Athena database.")
    String database;

    @Option(names = "--table", paramLabel = "TABLE", description = "Athena table (default vpc_flow_logs).")
    String table = "vpc_flow_logs";

    @Option(names = "--catalog", paramLabel = "CATALOG", description = "Athena data catalog (default AwsDataCatalog).")
    String catalog;

    @Option(names = "--workgroup", paramLabel = "WG", description = "Athena workgroup (default primary).")
    String workgroup = "primary";

    @Option(names = "--output", paramLabel = "S3URI", description = "Athena query result location, s3://...")
    String output;

    @Option(names = "--no-day-partitions", description = "The Athena table has no day partition to prune by time.")
    boolean noDayPartitions;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region.")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS named profile.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "AWS endpoint override.")
    URI endpoint;

    @Option(names = "--print-sql", description = "Print the SQL the query becomes (local or athena) and stop.")
    boolean printSql;

    @Option(names = "--print-athena-ddl", description = "Print the CREATE TABLE (partition projection) for flow"
            + " logs in S3 and stop; needs --location, --accounts, --regions.")
    boolean printDdl;

    @Option(names = "--location", paramLabel = "S3URI", description = "For the DDL: the S3 prefix holding AWSLogs/.")
    String location;

    @Option(names = "--accounts", split = ",", paramLabel = "ID", description = "For the DDL: account ids.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--regions", split = ",", paramLabel = "REGION", description = "For the DDL: regions.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--first-day", paramLabel = "YYYY-MM-DD", description = "For the DDL: first projected day"
            + " (default 2020-01-01).")
    String firstDay = "2020-01-01";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printDdl) {
            if (location == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--print-athena-ddl needs --location");
            }
            LocalDate first;
            try {
                first = LocalDate.parse(firstDay.replace('/', '-'));
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--first-day must be YYYY-MM-DD");
            }
            out.println(AthenaFlowLogTable.ddl(table, location, accounts, regions, first) + ";");
            out.flush();
            return 0;
        }
        if (query == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a QUERY is required");
        }
        String fmt = format.toLowerCase(Locale.ROOT);
        boolean machine = Output.machine(spec, fmt, "jsonl", "csv");
        SqlTranslator.TimeRange range = new SqlTranslator.TimeRange(time("--start", start), time("--end", end));
        QueryCancellation cancel = new QueryCancellation();
        Thread interrupt = new Thread(cancel::cancel, "query-cancel");
        try (Closer closer = new Closer()) {
            QueryEngine e = engine(closer);
            if (printSql) {
                String sql = e instanceof LocalQueryEngine l ? l.plan(query, range).sql()
                        : e instanceof AthenaQueryEngine a ? a.plan(query, range).sql() : null;
                if (sql == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--print-sql works with the local and athena engines");
                }
                out.println(sql);
                out.flush();
                return 0;
            }
            ResultSink sink;
            QueryOutput.Jsonl jsonl = null;
            QueryOutput.Table tableOut = null;
            if (machine && fmt.equals("jsonl")) {
                sink = jsonl = new QueryOutput.Jsonl(out);
            } else if (machine) {
                sink = new CsvResultSink(out);
            } else {
                sink = tableOut = new QueryOutput.Table(out);
            }
            Runtime.getRuntime().addShutdownHook(interrupt);
            QueryResult r;
            try {
                r = e.run(query, range, sink, cancel);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupt);
                } catch (IllegalStateException ignored) {
                    // shutting down already
                }
            }
            if (jsonl != null) {
                jsonl.close();
            }
            if (tableOut != null) {
                tableOut.finish();
            }
            out.flush();
            err.printf("%,d row%s in %.3f s%s%n", r.rows(), r.rows() == 1 ? "" : "s", r.seconds(),
                    r.note() == null ? "" : " (" + r.note() + ")");
            return r.cancelled() ? 1 : 0;
        } catch (QuerySyntaxException e) {
            out.flush();
            err.println("mirrorscope: " + e.getMessage());
            String[] lines = query.split("\n", -1);
            if (e.line() - 1 < lines.length) {
                err.println("  " + lines[e.line() - 1]);
                err.println("  " + " ".repeat(Math.max(0, e.column() - 1)) + "^");
            }
            err.flush();
            return 1;
        }
    }

    private QueryEngine engine(Closer closer) throws IOException, QuerySyntaxException {
        switch (engine.toLowerCase(Locale.ROOT)) {
            case "local":
                return local(closer);
            case "cloudwatch": {
                if (logGroups.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--engine cloudwatch needs"
                            + " --log-group");
                }
                if (start == null || end == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--engine cloudwatch needs --start"
                            + " and --end");
                }
                var client = new AwsSettings(region, profile, endpoint, null).cloudWatchLogs();
                closer.add(client::close);
                return new CloudWatchQueryEngine(client, logGroups, Duration.ofSeconds(1));
            }
            case "athena": {
                if (database == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--engine athena needs --database");
                }
                if (output != null && !output.startsWith("s3://")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--output must be an s3:// URI");
                }
                var target = new AthenaQueryEngine.Target(catalog, database, table, workgroup, output);
                if (printSql) {
                    return new AthenaQueryEngine(null, target, AthenaFlowLogTable.queryFields(), !noDayPartitions,
                            Duration.ofSeconds(1));
                }
                var client = new AwsSettings(region, profile, endpoint, null).athena();
                closer.add(client::close);
                return new AthenaQueryEngine(client, target, AthenaFlowLogTable.queryFields(), !noDayPartitions,
                        Duration.ofSeconds(1));
            }
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--engine must be local, cloudwatch or athena, not '" + engine + "'");
        }
    }

    private QueryEngine local(Closer closer) throws IOException, QuerySyntaxException {
        if (session == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the local engine needs --session DIR");
        }
        String s = source.toLowerCase(Locale.ROOT);
        switch (s) {
            case "flowlogs", "flow-logs": {
                if (!Files.isDirectory(session)) {
                    throw new IOException(session + ": no session here");
                }
                LocalQueryEngine e = LocalQueryEngine.openFlowLogs(session);
                closer.add(e::close);
                return e;
            }
            case "packets", "flows": {
                Sessions.requireExisting(session);
                Session opened = Session.open(session);
                closer.add(opened::close);
                LocalQueryEngine e = CaptureTables.open(opened, s.equals("packets") ? CaptureTables.Kind.PACKETS
                        : CaptureTables.Kind.FLOWS, printSql ? null : query);
                closer.add(e::close);
                return e;
            }
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--source must be flowlogs, packets or flows, not '" + source + "'");
        }
    }

    private Long time(String option, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.matches("\\d{1,12}")) {
                return Long.parseLong(t) * 1000;
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            String iso = t.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + text
                    + "' is not a time such as 2024-05-01T10:00:00Z, 2024-05-01 or epoch seconds");
        }
    }

    /** Closes what the command opened, last first. */
    private static final class Closer implements AutoCloseable {
        interface Action {
            void close() throws Exception;
        }

        private final List<Action> actions = new ArrayList<>();

        void add(Action a) {
            actions.add(a);
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (int i = actions.size() - 1; i >= 0; i--) {
                try {
                    actions.get(i).close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
