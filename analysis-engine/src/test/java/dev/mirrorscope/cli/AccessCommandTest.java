package dev.mirrorscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessCommandTest {
    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        MainTest.Run r = MainTest.run("access", "--snapshot", ReachCommandTest.scenario("access-exposure"), "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(keys(n)).containsExactly("internet_exposed", "admin_exposed", "cross_vpc_paths", "summary");
        JsonNode x = n.get("internet_exposed").get(0);
        assertThat(keys(x)).containsExactly("interface", "name", "instance", "vpc", "subnet", "public_ips",
                "internet_gateway", "security_groups", "exposures");
        assertThat(keys(x.get("exposures").get(0))).containsExactly("protocol", "ip_version", "ports", "port_ranges",
                "sources", "open_to_world");
        assertThat(x.get("exposures").get(0).get("port_ranges").get(0).get(0).asInt()).isEqualTo(22);
        assertThat(keys(n.get("admin_exposed").get(0))).containsExactly("interface", "name", "instance", "vpc",
                "protocol", "port", "service", "reachable_from_internet", "sources", "world_open_groups");
        assertThat(n.get("summary").get("interfaces").asInt()).isEqualTo(7);
        assertThat(n.get("summary").get("internet_exposed").asInt()).isEqualTo(5);
        assertThat(n.get("cross_vpc_paths")).isEmpty();
    }

    @Test
    void scopeLimitsTheSections() throws Exception {
        MainTest.Run r = MainTest.run("access", "--snapshot", ReachCommandTest.scenario("peering-non-transitive"),
                "--scope", "cross-vpc", "--format", "json");
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("internet_exposed")).isEmpty();
        assertThat(n.get("cross_vpc_paths")).hasSize(5);
        assertThat(keys(n.get("cross_vpc_paths").get(0))).containsExactly("from_vpc", "to_vpc", "type", "via",
                "destination", "route_tables", "subnets", "status", "return_route", "from_interfaces",
                "to_interfaces");
        assertThat(MainTest.run("access", "--snapshot", ReachCommandTest.scenario("peering-non-transitive"),
                "--scope", "everything").code()).isEqualTo(2);
    }
}
