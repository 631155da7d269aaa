package dev.mirrorscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.capture.CaptureFormatException;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestProgress;
import dev.mirrorscope.engine.ingest.IngestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    Path tmp;

    private static List<PacketRow> packets(Session s) throws IOException {
        List<PacketRow> out = new ArrayList<>();
        s.packets(1, -1, out::add);
        return out;
    }

    private static List<FlowRow> flows(Session s) throws IOException {
        List<FlowRow> out = new ArrayList<>();
        s.flows(out::add);
        return out;
    }

    @Test
    void tcpLifecycleBecomesOneClosedFlow() throws IOException {
        try (Session s = Session.open(tmp.resolve("s"))) {
            IngestResult r = s.ingest(List.of(TestCaptures.corpus("dns_tcp.pcap")), IngestOptions.defaults(),
                    IngestListener.NONE);
            assertThat(r.packets()).isEqualTo(11);
            assertThat(r.flows()).isEqualTo(1);
            assertThat(r.warnings()).isEmpty();
            List<FlowRow> flows = flows(s);
            assertThat(flows).hasSize(1);
            FlowRow f = flows.get(0);
            assertThat(f.proto()).isEqualTo(6);
            assertThat(f.packetsAb() + f.packetsBa()).isEqualTo(11);
            assertThat(f.tcpState()).isEqualTo("closed");
            assertThat(f.rttUs()).isNotNull().isPositive();
            assertThat(f.bPort()).isEqualTo(53);
            List<PacketRow> p = packets(s);
            assertThat(p).extracting(PacketRow::no).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            assertThat(p.get(0).tcpFlags()).isEqualTo(0x02);
            assertThat(p.stream().mapToLong(PacketRow::frameLen).sum()).isEqualTo(f.bytesAb() + f.bytesBa());
            assertThat(f.firstTsNs()).isEqualTo(p.get(0).tsNs());
            assertThat(f.lastTsNs()).isEqualTo(p.get(10).tsNs());
        }
    }

    @Test
    void sameFileTwiceCountsOnceAndReopenKeepsEverything() throws IOException {
        Path dir = tmp.resolve("s");
        Path cap = TestCaptures.corpus("ssh.pcap");
        try (Session s = Session.open(dir)) {
            assertThat(s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE).packets()).isEqualTo(54);
            Path copy = Files.copy(cap, tmp.resolve("renamed.pcap"));
            IngestResult again = s.ingest(List.of(copy), IngestOptions.defaults(), IngestListener.NONE);
            assertThat(again.packets()).isZero();
            assertThat(again.warnings()).singleElement().asString().contains("already in this session");
            assertThat(s.summary().packets()).isEqualTo(54);
            assertThat(s.summary().captures()).hasSize(1);
        }
        try (Session s = Session.open(dir)) {
            SessionSummary sum = s.summary();
            assertThat(sum.packets()).isEqualTo(54);
            assertThat(sum.flows()).isEqualTo(flows(s).size());
            assertThat(sum.captures().get(0).contentHash()).hasSize(64);
            assertThat(sum.captures().get(0).complete()).isTrue();
            assertThat(packets(s)).hasSize(54);
        }
    }

    @Test
    void retransmissionInSshCaptureIsCounted() throws IOException {
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.corpus("ssh.pcap")), IngestOptions.defaults(), IngestListener.NONE);
            assertThat(flows(s).stream().mapToLong(FlowRow::retransmits).sum()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void truncatedCaptureKeepsCompletePacketsAndSaysWhere() throws IOException {
        Path cap = TestCaptures.corpus("dns_tcp.pcap");
        long size = Files.size(cap);
        Path cut = TestCaptures.truncatedCopy(cap, tmp, size - 10);
        List<String> warnings = new ArrayList<>();
        try (Session s = Session.open(tmp.resolve("s"))) {
            IngestResult r = s.ingest(List.of(cut), IngestOptions.defaults(), new IngestListener() {
                @Override
                public void warning(String message) {
                    warnings.add(message);
                }
            });
            assertThat(r.packets()).isEqualTo(10);
            assertThat(r.damagedFiles()).isEqualTo(1);
            assertThat(warnings).singleElement().asString().contains("record 11").contains("10 packets kept");
            assertThat(packets(s)).hasSize(10);
            assertThat(s.summary().captures().get(0).state()).isEqualTo("damaged");
        }
    }

    @Test
    void notACaptureFailsBeforeAnythingIsStored() throws IOException {
        Path junk = tmp.resolve("junk.bin");
        Files.write(junk, new byte[] {0x3f, 0x2a, 0x11, 0x09, 1, 2, 3, 4, 5, 6, 7, 8});
        try (Session s = Session.open(tmp.resolve("s"))) {
            assertThatThrownBy(() -> s.ingest(List.of(TestCaptures.corpus("ssh.pcap"), junk), IngestOptions.defaults(),
                    IngestListener.NONE)).isInstanceOf(CaptureFormatException.class).hasMessageContaining("junk.bin");
            assertThat(s.summary().packets()).isZero();
        }
    }

    @Test
    void gzipCaptureGivesTheSamePackets() throws IOException {
        Path cap = TestCaptures.corpus("afs.pcap");
        Path gz = TestCaptures.gzipCopy(cap, tmp);
        List<PacketRow> plain;
        List<PacketRow> zipped;
        try (Session s = Session.open(tmp.resolve("plain"))) {
            s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
            plain = packets(s);
        }
        try (Session s = Session.open(tmp.resolve("gz"))) {
            s.ingest(List.of(gz), IngestOptions.defaults(), IngestListener.NONE);
            zipped = packets(s);
            assertThat(s.summary().captures().get(0).gzip()).isTrue();
        }
        assertThat(plain).hasSize(601);
        assertThat(zipped).isEqualTo(plain);
    }

    @Test
    void oneThreadAndManyThreadsGiveIdenticalResults() throws IOException {
        Path cap = TestCaptures.fixture("mirror-mixed.pcap");
        List<PacketRow> p1;
        List<FlowRow> f1;
        try (Session s = Session.open(tmp.resolve("one"))) {
            s.ingest(List.of(cap), IngestOptions.defaults().threads(1), IngestListener.NONE);
            p1 = packets(s);
            f1 = flows(s);
        }
        try (Session s = Session.open(tmp.resolve("four"))) {
            s.ingest(List.of(cap), IngestOptions.defaults().threads(4), IngestListener.NONE);
            assertThat(packets(s)).isEqualTo(p1);
            assertThat(flows(s)).isEqualTo(f1);
        }
        assertThat(f1.size()).isGreaterThan(5);
    }

    @Test
    void severalCapturesAreNumberedOnAfterAnother() throws IOException {
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.corpus("dns_tcp.pcap"), TestCaptures.corpus("tcp-handshake-nano.pcap")),
                    IngestOptions.defaults(), IngestListener.NONE);
            List<PacketRow> p = packets(s);
            assertThat(p).hasSize(14);
            assertThat(p.get(11).no()).isEqualTo(12);
            assertThat(p.get(11).tsNs() % 1000).isNotZero();
            List<PacketRow> tail = new ArrayList<>();
            s.packets(10, 3, tail::add);
            assertThat(tail).extracting(PacketRow::no).containsExactly(10L, 11L, 12L);
            assertThat(s.summary().captures()).extracting(c -> c.firstNo()).containsExactly(1L, 12L);
        }
    }

    @Test
    void cancelledIngestIsMarkedAndIngestingAgainReplacesIt() throws IOException {
        Path cap = TestCaptures.corpus("afs.pcap");
        try (Session s = Session.open(tmp.resolve("s"))) {
            IngestOptions o = IngestOptions.defaults();
            o.cancel();
            IngestResult r = s.ingest(List.of(cap), o, IngestListener.NONE);
            assertThat(r.cancelled()).isTrue();
            assertThat(s.summary().captures()).singleElement().extracting(c -> c.state()).isEqualTo("cancelled");
            IngestResult again = s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
            assertThat(again.packets()).isEqualTo(601);
            assertThat(s.summary().captures()).singleElement().extracting(c -> c.state()).isEqualTo("complete");
            assertThat(s.summary().packets()).isEqualTo(601);
        }
    }

    @Test
    void progressReachesTheWholeFile() throws IOException {
        List<IngestProgress> seen = new ArrayList<>();
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.corpus("afs.pcap")), IngestOptions.defaults(), new IngestListener() {
                @Override
                public void progress(IngestProgress p) {
                    seen.add(p);
                }
            });
        }
        assertThat(seen).isNotEmpty();
        IngestProgress last = seen.get(seen.size() - 1);
        assertThat(last.packets()).isEqualTo(601);
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void capturesMovedAwayAfterIngestAreReportedNotMisread() throws IOException {
        Path cap = Files.copy(TestCaptures.corpus("dns_tcp.pcap"), tmp.resolve("moving.pcap"));
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
            Files.delete(cap);
            assertThatThrownBy(() -> packets(s)).isInstanceOf(IOException.class).hasMessageContaining("moving.pcap");
        }
    }
}
