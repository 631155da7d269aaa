package dev.mirrorscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.Theme;
import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.filterbar.PacketFilterService;
import dev.mirrorscope.app.packets.PacketItem;
import dev.mirrorscope.app.packets.PacketTableModel;
import dev.mirrorscope.app.packets.TimeFormat;
import dev.mirrorscope.app.preferences.PreferencesStore;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's state, without the toolkit: work runs synchronously through a direct executor. */
class MainViewModelTest {
    @TempDir
    Path tmp;

    static Path fixture() throws Exception {
        return Path.of(MainViewModelTest.class.getResource("/mirror-mixed.pcap").toURI());
    }

    private MainViewModel opened() throws Exception {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(fixture()));
        return m;
    }

    static List<PacketItem> rows(MainViewModel m) {
        PacketTableModel t = m.packets().table().get();
        return IntStream.range(0, t.size()).mapToObj(t::get).toList();
    }

    @Test
    void openingACaptureFillsPacketsFlowsAndStatus() throws Exception {
        MainViewModel m = opened();
        assertThat(m.loaded().get()).isTrue();
        assertThat(m.busy().get()).isFalse();
        assertThat(m.error().get()).isNull();
        List<PacketItem> rows = rows(m);
        assertThat(rows).hasSize(222).allSatisfy(p -> assertThat(p.ready()).isTrue());
        assertThat(rows).extracting(PacketItem::no).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 222).mapToObj(Long::valueOf).toList());
        assertThat(rows.get(0).sinceFirstNs()).isZero();
        assertThat(rows).extracting(PacketItem::protocol).contains("HTTP", "TLS", "DNS", "ICMP", "ICMPv6", "TCP");
        assertThat(m.flows().shown()).isNotEmpty();
        assertThat(m.status().get()).contains("Packets: 222").contains("Flows: " + m.flows().shown().size())
                .doesNotContain("Displayed");
        assertThat(m.session().get()).isNotNull();
    }

    @Test
    void aFileThatIsNotACaptureBecomesOneLineErrorAndNothingIsLoaded() throws Exception {
        Path junk = Files.writeString(tmp.resolve("notes.txt"), "this is not a capture\n");
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(junk));
        assertThat(m.error().get()).contains("notes.txt").doesNotContain("\n").doesNotContain("Exception");
        assertThat(m.packets().table().get()).isEmpty();
        assertThat(m.loaded().get()).isTrue();
    }

    @Test
    void aTruncatedCaptureKeepsItsPacketsAndSaysWhereItStopped() throws Exception {
        byte[] all = Files.readAllBytes(fixture());
        Path cut = Files.write(tmp.resolve("cut.pcap"), java.util.Arrays.copyOf(all, all.length - 30));
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(cut));
        assertThat(m.packets().table().get()).hasSize(221);
        assertThat(m.error().get()).isNull();
        assertThat(m.warning().get()).contains("cut.pcap").contains("stopped there").contains("221 packets kept");
    }

    @Test
    void aSecondOpenWhileTheFirstIsRunningIsRefused() throws Exception {
        List<Runnable> background = new ArrayList<>();
        MainViewModel m = new MainViewModel(new UiTaskExecutor(background::add, Runnable::run), tmp.resolve("s"));
        assertThat(m.open(List.of(fixture()))).isTrue();
        assertThat(m.busy().get()).isTrue();
        assertThat(m.open(List.of(fixture()))).isFalse();
        assertThat(m.openSession(tmp)).isFalse();
        assertThat(m.newSession()).isFalse();
        background.remove(0).run();
        assertThat(m.busy().get()).isFalse();
        assertThat(m.packets().table().get()).hasSize(222);
    }

    @Test
    void cancellingKeepsWhatWasReadAndSaysSoInTheStatusBar() throws Exception {
        List<Runnable> background = new ArrayList<>();
        MainViewModel m = new MainViewModel(new UiTaskExecutor(background::add, Runnable::run), tmp.resolve("s"));
        m.open(List.of(fixture()));
        m.cancel();
        background.remove(0).run();
        assertThat(m.loaded().get()).isTrue();
        assertThat(m.error().get()).isNull();
        assertThat(m.status().get()).contains("Reading cancelled");
        assertThat(m.warning().get()).isNull();
    }

    @Test
    void theTitleNamesTheCaptureAndANamedSession() throws Exception {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        assertThat(m.title().get()).isEqualTo("Mirrorscope");
        m.open(List.of(fixture()));
        assertThat(m.title().get()).isEqualTo("s: mirror-mixed.pcap — Mirrorscope");
        MainViewModel t = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("t"), true, PreferencesStore.inMemory(),
                PacketFilterService.UNAVAILABLE, () -> tmp.resolve("u"));
        t.open(List.of(fixture()));
        assertThat(t.title().get()).isEqualTo("mirror-mixed.pcap — Mirrorscope");
    }

    @Test
    void aBadFileInAnExistingSessionKeepsTheSessionShownAndReportsTheFile() throws Exception {
        MainViewModel m = opened();
        m.open(List.of(tmp.resolve("missing.pcap")));
        assertThat(m.error().get()).contains("missing.pcap");
        assertThat(m.packets().table().get()).hasSize(222);
    }

    @Test
    void rowColouringFollowsThePacket() throws Exception {
        List<PacketItem> rows = rows(opened());
        assertThat(rows).filteredOn(p -> p.row().tcpFlags() != null && (p.row().tcpFlags() & 4) != 0)
                .isNotEmpty().allSatisfy(p -> assertThat(p.styleClass()).isEqualTo("row-rst"));
        assertThat(rows).filteredOn(p -> p.row().tcpFlags() != null && (p.row().tcpFlags() & 4) == 0
                        && (p.row().tcpFlags() & 2) != 0)
                .isNotEmpty().allSatisfy(p -> assertThat(p.styleClass()).isEqualTo("row-syn"));
        assertThat(rows).filteredOn(p -> p.protocol().equals("DNS"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.styleClass()).isEqualTo("row-dns"));
        assertThat(rows).filteredOn(p -> p.row().info().startsWith("Destination unreachable"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.styleClass()).isEqualTo("row-icmp-error"));
    }

    @Test
    void aSecondCaptureJoinsTheSessionAfterTheFirst() throws Exception {
        MainViewModel m = opened();
        Path second = Files.write(tmp.resolve("second.pcap"), Files.readAllBytes(fixture()));
        // Same bytes: counted once, with a warning, nothing renumbered.
        m.open(List.of(second));
        assertThat(m.warning().get()).contains("already in this session");
        assertThat(m.packets().table().get()).hasSize(222);
        byte[] bytes = Files.readAllBytes(fixture());
        Path other = Files.write(tmp.resolve("other.pcap"), java.util.Arrays.copyOf(bytes, bytes.length + 1));
        m.open(List.of(other));
        assertThat(m.packets().table().get()).hasSize(444);
        assertThat(m.title().get()).contains("2 captures");
        assertThat(m.status().get()).contains("Packets: 444").contains("Captures: 2");
        assertThat(m.packets().table().get().get(300).ready()).isTrue();
    }

    @Test
    void goingToAPacketRevealsItsRowOrSaysWhyNot() throws Exception {
        MainViewModel m = opened();
        m.packets().goTo(100);
        assertThat(m.packets().reveal().get().index()).isEqualTo(99);
        assertThat(m.packets().message().get()).isNull();
        long serial = m.packets().reveal().get().serial();
        m.packets().goTo(100);
        assertThat(m.packets().reveal().get().serial()).isGreaterThan(serial);
        m.packets().goTo(5000);
        assertThat(m.packets().message().get()).contains("There is no packet 5,000").contains("Showing packet 222");
        assertThat(m.packets().reveal().get().index()).isEqualTo(221);
    }

    @Test
    void selectingFlowsShowsOnlyTheirPacketsAndGoingToAnotherPacketSaysItIsNotShown() throws Exception {
        MainViewModel m = opened();
        FlowRow big = m.flows().shown().stream().max(java.util.Comparator.comparingLong(f -> f.packetsAb() + f.packetsBa()))
                .orElseThrow();
        m.flows().selected(List.of(big));
        List<PacketItem> rows = rows(m);
        assertThat(rows).hasSize((int) (big.packetsAb() + big.packetsBa()));
        assertThat(rows).allSatisfy(p -> assertThat(List.of(p.row().src(), p.row().dst()))
                .containsExactlyInAnyOrder(big.a(), big.b()));
        assertThat(m.packets().restriction().get()).contains("packets of the selected flow")
                .contains("of 222 packets");
        assertThat(m.status().get()).contains("Displayed: " + rows.size());
        assertThat(m.selection().get()).isEqualTo("Selected: 1 flow");
        long outside = IntStream.rangeClosed(1, 222).filter(n -> rows.stream().noneMatch(p -> p.no() == n))
                .findFirst().orElseThrow();
        m.packets().goTo(outside);
        assertThat(m.packets().message().get()).contains("Packet " + outside + " is not displayed");
        m.flows().selected(List.of());
        assertThat(m.packets().table().get()).hasSize(222);
        assertThat(m.packets().restriction().get()).isEmpty();
    }

    @Test
    void theTimeColumnFollowsTheChosenFormat() throws Exception {
        MainViewModel m = opened();
        List<PacketItem> rows = rows(m);
        PacketItem third = rows.get(2);
        PacketRow first = rows.get(0).row();
        PacketRow second = rows.get(1).row();
        assertThat(third.sinceFirstNs()).isEqualTo(third.row().tsNs() - first.tsNs());
        assertThat(third.sincePreviousNs()).isEqualTo(third.row().tsNs() - second.tsNs());
        var time = dev.mirrorscope.app.packets.PacketColumns.all(m.packets().timeFormat()::get, java.time.ZoneOffset.UTC)
                .get(1).text();
        m.packets().timeFormat().set(TimeFormat.RELATIVE);
        assertThat(time.apply(rows.get(0))).isEqualTo("0.000000000");
        assertThat(time.apply(third)).matches("\\d+\\.\\d{9}");
        m.packets().timeFormat().set(TimeFormat.UTC);
        assertThat(time.apply(third)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}");
        m.packets().timeFormat().set(TimeFormat.DELTA);
        assertThat(time.apply(rows.get(0))).isEqualTo("0.000000000");
    }

    @Test
    void packetsAreExportedAsPcapngThatReadsBackTheSame() throws Exception {
        MainViewModel m = opened();
        FlowRow flow = m.flows().shown().get(0);
        m.flows().selected(List.of(flow));
        List<PacketItem> shown = rows(m);
        Path out = tmp.resolve("flow.pcapng");
        assertThat(m.exportPackets(m.packets().displayedNumbers(), out)).isTrue();
        assertThat(m.notice().get()).isEqualTo("Exported " + shown.size() + " packets to " + out);
        try (Session back = Session.open(tmp.resolve("back"))) {
            back.ingest(List.of(out), IngestOptions.defaults(), IngestListener.NONE);
            List<PacketRow> again = new ArrayList<>();
            back.packets(1, -1, again::add);
            assertThat(again).extracting(PacketRow::info).containsExactlyElementsOf(
                    shown.stream().map(p -> p.row().info()).toList());
            assertThat(again).extracting(PacketRow::tsNs).containsExactlyElementsOf(
                    shown.stream().map(p -> p.row().tsNs()).toList());
        }
        Path some = tmp.resolve("some.pcapng");
        m.exportPackets(m.packets().numbersOfRows(List.of(2, 0)), some);
        assertThat(m.notice().get()).startsWith("Exported 2 packets");
    }

    @Test
    void tablesAreExportedAsCsvWithTheirColumns() throws Exception {
        MainViewModel m = opened();
        Path packets = tmp.resolve("packets.csv");
        m.exportPacketsCsv(packets);
        List<String> lines = Files.readAllLines(packets, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(223);
        assertThat(lines.get(0)).isEqualTo("No.,Time,Source,Destination,Protocol,Length,VNI,Info");
        assertThat(lines.get(1)).startsWith("1,0.000000000,");
        assertThat(m.notice().get()).isEqualTo("Exported 222 rows to " + packets);
        Path flows = tmp.resolve("flows.csv");
        m.flows().quickFilter().set("tcp");
        m.exportFlowsCsv(flows);
        List<String> flowLines = Files.readAllLines(flows, StandardCharsets.UTF_8);
        assertThat(flowLines.get(0)).startsWith("Protocol,VNI,Address A,Port A,Address B,Port B,Packets A→B");
        assertThat(flowLines).hasSize(m.flows().shown().size() + 1);
        assertThat(flowLines.subList(1, flowLines.size())).allSatisfy(l -> assertThat(l).startsWith("TCP,"));
    }

    @Test
    void aSessionIsSavedAsADirectoryOpenedAgainAndANewOneStartsEmpty() throws Exception {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("t"), true, PreferencesStore.inMemory(),
                PacketFilterService.UNAVAILABLE, () -> Files.createDirectories(tmp.resolve("new")));
        m.open(List.of(fixture()));
        Path saved = tmp.resolve("case-42");
        m.saveSessionAs(saved);
        assertThat(m.error().get()).isNull();
        assertThat(saved.resolve("session.mv.db")).exists();
        assertThat(m.sessionDir()).isEqualTo(saved);
        assertThat(m.title().get()).isEqualTo("case-42: mirror-mixed.pcap — Mirrorscope");
        assertThat(m.packets().table().get()).hasSize(222);
        m.newSession();
        assertThat(m.packets().table().get()).isEmpty();
        assertThat(m.flows().shown()).isEmpty();
        assertThat(m.title().get()).isEqualTo("Mirrorscope");
        m.openSession(saved);
        assertThat(m.packets().table().get()).hasSize(222);
        assertThat(rows(m).get(221).ready()).isTrue();
        assertThat(m.recent()).first().isEqualTo(saved.toAbsolutePath().toString());
        m.openSession(tmp.resolve("nothing-here"));
        assertThat(m.error().get()).contains("not a Mirrorscope session");
        m.saveSessionAs(saved);
        assertThat(m.error().get()).contains("cannot save a session inside itself");
        Files.createDirectories(tmp.resolve("full"));
        Files.writeString(tmp.resolve("full/x"), "x");
        m.saveSessionAs(tmp.resolve("full"));
        assertThat(m.error().get()).contains("not empty");
        m.close(1000);
    }

    @Test
    void preferencesAreWrittenAndReadBack() throws Exception {
        Path file = tmp.resolve("config/preferences.json");
        PreferencesStore prefs = new PreferencesStore(file, Runnable::run);
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"), false, prefs,
                PacketFilterService.UNAVAILABLE, () -> tmp.resolve("u"));
        m.theme().set(Theme.DARK);
        m.packets().timeFormat().set(TimeFormat.DELTA);
        m.open(List.of(fixture()));
        m.columnWidth("packets.info", 420);
        m.windowSize(1000, 700);
        PreferencesStore again = new PreferencesStore(file, Runnable::run);
        assertThat(again.get().theme).isEqualTo("dark");
        assertThat(again.get().timeFormat).isEqualTo("DELTA");
        assertThat(again.get().recent).containsExactly(fixture().toAbsolutePath().toString());
        assertThat(again.get().columnWidths).containsEntry("packets.info", 420.0);
        assertThat(again.get().windowWidth).isEqualTo(1000);
        MainViewModel n = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s2"), false, again,
                PacketFilterService.UNAVAILABLE, () -> tmp.resolve("u"));
        assertThat(n.theme().get()).isEqualTo(Theme.DARK);
        assertThat(n.packets().timeFormat().get()).isEqualTo(TimeFormat.DELTA);
        Files.writeString(file, "{ not json");
        assertThat(new PreferencesStore(file, Runnable::run).get().theme).isEqualTo("light");
    }
}
