package dev.mirrorscope.engine.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.Hop;
import dev.mirrorscope.engine.reach.analysis.HopType;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.analysis.ReachabilityAnalyzer;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.snapshot.SnapshotFormatException;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The questions of each scenario under {@code src/test/resources/reach/scenarios}; each directory's README says
 * why the answer is right.
 */
class ReachScenarioTest {
    private static final Map<String, ReachabilityAnalyzer> LOADED = new HashMap<>();

    static Path scenario(String name) {
        try {
            return Path.of(ReachScenarioTest.class.getResource("/reach/scenarios/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized ReachabilityAnalyzer analyzer(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try {
                return new ReachabilityAnalyzer(SnapshotReader.read(scenario(n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static AnalysisResult ask(String scenario, String src, String dst, Protocol proto, Integer port) {
        return analyzer(scenario).analyze(new Query(src, dst, proto, port));
    }

    static AnalysisResult tcp(String scenario, String src, String dst, int port) {
        return ask(scenario, src, dst, Protocol.TCP, port);
    }

    static List<HopType> types(List<Hop> hops) {
        return hops.stream().map(Hop::type).toList();
    }

    static List<String> codes(AnalysisResult r) {
        return r.explanations().stream().map(Explanation::code).toList();
    }

    static void blockedFirstBy(AnalysisResult r, String code, String component, String direction) {
        assertThat(r.reachable()).as("reachable").isFalse();
        Explanation e = r.firstBlock();
        assertThat(e).as("first explanation").isNotNull();
        assertThat(e.code()).as(e.detail()).isEqualTo(code);
        assertThat(e.component()).as(e.detail()).isEqualTo(component);
        assertThat(e.direction()).as(e.detail()).isEqualTo(direction);
    }

    // ---- public-private ----

    @Test
    void publicWebServerIsReachableFromTheInternetGateway() {
        AnalysisResult r = tcp("public-private", "igw-0a0000000000c0001", "i-0a00000000002001", 443);
        assertThat(r.explanations()).isEmpty();
        assertThat(r.reachable()).isTrue();
        assertThat(types(r.forward())).containsExactly(HopType.IP, HopType.INTERNET_GATEWAY, HopType.NETWORK_ACL,
                HopType.SECURITY_GROUP, HopType.NETWORK_INTERFACE, HopType.INSTANCE);
        assertThat(types(r.returnPath())).containsExactly(HopType.INSTANCE, HopType.NETWORK_INTERFACE,
                HopType.SECURITY_GROUP, HopType.NETWORK_ACL, HopType.ROUTE_TABLE, HopType.INTERNET_GATEWAY, HopType.IP);
        Hop sg = r.forward().get(3);
        assertThat(sg.id()).isEqualTo("sg-0a0000000000f0001");
        assertThat(sg.summary()).isEqualTo("ingress: tcp 443 from 0.0.0.0/0");
        assertThat(r.returnPath().get(2).detail()).containsEntry("stateful", true);
        assertThat(r.returnPath().get(4).summary()).isEqualTo("0.0.0.0/0 -> igw-0a0000000000c0001");
        assertThat(r.sourceAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(r.forward().get(1).summary()).isEqualTo("destination 203.0.113.10 -> 10.0.1.10");
    }

    @Test
    void publicIpAsDestinationIsTheSameServer() {
        AnalysisResult r = tcp("public-private", "198.51.100.7", "203.0.113.10", 443);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        assertThat(r.forward().get(r.forward().size() - 1).id()).isEqualTo("eni-0a00000000001001");
    }

    @Test
    void securityGroupWithoutTheRuleBlocksInbound() {
        AnalysisResult r = tcp("public-private", "198.51.100.7", "i-0a00000000002001", 80);
        blockedFirstBy(r, "ENI_SG_RULES_MISMATCH", "sg-0a0000000000f0001", "ingress");
        assertThat(r.explanations()).hasSize(1);
        assertThat(r.firstBlock().detail()).contains("port 80").contains("tcp 443 from 0.0.0.0/0");
        assertThat(r.forward().stream().filter(Hop::blocked).map(Hop::type)).containsExactly(HopType.SECURITY_GROUP);
    }

    @Test
    void groupReferenceRuleAdmitsMembersOfTheGroup() {
        AnalysisResult r = tcp("public-private", "i-0a00000000002001", "i-0a00000000002002", 5432);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        assertThat(types(r.forward())).containsExactly(HopType.INSTANCE, HopType.NETWORK_INTERFACE,
                HopType.SECURITY_GROUP, HopType.NETWORK_ACL, HopType.ROUTE_TABLE, HopType.NETWORK_ACL,
                HopType.SECURITY_GROUP, HopType.NETWORK_INTERFACE, HopType.INSTANCE);
        assertThat(r.forward().get(6).summary()).isEqualTo("ingress: tcp 5432 from sg-0a0000000000f0001");
    }

    @Test
    void groupReferenceRuleDoesNotOpenOtherPorts() {
        blockedFirstBy(tcp("public-private", "i-0a00000000002001", "i-0a00000000002002", 22), "ENI_SG_RULES_MISMATCH",
                "sg-0a0000000000f0002", "ingress");
    }

    @Test
    void privateSubnetHasNoRouteToTheInternet() {
        AnalysisResult r = tcp("public-private", "i-0a00000000002002", "93.184.216.34", 443);
        blockedFirstBy(r, "NO_ROUTE_TO_DESTINATION", "rtb-0a0000000000d0001", null);
        assertThat(r.returnPath()).isEmpty();
    }

    @Test
    void privateAddressWithoutPublicIpCannotUseTheInternetGateway() {
        blockedFirstBy(tcp("public-private", "i-0a00000000002003", "93.184.216.34", 443),
                "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", "igw-0a0000000000c0001", null);
        blockedFirstBy(tcp("public-private", "igw-0a0000000000c0001", "i-0a00000000002003", 443),
                "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", "igw-0a0000000000c0001", null);
    }

    @Test
    void anyPortQuestionFindsTheOpenPort() {
        AnalysisResult r = ask("public-private", "198.51.100.7", "i-0a00000000002001", Protocol.TCP, null);
        assertThat(r.reachable()).isTrue();
        assertThat(r.port()).isEqualTo(443);
        AnalysisResult udp = ask("public-private", "198.51.100.7", "i-0a00000000002001", Protocol.UDP, null);
        blockedFirstBy(udp, "ENI_SG_RULES_MISMATCH", "sg-0a0000000000f0001", "ingress");
    }

    @Test
    void icmpNeedsItsOwnRule() {
        blockedFirstBy(ask("public-private", "i-0a00000000002002", "i-0a00000000002001", Protocol.ICMP, null),
                "ENI_SG_RULES_MISMATCH", "sg-0a0000000000f0001", "ingress");
    }

    // ---- nacl-ephemeral ----

    @Test
    void aclWithoutEphemeralPortsBlocksTheReply() {
        AnalysisResult r = tcp("nacl-ephemeral", "igw-0a0000000000c0001", "i-0a00000000002001", 443);
        blockedFirstBy(r, "SUBNET_ACL_RESTRICTION", "acl-0a0000000000e0002", "egress");
        assertThat(r.firstBlock().leg()).isEqualTo(Explanation.Leg.RETURN);
        assertThat(r.explanations()).hasSize(1);
        assertThat(r.forward().stream().noneMatch(Hop::blocked)).isTrue();
        assertThat(r.returnPath().stream().filter(Hop::blocked).map(Hop::id)).containsExactly("acl-0a0000000000e0002");
        assertThat(r.firstBlock().detail()).contains("1024-65535");
    }

    @Test
    void aclWithEphemeralPortsLetsTheReplyOut() {
        AnalysisResult r = tcp("nacl-ephemeral", "igw-0a0000000000c0001", "i-0a00000000002004", 443);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        Hop replyAcl = r.returnPath().stream().filter(h -> h.type() == HopType.NETWORK_ACL).findFirst().orElseThrow();
        assertThat(replyAcl.summary()).startsWith("egress: rule 110 allow tcp 1024-65535");
    }

    @Test
    void aclDenyBeforeAllowDecidesFirstAndReturnIsAlsoReported() {
        AnalysisResult r = tcp("nacl-ephemeral", "198.51.100.7", "i-0a00000000002001", 443);
        blockedFirstBy(r, "SUBNET_ACL_RESTRICTION", "acl-0a0000000000e0002", "ingress");
        assertThat(r.firstBlock().detail()).contains("entry 90");
        assertThat(r.explanations()).extracting(Explanation::direction).containsExactly("ingress", "egress");
    }

    @Test
    void aclWithoutEphemeralPortsBlocksRepliesToOutboundConnections() {
        AnalysisResult r = tcp("nacl-ephemeral", "i-0a00000000002001", "93.184.216.34", 443);
        blockedFirstBy(r, "SUBNET_ACL_RESTRICTION", "acl-0a0000000000e0002", "ingress");
        assertThat(r.firstBlock().leg()).isEqualTo(Explanation.Leg.RETURN);
    }

    @Test
    void sourcePortOutsideTheAllowedRangeIsBlocked() {
        AnalysisResult r = analyzer("nacl-ephemeral").analyze(new Query("198.51.100.20", "i-0a00000000002004",
                Protocol.TCP, 443, 1000));
        blockedFirstBy(r, "SUBNET_ACL_RESTRICTION", "acl-0a0000000000e0003", "egress");
    }

    // ---- routes and gateways ----

    @Test
    void blackholeRouteIsBadStateRoute() {
        blockedFirstBy(tcp("blackhole-route", "i-0a00000000002002", "93.184.216.34", 443), "BAD_STATE_ROUTE",
                "rtb-0a0000000000d0001", null);
    }

    @Test
    void natGatewayCarriesPrivateInstancesOutAndRepliesBack() {
        AnalysisResult r = tcp("nat-egress", "i-0a00000000002002", "93.184.216.34", 443);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        assertThat(types(r.forward())).containsExactly(HopType.INSTANCE, HopType.NETWORK_INTERFACE,
                HopType.SECURITY_GROUP, HopType.NETWORK_ACL, HopType.ROUTE_TABLE, HopType.NETWORK_ACL,
                HopType.NAT_GATEWAY, HopType.NETWORK_ACL, HopType.ROUTE_TABLE, HopType.INTERNET_GATEWAY, HopType.IP);
        assertThat(r.forward().get(6).summary()).isEqualTo("source 10.0.2.20 -> 10.0.1.200");
        assertThat(r.forward().get(9).summary()).isEqualTo("source 10.0.1.200 -> 198.51.100.77");
        assertThat(r.returnPath().stream().map(Hop::summary)).contains("destination 198.51.100.77 -> 10.0.1.200",
                "destination 10.0.1.200 -> 10.0.2.20");
        assertThat(r.returnPath().get(r.returnPath().size() - 1).id()).isEqualTo("i-0a00000000002002");
    }

    @Test
    void natGatewayAdmitsNoNewInboundConnections() {
        blockedFirstBy(tcp("nat-egress", "igw-0a0000000000c0001", "i-0a00000000002002", 5432),
                "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", "igw-0a0000000000c0001", null);
    }

    @Test
    void peeringCarriesGroupReferencesAndIsNotTransitive() {
        AnalysisResult ab = tcp("peering-non-transitive", "i-0b00000000002001", "i-0b00000000002002", 5432);
        assertThat(ab.reachable()).as("%s", ab.explanations()).isTrue();
        assertThat(ab.forward()).extracting(Hop::id).contains("pcx-0b0000000000c0001");
        assertThat(ab.forward().stream().filter(h -> h.type() == HopType.SECURITY_GROUP).skip(1).findFirst()
                .orElseThrow().summary()).isEqualTo("ingress: tcp 5432 from sg-0b0000000000f0001");
        assertThat(ab.returnPath()).extracting(Hop::id).contains("rtb-0b0000000000d0002", "pcx-0b0000000000c0001");

        blockedFirstBy(tcp("peering-non-transitive", "i-0b00000000002001", "i-0b00000000002003", 5432),
                "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "pcx-0b0000000000c0001", null);
        assertThat(tcp("peering-non-transitive", "i-0b00000000002002", "i-0b00000000002003", 5432).reachable()).isTrue();
        blockedFirstBy(tcp("peering-non-transitive", "10.2.1.10", "10.0.1.10", 5432), "NO_ROUTE_TO_DESTINATION",
                "rtb-0b0000000000d0003", null);
        blockedFirstBy(tcp("peering-non-transitive", "i-0b00000000002001", "i-0b00000000002002", 22),
                "ENI_SG_RULES_MISMATCH", "sg-0b0000000000f0002", "ingress");
    }

    @Test
    void transitGatewayRoutesByDefaultPropagationWithoutRoutesFile() {
        AnalysisResult r = tcp("tgw-default-propagation", "i-0c00000000002001", "i-0c00000000002002", 443);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        assertThat(types(r.forward())).containsSubsequence(HopType.ROUTE_TABLE, HopType.TRANSIT_GATEWAY_ATTACHMENT,
                HopType.TRANSIT_GATEWAY, HopType.TRANSIT_GATEWAY_ROUTE_TABLE, HopType.TRANSIT_GATEWAY_ATTACHMENT,
                HopType.NETWORK_ACL, HopType.ROUTE_TABLE, HopType.NETWORK_ACL, HopType.SECURITY_GROUP,
                HopType.NETWORK_INTERFACE);
        Hop rtb = r.forward().stream().filter(h -> h.type() == HopType.TRANSIT_GATEWAY_ROUTE_TABLE).findFirst()
                .orElseThrow();
        assertThat(rtb.summary()).isEqualTo(
                "10.20.0.0/16 -> [tgw-attach-0c00000000c002] (propagated, active, from default propagation)");
        assertThat(types(r.returnPath())).contains(HopType.TRANSIT_GATEWAY_ROUTE_TABLE);
    }

    @Test
    void transitGatewayWithoutReferencingSupportDropsGroupMembership() {
        AnalysisResult r = tcp("tgw-default-propagation", "i-0c00000000002001", "i-0c00000000002002", 8080);
        blockedFirstBy(r, "ENI_SG_RULES_MISMATCH", "sg-0c0000000000f0002", "ingress");
        assertThat(r.explanations().get(1).code()).isEqualTo("SG_REFERENCING_SUPPORT");
        assertThat(r.explanations().get(1).component()).isEqualTo("tgw-attach-0c00000000c001");
        assertThat(r.explanations()).hasSize(2);
    }

    @Test
    void transitGatewayWithoutPropagationCannotRoute() {
        blockedFirstBy(tcp("tgw-propagation-disabled", "i-0c00000000002001", "i-0c00000000002002", 443),
                "TGW_RTB_CANNOT_ROUTE", "tgw-rtb-0c000000000b001", null);
    }

    @Test
    void transitGatewayRoutesFileOverridesDefaults() {
        blockedFirstBy(tcp("tgw-routes-file", "i-0c00000000002001", "i-0c00000000002002", 443),
                "TGW_RTB_BAD_STATE_ROUTE", "tgw-rtb-0c000000000b001", null);
        AnalysisResult back = tcp("tgw-routes-file", "i-0c00000000002002", "i-0c00000000002001", 443);
        assertThat(codes(back)).containsExactly("ENI_SG_RULES_MISMATCH", "TGW_RTB_BAD_STATE_ROUTE");
        assertThat(back.explanations().get(1).leg()).isEqualTo(Explanation.Leg.RETURN);
    }

    @Test
    void gatewayEndpointThroughPrefixLists() {
        AnalysisResult r = tcp("gateway-endpoint", "i-0a00000000002002", "52.216.10.20", 443);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        assertThat(r.forward()).extracting(Hop::type).contains(HopType.VPC_ENDPOINT);
        assertThat(r.forward().get(2).summary()).isEqualTo("egress: tcp 443 to pl-63a5400a");
        assertThat(r.forward().get(4).summary()).isEqualTo("pl-63a5400a -> vpce-0a0000000000e0001");

        AnalysisResult other = tcp("gateway-endpoint", "i-0a00000000002002", "93.184.216.34", 443);
        assertThat(codes(other)).containsExactly("ENI_SG_RULES_MISMATCH", "NO_ROUTE_TO_DESTINATION");
        assertThat(other.firstBlock().direction()).isEqualTo("egress");
    }

    @Test
    void sourceDestinationCheckStopsAnAppliance() {
        blockedFirstBy(tcp("source-dest-check", "i-0d00000000002001", "i-0d00000000002003", 5432),
                "ENI_SOURCE_DEST_CHECK_RESTRICTION", "eni-0d00000000001009", "ingress");
        AnalysisResult through = tcp("appliance-forwarding", "i-0d00000000002001", "i-0d00000000002003", 5432);
        assertThat(through.reachable()).as("%s", through.explanations()).isTrue();
        assertThat(through.forward()).extracting(Hop::id).contains("eni-0d00000000001009");
        assertThat(through.returnPath()).extracting(Hop::id).contains("eni-0d00000000001009");
    }

    @Test
    void ingressRoutingSendsInternetTrafficThroughTheFirewall() {
        AnalysisResult r = tcp("ingress-routing", "198.51.100.7", "i-0200000000002001", 443);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        assertThat(r.forward().get(2).id()).isEqualTo("rtb-020000000000d0001");
        assertThat(r.forward().get(2).detail()).containsEntry("edge_association", "igw-020000000000c0001");
        assertThat(r.forward()).extracting(Hop::id).containsSubsequence("igw-020000000000c0001",
                "eni-0200000000001009", "eni-0200000000001001");
        assertThat(r.returnPath()).extracting(Hop::id).containsSubsequence("eni-0200000000001001",
                "eni-0200000000001009", "igw-020000000000c0001");
    }

    @Test
    void missingReferencesAreUnknownResources() {
        blockedFirstBy(tcp("unknown-resource", "eni-0a00000000001005", "93.184.216.34", 443), "UNKNOWN_RESOURCE",
                "sg-0a0000000000ffff9", "egress");
        blockedFirstBy(tcp("unknown-resource", "i-0a00000000002001", "10.99.1.1", 443), "UNKNOWN_RESOURCE",
                "pcx-0a0000000000ffff1", null);
        blockedFirstBy(tcp("unknown-resource", "eni-0ffffffffffffffff", "10.0.2.20", 443), "UNKNOWN_RESOURCE",
                "eni-0ffffffffffffffff", null);
        Snapshot s = analyzer("unknown-resource").snapshot();
        assertThat(s.warnings()).anyMatch(w -> w.contains("sg-0a0000000000ffff9"))
                .anyMatch(w -> w.contains("pcx-0a0000000000ffff1"));
    }

    @Test
    void ipv6OutThroughEgressOnlyGatewayButNotIn() {
        AnalysisResult out = tcp("ipv6-egress-only", "i-0e00000000002001", "2606:4700::1111", 443);
        assertThat(out.reachable()).as("%s", out.explanations()).isTrue();
        assertThat(out.sourceAddress()).isEqualTo("2600:1f18:abcd:1201::10");
        assertThat(out.forward()).extracting(Hop::id).contains("eigw-0e0000000000c0001");
        AnalysisResult in = tcp("ipv6-egress-only", "2606:4700::1111", "i-0e00000000002001", 443);
        blockedFirstBy(in, "NO_PATH", "vpc-0e00000000000a001", null);
    }

    @Test
    void unsupportedEndpointIsAnExplanationAndGarbageIsAnError() {
        blockedFirstBy(tcp("nat-egress", "nat-0a00000000000e001", "93.184.216.34", 443), "UNSUPPORTED_COMPONENT",
                "nat-0a00000000000e001", null);
        assertThatThrownBy(() -> tcp("nat-egress", "web server", "93.184.216.34", 443))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web server");
    }

    @Test
    void missingFilesMeanNoneOfThatKind() {
        AnalysisResult r = tcp("minimal-files", "eni-0100000000001001", "eni-0100000000001002", 8080);
        assertThat(r.reachable()).as("%s", r.explanations()).isTrue();
        assertThat(types(r.forward())).containsExactly(HopType.NETWORK_INTERFACE, HopType.SECURITY_GROUP,
                HopType.SECURITY_GROUP, HopType.NETWORK_INTERFACE);
        blockedFirstBy(tcp("minimal-files", "eni-0100000000001001", "eni-0100000000001002", 22),
                "ENI_SG_RULES_MISMATCH", "sg-010000000000f0002", "ingress");
        blockedFirstBy(tcp("minimal-files", "eni-0100000000001001", "93.184.216.34", 443), "NO_ROUTE_TO_DESTINATION",
                "subnet-010000000000b0001", null);
        assertThat(analyzer("minimal-files").snapshot().warnings()).anyMatch(w -> w.contains("no network ACL"))
                .anyMatch(w -> w.contains("no route table"));
    }

    // ---- bad input ----

    @Test
    void malformedFieldNamesFileAndJsonPath() {
        assertThatThrownBy(() -> SnapshotReader.read(scenario("malformed-field")))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessage("describe-security-groups.json: $.SecurityGroups[0].IpPermissions[1].FromPort: expected an"
                        + " integer, found \"twenty-two\"");
    }

    @Test
    void malformedSyntaxNamesFileLineAndPath() {
        assertThatThrownBy(() -> SnapshotReader.read(scenario("malformed-syntax")))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageStartingWith("describe-subnets.json: $.Subnets[0].")
                .hasMessageContaining("malformed JSON at line 9, column");
    }
}
