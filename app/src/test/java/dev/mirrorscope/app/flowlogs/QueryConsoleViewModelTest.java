package dev.mirrorscope.app.flowlogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.query.LocalQueryEngine;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.QueryCancellation;
import dev.mirrorscope.engine.query.QueryCompletion;
import dev.mirrorscope.engine.query.QueryEngine;
import dev.mirrorscope.engine.query.QueryHighlighter;
import dev.mirrorscope.engine.query.QueryResult;
import dev.mirrorscope.engine.query.ResultSink;
import dev.mirrorscope.engine.query.SqlTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's view model without the FX toolkit, over a local engine on a six-record flow-log table:
 * three ACCEPT and three REJECT records in two five-minute bins, one NODATA record among them.
 */
class QueryConsoleViewModelTest {
    @TempDir
    Path tmp;
    Connection duck;
    LocalQueryEngine local;
    QueryConsoleViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE flow_logs (version INTEGER, accountId VARCHAR, interfaceId VARCHAR,"
                    + " srcAddr VARCHAR, dstAddr VARCHAR, srcPort INTEGER, dstPort INTEGER, protocol INTEGER,"
                    + " packets BIGINT, bytes BIGINT, start BIGINT, \"end\" BIGINT, action VARCHAR, logStatus VARCHAR,"
                    + " import_id INTEGER, line_no BIGINT)");
            s.execute("INSERT INTO flow_logs VALUES"
                    + " (2, '1', 'eni-1', '10.0.0.1', '10.0.0.2', 1000, 443, 6, 10, 1000, 1700000000, 1700000010,"
                    + " 'ACCEPT', 'OK', 1, 1),"
                    + " (2, '1', 'eni-1', '10.0.0.1', '10.0.0.3', 1001, 22, 6, 1, 40, 1700000100, 1700000110,"
                    + " 'REJECT', 'OK', 1, 2),"
                    + " (2, '1', 'eni-1', '10.0.0.9', '10.0.0.2', 1002, 443, 6, 5, 500, 1700000200, 1700000210,"
                    + " 'ACCEPT', 'OK', 1, 3),"
                    + " (2, '1', 'eni-1', '10.0.0.9', '10.0.0.3', 1003, 22, 6, 1, 40, 1700000400, 1700000410,"
                    + " 'REJECT', 'OK', 1, 4),"
                    + " (2, '1', 'eni-1', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1700000450, 1700000460,"
                    + " NULL, 'NODATA', 1, 5),"
                    + " (2, '1', 'eni-1', '10.0.0.10', '10.0.0.3', 1004, 3389, 6, 2, 80, 1700000500, 1700000510,"
                    + " 'REJECT', 'OK', 1, 6)");
        }
        local = LocalQueryEngine.overFlowLogs(duck);
        vm = new QueryConsoleViewModel(UiTaskExecutor.direct(), c -> local, QueryLibrary.inMemory());
        vm.fields(local.fieldNames());
    }

    @AfterEach
    void tearDown() throws Exception {
        local.close();
        duck.close();
    }

    @Test
    void checksTheTextAsItChanges() {
        vm.text().set("fields srcAddr | sortt bytes");
        assertThat(vm.error().get()).contains("unknown command 'sortt'; did you mean sort");
        assertThat(vm.errorPosition().get()).isEqualTo(17);
        vm.text().set("fields srcAddr | sort bytes");
        assertThat(vm.error().get()).isNull();
        assertThat(vm.errorPosition().get()).isEqualTo(-1);
        assertThat(vm.highlight()).extracting(QueryHighlighter.Span::style).startsWith(
                QueryHighlighter.Style.COMMAND, QueryHighlighter.Style.FIELD);
    }

    @Test
    void runsAndPagesResults() {
        vm.pageSize().set(2);
        vm.text().set("fields srcAddr, bytes | filter ispresent(srcAddr) | sort bytes desc");
        vm.run();
        assertThat(vm.running().get()).isFalse();
        assertThat(vm.columns()).extracting(OutputColumn::name).containsExactly("srcAddr", "bytes");
        assertThat(vm.totalRows().get()).isEqualTo(5);
        assertThat(vm.pageCount()).isEqualTo(3);
        assertThat(vm.pageRows()).containsExactly(List.of("10.0.0.1", 1000L), List.of("10.0.0.9", 500L));
        vm.nextPage();
        assertThat(vm.pageRows()).containsExactly(List.of("10.0.0.10", 80L), List.of("10.0.0.9", 40L));
        vm.lastPage();
        assertThat(vm.pageRows()).containsExactly(List.of("10.0.0.1", 40L));
        vm.nextPage();
        assertThat(vm.pageIndex().get()).isEqualTo(2);
        vm.previousPage();
        assertThat(vm.pageIndex().get()).isEqualTo(1);
        assertThat(vm.status().get()).startsWith("5 rows in ");
        assertThat(vm.chart().get()).isNull();
        assertThat(vm.history()).containsExactly("fields srcAddr, bytes | filter ispresent(srcAddr) | sort bytes desc");
    }

    @Test
    void chartsStatsByBinWithASeriesPerNumberAndKey() {
        vm.text().set("stats count(*) as flows, sum(bytes) as bytes by bin(5m), action");
        vm.run();
        ChartData c = vm.chart().get();
        assertThat(c.xColumn()).isEqualTo("bin(5m)");
        assertThat(c.series()).extracting(ChartData.Series::name).containsExactly("flows (ACCEPT)", "bytes (ACCEPT)",
                "flows (REJECT)", "bytes (REJECT)", "flows (-)");
        Instant bin1 = Instant.ofEpochSecond(1_699_999_800L);
        Instant bin2 = Instant.ofEpochSecond(1_700_000_100L);
        Instant bin3 = Instant.ofEpochSecond(1_700_000_400L);
        assertThat(c.series().get(0).points()).containsExactly(new ChartData.Point(bin1, 1), new ChartData.Point(bin2, 1));
        assertThat(c.series().get(2).points()).containsExactly(new ChartData.Point(bin2, 1), new ChartData.Point(bin3, 2));
        assertThat(c.series().get(3).points()).containsExactly(new ChartData.Point(bin2, 40), new ChartData.Point(bin3, 120));
    }

    @Test
    void errorsOfARunSayWhere() {
        vm.text().set("fields srcAdr");
        vm.run();
        assertThat(vm.error().get()).contains("unknown field 'srcAdr'; did you mean srcAddr");
        assertThat(vm.errorPosition().get()).isEqualTo(7);
        assertThat(vm.status().get()).isEqualTo("Query failed");
        QueryConsoleViewModel broken = new QueryConsoleViewModel(UiTaskExecutor.direct(), c -> {
            throw new IOException("CloudWatch Logs StartQuery: access denied");
        }, QueryLibrary.inMemory());
        broken.text().set("fields srcAddr");
        broken.engine().set(EngineChoice.CLOUDWATCH);
        broken.run();
        assertThat(broken.error().get()).isEqualTo("CloudWatch Logs StartQuery: access denied");
        assertThat(broken.errorPosition().get()).isEqualTo(-1);
    }

    @Test
    void timeRangeReachesTheEngine() {
        vm.rangeStart().set(Instant.ofEpochSecond(1_700_000_100L));
        vm.rangeEnd().set(Instant.ofEpochSecond(1_700_000_400L));
        vm.text().set("stats count(*) as n");
        vm.run();
        assertThat(vm.pageRows()).containsExactly(List.of(3L));
    }

    @Test
    void cancelStopsARunningQuery() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        QueryEngine slow = new QueryEngine() {
            @Override
            public List<String> fieldNames() {
                return List.of();
            }

            @Override
            public QueryResult run(String query, SqlTranslator.TimeRange range, ResultSink sink,
                                   QueryCancellation cancel) throws IOException {
                CountDownLatch stopped = new CountDownLatch(1);
                cancel.onCancel(stopped::countDown);
                started.countDown();
                try {
                    assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return new QueryResult(List.of(), 0, true, 0.1, "stopped");
            }
        };
        var pool = Executors.newSingleThreadExecutor();
        QueryConsoleViewModel v = new QueryConsoleViewModel(new UiTaskExecutor(pool, Runnable::run), c -> slow,
                QueryLibrary.inMemory());
        v.text().set("fields srcAddr");
        v.run();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(v.running().get()).isTrue();
        v.cancel();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(v.running().get()).isFalse();
        assertThat(v.status().get()).contains("(cancelled)");
    }

    @Test
    void exportsEveryRowAsCsv() throws Exception {
        vm.text().set("fields srcAddr, bytes | sort bytes desc");
        Path out = tmp.resolve("rows.csv");
        long[] n = {-1};
        vm.exportCsv(out, c -> n[0] = c);
        assertThat(n[0]).isEqualTo(6);
        assertThat(Files.readAllLines(out)).containsExactly("srcAddr,bytes", "10.0.0.1,1000", "10.0.0.9,500",
                "10.0.0.10,80", "10.0.0.9,40", "10.0.0.1,40", ",");
        assertThat(vm.status().get()).isEqualTo("Exported 6 rows to rows.csv");
    }

    @Test
    void completesAtTheCaret() {
        vm.text().set("filter dst");
        vm.caret().set(10);
        List<QueryCompletion.Candidate> c = vm.completions();
        assertThat(c).extracting(QueryCompletion.Candidate::text).containsExactly("dstAddr", "dstPort");
        vm.complete(c.get(1));
        assertThat(vm.text().get()).isEqualTo("filter dstPort");
        assertThat(vm.caret().get()).isEqualTo(14);
    }

    @Test
    void historyAndSavedQueriesPersist() throws Exception {
        Path file = tmp.resolve("queries.json");
        QueryConsoleViewModel a = new QueryConsoleViewModel(UiTaskExecutor.direct(), c -> local, QueryLibrary.open(file));
        a.text().set("stats count(*) as n");
        a.run();
        a.text().set("fields srcAddr");
        a.run();
        a.run();
        a.save("sources");
        a.text().set("stats sum(bytes) by srcAddr");
        a.save("bytes per source");
        QueryConsoleViewModel b = new QueryConsoleViewModel(UiTaskExecutor.direct(), c -> local, QueryLibrary.open(file));
        assertThat(b.history()).containsExactly("stats count(*) as n", "fields srcAddr");
        assertThat(b.saved()).extracting(QueryLibrary.Saved::name).containsExactly("sources", "bytes per source");
        b.historyBack();
        assertThat(b.text().get()).isEqualTo("fields srcAddr");
        b.historyBack();
        assertThat(b.text().get()).isEqualTo("stats count(*) as n");
        b.historyForward();
        b.historyForward();
        assertThat(b.text().get()).isEmpty();
        b.open(b.saved().get(1));
        assertThat(b.text().get()).isEqualTo("stats sum(bytes) by srcAddr");
        b.deleteSaved("sources");
        assertThat(QueryLibrary.open(file).saved()).extracting(QueryLibrary.Saved::name)
                .containsExactly("bytes per source");
    }

    @Test
    void aDamagedLibraryFileIsSetAsideNotFatal() throws Exception {
        Path file = tmp.resolve("queries.json");
        Files.writeString(file, "{ not json");
        QueryLibrary lib = QueryLibrary.open(file);
        assertThat(lib.loadProblem()).contains("unreadable");
        assertThat(lib.history()).isEmpty();
        assertThat(tmp.resolve("queries.json.bad")).exists();
        QueryConsoleViewModel v = new QueryConsoleViewModel(UiTaskExecutor.direct(), c -> local, lib);
        assertThat(v.status().get()).contains("started afresh");
    }
}
