package dev.mirrorscope.app.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.reach.analysis.EndpointChoice;
import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.HopType;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * The path view's state without the toolkit, on the engine's documented scenarios: work runs synchronously
 * through a direct executor unless a test queues it to control the order.
 */
class ReachViewModelTest {
    private static final String WEB_1 = "i-0a00000000002001";
    private static final String DB_1 = "i-0a00000000002002";

    static ReachViewModel loaded(String scenario) {
        ReachViewModel m = new ReachViewModel(UiTaskExecutor.direct());
        m.loadSnapshot(Scenarios.dir(scenario));
        assertThat(m.error().get()).as("load error").isNull();
        assertThat(m.snapshot().get()).isNotNull();
        return m;
    }

    static void ask(ReachViewModel m, String src, String dst, Protocol p, String port) {
        m.source().set(src);
        m.destination().set(dst);
        m.protocol().set(p);
        m.port().set(port);
        m.analyze();
    }

    @Test
    void loadingASnapshotSummarisesItAndPickersCompleteWithNameTags() {
        ReachViewModel m = loaded("public-private");
        assertThat(m.snapshotSummary().get()).isEqualTo("public-private · 1 VPC · 3 instances · 3 interfaces");
        assertThat(m.busy().get()).isFalse();
        assertThat(m.complete("web")).extracting(EndpointChoice::id).contains(WEB_1, "eni-0a00000000001001");
        EndpointChoice web = m.complete("web-1").get(0);
        assertThat(ReachViewModel.display(web)).isEqualTo("web-1  " + WEB_1);
        assertThat(m.complete("10.0.2.20")).extracting(EndpointChoice::id).contains(DB_1);
        assertThat(m.complete("no-such-thing")).isEmpty();
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.NONE);
    }

    @Test
    void reachablePathHasBothLegsAndNoExplanations() {
        ReachViewModel m = loaded("public-private");
        ask(m, "web-1  " + WEB_1, "db-1", Protocol.TCP, "5432");
        assertThat(m.error().get()).isNull();
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.REACHABLE);
        assertThat(m.verdictTitle().get()).isEqualTo("Reachable");
        assertThat(m.verdictDetail().get()).startsWith("web-1 reaches db-1 on tcp 5432").contains("9 hops forward, 9 back");
        assertThat(m.forward()).extracting(HopItem::type).containsExactly(HopType.INSTANCE, HopType.NETWORK_INTERFACE,
                HopType.SECURITY_GROUP, HopType.NETWORK_ACL, HopType.ROUTE_TABLE, HopType.NETWORK_ACL,
                HopType.SECURITY_GROUP, HopType.NETWORK_INTERFACE, HopType.INSTANCE);
        assertThat(m.returnPath()).hasSize(9);
        assertThat(m.hops()).hasSize(18).noneMatch(HopItem::blocked).allMatch(HopItem::reached);
        assertThat(m.explanations()).isEmpty();
        assertThat(m.selectedHop().get()).isNull();
        HopItem dbGroup = m.forward().get(6);
        assertThat(dbGroup.title()).isEqualTo("db");
        assertThat(dbGroup.direction()).isEqualTo("ingress");
        assertThat(dbGroup.matched()).isEqualTo("tcp 5432 from sg-0a0000000000f0001");
        assertThat(m.forward().get(4).matched()).isEqualTo("10.0.0.0/16 → local");
        assertThat(m.forwardTitle().get()).isEqualTo("Forward · web-1 → db-1 · tcp 5432");
    }

    @Test
    void blockedPathSelectsTheBlockingGroupWithItsExplanation() {
        ReachViewModel m = loaded("public-private");
        ask(m, "198.51.100.7", "web-1", Protocol.TCP, "80");
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.BLOCKED);
        assertThat(m.verdictTitle().get()).isEqualTo("Not reachable");
        assertThat(m.verdictDetail().get())
                .startsWith("Blocked first on the forward path by security group web (sg-0a0000000000f0001), ingress")
                .contains("[ENI_SG_RULES_MISMATCH]");
        HopItem blocked = m.selectedHop().get();
        assertThat(blocked).isNotNull();
        assertThat(blocked.type()).isEqualTo(HopType.SECURITY_GROUP);
        assertThat(blocked.id()).isEqualTo("sg-0a0000000000f0001");
        assertThat(blocked.explanation().code()).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(blocked.explanation().detail()).contains("port 80");
        assertThat(blocked.status()).isEqualTo("Blocked");
        int at = m.forward().indexOf(blocked);
        assertThat(m.forward().subList(0, at)).allMatch(HopItem::reached).noneMatch(HopItem::blocked);
        assertThat(m.forward().subList(at + 1, m.forward().size())).isNotEmpty().noneMatch(HopItem::reached)
                .allMatch(h -> h.status().equals("Not reached"));
        assertThat(m.explanations()).extracting(Explanation::code).containsExactly("ENI_SG_RULES_MISMATCH");
    }

    @Test
    void returnPathBlockIsOnTheReturnLeg() {
        ReachViewModel m = loaded("nacl-ephemeral");
        ask(m, "igw-0a0000000000c0001", "i-0a00000000002001", Protocol.TCP, "443");
        HopItem blocked = m.selectedHop().get();
        assertThat(blocked.leg()).isEqualTo(Explanation.Leg.RETURN);
        assertThat(blocked.id()).isEqualTo("acl-0a0000000000e0002");
        assertThat(blocked.direction()).isEqualTo("egress");
        assertThat(blocked.matched()).startsWith("rule 32767 deny");
        assertThat(m.forward()).noneMatch(HopItem::blocked);
        assertThat(m.verdictDetail().get()).contains("return path by network ACL web-no-ephemeral")
                .contains("the default rule (*) deny all to 0.0.0.0/0").contains("[SUBNET_ACL_RESTRICTION]");
        assertThat(m.verdictDetail().get()).contains("Traced with").contains("source 1.0.0.0");
    }

    @Test
    void selectingAnExplanationSelectsItsHop() {
        ReachViewModel m = loaded("nacl-ephemeral");
        ask(m, "198.51.100.7", "i-0a00000000002001", Protocol.TCP, "443");
        assertThat(m.explanations()).hasSizeGreaterThanOrEqualTo(2);
        m.selectedHop().set(null);
        Explanation second = m.explanations().get(1);
        m.selectExplanation(second);
        assertThat(m.selectedHop().get().leg()).isEqualTo(second.leg());
        assertThat(m.selectedHop().get().id()).isEqualTo(second.component());
        assertThat(m.selectedHop().get().explanation()).isEqualTo(second);
    }

    @Test
    void pickersResolveNamesAddressesAndIdsAndSayWhatIsAmbiguous() {
        ReachViewModel m = loaded("public-private");
        assertThat(m.resolve("db-1", "destination")).isEqualTo(DB_1);
        assertThat(m.resolve("  " + DB_1 + " ", "destination")).isEqualTo(DB_1);
        assertThat(m.resolve("10.0.2.20", "destination")).isEqualTo("10.0.2.20");
        assertThat(m.resolve("i-0fffffffffffffff", "destination")).isEqualTo("i-0fffffffffffffff");
        ask(m, "web", "db-1", Protocol.TCP, "5432");
        assertThat(m.error().get()).startsWith("\"web\" matches").contains("pick one from the list");
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.NONE);
        ask(m, "zzz", "db-1", Protocol.TCP, "5432");
        assertThat(m.error().get()).isEqualTo("No source matches \"zzz\": type an ID, a Name tag or an address, or pick"
                + " one from the list.");
        ask(m, "", "db-1", Protocol.TCP, "5432");
        assertThat(m.error().get()).startsWith("Choose a source");
    }

    @Test
    void badPortIsAMessageAndEmptyPortMeansAny() {
        ReachViewModel m = loaded("public-private");
        ask(m, "web-1", "db-1", Protocol.TCP, "postgres");
        assertThat(m.error().get()).startsWith("Port must be a whole number from 0 to 65535").contains("\"postgres\"");
        ask(m, "web-1", "db-1", Protocol.TCP, "70000");
        assertThat(m.error().get()).contains("\"70000\"");
        ask(m, "web-1", "db-1", Protocol.TCP, "");
        assertThat(m.error().get()).isNull();
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.REACHABLE);
        assertThat(m.result().get().port()).isEqualTo(5432);
        assertThat(m.verdictDetail().get()).contains("tcp (any port)").contains("Traced with port 5432");
    }

    @Test
    void unknownIdIsAnExplanationWithoutHops() {
        ReachViewModel m = loaded("public-private");
        ask(m, "i-0fffffffffffffff", "db-1", Protocol.TCP, "5432");
        assertThat(m.error().get()).isNull();
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.BLOCKED);
        assertThat(m.hops()).isEmpty();
        assertThat(m.explanations()).extracting(Explanation::code).containsExactly("UNKNOWN_RESOURCE");
        assertThat(m.verdictDetail().get()).contains("i-0fffffffffffffff").contains("[UNKNOWN_RESOURCE]");
    }

    @Test
    void malformedSnapshotNamesTheFileAndTheJsonPath() {
        ReachViewModel m = new ReachViewModel(UiTaskExecutor.direct());
        m.loadSnapshot(Scenarios.dir("malformed-field"));
        assertThat(m.error().get()).contains("describe-security-groups.json")
                .contains("$.SecurityGroups[0].IpPermissions[1].FromPort").doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(m.snapshot().get()).isNull();
        assertThat(m.busy().get()).isFalse();
        ask(m, "web-1", "db-1", Protocol.TCP, "5432");
        assertThat(m.error().get()).startsWith("Load a VPC snapshot first");
    }

    @Test
    void missingDirectoryIsAMessage() {
        ReachViewModel m = new ReachViewModel(UiTaskExecutor.direct());
        m.loadSnapshot(Path.of("/nonexistent/snapshot-dir"));
        assertThat(m.error().get()).startsWith("Cannot read the snapshot").contains("/nonexistent/snapshot-dir");
    }

    @Test
    void explainAFlowsTableRowFillsThePickersAndAnalyses() {
        ReachViewModel m = loaded("public-private");
        m.explain(new FlowRow(1, 6, null, "10.0.1.10", 50123, "10.0.2.20", 5432, 3, 180, 2, 120, 0, 1_000_000,
                "ESTABLISHED", 200L, 0));
        assertThat(m.source().get()).isEqualTo("10.0.1.10");
        assertThat(m.destination().get()).isEqualTo("10.0.2.20");
        assertThat(m.port().get()).isEqualTo("5432");
        assertThat(m.sourcePort().get()).isEqualTo("50123");
        assertThat(m.result().get().query()).isEqualTo(new Query("10.0.1.10", "10.0.2.20", Protocol.TCP, 5432, 50123));
        assertThat(m.forward().get(0).title()).isEqualTo("web-1-eth0");
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.REACHABLE);
        assertThat(m.flowNote().get()).isNull();
    }

    @Test
    void rejectedRequestNamesTheGroupThatRejectsIt() {
        ReachViewModel m = loaded("public-private");
        m.prefill("198.51.100.7", 50500, "10.0.1.10", 80, 6, "REJECT");
        assertThat(m.flowNote().get()).isEqualTo("Rejected by security group web (sg-0a0000000000f0001), ingress:"
                + " no rule allows it (security groups deny what no rule allows) [ENI_SG_RULES_MISMATCH].");
        assertThat(m.selectedHop().get().id()).isEqualTo("sg-0a0000000000f0001");
    }

    @Test
    void rejectedNetworkAclRuleIsNamedByNumber() {
        ReachViewModel m = loaded("nacl-ephemeral");
        m.prefill("198.51.100.7", 50500, "10.0.1.10", 443, 6, "REJECT");
        assertThat(m.flowNote().get()).startsWith("Rejected by network ACL web-no-ephemeral (acl-0a0000000000e0002),"
                + " ingress: rule 90 deny all from 198.51.100.0/24 [SUBNET_ACL_RESTRICTION]");
    }

    @Test
    void rejectedReplyIsExplainedAsTheReturnOfTheConnectionItAnswers() {
        // web-1 fetched https://93.184.216.34; the reply to its ephemeral port was rejected: the ACL's inbound
        // rules allow only port 443.
        ReachViewModel m = loaded("nacl-ephemeral");
        m.prefill("93.184.216.34", 443, "10.0.1.10", 40000, 6, "REJECT");
        assertThat(m.flowNote().get()).startsWith("Rejected by network ACL web-no-ephemeral (acl-0a0000000000e0002),"
                + " ingress: the default rule (*) deny all from 0.0.0.0/0 [SUBNET_ACL_RESTRICTION]. This record is the"
                + " reply of a connection from 10.0.1.10:40000");
        assertThat(m.source().get()).isEqualTo("10.0.1.10");
        assertThat(m.sourcePort().get()).isEqualTo("40000");
        assertThat(m.destination().get()).isEqualTo("93.184.216.34");
        assertThat(m.port().get()).isEqualTo("443");
        assertThat(m.selectedHop().get().leg()).isEqualTo(Explanation.Leg.RETURN);
    }

    @Test
    void rejectTheSnapshotAllowsIsSaidSo() {
        ReachViewModel m = loaded("public-private");
        m.prefill("10.0.1.10", 50000, "10.0.2.20", 5432, 6, "REJECT");
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.REACHABLE);
        assertThat(m.flowNote().get()).startsWith("This snapshot allows the flow both ways, so it does not explain the"
                + " REJECT");
    }

    @Test
    void flowWaitsForASnapshotThenIsAnalysed() {
        ReachViewModel m = new ReachViewModel(UiTaskExecutor.direct());
        m.prefill("198.51.100.7", 50500, "10.0.1.10", 80, 6, "REJECT");
        assertThat(m.flowNote().get()).startsWith("Load a VPC snapshot to explain this flow");
        assertThat(m.source().get()).isEqualTo("198.51.100.7");
        m.loadSnapshot(Scenarios.dir("public-private"));
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.BLOCKED);
        assertThat(m.flowNote().get()).startsWith("Rejected by security group web");
    }

    @Test
    void untracedProtocolIsAMessage() {
        ReachViewModel m = loaded("public-private");
        m.prefill("10.0.1.10", null, "10.0.2.20", null, 47);
        assertThat(m.error().get()).isEqualTo("Cannot explain this flow: protocol 47 is not traced (tcp, udp and icmp"
                + " are).");
    }

    @Test
    void aNewerAnalysisOvertakesAnOlderOneStillRunning() {
        Deque<Runnable> background = new ArrayDeque<>();
        ReachViewModel m = new ReachViewModel(new UiTaskExecutor(background::add, Runnable::run));
        m.loadSnapshot(Scenarios.dir("public-private"));
        background.poll().run();
        ask(m, "198.51.100.7", "web-1", Protocol.TCP, "80");
        ask(m, "web-1", "db-1", Protocol.TCP, "5432");
        assertThat(m.busy().get()).isTrue();
        Runnable older = background.poll();
        Runnable newer = background.poll();
        newer.run();
        older.run();
        assertThat(m.verdict().get()).isEqualTo(ReachViewModel.Verdict.REACHABLE);
        assertThat(m.result().get().query().port()).isEqualTo(5432);
        assertThat(m.busy().get()).isFalse();
    }
}
