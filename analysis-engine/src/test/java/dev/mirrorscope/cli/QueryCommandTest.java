package dev.mirrorscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorscope.engine.TestCaptures;
import dev.mirrorscope.engine.query.FlowLogFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path session;
    List<FlowLogFixture.Rec> recs;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void session() throws Exception {
        session = tmp.resolve("case");
        Files.createDirectories(session);
        recs = FlowLogFixture.records();
        FlowLogFixture.file(session, recs);
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(k::add);
        return k;
    }

    @Test
    void jsonlKeysAreTheQuerysColumnNames() throws Exception {
        Run r = run("query", "--session", session.toString(), "stats count(*) as n, sum(bytes) by action"
                + " | sort action", "--format", "jsonl");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        Map<String, Long> counts = new TreeMap<>(recs.stream().filter(x -> x.action() != null)
                .collect(Collectors.groupingBy(FlowLogFixture.Rec::action, Collectors.counting())));
        assertThat(lines).hasSize(counts.size() + 1);
        int i = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            JsonNode n = JSON.readTree(lines.get(i++));
            assertThat(keys(n)).containsExactly("action", "n", "sum(bytes)");
            assertThat(n.get("action").asText()).isEqualTo(e.getKey());
            assertThat(n.get("n").asLong()).isEqualTo(e.getValue());
            assertThat(n.get("sum(bytes)").isIntegralNumber()).isTrue();
        }
        JsonNode absent = JSON.readTree(lines.get(i));
        assertThat(absent.get("action").isNull()).isTrue();
        assertThat(absent.get("sum(bytes)").isNull()).isTrue();
        assertThat(r.err()).contains((counts.size() + 1) + " rows in ");
    }

    @Test
    void timestampsAndAbsentValuesInJsonl() throws Exception {
        Run r = run("query", "--session", session.toString(), "filter logStatus = \"NODATA\" | fields @timestamp,"
                + " srcAddr, ispresent(srcAddr) as has, bytes / 2 as half | limit 1", "--format", "jsonl");
        assertThat(r.code()).as(r.err()).isZero();
        FlowLogFixture.Rec last = recs.stream().filter(x -> x.logStatus().equals("NODATA"))
                .max(java.util.Comparator.comparingLong(FlowLogFixture.Rec::tsMillis)).orElseThrow();
        String ts = QueryOutput.TIME.format(java.time.Instant.ofEpochMilli(last.tsMillis()));
        assertThat(r.out()).isEqualTo("{\"@timestamp\":\"" + ts + "\",\"srcAddr\":null,\"has\":false,\"half\":null}\n");
        assertThat(ts).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.000");
    }

    @Test
    void csvQuotesAndLeavesAbsentValuesEmpty() {
        Run r = run("query", "--session", session.toString(), "filter futureField like \",\" or interfaceId = \"eni-9\""
                + " | fields interfaceId, futureField, srcAddr | sort interfaceId", "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("interfaceId,futureField,srcAddr");
        assertThat(lines).contains("eni-9,1::2::3,", "eni-4,\"x,y\"\"z\"," + recs.get(4).srcAddr());
        assertThat(r.out()).contains("\r\n");
    }

    @Test
    void tableForPeople() {
        Run r = run("query", "--session", session.toString(), "stats count(*) as flows by vpcId | sort vpcId");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("vpcId ").endsWith("flows");
        assertThat(lines.get(1)).matches("-+ +-+");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).startsWith("vpc-0a");
    }

    @Test
    void timeRangeOptions() throws Exception {
        Run r = run("query", "--session", session.toString(), "stats count(*) as n", "--start", "1700000300",
                "--end", "2023-11-14T22:30:00Z", "--format", "jsonl");
        assertThat(r.code()).as(r.err()).isZero();
        long exp = recs.stream().filter(x -> x.tsMillis() >= 1_700_000_300_000L && x.tsMillis() <= 1_700_001_000_000L)
                .count();
        assertThat(JSON.readTree(r.out()).get("n").asLong()).isEqualTo(exp);
    }

    @Test
    void badQueriesSayWhereWithExitCodeOne() {
        Run r = run("query", "--session", session.toString(), "fields srcaddr | limit 3");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("mirrorscope: query line 1, column 8: unknown field 'srcaddr'; did you mean srcAddr")
                .contains("  fields srcaddr | limit 3\n         ^");
        Run empty = run("query", "--session", tmp.resolve("nothing").toString(), "fields srcAddr");
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err()).contains("no session here");
        Path bare = tmp.resolve("bare");
        bare.toFile().mkdirs();
        Run none = run("query", "--session", bare.toString(), "fields srcAddr");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no flow logs in this session");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("query", "--session", session.toString(), "fields srcAddr", "--format", "xml").code())
                .isEqualTo(2);
        assertThat(run("query", "--session", session.toString()).code()).isEqualTo(2);
        assertThat(run("query", "--session", session.toString(), "fields a", "--engine", "bigquery").code()).isEqualTo(2);
        assertThat(run("query", "fields a", "--engine", "cloudwatch", "--start", "2024-01-01").code()).isEqualTo(2);
        assertThat(run("query", "--session", session.toString(), "fields a", "--start", "yesterday").code()).isEqualTo(2);
    }

    @Test
    void athenaDdlAndSqlWithoutCallingAws() {
        Run ddl = run("query", "--print-athena-ddl", "--location", "s3://my-flow-logs/prefix", "--accounts",
                "111122223333,444455556666", "--regions", "us-east-1", "--table", "flows");
        assertThat(ddl.code()).as(ddl.err()).isZero();
        assertThat(ddl.out()).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `flows` (")
                .contains("\"projection.accid.values\" = \"111122223333,444455556666\"").endsWith(");\n");
        Run sql = run("query", "--engine", "athena", "--database", "flowlogs", "--print-sql",
                "filter action = \"REJECT\" | stats count(*) as rejects by srcAddr");
        assertThat(sql.code()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("FROM \"flowlogs\".\"vpc_flow_logs\"", "(\"action\" = 'REJECT')");
        Run local = run("query", "--session", session.toString(), "--print-sql", "filter action = \"REJECT\"");
        assertThat(local.out()).contains("(\"action\" = CAST($1 AS VARCHAR))");
        Run bad = run("query", "--print-athena-ddl", "--location", "s3://x'y", "--accounts", "1", "--regions", "r");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("mirrorscope: location");
    }

    @Test
    void capturePacketsAndFlowsAreQueryable() throws Exception {
        String s = tmp.resolve("cap").toString();
        assertThat(run("ingest", TestCaptures.corpus("vxlan.pcap").toString(), "--session", s).code()).isZero();
        Run p = run("query", "--session", s, "--source", "packets", "stats count(*) as n by vni | sort vni",
                "--format", "jsonl");
        assertThat(p.code()).as(p.err()).isZero();
        long total = 0;
        for (String line : p.out().lines().toList()) {
            total += JSON.readTree(line).get("n").asLong();
        }
        assertThat(total).isEqualTo(10);
        Run f = run("query", "--session", s, "--source", "flows", "fields a, b, packets_ab", "--format", "jsonl");
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(keys(JSON.readTree(f.out().lines().findFirst().orElseThrow()))).containsExactly("a", "b",
                "packets_ab");
        assertThat(run("query", "--session", s, "--source", "pcap", "fields a").code()).isEqualTo(2);
    }
}
