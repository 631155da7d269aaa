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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.QueryCancellation;
import dev.mirrorscope.engine.query.QueryResult;
import dev.mirrorscope.engine.query.QuerySyntaxException;
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
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * CloudWatch Logs Insights through a local WireMock server that checks each JSON 1.1 request (target
 * header and body) and answers as the service does. Fake credentials only.
 */
class CloudWatchQueryEngineTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String JSON = "application/x-amz-json-1.1";
    static final long START = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    static final long END = Instant.parse("2024-05-02T00:00:00Z").toEpochMilli();
    static final SqlTranslator.TimeRange RANGE = new SqlTranslator.TimeRange(START, END);

    CloudWatchLogsClient client;
    CloudWatchQueryEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        client = new AwsSettings("us-east-1", null, URI.create(wm.baseUrl()), StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-real-secret"))).cloudWatchLogs();
        engine = new CloudWatchQueryEngine(client, List.of("/vpc/flow-logs", "/vpc/other"), Duration.ofMillis(5));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder call(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328." + action));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", JSON)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    record Rows(List<OutputColumn> columns, List<List<Object>> rows, QueryResult result) {
    }

    Rows run(String query, QueryCancellation cancel) throws Exception {
        List<OutputColumn> cols = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        QueryResult r = engine.run(query, RANGE, new ResultSink() {
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
    void startsPollsUntilCompleteAndReadsTypedResults() throws Exception {
        wm.stubFor(call("StartQuery").withRequestBody(equalToJson("{\"logGroupNames\":[\"/vpc/flow-logs\",\"/vpc/other\"],"
                + "\"startTime\":1714521600,\"endTime\":1714608000,\"queryString\":\"stats sum(packets) as"
                + " packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15\",\"limit\":15}"))
                .willReturn(ok("{\"queryId\":\"q-1\"}")));
        wm.stubFor(call("GetQueryResults").inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(equalToJson("{\"queryId\":\"q-1\"}"))
                .willReturn(ok("{\"status\":\"Running\",\"results\":[]}")).willSetStateTo("done"));
        wm.stubFor(call("GetQueryResults").inScenario("poll").whenScenarioStateIs("done")
                .withRequestBody(equalToJson("{\"queryId\":\"q-1\"}"))
                .willReturn(ok("{\"status\":\"Complete\",\"statistics\":{\"recordsMatched\":2.0,\"recordsScanned\":9.0,"
                        + "\"bytesScanned\":900.0},\"results\":[[{\"field\":\"srcAddr\",\"value\":\"10.0.0.1\"},"
                        + "{\"field\":\"dstAddr\",\"value\":\"10.0.0.2\"},{\"field\":\"packetsTransferred\",\"value\":\"42\"},"
                        + "{\"field\":\"@ptr\",\"value\":\"CmQK\"}],[{\"field\":\"srcAddr\",\"value\":\"10.0.0.9\"},"
                        + "{\"field\":\"packetsTransferred\",\"value\":\"7\"}]]}")));
        Rows r = run("stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc"
                + " | limit 15", null);
        assertThat(r.columns()).extracting(OutputColumn::name).containsExactly("srcAddr", "dstAddr",
                "packetsTransferred");
        assertThat(r.rows()).containsExactly(Arrays.asList("10.0.0.1", "10.0.0.2", 42L),
                Arrays.asList("10.0.0.9", null, 7L));
        assertThat(r.result().note()).contains("scanned 9 records (900 bytes), 2 matched");
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328.StartQuery")));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("Logs_20140328.GetQueryResults")));
    }

    @Test
    void startAndEndAreSentAsCloudWatchNamesAndReadBack() throws Exception {
        wm.stubFor(call("StartQuery").withRequestBody(equalToJson("{\"logGroupNames\":[\"/vpc/flow-logs\",\"/vpc/other\"],"
                + "\"startTime\":1714521600,\"endTime\":1714608000,\"queryString\":\"fields startTime, @timestamp,"
                + " srcAddr | filter endTime - startTime > 5 | sort startTime\",\"limit\":10000}"))
                .willReturn(ok("{\"queryId\":\"q-2\"}")));
        wm.stubFor(call("GetQueryResults").willReturn(ok("{\"status\":\"Complete\",\"results\":[[{\"field\":"
                + "\"startTime\",\"value\":\"1714521700\"},{\"field\":\"@timestamp\",\"value\":\"2024-05-01 00:01:40.000\"},"
                + "{\"field\":\"srcAddr\",\"value\":\"10.0.0.1\"}]]}")));
        Rows r = run("fields start, @timestamp, srcAddr | filter end - start > 5 | sort start", null);
        assertThat(r.rows()).containsExactly(Arrays.asList(1714521700L, Instant.parse("2024-05-01T00:01:40Z"),
                "10.0.0.1"));
    }

    @Test
    void throttlingIsRetriedWithBackOff() throws Exception {
        wm.stubFor(call("StartQuery").inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error("ThrottlingException", "Rate exceeded")).willSetStateTo("calm"));
        wm.stubFor(call("StartQuery").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(ok("{\"queryId\":\"q-3\"}")));
        wm.stubFor(call("GetQueryResults").willReturn(ok("{\"status\":\"Complete\",\"results\":[[{\"field\":"
                + "\"rejects\",\"value\":\"3\"}]]}")));
        Rows r = run("filter action = \"REJECT\" | stats count(*) as rejects", null);
        assertThat(r.rows()).containsExactly(List.of(3L));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328.StartQuery")));
    }

    @Test
    void awsErrorsBecomeOneClearMessage() {
        wm.stubFor(call("StartQuery").willReturn(error("ResourceNotFoundException",
                "The specified log group does not exist.")));
        assertThatThrownBy(() -> run("fields srcAddr", null)).isInstanceOf(IOException.class)
                .hasMessage("CloudWatch Logs StartQuery: not found: The specified log group does not exist.");
        wm.stubFor(call("StartQuery").willReturn(error("AccessDeniedException", "User is not authorized")));
        assertThatThrownBy(() -> run("fields srcAddr", null)).hasMessageStartingWith(
                "CloudWatch Logs StartQuery: access denied: User is not authorized");
        wm.stubFor(call("StartQuery").willReturn(error("MalformedQueryException", "unexpected symbol")));
        assertThatThrownBy(() -> run("fields srcAddr", null)).hasMessage(
                "CloudWatch Logs StartQuery rejected the request: unexpected symbol");
        wm.stubFor(call("StartQuery").willReturn(ok("{\"queryId\":\"q-4\"}")));
        wm.stubFor(call("GetQueryResults").willReturn(ok("{\"status\":\"Failed\",\"results\":[]}")));
        assertThatThrownBy(() -> run("fields srcAddr", null)).hasMessage("CloudWatch Logs query q-4 ended Failed");
    }

    @Test
    void cancellingStopsTheQuery() throws Exception {
        wm.stubFor(call("StartQuery").willReturn(ok("{\"queryId\":\"q-5\"}")));
        wm.stubFor(call("GetQueryResults").willReturn(ok("{\"status\":\"Running\",\"results\":[]}")));
        wm.stubFor(call("StopQuery").withRequestBody(equalToJson("{\"queryId\":\"q-5\"}"))
                .willReturn(ok("{\"success\":true}")));
        QueryCancellation cancel = new QueryCancellation();
        Thread t = new Thread(() -> {
            while (wm.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getBodyAsString().contains("q-5"))) {
                Thread.onSpinWait();
            }
            cancel.cancel();
        });
        t.start();
        Rows r = run("fields srcAddr", cancel);
        t.join();
        assertThat(r.result().cancelled()).isTrue();
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328.StopQuery")));
    }

    @Test
    void theQueryIsCheckedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> run("fields srcAddr | sortt x", null)).isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> engine.run("fields srcAddr", SqlTranslator.TimeRange.ALL, null, null))
                .hasMessageContaining("need a time range");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void cloudWatchTextRenamesOnlyFieldReferences() throws Exception {
        assertThat(CloudWatchQueryEngine.cloudWatchText(dev.mirrorscope.engine.query.Query.parse(
                "fields start as start2, \"start\" as s | filter `end` > start # start\n| stats count(*) by bin(5m)")))
                .isEqualTo("fields startTime as start2, \"start\" as s | filter endTime > startTime # start\n"
                        + "| stats count(*) by bin(5m)");
    }
}
