package dev.mirrorscope.app.filterbar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.MainViewModel;
import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.filterbar.FilterBarViewModel.State;
import dev.mirrorscope.app.packets.PacketTableModel;
import dev.mirrorscope.app.preferences.PreferencesStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter bar's behaviour against a fake filter language, over a real session, without the toolkit. */
class FilterBarViewModelTest {
    @TempDir
    Path tmp;

    private final FakeFilterService service = new FakeFilterService();
    private MainViewModel main;
    private FilterBarViewModel bar;

    @BeforeEach
    void open() throws Exception {
        main = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"), true, PreferencesStore.inMemory(), service,
                () -> tmp.resolve("n"));
        main.open(List.of(Path.of(FilterBarViewModelTest.class.getResource("/mirror-mixed.pcap").toURI())));
        bar = main.filter();
    }

    private int rows() {
        return main.packets().table().get().size();
    }

    @Test
    void theFieldIsCheckedAtEveryKeystrokeWithThePositionOfTheError() {
        assertThat(bar.state().get()).isEqualTo(State.EMPTY);
        bar.text().set("frame.len");
        assertThat(bar.state().get()).isEqualTo(State.INVALID);
        assertThat(bar.errorPosition().get()).isEqualTo(9);
        assertThat(bar.error().get()).isEqualTo("Position 10: expected >");
        bar.text().set("frame.len > 100");
        assertThat(bar.state().get()).isEqualTo(State.VALID);
        assertThat(bar.error().get()).isNull();
        assertThat(bar.errorPosition().get()).isEqualTo(-1);
        bar.text().set("  bogus == 1");
        assertThat(bar.errorPosition().get()).isEqualTo(2);
        assertThat(bar.error().get()).contains("unknown field or protocol \"bogus\"");
        bar.text().set("   ");
        assertThat(bar.state().get()).isEqualTo(State.EMPTY);
    }

    @Test
    void anInvalidFilterIsNotAppliedAndThePreviousViewStays() {
        bar.text().set("udp");
        assertThat(bar.apply()).isTrue();
        int udp = rows();
        assertThat(udp).isPositive().isLessThan(222);
        bar.text().set("frame.len >");
        assertThat(bar.apply()).isFalse();
        assertThat(rows()).isEqualTo(udp);
        assertThat(bar.applied().get()).isEqualTo("udp");
        assertThat(service.applied).isEqualTo(1);
    }

    @Test
    void aValidFilterShowsOnlyItsMatchesAndClearingShowsEverything() {
        bar.text().set("frame.len > 1000");
        bar.apply();
        PacketTableModel t = main.packets().table().get();
        assertThat(t.size()).isPositive().isLessThan(222);
        assertThat(IntStream.range(0, t.size()).mapToObj(t::get)).allSatisfy(p -> assertThat(p.row().frameLen())
                .isGreaterThan(1000));
        assertThat(main.packets().restriction().get()).contains("matching frame.len > 1000");
        assertThat(main.status().get()).contains("Displayed: " + t.size());
        bar.clear();
        assertThat(bar.text().get()).isEmpty();
        assertThat(rows()).isEqualTo(222);
        assertThat(bar.applied().get()).isNull();
        bar.text().set("tcp");
        bar.apply();
        bar.text().set("");
        bar.apply();
        assertThat(rows()).isEqualTo(222);
    }

    @Test
    void aFilterAndAFlowSelectionTogetherShowWhatBothKeep() {
        var flow = main.flows().shown().stream().filter(f -> f.proto() == 6).findFirst().orElseThrow();
        main.flows().selected(List.of(flow));
        int flowRows = rows();
        bar.text().set("frame.len > 100");
        bar.apply();
        PacketTableModel t = main.packets().table().get();
        assertThat(t.size()).isLessThanOrEqualTo(flowRows);
        assertThat(IntStream.range(0, t.size()).mapToObj(t::get)).allSatisfy(p -> {
            assertThat(p.row().frameLen()).isGreaterThan(100);
            assertThat(List.of(p.row().src(), p.row().dst())).containsExactlyInAnyOrder(flow.a(), flow.b());
        });
        assertThat(main.packets().restriction().get()).contains("packets of the selected flow")
                .contains("matching frame.len > 100");
    }

    @Test
    void historyKeepsAppliedFiltersMostRecentFirstAndTheArrowsWalkIt() {
        for (String f : List.of("tcp", "udp", "tcp", "icmp")) {
            bar.text().set(f);
            bar.apply();
        }
        assertThat(bar.history()).containsExactly("icmp", "tcp", "udp");
        bar.text().set("frame.le");
        bar.historyOlder();
        assertThat(bar.text().get()).isEqualTo("icmp");
        bar.historyOlder();
        bar.historyOlder();
        bar.historyOlder();
        assertThat(bar.text().get()).isEqualTo("udp");
        bar.historyNewer();
        assertThat(bar.text().get()).isEqualTo("tcp");
        bar.historyNewer();
        bar.historyNewer();
        assertThat(bar.text().get()).isEqualTo("frame.le");
        assertThat(main.preferences().get().filterHistory).containsExactly("icmp", "tcp", "udp");
    }

    @Test
    void completionOffersFieldNamesForTheWordAtTheCaretAndReplacesOnlyIt() {
        assertThat(bar.suggestions("ip.s", 4)).containsExactly("ip.src");
        assertThat(bar.suggestions("tcp.port == 80 and ud", 21)).containsExactly("udp", "udp.port");
        assertThat(bar.suggestions("tcp.", 4)).containsExactly("tcp.dstport", "tcp.flags.syn", "tcp.port", "tcp.srcport");
        assertThat(bar.suggestions("tcp ", 4)).isEmpty();
        assertThat(bar.suggestions("udp", 3)).containsExactly("udp.port");
        FilterBarViewModel.Completion c = FilterBarViewModel.complete("ip.s == 10.0.0.1", 4, "ip.src");
        assertThat(c.text()).isEqualTo("ip.src == 10.0.0.1");
        assertThat(c.caret()).isEqualTo(6);
        c = FilterBarViewModel.complete("frame.len > 10 && tc", 20, "tcp.port");
        assertThat(c.text()).isEqualTo("frame.len > 10 && tcp.port");
    }

    @Test
    void aFilterStillRunningWhenANewOneIsAppliedIsDropped() {
        List<Runnable> background = new ArrayList<>();
        MainViewModel m = new MainViewModel(new UiTaskExecutor(background::add, Runnable::run), tmp.resolve("t"), true,
                PreferencesStore.inMemory(), service, () -> tmp.resolve("n"));
        m.open(List.of(Path.of(tmp.toUri()).resolve("none.pcap")));
        while (!background.isEmpty()) {
            background.remove(0).run();
        }
        // No session with packets is needed to see the race: the first result arrives after the second request.
        m.filter().text().set("tcp");
        m.filter().apply();
        m.filter().text().set("udp");
        m.filter().apply();
        assertThat(m.filter().applying().get()).isTrue();
        assertThat(background).hasSize(2);
        Runnable first = background.remove(0);
        Runnable second = background.remove(0);
        second.run();
        first.run();
        assertThat(m.filter().applied().get()).isEqualTo("udp");
        assertThat(m.filter().applying().get()).isFalse();
    }

    @Test
    void aFilterThatFailsToRunSaysWhyAndKeepsTheView() {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("u"), true, PreferencesStore.inMemory(),
                new FakeFilterService() {
                    @Override
                    public long[] matching(dev.mirrorscope.engine.Session session, String expression,
                                           java.util.function.BooleanSupplier cancelled) {
                        throw new IllegalStateException("the index is damaged");
                    }
                }, () -> tmp.resolve("n"));
        m.open(List.of(Path.of(tmp.toUri()).resolve("none.pcap")));
        m.filter().text().set("tcp");
        m.filter().apply();
        assertThat(m.filter().state().get()).isEqualTo(State.INVALID);
        assertThat(m.filter().error().get()).isEqualTo("Cannot apply the filter: the index is damaged");
        assertThat(m.filter().applied().get()).isNull();
    }

    @Test
    void withoutTheFilterLanguageEveryExpressionIsRefusedWithAReason() {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("v"));
        m.filter().text().set("tcp");
        assertThat(m.filter().state().get()).isEqualTo(State.INVALID);
        assertThat(m.filter().error().get()).contains("not available");
        assertThat(m.filter().apply()).isFalse();
    }
}
