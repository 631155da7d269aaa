package dev.mirrorscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The `reach` command's JSON is a contract: exactly these fields, these hop types, these meanings. */
class ReachCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_TYPES = Set.of("NETWORK_INTERFACE", "SECURITY_GROUP", "NETWORK_ACL",
            "SUBNET", "ROUTE_TABLE", "INTERNET_GATEWAY", "NAT_GATEWAY", "VPC_PEERING_CONNECTION", "TRANSIT_GATEWAY",
            "TRANSIT_GATEWAY_ATTACHMENT", "TRANSIT_GATEWAY_ROUTE_TABLE", "VPC_ENDPOINT", "VIRTUAL_PRIVATE_GATEWAY",
            "INSTANCE", "IP");

    static String scenario(String name) {
        try {
            return Path.of(ReachCommandTest.class.getResource("/reach/scenarios/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    private static void checkShape(JsonNode n) {
        assertThat(keys(n)).containsExactly("reachable", "forward", "return", "explanations");
        for (String leg : new String[] {"forward", "return"}) {
            for (JsonNode hop : n.get(leg)) {
                assertThat(keys(hop)).containsExactly("type", "id", "detail");
                assertThat(HOP_TYPES).contains(hop.get("type").asText());
                assertThat(hop.get("id").isTextual()).isTrue();
                assertThat(hop.get("detail").isObject()).isTrue();
            }
        }
        for (JsonNode e : n.get("explanations")) {
            assertThat(keys(e)).containsExactly("code", "component", "direction", "detail");
            assertThat(e.get("direction").isNull() || Set.of("ingress", "egress").contains(e.get("direction").asText()))
                    .isTrue();
        }
    }

    @Test
    void reachableAnswerFollowsTheContract() throws Exception {
        MainTest.Run r = MainTest.run("reach", "--snapshot", scenario("nat-egress"), "--source", "i-0a00000000002002",
                "--destination", "93.184.216.34", "--protocol", "tcp", "--port", "443", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines().count()).isEqualTo(1);
        JsonNode n = JSON.readTree(r.out());
        checkShape(n);
        assertThat(n.get("reachable").asBoolean()).isTrue();
        assertThat(n.get("explanations")).isEmpty();
        assertThat(n.get("forward").get(0).get("type").asText()).isEqualTo("INSTANCE");
        JsonNode nat = n.get("forward").get(6);
        assertThat(nat.get("type").asText()).isEqualTo("NAT_GATEWAY");
        assertThat(nat.get("detail").get("translation").get("source_to").asText()).isEqualTo("10.0.1.200");
        JsonNode route = n.get("forward").get(4).get("detail").get("route");
        assertThat(route.get("destination").asText()).isEqualTo("0.0.0.0/0");
        assertThat(route.get("target").asText()).isEqualTo("nat-0a00000000000e001");
        assertThat(n.get("return").get(n.get("return").size() - 1).get("id").asText()).isEqualTo("i-0a00000000002002");
    }

    @Test
    void blockedAnswerNamesTheRuleAndDirection() throws Exception {
        MainTest.Run r = MainTest.run("reach", "--snapshot", scenario("nacl-ephemeral"), "--source",
                "igw-0a0000000000c0001", "--destination", "i-0a00000000002001", "--port", "443", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = JSON.readTree(r.out());
        checkShape(n);
        assertThat(n.get("reachable").asBoolean()).isFalse();
        JsonNode e = n.get("explanations").get(0);
        assertThat(e.get("code").asText()).isEqualTo("SUBNET_ACL_RESTRICTION");
        assertThat(e.get("component").asText()).isEqualTo("acl-0a0000000000e0002");
        assertThat(e.get("direction").asText()).isEqualTo("egress");
        assertThat(e.get("detail").asText()).startsWith("return path: ");
        JsonNode blockedHop = null;
        for (JsonNode h : n.get("return")) {
            if (h.get("detail").path("blocked").asBoolean()) {
                blockedHop = h;
            }
        }
        assertThat(blockedHop).isNotNull();
        assertThat(blockedHop.get("detail").get("rule").get("rule_number").asInt()).isEqualTo(32767);
        assertThat(blockedHop.get("detail").get("rule").get("action").asText()).isEqualTo("deny");
    }

    @Test
    void routeExplanationHasNullDirection() throws Exception {
        MainTest.Run r = MainTest.run("reach", "--snapshot", scenario("public-private"), "--source",
                "i-0a00000000002002", "--destination", "93.184.216.34", "--port", "443", "--format", "json");
        JsonNode e = JSON.readTree(r.out()).get("explanations").get(0);
        assertThat(e.get("code").asText()).isEqualTo("NO_ROUTE_TO_DESTINATION");
        assertThat(e.get("direction").isNull()).isTrue();
        assertThat(JSON.readTree(r.out()).get("return")).isEmpty();
    }

    @Test
    void tableIsForPeopleAndJsonForMachines() {
        MainTest.Run r = MainTest.run("reach", "--snapshot", scenario("public-private"), "--source",
                "198.51.100.7", "--destination", "i-0a00000000002001", "--port", "80");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("NOT REACHABLE").contains("ENI_SG_RULES_MISMATCH");
    }

    @Test
    void badSnapshotIsExitOneWithFileAndPath() {
        MainTest.Run r = MainTest.run("reach", "--snapshot", scenario("malformed-field"), "--source", "10.0.1.10",
                "--destination", "10.0.2.20", "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("mirrorscope: describe-security-groups.json: "
                + "$.SecurityGroups[0].IpPermissions[1].FromPort: expected an integer, found \"twenty-two\"");
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertThat(MainTest.run("reach", "--snapshot", scenario("public-private"), "--source", "x y",
                "--destination", "10.0.2.20").code()).isEqualTo(2);
        assertThat(MainTest.run("reach", "--snapshot", scenario("public-private"), "--source", "10.0.1.10",
                "--destination", "10.0.2.20", "--protocol", "sctp").code()).isEqualTo(2);
        assertThat(MainTest.run("reach", "--snapshot", scenario("public-private"), "--source", "10.0.1.10",
                "--destination", "10.0.2.20", "--port", "70000").code()).isEqualTo(2);
        assertThat(MainTest.run("reach", "--source", "10.0.1.10", "--destination", "10.0.2.20").code()).isEqualTo(2);
    }

    @Test
    void missingSnapshotDirectoryIsExitOne() {
        MainTest.Run r = MainTest.run("reach", "--snapshot", "/nonexistent/snapshot", "--source", "10.0.1.10",
                "--destination", "10.0.2.20");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("/nonexistent/snapshot");
    }
}
