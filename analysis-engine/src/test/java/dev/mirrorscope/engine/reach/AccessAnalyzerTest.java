package dev.mirrorscope.engine.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.reach.access.AccessAnalyzer;
import dev.mirrorscope.engine.reach.access.AccessReport;
import dev.mirrorscope.engine.reach.access.AdminExposure;
import dev.mirrorscope.engine.reach.access.CrossVpcPath;
import dev.mirrorscope.engine.reach.access.Exposure;
import dev.mirrorscope.engine.reach.access.InternetExposure;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Access findings on the scenarios; access-exposure's README says why each is right. */
class AccessAnalyzerTest {
    private static AccessReport report(String scenario, int threads) throws Exception {
        return new AccessAnalyzer(SnapshotReader.read(ReachScenarioTest.scenario(scenario)))
                .analyze(EnumSet.allOf(AccessAnalyzer.Scope.class), threads);
    }

    private static Map<String, String> exposures(AccessReport r) {
        return r.internetExposed().stream().collect(Collectors.toMap(InternetExposure::name,
                x -> x.exposures().stream().map(e -> e.protocol() + (e.ipVersion() == 6 ? "v6" : "") + " "
                        + (e.ports() == null ? "echo" : e.ports()) + " from " + String.join("+", e.sources()))
                        .collect(Collectors.joining("; "))));
    }

    @Test
    void internetExposureByPortAndSource() throws Exception {
        AccessReport r = report("access-exposure", 1);
        assertThat(exposures(r)).containsOnly(
                Map.entry("bastion", "tcp 22 from 0.0.0.0/0"),
                Map.entry("web", "tcp 80,443 from 0.0.0.0/0; tcp 8000-8100 from 198.51.100.0/24"),
                Map.entry("dns", "udp 53 from 0.0.0.0/0; icmp echo from 0.0.0.0/0"),
                Map.entry("wide", "tcp 0-65535 from 0.0.0.0/0; udp 0-65535 from 0.0.0.0/0; icmp echo from 0.0.0.0/0"),
                Map.entry("v6", "tcpv6 443 from ::/0"));
        Exposure office = r.internetExposed().stream().filter(x -> x.name().equals("web")).findFirst().orElseThrow()
                .exposures().get(1);
        assertThat(office.openToWorld()).isFalse();
        assertThat(r.internetExposed().get(0).internetGatewayId()).isEqualTo("igw-0f0000000000c0001");
    }

    @Test
    void adminPortsReachableOrLeftOpen() throws Exception {
        AccessReport r = report("access-exposure", 1);
        List<String> found = r.adminExposed().stream().filter(a -> !a.name().equals("wide"))
                .map(a -> a.name() + " " + a.port() + " " + a.service() + " " + a.reachableFromInternet()).toList();
        assertThat(found).containsExactly("bastion 22 ssh true", "db 5432 postgresql false", "private 22 ssh false");
        List<AdminExposure> wide = r.adminExposed().stream().filter(a -> a.name().equals("wide")).toList();
        assertThat(wide).hasSize(AccessAnalyzer.ADMIN_PORTS.size()).allMatch(AdminExposure::reachableFromInternet);
        assertThat(wide.get(0).port()).isEqualTo(21);
        AdminExposure db = r.adminExposed().stream().filter(a -> a.name().equals("db")).findFirst().orElseThrow();
        assertThat(db.worldOpenGroups()).containsExactly("sg-0f0000000000f0002");
    }

    @Test
    void threadsDoNotChangeTheAnswer() throws Exception {
        assertThat(report("access-exposure", 4)).isEqualTo(report("access-exposure", 1));
    }

    @Test
    void nothingExposedWhereTheReplyCannotLeave() throws Exception {
        AccessReport r = report("nacl-ephemeral", 1);
        assertThat(r.internetExposed()).extracting(InternetExposure::name).containsExactly("web-2-eth0");
    }

    @Test
    void crossVpcPathsThroughPeeringAndTransitGateways() throws Exception {
        AccessReport p = report("peering-non-transitive", 1);
        List<String> paths = p.crossVpcPaths().stream().map(c -> c.fromVpc().substring(17) + ">" + c.toVpc()
                .substring(17) + " " + c.destination() + " " + c.status() + " " + c.returnRoute()).toList();
        assertThat(paths).containsExactly(
                "a001>a002 10.1.0.0/16 active true",
                "a001>a002 10.2.0.0/16 destination outside the peer VPC (peering is not transitive) true",
                "a002>a001 10.0.0.0/16 active true",
                "a002>a003 10.2.0.0/16 active true",
                "a003>a002 10.1.0.0/16 active true");
        CrossVpcPath t = report("tgw-default-propagation", 1).crossVpcPaths().get(0);
        assertThat(t.type()).isEqualTo("TRANSIT_GATEWAY");
        assertThat(t.via()).containsExactly("tgw-0c00000000000a001", "tgw-attach-0c00000000c001",
                "tgw-rtb-0c000000000b001", "tgw-attach-0c00000000c002");
        assertThat(t.returnRoute()).isTrue();
        assertThat(t.fromInterfaces()).isEqualTo(2);
        List<CrossVpcPath> rf = report("tgw-routes-file", 1).crossVpcPaths();
        assertThat(rf).extracting(CrossVpcPath::status).containsExactly("blackhole in tgw-rtb-0c000000000b001",
                "active");
        assertThat(rf.get(1).returnRoute()).isFalse();
    }
}
