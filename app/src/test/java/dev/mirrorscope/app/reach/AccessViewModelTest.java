package dev.mirrorscope.app.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.reach.access.AdminExposure;
import dev.mirrorscope.engine.reach.access.CrossVpcPath;
import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import org.junit.jupiter.api.Test;

/**
 * The access view's state without the toolkit, on the engine's access-exposure and peering scenarios (their READMEs
 * say which interface is exposed on what and why): findings, and the question each one opens in the path view.
 */
class AccessViewModelTest {
    private static final String IGW = "igw-0f0000000000c0001";

    private static AccessViewModel analysed(ReachViewModel reach, String scenario) {
        AccessViewModel m = new AccessViewModel(UiTaskExecutor.direct(), reach, 2);
        reach.loadSnapshot(Scenarios.dir(scenario));
        assertThat(m.done().get()).isFalse();
        m.ensureAnalysed();
        assertThat(m.done().get()).isTrue();
        assertThat(m.busy().get()).isFalse();
        assertThat(m.error().get()).isNull();
        return m;
    }

    private static AdminExposure admin(AccessViewModel m, String name, int port) {
        return m.admin().stream().filter(a -> name.equals(a.name()) && a.port() == port).findFirst().orElseThrow();
    }

    @Test
    void findingsOfTheExposureScenario() {
        ReachViewModel reach = new ReachViewModel(UiTaskExecutor.direct());
        AccessViewModel m = analysed(reach, "access-exposure");
        assertThat(m.internet()).extracting(r -> r.finding().name() + " " + r.protocolLabel() + " " + r.ports())
                .containsExactly("bastion tcp 22", "web tcp 80,443", "web tcp 8000-8100", "dns udp 53", "dns icmp echo",
                        "wide tcp 0-65535", "wide udp 0-65535", "wide icmp echo", "v6 tcp (IPv6) 443");
        assertThat(m.internet()).filteredOn(r -> r.finding().name().equals("web") && r.ports().equals("8000-8100"))
                .singleElement().satisfies(r -> assertThat(r.exposure().openToWorld()).isFalse());
        assertThat(m.admin()).hasSize(25);
        assertThat(admin(m, "bastion", 22).reachableFromInternet()).isTrue();
        assertThat(admin(m, "db", 5432).reachableFromInternet()).isFalse();
        assertThat(admin(m, "private", 22).reachableFromInternet()).isFalse();
        assertThat(m.crossVpc()).isEmpty();
        assertThat(m.summary().get()).isEqualTo("5 of 7 interfaces reachable from the internet · 25 admin or database"
                + " ports exposed, 23 of them reachable · 0 routes across VPCs");
    }

    @Test
    void anExposureOpensAsTheQuestionFromTheInternetGateway() {
        ReachViewModel reach = new ReachViewModel(UiTaskExecutor.direct());
        AccessViewModel m = analysed(reach, "access-exposure");
        AccessViewModel.InternetRow bastion = m.internet().get(0);
        assertThat(m.questionFor(bastion)).isEqualTo(new Query(IGW, "eni-0f00000000001001", Protocol.TCP, 22));
        assertThat(m.open(bastion)).isTrue();
        assertThat(reach.verdict().get()).isEqualTo(ReachViewModel.Verdict.REACHABLE);
        assertThat(reach.source().get()).contains(IGW);
        assertThat(reach.port().get()).isEqualTo("22");

        AccessViewModel.InternetRow v6 = m.internet().get(m.internet().size() - 1);
        assertThat(m.questionFor(v6).destination()).isEqualTo("2600:1f18:abcd:1201::17");
        m.open(v6);
        assertThat(reach.verdict().get()).isEqualTo(ReachViewModel.Verdict.REACHABLE);

        AccessViewModel.InternetRow echo = m.internet().get(4);
        assertThat(m.questionFor(echo)).isEqualTo(new Query(IGW, "eni-0f00000000001005", Protocol.ICMP, null));
    }

    @Test
    void anOpenRuleTheInternetCannotUseOpensWithWhatStopsIt() {
        ReachViewModel reach = new ReachViewModel(UiTaskExecutor.direct());
        AccessViewModel m = analysed(reach, "access-exposure");
        m.open(admin(m, "db", 5432));
        assertThat(reach.verdict().get()).isEqualTo(ReachViewModel.Verdict.BLOCKED);
        assertThat(reach.result().get().firstBlock().code()).isEqualTo("SUBNET_ACL_RESTRICTION");
        m.open(admin(m, "private", 22));
        assertThat(reach.verdict().get()).isEqualTo(ReachViewModel.Verdict.BLOCKED);
        assertThat(reach.result().get().firstBlock().code()).isEqualTo("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS");
    }

    @Test
    void crossVpcRoutesOpenBetweenInterfacesOnEitherSide() {
        ReachViewModel reach = new ReachViewModel(UiTaskExecutor.direct());
        AccessViewModel m = analysed(reach, "peering-non-transitive");
        assertThat(m.crossVpc()).hasSize(5);
        CrossVpcPath active = m.crossVpc().get(0);
        Query q = m.questionFor(active);
        assertThat(q.source()).isEqualTo("eni-0b00000000001001");
        assertThat(q.port()).isNull();
        assertThat(reach.snapshot().get().networkInterfaces().get(q.destination()).vpcId()).isEqualTo(active.toVpc());
        assertThat(m.open(active)).isTrue();
        assertThat(reach.result().get()).isNotNull();

        // A route past the peering: the interface inside the destination is in a third VPC, and the answer says
        // peering is not transitive.
        CrossVpcPath past = m.crossVpc().get(1);
        assertThat(past.status()).contains("not transitive");
        assertThat(m.open(past)).isTrue();
        assertThat(reach.verdict().get()).isEqualTo(ReachViewModel.Verdict.BLOCKED);
        assertThat(reach.explanations()).extracting(Explanation::leg).contains(Explanation.Leg.FORWARD);
        assertThat(m.vpcLabel(active.fromVpc())).isEqualTo(reach.snapshot().get().nameOf(active.fromVpc()));
    }

    @Test
    void withoutASnapshotNothingRunsAndANewSnapshotIsAnalysedOnceAskedFor() {
        ReachViewModel reach = new ReachViewModel(UiTaskExecutor.direct());
        AccessViewModel m = new AccessViewModel(UiTaskExecutor.direct(), reach, 1);
        m.run();
        assertThat(m.error().get()).isEqualTo("Open a VPC snapshot in the path view first.");
        reach.loadSnapshot(Scenarios.dir("access-exposure"));
        assertThat(m.done().get()).isTrue();
        assertThat(m.internet()).isNotEmpty();
        reach.loadSnapshot(Scenarios.dir("public-private"));
        assertThat(m.done().get()).isTrue();
        assertThat(m.internet()).extracting(r -> r.finding().name()).containsExactly("web-1-eth0");
    }

    @Test
    void notAnalysedUntilShown() {
        ReachViewModel reach = new ReachViewModel(UiTaskExecutor.direct());
        AccessViewModel m = new AccessViewModel(UiTaskExecutor.direct(), reach, 1);
        reach.loadSnapshot(Scenarios.dir("access-exposure"));
        assertThat(m.done().get()).isFalse();
        assertThat(m.summary().get()).isEqualTo("Not analysed yet.");
    }
}
