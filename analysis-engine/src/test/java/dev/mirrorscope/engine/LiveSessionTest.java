package dev.mirrorscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.capture.PcapWriter;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.sample.MirrorTrafficGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a session while an ingest writes it, and the random-access packet reader. */
class LiveSessionTest {
    @TempDir
    Path tmp;

    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    /** A VXLAN bulk capture of several ingest batches, so the ingest announces packets more than once. */
    private Path bulk(String name, long packets, boolean gzip) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(os, 1, false)) {
            new MirrorTrafficGenerator(w, 7).bulk(packets);
        }
        return file;
    }

    private static List<PacketRow> all(Session s) throws IOException {
        List<PacketRow> out = new ArrayList<>();
        s.packets(1, -1, out::add);
        return out;
    }

    @Test
    void packetsWrittenByARunningIngestCanBeReadFromAnotherThreadWithoutWaiting() throws Exception {
        checkLiveReading(bulk("bulk.pcap", 20_000, false));
    }

    @Test
    void theSameHoldsForGzipCapturesWhoseBytesAreCopiedIntoTheSession() throws Exception {
        checkLiveReading(bulk("bulk.pcap.gz", 20_000, true));
    }

    private void checkLiveReading(Path capture) throws Exception {
        List<String> checks = new ArrayList<>();
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(capture), IngestOptions.defaults().threads(2), new IngestListener() {
                @Override
                public void packetsWritten(long n) {
                    if (!checks.isEmpty()) {
                        return;
                    }
                    // The writer thread waits here while the ingest holds the session: another thread reads.
                    Future<String> read = other.submit(() -> {
                        assertThat(s.packetCount()).isEqualTo(n);
                        assertThat(s.summary().packets()).isZero();
                        try (PacketReader r = s.packetReader()) {
                            PacketRow first = r.row(1);
                            PacketRow last = r.row(n);
                            assertThatThrownBy(() -> r.row(n + 1)).isInstanceOf(IndexOutOfBoundsException.class);
                            return first.no() + ":" + first.src() + ":" + last.no() + ":" + last.info();
                        }
                    });
                    try {
                        checks.add(n + "=" + read.get(10, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
            assertThat(checks).hasSize(1);
            long n = Long.parseLong(checks.get(0).substring(0, checks.get(0).indexOf('=')));
            assertThat(n).isPositive().isLessThan(20_000);
            List<PacketRow> rows = all(s);
            assertThat(rows).hasSize(20_000);
            assertThat(s.packetCount()).isEqualTo(20_000);
            PacketRow first = rows.get(0);
            PacketRow last = rows.get((int) n - 1);
            assertThat(checks.get(0)).isEqualTo(n + "=1:" + first.src() + ":" + n + ":" + last.info());
        }
    }

    @Test
    void theReaderGivesTheSameRowsAsTheSequentialScanInAnyOrderAcrossCaptures() throws Exception {
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.fixture("mirror-mixed.pcap"), TestCaptures.corpus("dns_tcp.pcap"),
                    TestCaptures.gzipCopy(TestCaptures.corpus("afs.pcap"), tmp)), IngestOptions.defaults(),
                    IngestListener.NONE);
            List<PacketRow> rows = all(s);
            assertThat(s.summary().captures()).hasSize(3);
            assertThat(rows).hasSize((int) s.summary().packets()).hasSizeGreaterThan(11 + 601);
            try (PacketReader r = s.packetReader()) {
                assertThat(r.count()).isEqualTo(rows.size());
                for (long no = rows.size(); no >= 1; no -= 7) {
                    assertThat(r.row(no)).isEqualTo(rows.get((int) no - 1));
                    assertThat(r.timestamp(no)).isEqualTo(rows.get((int) no - 1).tsNs());
                }
                long secondCapture = s.summary().captures().get(1).firstNo();
                assertThat(r.row(secondCapture)).isEqualTo(rows.get((int) secondCapture - 1));
                PacketReader.RawPacket raw = r.raw(300);
                assertThat(raw.capLen()).isEqualTo(rows.get(299).capLen());
                assertThat(raw.origLen()).isEqualTo(rows.get(299).frameLen());
                assertThatThrownBy(() -> r.row(0)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> r.row(rows.size() + 1)).isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
    }

    @Test
    void aReaderFollowsTheSessionAsCapturesAreAdded() throws Exception {
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.corpus("dns_tcp.pcap")), IngestOptions.defaults(), IngestListener.NONE);
            try (PacketReader r = s.packetReader()) {
                assertThat(r.row(11).no()).isEqualTo(11);
                assertThatThrownBy(() -> r.row(12)).isInstanceOf(IndexOutOfBoundsException.class);
                s.ingest(List.of(TestCaptures.corpus("tcp-handshake-nano.pcap")), IngestOptions.defaults(),
                        IngestListener.NONE);
                assertThat(r.row(12).tsNs() % 1000).isNotZero();
            }
        }
    }

    @Test
    void packetsOfFlowsAreTheOnesTheFlowCounts() throws Exception {
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.fixture("mirror-mixed.pcap")), IngestOptions.defaults(), IngestListener.NONE);
            List<FlowRow> flows = new ArrayList<>();
            s.flows(flows::add);
            List<PacketRow> rows = all(s);
            long total = 0;
            for (FlowRow f : flows) {
                long[] nos = s.packetNumbersOfFlows(List.of(f));
                assertThat(nos).hasSize((int) (f.packetsAb() + f.packetsBa())).isSorted();
                assertThat(nos[0]).isEqualTo(f.firstNo());
                for (long no : nos) {
                    PacketRow p = rows.get((int) no - 1);
                    assertThat(p.proto()).isEqualTo(f.proto());
                    assertThat(List.of(p.src(), p.dst())).containsExactlyInAnyOrder(f.a(), f.b());
                }
                total += nos.length;
            }
            long[] every = s.packetNumbersOfFlows(flows);
            assertThat(every).hasSize((int) total).isSorted().doesNotHaveDuplicates();
            assertThat(s.packetNumbersOfFlows(List.of())).isEmpty();
        }
    }

    @Test
    void aFlowSplitAcrossTwoCapturesGivesItsPacketsInBoth() throws Exception {
        Path cap = TestCaptures.corpus("dns_tcp.pcap");
        byte[] all = Files.readAllBytes(cap);
        try (Session s = Session.open(tmp.resolve("s"))) {
            // The same conversation again in a file with one stray byte at the end (so not a duplicate):
            // one flow whose fragments lie in two captures.
            Path again = Files.write(tmp.resolve("again.pcap"), java.util.Arrays.copyOf(all, all.length + 1));
            s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
            s.ingest(List.of(again), IngestOptions.defaults(), IngestListener.NONE);
            List<FlowRow> flows = new ArrayList<>();
            s.flows(flows::add);
            assertThat(flows).hasSize(1);
            assertThat(flows.get(0).packetsAb() + flows.get(0).packetsBa()).isEqualTo(22);
            long[] nos = s.packetNumbersOfFlows(flows);
            assertThat(nos).hasSize(22).startsWith(1, 2).endsWith(21, 22);
        }
    }

    @Test
    void exportWritesTheChosenPacketsAsPcapngThatReadsBackTheSame() throws Exception {
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.fixture("mirror-mixed.pcap")), IngestOptions.defaults(), IngestListener.NONE);
            List<PacketRow> rows = all(s);
            long[] chosen = {3, 4, 50, 120, rows.size()};
            Path out = tmp.resolve("chosen.pcapng");
            List<Long> progress = new ArrayList<>();
            assertThat(PacketExport.toPcapng(s, PacketNumbers.of(chosen), out, () -> false, progress::add))
                    .isEqualTo(5);
            assertThat(progress).endsWith(5L);
            try (Session back = Session.open(tmp.resolve("back"))) {
                back.ingest(List.of(out), IngestOptions.defaults(), IngestListener.NONE);
                List<PacketRow> again = all(back);
                assertThat(again).hasSize(5);
                for (int i = 0; i < chosen.length; i++) {
                    PacketRow was = rows.get((int) chosen[i] - 1);
                    PacketRow now = again.get(i);
                    assertThat(now.tsNs()).isEqualTo(was.tsNs());
                    assertThat(now.info()).isEqualTo(was.info());
                    assertThat(now.frameLen()).isEqualTo(was.frameLen());
                    assertThat(now.src()).isEqualTo(was.src());
                }
            }
            Path cancelled = tmp.resolve("cancelled.pcapng");
            assertThat(PacketExport.toPcapng(s, PacketNumbers.range(1, rows.size()), cancelled, () -> true, n -> { }))
                    .isEqualTo(-1);
            assertThat(cancelled).doesNotExist();
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
            }
        }
    }
}
