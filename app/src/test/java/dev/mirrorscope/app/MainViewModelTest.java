package dev.mirrorscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.packets.PacketItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's state, without the toolkit: work runs synchronously through a direct executor. */
class MainViewModelTest {
    @TempDir
    Path tmp;

    static Path fixture() throws Exception {
        return Path.of(MainViewModelTest.class.getResource("/mirror-mixed.pcap").toURI());
    }

    @Test
    void openingACaptureFillsPacketsFlowsAndStatus() throws Exception {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(fixture()));
        assertThat(m.loaded().get()).isTrue();
        assertThat(m.busy().get()).isFalse();
        assertThat(m.error().get()).isNull();
        assertThat(m.packets()).hasSize(222);
        assertThat(m.packets().get(0).relativeSeconds()).isZero();
        assertThat(m.packets()).extracting(PacketItem::protocol).contains("HTTP", "TLS", "DNS", "ICMP", "ICMPv6", "TCP");
        assertThat(m.flows()).isNotEmpty();
        assertThat(m.status().get()).contains("Packets: 222").contains("Flows: " + m.flows().size());
    }

    @Test
    void aFileThatIsNotACaptureBecomesOneLineErrorAndNothingIsLoaded() throws Exception {
        Path junk = Files.writeString(tmp.resolve("notes.txt"), "this is not a capture\n");
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(junk));
        assertThat(m.error().get()).contains("notes.txt").doesNotContain("\n").doesNotContain("Exception");
        assertThat(m.packets()).isEmpty();
        assertThat(m.loaded().get()).isTrue();
    }

    @Test
    void aTruncatedCaptureKeepsItsPacketsAndSaysWhereItStopped() throws Exception {
        byte[] all = Files.readAllBytes(fixture());
        Path cut = Files.write(tmp.resolve("cut.pcap"), java.util.Arrays.copyOf(all, all.length - 30));
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(cut));
        assertThat(m.packets()).hasSize(221);
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
        background.remove(0).run();
        assertThat(background).isEmpty();
        assertThat(m.busy().get()).isFalse();
        assertThat(m.packets()).hasSize(222);
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
    void theTitleNamesTheCapture() throws Exception {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        assertThat(m.title().get()).isEqualTo("Mirrorscope");
        m.open(List.of(fixture()));
        assertThat(m.title().get()).isEqualTo("mirror-mixed.pcap — Mirrorscope");
    }

    @Test
    void aBadFileInAnExistingSessionKeepsTheSessionShownAndReportsTheFile() throws Exception {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(fixture()));
        m.open(List.of(tmp.resolve("missing.pcap")));
        assertThat(m.error().get()).contains("missing.pcap");
        assertThat(m.packets()).hasSize(222);
    }

    @Test
    void rowColouringFollowsThePacket() throws Exception {
        MainViewModel m = new MainViewModel(UiTaskExecutor.direct(), tmp.resolve("s"));
        m.open(List.of(fixture()));
        assertThat(m.packets()).filteredOn(p -> p.row().tcpFlags() != null && (p.row().tcpFlags() & 4) != 0)
                .isNotEmpty().allSatisfy(p -> assertThat(p.styleClass()).isEqualTo("row-rst"));
        assertThat(m.packets()).filteredOn(p -> p.protocol().equals("DNS"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.styleClass()).isEqualTo("row-dns"));
    }
}
