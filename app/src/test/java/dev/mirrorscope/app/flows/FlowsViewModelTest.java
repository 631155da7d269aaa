package dev.mirrorscope.app.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.ColumnSpec;
import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.FlowRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowsViewModelTest {
    private static FlowRow flow(int proto, Integer vni, String a, Integer aPort, String b, Integer bPort, long packets,
                                String state) {
        return new FlowRow(1, proto, vni, a, aPort, b, bPort, packets, packets * 100, 1, 60, 1_000, 5_000_000_000L,
                state, proto == 6 ? 1200L : null, 0);
    }

    private final List<FlowRow> flows = List.of(
            flow(6, 101, "10.0.0.9", 51000, "10.0.1.10", 443, 12, "established"),
            flow(6, 102, "10.0.0.10", 51001, "10.0.1.10", 80, 3, "reset"),
            flow(17, 101, "10.0.0.9", 53000, "10.0.0.2", 53, 1, null),
            flow(58, null, "2001:db8::10", null, "2001:db8::2", null, 4, null));

    private final List<List<FlowRow>> selections = new ArrayList<>();
    private final FlowsViewModel model = new FlowsViewModel(UiTaskExecutor.direct(), selections::add);

    @Test
    void theQuickFilterKeepsFlowsContainingEveryWord() {
        model.setFlows(flows, 0);
        assertThat(model.shown()).hasSize(4);
        assertThat(model.summary().get()).isEqualTo("4 flows");
        model.quickFilter().set("10.0.0.9");
        assertThat(model.shown()).hasSize(2);
        model.quickFilter().set("tcp 10.0.1.10:443");
        assertThat(model.shown()).singleElement().extracting(FlowRow::bPort).isEqualTo(443);
        model.quickFilter().set("  RESET  ");
        assertThat(model.shown()).singleElement().extracting(FlowRow::tcpState).isEqualTo("reset");
        model.quickFilter().set("vni:102");
        assertThat(model.shown()).hasSize(1);
        model.quickFilter().set("icmpv6");
        assertThat(model.shown()).singleElement().extracting(FlowRow::proto).isEqualTo(58);
        assertThat(model.summary().get()).isEqualTo("1 of 4 flows");
        model.quickFilter().set("nothing-like-this");
        assertThat(model.shown()).isEmpty();
    }

    @Test
    void sortingUsesTheColumnsValuesNotTheirText() {
        model.setFlows(flows, 0);
        List<ColumnSpec<FlowRow>> columns = FlowColumns.all(() -> 0);
        ColumnSpec<FlowRow> addressA = columns.stream().filter(c -> c.id().equals("a")).findFirst().orElseThrow();
        ColumnSpec<FlowRow> packetsAb = columns.stream().filter(c -> c.id().equals("packetsAb")).findFirst().orElseThrow();
        ColumnSpec<FlowRow> vni = columns.stream().filter(c -> c.id().equals("vni")).findFirst().orElseThrow();
        model.sort(addressA.comparator());
        assertThat(model.shown()).extracting(FlowRow::a)
                .containsExactly("10.0.0.9", "10.0.0.9", "10.0.0.10", "2001:db8::10");
        model.sort(packetsAb.comparator().reversed());
        assertThat(model.shown()).extracting(FlowRow::packetsAb).containsExactly(12L, 4L, 3L, 1L);
        model.sort(vni.comparator());
        assertThat(model.shown().get(3).vni()).isNull();
        model.quickFilter().set("tcp");
        assertThat(model.shown()).extracting(FlowRow::vni).containsExactly(101, 102);
        model.sort(null);
        model.quickFilter().set("");
        assertThat(model.shown()).containsExactlyElementsOf(flows);
    }

    @Test
    void selectingFlowsTellsTheOwnerOnceForEachChange() {
        model.setFlows(flows, 0);
        model.selected(List.of(flows.get(0)));
        model.selected(List.of(flows.get(0)));
        model.selected(List.of(flows.get(0), flows.get(2)));
        model.selected(List.of());
        assertThat(selections).containsExactly(List.of(flows.get(0)), List.of(flows.get(0), flows.get(2)), List.of());
        assertThat(model.selectedFlows()).isEmpty();
    }

    @Test
    void addressesOrderNumericallyIpv4BeforeIpv6() {
        List<String> addrs = new ArrayList<>(List.of("10.0.0.10", "2001:db8::1", "10.0.0.9", "::1", "9.255.255.255",
                "fe80::1", "2001:db8:0:0:0:0:0:2"));
        addrs.sort(Comparator.comparing(AddressKey::of));
        assertThat(addrs).containsExactly("9.255.255.255", "10.0.0.9", "10.0.0.10", "::1", "2001:db8::1",
                "2001:db8:0:0:0:0:0:2", "fe80::1");
        assertThat(AddressKey.of("00:11:22:33:44:55").family()).isEqualTo(9);
    }
}
