package dev.mirrorscope.engine.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.EndpointCatalog;
import dev.mirrorscope.engine.reach.analysis.EndpointChoice;
import dev.mirrorscope.engine.reach.analysis.Query;
import org.junit.jupiter.api.Test;

class EndpointCatalogTest {
    @Test
    void completesByNameIdAndAddress() {
        EndpointCatalog c = EndpointCatalog.of(ReachScenarioTest.analyzer("public-private").snapshot());
        assertThat(c.all()).extracting(EndpointChoice::kind).containsSubsequence(EndpointChoice.Kind.INSTANCE,
                EndpointChoice.Kind.NETWORK_INTERFACE, EndpointChoice.Kind.INTERNET_GATEWAY);
        assertThat(c.complete("web", 10)).extracting(EndpointChoice::id).startsWith("i-0a00000000002001",
                "eni-0a00000000001001");
        assertThat(c.complete("203.0.113", 10)).extracting(EndpointChoice::id).containsExactly("i-0a00000000002001",
                "eni-0a00000000001001");
        assertThat(c.complete("eni-0a00000000001002", 10)).singleElement().extracting(EndpointChoice::name)
                .isEqualTo("db-1-eth0");
        assertThat(c.complete("igw", 10)).extracting(EndpointChoice::kind)
                .containsExactly(EndpointChoice.Kind.INTERNET_GATEWAY);
        assertThat(c.complete("", 2)).hasSize(2);
        assertThat(c.complete("web-1", 10).get(0).label()).isEqualTo(
                "web-1  i-0a00000000002001  10.0.1.10, 203.0.113.10  vpc-0a00000000000a001");
    }

    @Test
    void flowRecordsBecomeQuestions() {
        // A flow-log REJECT of SSH from the internet to web-1 names the security group that rejects it.
        Query q = Query.ofFlow("198.51.100.7", 50432, "10.0.1.10", 3389, 6);
        AnalysisResult r = ReachScenarioTest.analyzer("public-private").analyze(q);
        assertThat(r.reachable()).isFalse();
        assertThat(r.firstBlock().code()).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(r.firstBlock().component()).isEqualTo("sg-0a0000000000f0001");
        assertThat(Query.ofFlow("10.0.2.20", 0, "10.0.1.10", 0, 1).port()).isNull();
        assertThatThrownBy(() -> Query.ofFlow("10.0.2.20", null, "10.0.1.10", null, 47))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
