package dev.mirrorscope.engine.query.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.QueryCancellation;
import dev.mirrorscope.engine.query.QueryResult;
import dev.mirrorscope.engine.query.ResultSink;
import dev.mirrorscope.engine.query.SqlTranslator;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Athena through a local WireMock server: the exact StartQueryExecution request (translated SQL,
 * database, workgroup, output location), GetQueryExecution polling through QUEUED and RUNNING, paged
 * GetQueryResults with the header row skipped, errors and cancellation. Fake credentials only.
 */
class AthenaQueryEngineTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String JSON = "application/x-amz-json-1.1";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final AthenaQueryEngine.Target TARGET = new AthenaQueryEngine.Target(null, "flowlogs", "vpc_flow_logs",
            "analysts", "s3://query-results/mirrorscope/");
    static final String QUERY = "stats sum(packets) as packetsTransferred by srcAddr, dstAddr"
            + " | sort packetsTransferred desc | limit 15";
    static final SqlTranslator.TimeRange RANGE = new SqlTranslator.TimeRange(
            Instant.parse("2024-05-01T00:00:00Z").toEpochMilli(), Instant.parse("2024-05-02T00:00:00Z").toEpochMilli());

    AthenaClient client;
    AthenaQueryEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        client = new AwsSettings("eu-west-1", null, URI.create(wm.baseUrl()), StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-real-secret"))).athena();
        engine = new AthenaQueryEngine(client, TARGET, AthenaFlowLogTable.queryFields(), true, Duration.ofMillis(5));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    static MappingBuilder call(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena." + action));
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body);
    }

    static ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", JSON)
                .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
    }

    static String execution(String state, String reason) {
        return "{\"QueryExecution\":{\"QueryExecutionId\":\"e-1\",\"Status\":{\"State\":\"" + state + "\""
                + (reason == null ? "" : ",\"StateChangeReason\":\"" + reason + "\"") + "},\"Statistics\":"
                + "{\"DataScannedInBytes\":123456,\"EngineExecutionTimeInMillis\":789}}}";
    }

    static String row(String... values) {
        StringBuilder b = new StringBuilder("{\"Data\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i] == null ? "{}" : "{\"VarCharValue\":\"" + values[i] + "\"}");
        }
        return b.append("]}").toString();
    }

    String startRequest() throws Exception {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("QueryString", engine.plan(QUERY, RANGE).sql());
        n.put("ClientRequestToken", "${json-unit.any-string}");
        n.putObject("QueryExecutionContext").put("Database", "flowlogs");
        n.putObject("ResultConfiguration").put("OutputLocation", "s3://query-results/mirrorscope/");
        n.put("WorkGroup", "analysts");
        return MAPPER.writeValueAsString(n);
    }

    record Rows(List<OutputColumn> columns, List<List<Object>> rows, QueryResult result) {
    }

    Rows run(QueryCancellation cancel) throws Exception {
        List<OutputColumn> cols = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        QueryResult r = engine.run(QUERY, RANGE, new ResultSink() {
            @Override
            public void columns(List<OutputColumn> columns) {
                cols.addAll(columns);
            }

            @Override
            public boolean row(Object[] values) {
                rows.add(Arrays.asList(values));
                return true;
            }
        }, cancel);
        return new Rows(cols, rows, r);
    }

    @Test
    void startsPollsAndReadsEveryPage() throws Exception {
        wm.stubFor(call("StartQueryExecution").withRequestBody(equalToJson(startRequest()))
                .willReturn(ok("{\"QueryExecutionId\":\"e-1\"}")));
        wm.stubFor(call("GetQueryExecution").inScenario("run").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(equalToJson("{\"QueryExecutionId\":\"e-1\"}"))
                .willReturn(ok(execution("QUEUED", null))).willSetStateTo("running"));
        wm.stubFor(call("GetQueryExecution").inScenario("run").whenScenarioStateIs("running")
                .willReturn(ok(execution("RUNNING", null))).willSetStateTo("done"));
        wm.stubFor(call("GetQueryExecution").inScenario("run").whenScenarioStateIs("done")
                .willReturn(ok(execution("SUCCEEDED", null))));
        wm.stubFor(call("GetQueryResults").withRequestBody(equalToJson("{\"QueryExecutionId\":\"e-1\",\"MaxResults\":1000}"))
                .willReturn(ok("{\"ResultSet\":{\"Rows\":[" + row("srcAddr", "dstAddr", "packetsTransferred") + ","
                        + row("10.0.0.1", "10.0.0.2", "420") + "," + row("10.0.0.9", null, "17") + "]},"
                        + "\"NextToken\":\"page-2\"}")));
        wm.stubFor(call("GetQueryResults").withRequestBody(equalToJson("{\"QueryExecutionId\":\"e-1\","
                + "\"MaxResults\":1000,\"NextToken\":\"page-2\"}"))
                .willReturn(ok("{\"ResultSet\":{\"Rows\":[" + row("2001:db8::1", "10.0.0.2", "3") + "]}}")));
        Rows r = run(null);
        assertThat(r.columns()).extracting(OutputColumn::name).containsExactly("srcAddr", "dstAddr",
                "packetsTransferred");
        assertThat(r.rows()).containsExactly(Arrays.asList("10.0.0.1", "10.0.0.2", 420L),
                Arrays.asList("10.0.0.9", null, 17L), Arrays.asList("2001:db8::1", "10.0.0.2", 3L));
        assertThat(r.result().note()).isEqualTo("Athena scanned 123,456 bytes in 789 ms");
        wm.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("AmazonAthena.GetQueryExecution")));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("AmazonAthena.GetQueryResults")));
        String sent = MAPPER.readTree(wm.getAllServeEvents().stream().filter(e -> e.getRequest().getHeader(
                "X-Amz-Target").endsWith("StartQueryExecution")).findFirst().orElseThrow().getRequest()
                .getBodyAsString()).get("QueryString").asText();
        assertThat(sent).contains("\"day\" >= '2024/05/01' AND \"day\" <= '2024/05/02'", "LIMIT 15");
    }

    @Test
    void throttledPollsAreRetried() throws Exception {
        wm.stubFor(call("StartQueryExecution").willReturn(ok("{\"QueryExecutionId\":\"e-1\"}")));
        wm.stubFor(call("GetQueryExecution").inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error("TooManyRequestsException", "Rate exceeded")).willSetStateTo("calm"));
        wm.stubFor(call("GetQueryExecution").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(ok(execution("SUCCEEDED", null))));
        wm.stubFor(call("GetQueryResults").willReturn(ok("{\"ResultSet\":{\"Rows\":[" + row("a", "b", "c") + "]}}")));
        assertThat(run(null).rows()).isEmpty();
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("AmazonAthena.GetQueryExecution")));
    }

    @Test
    void failuresBecomeOneClearMessage() {
        wm.stubFor(call("StartQueryExecution").willReturn(ok("{\"QueryExecutionId\":\"e-1\"}")));
        wm.stubFor(call("GetQueryExecution").willReturn(ok(execution("FAILED",
                "TABLE_NOT_FOUND: line 1:20: Table 'awsdatacatalog.flowlogs.vpc_flow_logs' does not exist"))));
        assertThatThrownBy(() -> run(null)).isInstanceOf(IOException.class).hasMessage("Athena query e-1 failed:"
                + " TABLE_NOT_FOUND: line 1:20: Table 'awsdatacatalog.flowlogs.vpc_flow_logs' does not exist");
        wm.stubFor(call("StartQueryExecution").willReturn(error("InvalidRequestException",
                "WorkGroup analysts is not found")));
        assertThatThrownBy(() -> run(null)).hasMessage("Athena StartQueryExecution rejected the request:"
                + " WorkGroup analysts is not found");
        wm.stubFor(call("StartQueryExecution").willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                .withBody("{\"__type\":\"ExpiredTokenException\",\"message\":\"The security token included in the"
                        + " request is expired\"}")));
        assertThatThrownBy(() -> run(null)).hasMessageStartingWith("Athena StartQueryExecution: the credentials have"
                + " expired");
    }

    @Test
    void cancellingStopsTheExecution() throws Exception {
        wm.stubFor(call("StartQueryExecution").willReturn(ok("{\"QueryExecutionId\":\"e-1\"}")));
        wm.stubFor(call("GetQueryExecution").willReturn(ok(execution("RUNNING", null))));
        wm.stubFor(call("StopQueryExecution").withRequestBody(equalToJson("{\"QueryExecutionId\":\"e-1\"}"))
                .willReturn(ok("{}")));
        QueryCancellation cancel = new QueryCancellation();
        Thread t = new Thread(() -> {
            while (wm.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getHeader("X-Amz-Target")
                    .endsWith("GetQueryExecution"))) {
                Thread.onSpinWait();
            }
            cancel.cancel();
        });
        t.start();
        Rows r = run(cancel);
        t.join();
        assertThat(r.result().cancelled()).isTrue();
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("AmazonAthena.StopQueryExecution")));
    }
}
