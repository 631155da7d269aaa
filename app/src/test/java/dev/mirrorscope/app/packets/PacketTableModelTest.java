package dev.mirrorscope.app.packets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual packet list: pages read on demand, newest first, cached, and growing with the session. */
class PacketTableModelTest {
    @TempDir
    static Path tmp;
    static Session session;

    /** Page reads wait here until the test runs them. */
    private final List<Runnable> reads = new ArrayList<>();
    private final PacketPageLoader loader = new PacketPageLoader(reads::add, UiTaskExecutor.direct());
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void ingest() throws Exception {
        session = Session.open(tmp.resolve("s"));
        session.ingest(List.of(Path.of(PacketTableModelTest.class.getResource("/mirror-mixed.pcap").toURI())),
                IngestOptions.defaults(), IngestListener.NONE);
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    private PacketTableModel model(DisplayedPackets shown) {
        loader.use(session);
        return new PacketTableModel(shown, loader, problems::add);
    }

    private void readAll() {
        while (!reads.isEmpty()) {
            reads.remove(0).run();
        }
    }

    @Test
    void aRowIsReturnedAtOnceAndFilledWhenItsPageHasBeenRead() {
        PacketTableModel m = model(DisplayedPackets.all(222));
        PacketItem row = m.get(200);
        assertThat(row.ready()).isFalse();
        assertThat(row.no()).isEqualTo(201);
        assertThat(m.pagesPending()).isEqualTo(1);
        boolean[] told = {false};
        row.readyProperty().addListener((o, was, now) -> told[0] = now);
        readAll();
        assertThat(told[0]).isTrue();
        assertThat(row.row().no()).isEqualTo(201);
        assertThat(m.get(200)).isSameAs(row);
        assertThat(m.get(PacketTableModel.PAGE_SIZE).ready()).isTrue();
        assertThat(m.get(0).ready()).isFalse();
        assertThat(m.pagesPending()).isEqualTo(1);
        assertThat(loader.idle()).isFalse();
        readAll();
        assertThat(loader.idle()).isTrue();
        assertThat(m.get(0).sinceFirstNs()).isZero();
        assertThat(m.get(1).sincePreviousNs()).isEqualTo(m.get(1).row().tsNs() - m.get(0).row().tsNs());
    }

    @Test
    void theNewestRequestsAreReadFirstAndOldOnesAreDroppedThenAskedForAgain() {
        int pages = PacketPageLoader.MAX_PENDING + 4;
        PacketTableModel m = model(DisplayedPackets.chosen(longRange(pages * PacketTableModel.PAGE_SIZE)));
        List<PacketItem> firsts = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            PacketItem first = m.get(p * PacketTableModel.PAGE_SIZE);
            int page = p;
            first.readyProperty().addListener((o, was, now) -> order.add(page));
            firsts.add(first);
        }
        assertThat(reads).hasSize(1);
        readAll();
        assertThat(order).hasSize(PacketPageLoader.MAX_PENDING).isSortedAccordingTo((a, b) -> b - a)
                .startsWith(pages - 1);
        assertThat(firsts.get(3).ready()).isFalse();
        assertThat(m.get(3 * PacketTableModel.PAGE_SIZE)).isSameAs(firsts.get(3));
        readAll();
        assertThat(firsts.get(3).ready()).isTrue();
        assertThat(firsts.get(0).ready()).isFalse();
    }

    /** Packet numbers 1..n (those beyond the session's 222 fail when read, which still serves their page). */
    private static long[] longRange(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i + 1;
        }
        return out;
    }

    @Test
    void packetsBeyondTheSessionFailWithAReasonInsteadOfHanging() {
        PacketTableModel m = model(DisplayedPackets.chosen(new long[] {5, 9999}));
        PacketItem gone = m.get(1);
        readAll();
        assertThat(m.get(0).ready()).isTrue();
        assertThat(gone.ready()).isTrue();
        assertThat(gone.row()).isNull();
        assertThat(gone.problem()).contains("9999");
        assertThat(gone.styleClass()).isEqualTo("row-anomaly");
        assertThat(problems).singleElement().asString().contains("9999");
    }

    @Test
    void growingAddsRowsAtTheEndAndKeepsTheRowsAlreadyThere() {
        PacketTableModel m = model(DisplayedPackets.all(100));
        PacketItem last = m.get(99);
        readAll();
        List<String> changes = new ArrayList<>();
        m.addListener((ListChangeListener<PacketItem>) c -> {
            while (c.next()) {
                changes.add(c.wasAdded() + ":" + c.getFrom() + "-" + c.getTo());
            }
        });
        m.grow(222);
        m.grow(150);
        assertThat(changes).containsExactly("true:100-222");
        assertThat(m).hasSize(222);
        assertThat(m.get(99)).isSameAs(last);
        assertThat(m.get(120).ready()).isFalse();
        readAll();
        assertThat(m.get(120).row().no()).isEqualTo(121);
        PacketTableModel chosen = model(DisplayedPackets.chosen(new long[] {1, 2}));
        chosen.grow(222);
        assertThat(chosen).hasSize(2);
    }

    @Test
    void onlyAFewHundredPagesAreKept() {
        int rows = (PacketTableModel.MAX_PAGES + 2) * PacketTableModel.PAGE_SIZE;
        PacketTableModel m = model(DisplayedPackets.chosen(longRange(rows)));
        PacketItem first = m.get(0);
        for (int p = 1; p <= PacketTableModel.MAX_PAGES + 1; p++) {
            m.get(p * PacketTableModel.PAGE_SIZE);
        }
        assertThat(m.get(0)).isNotSameAs(first);
        reads.clear();
    }

    @Test
    void aRetiredModelReadsNothingMore() {
        PacketTableModel m = model(DisplayedPackets.all(222));
        PacketItem row = m.get(10);
        m.retire();
        readAll();
        assertThat(row.ready()).isFalse();
        assertThat(m.equals(model(DisplayedPackets.all(222)))).isFalse();
    }

    @Test
    void theTableHoldsAWindowOfTheModelThatGrowsUntilFull() {
        int n = PacketTableWindow.SIZE * 3;
        PacketTableModel m = model(DisplayedPackets.chosen(longRange(n)));
        PacketTableWindow middle = PacketTableWindow.around(m, n / 2);
        assertThat(middle.base()).isEqualTo(n / 2 - PacketTableWindow.SIZE / 2);
        assertThat(middle).hasSize(PacketTableWindow.SIZE);
        assertThat(middle.get(0)).isSameAs(m.get(middle.base()));
        assertThat(middle.holds(n / 2, 100)).isTrue();
        assertThat(middle.holds(middle.base() + 50, 100)).isFalse();
        PacketTableWindow end = PacketTableWindow.around(m, n - 1);
        assertThat(end.base()).isEqualTo(n - PacketTableWindow.SIZE);
        assertThat(end.holds(n - 1, 100)).isTrue();
        assertThat(PacketTableWindow.around(m, 10).holds(0, 100)).isTrue();
        reads.clear();

        PacketTableModel growing = model(DisplayedPackets.all(100));
        PacketTableWindow w = new PacketTableWindow(growing, 0);
        List<String> changes = new ArrayList<>();
        w.addListener((ListChangeListener<PacketItem>) c -> {
            while (c.next()) {
                changes.add(c.getFrom() + "-" + c.getTo());
            }
        });
        growing.grow(PacketTableWindow.SIZE + 5000);
        growing.grow(PacketTableWindow.SIZE * 2);
        assertThat(w).hasSize(PacketTableWindow.SIZE);
        assertThat(changes).containsExactly("100-" + PacketTableWindow.SIZE);
    }

    @Test
    void mappingsFindRowsOfPacketNumbers() {
        DisplayedPackets all = DisplayedPackets.all(10);
        assertThat(all.indexOf(1)).isZero();
        assertThat(all.indexOf(10)).isEqualTo(9);
        assertThat(all.indexOf(11)).isEqualTo(-11);
        assertThat(all.indexOf(0)).isEqualTo(-1);
        DisplayedPackets some = DisplayedPackets.chosen(new long[] {3, 7, 20});
        assertThat(some.indexOf(7)).isEqualTo(1);
        assertThat(some.indexOf(8)).isEqualTo(-3);
        assertThat(some.get(2)).isEqualTo(20);
        assertThat(DisplayedPackets.intersect(new long[] {1, 3, 5, 7}, new long[] {2, 3, 4, 7, 9})).containsExactly(3, 7);
        assertThat(DisplayedPackets.intersect(new long[] {}, new long[] {1})).isEmpty();
    }

    @Test
    void aCaptureThatMovedAwayIsReportedOnTheRows() throws Exception {
        Path copy = Files.copy(Path.of(PacketTableModelTest.class.getResource("/mirror-mixed.pcap").toURI()),
                tmp.resolve("moving.pcap"));
        try (Session s = Session.open(tmp.resolve("moving"))) {
            s.ingest(List.of(copy), IngestOptions.defaults(), IngestListener.NONE);
            Files.delete(copy);
            loader.use(s);
            PacketTableModel m = new PacketTableModel(DisplayedPackets.all(222), loader, problems::add);
            PacketItem row = m.get(0);
            readAll();
            assertThat(row.problem()).contains("moving.pcap");
            assertThat(problems).isNotEmpty();
        }
    }
}
