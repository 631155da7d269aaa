package dev.mirrorscope.engine.capture;

import static dev.mirrorscope.engine.capture.CaptureBytes.frame;
import static dev.mirrorscope.engine.capture.CaptureBytes.option;
import static dev.mirrorscope.engine.capture.CaptureBytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.TestCaptures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReaderTest {
    /** Written by {@link #pcapngFeatures()}; tshark's reading of it is committed beside it. */
    static final String FEATURES = "/capture/pcapng-features.pcapng";

    @TempDir
    Path tmp;

    record Packet(long tsNs, int capLen, int origLen, int linkType, int iface, int tag) {
    }

    /**
     * Two sections (little- then big-endian) with interfaces of different link types and clocks
     * (µs default, 2^-10, ms with a 1000 s offset, ns), EPB, OPB and SPB blocks, and blocks of unknown
     * and statistics types in between that must be skipped.
     */
    static byte[] pcapngFeatures() {
        byte[] offset1000 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        return CaptureBytes.pcapng()
                .section(true, option(4, text("mirrorscope test builder")))
                .iface(LinkTypes.ETHERNET, 65535, option(2, text("eth0")))
                .iface(LinkTypes.RAW, 0, option(9, new byte[] {(byte) 0x8A}))
                .iface(LinkTypes.LINUX_SLL, 262144, option(9, new byte[] {3}), option(14, offset1000))
                .epb(0, 1_700_000_000_123_456L, frame(1), 60, option(1, text("first")))
                .block(0x0C0D, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .epb(1, (1_700_000_001L << 10) | 512, Arrays.copyOfRange(frame(2), 14, 42), 29)
                .block(5, new byte[20])
                .opb(2, 1_700_000_002_250L, sll(frame(3)), 60)
                .section(false)
                .iface(LinkTypes.ETHERNET, 9000, option(9, new byte[] {9}))
                .spb(frame(4), 42)
                .epb(0, 1_700_000_003_000_000_007L, frame(5), 43)
                .bytes();
    }

    private static byte[] sll(byte[] ethernet) {
        byte[] hdr = java.util.HexFormat.of().parseHex("00000001000602000000000200000800");
        byte[] out = Arrays.copyOf(hdr, hdr.length + ethernet.length - 14);
        System.arraycopy(ethernet, 14, out, hdr.length, ethernet.length - 14);
        return out;
    }

    @Test
    void pcapngSectionsInterfacesAndBlocks() throws IOException {
        Path f = write("features.pcapng", pcapngFeatures());
        List<Packet> p = read(f);
        assertThat(p).containsExactly(
                new Packet(1_700_000_000_123_456_000L, 42, 60, LinkTypes.ETHERNET, 0, 1),
                new Packet(1_700_000_001_500_000_000L, 28, 29, LinkTypes.RAW, 1, 2),
                new Packet(1_700_001_002_250_000_000L, 44, 60, LinkTypes.LINUX_SLL, 2, 3),
                new Packet(PacketBatch.NO_TIMESTAMP, 42, 42, LinkTypes.ETHERNET, 3, 4),
                new Packet(1_700_000_003_000_000_007L, 42, 43, LinkTypes.ETHERNET, 3, 5));
        try (CaptureReader r = CaptureReaders.open(f)) {
            drain(r);
            assertThat(r.format()).isEqualTo("pcapng");
            assertThat(r.linkTypes()).containsExactly(LinkTypes.ETHERNET, LinkTypes.RAW, LinkTypes.LINUX_SLL);
            assertThat(r.stopReason()).isNull();
        }
    }

    /** The same file as committed for tshark: the builder must not drift from the expectation. */
    @Test
    void committedFeaturesFileIsTheBuildersAndTsharkReadsItAsWeDo() throws IOException {
        Path committed = TestCaptures.resource(FEATURES);
        assertThat(Files.readAllBytes(committed)).as("regenerate with scripts/regenerate-capture-expectations.sh")
                .isEqualTo(pcapngFeatures());
        List<String> tsv = Files.readAllLines(committed.resolveSibling("pcapng-features.pcapng.tsv"),
                StandardCharsets.UTF_8);
        List<Packet> ours = read(committed);
        assertThat(tsv).hasSize(ours.size() + 1);
        for (int i = 0; i < ours.size(); i++) {
            String[] c = tsv.get(i + 1).split("\t", -1);
            Packet p = ours.get(i);
            String ts = p.tsNs() == PacketBatch.NO_TIMESTAMP ? ""
                    : new java.math.BigDecimal(p.tsNs()).movePointLeft(9).setScale(9).toPlainString();
            assertThat(List.of(c[1], c[2], c[3])).as("packet %d: time, len, cap_len", i + 1)
                    .containsExactly(ts, String.valueOf(p.origLen()), String.valueOf(p.capLen()));
        }
    }

    @Test
    void pcapBothByteOrdersAndResolutions() throws IOException {
        for (boolean le : new boolean[] {true, false}) {
            for (boolean nanos : new boolean[] {false, true}) {
                byte[] b = CaptureBytes.pcap(le, nanos, LinkTypes.ETHERNET)
                        .record(4_000_000_000L, 999_999, frame(7), 100).bytes();
                List<Packet> p = read(write("t.pcap", b));
                assertThat(p).singleElement().extracting(Packet::tsNs)
                        .isEqualTo(4_000_000_000_000_000_000L + (nanos ? 999_999 : 999_999_000));
                assertThat(p.get(0).origLen()).isEqualTo(100);
            }
        }
    }

    @Test
    void aRecordClaimingAnImpossibleLengthStopsThereAndKeepsWhatCameBefore() throws IOException {
        byte[] b = CaptureBytes.pcap(true, false, 1).record(1, 0, frame(1), 43).recordHeader(2, 0, 9_000_000, 9_000_000)
                .raw(frame(2)).bytes();
        Path f = write("big.pcap", b);
        assertThat(read(f)).hasSize(1);
        assertThat(stopReason(f)).contains("big.pcap").contains("record 2").contains("offset 82")
                .contains("9,000,000").contains("1 packet kept");
    }

    @Test
    void aTruncatedCaptureKeepsEveryCompletePacket() throws IOException {
        byte[] pcap = CaptureBytes.pcap(true, false, 1).record(1, 0, frame(1), 43).record(2, 0, frame(2), 43).bytes();
        for (int cut = 24 + 58 + 1; cut < pcap.length; cut++) {
            Path f = write("cut.pcap", Arrays.copyOf(pcap, cut));
            assertThat(read(f)).hasSize(1);
            assertThat(stopReason(f)).contains("record 2").contains("cut off").contains("1 packet kept");
        }
        byte[] ng = pcapngFeatures();
        for (int cut = ng.length - 60; cut < ng.length; cut += 3) {
            Path f = write("cut.pcapng", Arrays.copyOf(ng, cut));
            assertThat(read(f)).hasSize(4);
            assertThat(stopReason(f)).contains("cut off").contains("4 packets kept");
        }
    }

    @Test
    void aDamagedGzipStreamKeepsWhatDecompressed() throws IOException {
        Path gz = TestCaptures.gzipCopy(TestCaptures.corpus("afs.pcap"), tmp);
        byte[] all = Files.readAllBytes(gz);
        Path cut = write("afs-cut.pcap.gz", Arrays.copyOf(all, all.length / 2));
        List<Packet> p = read(cut);
        assertThat(p.size()).isBetween(100, 600);
        assertThat(stopReason(cut)).contains("afs-cut.pcap.gz").contains(p.size() + " packets kept");
    }

    @Test
    void pcapngBlockDamageStopsTheRead() throws IOException {
        byte[] ng = pcapngFeatures();
        byte[] badTrailer = ng.clone();
        badTrailer[ng.length - 1] ^= 0x01;
        Path f = write("trailer.pcapng", badTrailer);
        assertThat(read(f)).hasSize(4);
        assertThat(stopReason(f)).contains("trailing length");

        byte[] unknownIface = CaptureBytes.pcapng().section(true).iface(1, 0).epb(3, 0, frame(1), 43).bytes();
        f = write("iface.pcapng", unknownIface);
        assertThat(read(f)).isEmpty();
        assertThat(stopReason(f)).contains("interface 3").contains("0 packets kept");

        byte[] hugeBlock = CaptureBytes.pcapng().section(true).iface(1, 0).u32(6).u32(0x7FFF_FFF0).bytes();
        f = write("huge.pcapng", hugeBlock);
        assertThat(read(f)).isEmpty();
        assertThat(stopReason(f)).contains("impossible length");
    }

    @Test
    void filesThatAreNotCapturesFailAtOpenWithOneLine() throws IOException {
        Path junk = write("junk.bin", "hello, this is not a capture".getBytes(StandardCharsets.UTF_8));
        Path empty = write("empty.pcap", new byte[0]);
        Path tiny = write("tiny.pcap", new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        Path gzJunk = tmp.resolve("junk.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gzJunk))) {
            o.write("plain text inside gzip".getBytes(StandardCharsets.UTF_8));
        }
        Path badGz = write("bad.gz", new byte[] {0x1f, (byte) 0x8b, 0, 0, 0});
        for (Path p : List.of(junk, empty, tiny, gzJunk, badGz, tmp.resolve("missing.pcap"), tmp)) {
            assertThatThrownBy(() -> CaptureReaders.open(p).close()).as(p.toString())
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessageStartingWith(p.toString() + ":")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    /** Random damage to real captures: every outcome is packets plus at most a stop reason, never a hang or a crash. */
    @Test
    void mutatedCapturesNeverThrowPastOpen() throws IOException {
        Random random = new Random(20261125);
        List<byte[]> seeds = List.of(Files.readAllBytes(TestCaptures.corpus("dns_tcp.pcap")),
                Files.readAllBytes(TestCaptures.corpus("dhcp-option-108.pcapng")), pcapngFeatures());
        for (int round = 0; round < 1500; round++) {
            byte[] b = seeds.get(round % seeds.size()).clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                b = Arrays.copyOf(b, random.nextInt(b.length));
            }
            Path f = write("m" + (round % 3), b);
            try (CaptureReader r = CaptureReaders.open(f)) {
                long n = drain(r);
                assertThat(n).isEqualTo(r.packetsRead());
            } catch (CaptureFormatException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static String stopReason(Path f) throws IOException {
        try (CaptureReader r = CaptureReaders.open(f)) {
            drain(r);
            return r.stopReason();
        }
    }

    private static long drain(CaptureReader r) throws IOException {
        PacketBatch batch = new PacketBatch(3, PacketBatch.DEFAULT_DATA_BYTES);
        long n = 0;
        while (true) {
            batch.clear();
            if (!r.next(batch)) {
                return n;
            }
            n += batch.count;
        }
    }

    static List<Packet> read(Path f) throws IOException {
        List<Packet> out = new ArrayList<>();
        PacketBatch batch = new PacketBatch(2, PacketBatch.DEFAULT_DATA_BYTES);
        try (CaptureReader r = CaptureReaders.open(f)) {
            while (true) {
                batch.clear();
                if (!r.next(batch)) {
                    return out;
                }
                for (int i = 0; i < batch.count; i++) {
                    int last = batch.data[batch.offset[i] + batch.capLen[i] - 1];
                    out.add(new Packet(batch.tsNs[i], batch.capLen[i], batch.origLen[i], batch.linkType[i],
                            batch.iface[i], last));
                }
            }
        }
    }

    /** Writes the features file and its tshark expectation's input: run by the regeneration script. */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), pcapngFeatures());
    }
}
