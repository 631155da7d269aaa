package dev.mirrorscope.engine.query.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.query.FieldType;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.SqlPlan;
import dev.mirrorscope.engine.query.SqlTranslator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of the Athena (Trino) translation: each {@code query/athena/NAME.query} must translate to
 * exactly {@code NAME.sql}. A first line {@code # --start ISO --end ISO} sets the time range. After a
 * deliberate change, regenerate with {@code -Dmirrorscope.regenerate=true} and review the diff.
 */
class AthenaTranslationTest {
    static final Path DIR = Path.of("src/test/resources/query/athena");
    static final AthenaQueryEngine ENGINE = new AthenaQueryEngine(null, new AthenaQueryEngine.Target(null, "flowlogs",
            "vpc_flow_logs", "primary", "s3://results/"), AthenaFlowLogTable.queryFields(), true, Duration.ZERO);

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".query"))
                    .map(n -> n.substring(0, n.length() - ".query".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void translatesAsTheGoldenFileSays(String name) throws Exception {
        String query = Files.readString(DIR.resolve(name + ".query"), StandardCharsets.UTF_8).strip();
        SqlTranslator.TimeRange range = SqlTranslator.TimeRange.ALL;
        if (query.startsWith("# --start")) {
            String[] w = query.substring(0, query.indexOf('\n')).split("\\s+");
            range = new SqlTranslator.TimeRange(Instant.parse(w[2]).toEpochMilli(), Instant.parse(w[4]).toEpochMilli());
        }
        SqlPlan plan = ENGINE.plan(query, range);
        assertThat(plan.parameters()).isEmpty();
        Path golden = DIR.resolve(name + ".sql");
        if (Boolean.getBoolean("mirrorscope.regenerate")) {
            Files.writeString(golden, plan.sql() + "\n", StandardCharsets.UTF_8);
        }
        assertThat(golden).exists();
        assertThat(plan.sql() + "\n").isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void seedQueryReadsTheDocumentedColumnsAndKeepsItsNames() throws Exception {
        SqlPlan plan = ENGINE.plan("stats sum(packets) as packetsTransferred by srcAddr, dstAddr"
                + " | sort packetsTransferred desc | limit 15", null);
        assertThat(plan.sql()).contains("\"srcaddr\" AS \"srcAddr\"", "\"log_status\" AS \"logStatus\"",
                "FROM \"flowlogs\".\"vpc_flow_logs\"", "sum(\"packets\") AS \"packetsTransferred\"", "LIMIT 15");
        assertThat(plan.columns()).containsExactly(new OutputColumn("srcAddr", FieldType.STRING),
                new OutputColumn("dstAddr", FieldType.STRING), new OutputColumn("packetsTransferred", FieldType.INTEGER));
    }

    @Test
    void timeRangePrunesDayPartitions() throws Exception {
        SqlPlan plan = ENGINE.plan("fields srcAddr", new SqlTranslator.TimeRange(
                Instant.parse("2024-05-01T23:00:00Z").toEpochMilli(), Instant.parse("2024-05-02T01:00:00Z")
                .toEpochMilli()));
        assertThat(plan.sql()).contains("\"day\" >= '2024/05/01' AND \"day\" <= '2024/05/02'",
                ">= 1714604400000", "<= 1714611600000");
    }

    @Test
    void ddlFollowsTheDocumentedPartitionProjectionTable() throws Exception {
        String ddl = AthenaFlowLogTable.ddl("vpc_flow_logs", "s3://my-bucket/flow-logs/", List.of("111122223333"),
                List.of("us-east-1", "eu-west-1"), LocalDate.of(2024, 1, 1));
        Path golden = DIR.resolve("ddl.golden");
        if (Boolean.getBoolean("mirrorscope.regenerate")) {
            Files.writeString(golden, ddl + "\n", StandardCharsets.UTF_8);
        }
        assertThat(ddl + "\n").isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        assertThat(ddl).contains("`end` bigint", "PARTITIONED BY (`accid` string, `region` string, `day` string)",
                "\"projection.day.format\" = \"yyyy/MM/dd\"",
                "\"storage.location.template\" = \"s3://my-bucket/flow-logs/AWSLogs/${accid}/vpcflowlogs/${region}/${day}\"");
    }

    @Test
    void ddlRefusesAnythingButNamesIdsRegionsAndS3Locations() {
        LocalDate d = LocalDate.of(2024, 1, 1);
        assertThatThrownBy(() -> AthenaFlowLogTable.ddl("t; DROP", "s3://bucket/p", List.of("111122223333"),
                List.of("us-east-1"), d)).hasMessageContaining("table name");
        assertThatThrownBy(() -> AthenaFlowLogTable.ddl("t", "s3://bucket/p' TBLPROPERTIES", List.of("111122223333"),
                List.of("us-east-1"), d)).hasMessageContaining("S3 URI");
        assertThatThrownBy(() -> AthenaFlowLogTable.ddl("t", "s3://bucket/p", List.of("1111\",\"x"), List.of("us-east-1"),
                d)).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> AthenaFlowLogTable.ddl("t", "s3://bucket/p", List.of("111122223333"), List.of("us\"east"),
                d)).hasMessageContaining("region name");
    }
}
