package dev.mirrorscope.engine.capture;

import static dev.mirrorscope.engine.capture.CaptureBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.TestCaptures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture writers, read back two ways: by our readers, and by tshark. The files in
 * {@code fixtures/writer/} are what {@link #writeFeatureFiles} writes (scripts/regenerate-fixtures.sh
 * runs {@link #main} and records tshark's reading beside each); the tests check that the writers still
 * produce exactly those bytes and that tshark read what the packet list below says was written.
 */
class CaptureWriterTest {
    private static final String NG = "writer-features.pcapng";
    private static final String USEC = "writer-features-usec.pcap";
    private static final String NSEC = "writer-features-nsec.pcap";
    private static final int RAW_SNAP = 24;
    private static final int USEC_SNAP = 40;
    /** Wiretap's encapsulation numbers as tshark prints frame.encap_type. */
    private static final int WTAP_ETHERNET = 1;
    private static final int WTAP_RAW_IP = 7;

    @TempDir
    Path tmp;

    /** One packet handed to a writer: interface (pcapng), time, bytes, original length, comment. */
    record Written(int iface, long tsNs, byte[] data, int origLen, String comment) {
    }

    private static final String[] NG_NAMES = {"mirror-target", "tun0"};
    private static final int[] NG_LINK = {LinkTypes.ETHERNET, LinkTypes.RAW};
    private static final int[] NG_SNAP = {CaptureLimits.MAX_CAPTURED_LENGTH, RAW_SNAP};

    /** pcapng: two interfaces (Ethernet; raw IP with a 24-byte snap length), comments, padding, a 2107 time. */
    static final List<Written> NG_PACKETS = List.of(
            new Written(0, 1_700_000_000_123_456_789L, frame(1), 60, "first packet"),
            new Written(1, 1_700_000_000_500_000_001L, rawIp(2), 28, null),
            new Written(0, 1_700_000_001_000_000_000L, padded(frame(3), 1), 43, "größe ✓ (UTF-8)"),
            new Written(1, 1_700_000_002_999_999_999L, rawIp(4), 1500, null),
            new Written(0, 4_323_283_200_000_000_001L, padded(frame(5), 3), 45, null));

    /** Classic pcap: nanosecond times to be cut to microseconds, frames cut to a 40-byte snap length. */
    static final List<Written> USEC_PACKETS = List.of(
            new Written(0, 1_700_000_000_000_000_999L, frame(6), 60, null),
            new Written(0, 1_700_000_000_123_456_789L, padded(frame(7), 10), 52, null),
            new Written(0, 4_294_967_295_999_999_999L, frame(8), 42, null));

    static final List<Written> NSEC_PACKETS = List.of(
            new Written(0, 1_700_000_000_000_000_001L, rawIp(9), 28, null),
            new Written(0, 1_700_000_000_000_000_002L, rawIp(10), 9000, null));

    static void writeFeatureFiles(Path dir) throws IOException {
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(dir.resolve(NG)), "Mirrorscope writer test")) {
            for (int i = 0; i < NG_NAMES.length; i++) {
                w.addInterface(NG_LINK[i], NG_NAMES[i], NG_SNAP[i]);
            }
            for (Written p : NG_PACKETS) {
                w.write(p.iface(), p.tsNs(), p.data(), 0, p.data().length, p.origLen(), p.comment());
            }
        }
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(dir.resolve(USEC)), LinkTypes.ETHERNET, USEC_SNAP,
                false)) {
            writeAll(w, USEC_PACKETS);
        }
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(dir.resolve(NSEC)), LinkTypes.RAW, true)) {
            writeAll(w, NSEC_PACKETS);
        }
    }

    private static void writeAll(CaptureWriter w, List<Written> packets) throws IOException {
        for (Written p : packets) {
            w.write(p.tsNs(), p.data(), 0, p.data().length, p.origLen());
        }
    }

    /** Writes the feature files into the directory given: run by scripts/regenerate-fixtures.sh. */
    public static void main(String[] args) throws IOException {
        writeFeatureFiles(Path.of(args[0]));
    }

    @Test
    void committedFilesAreWhatTheWritersWriteNow() throws IOException {
        writeFeatureFiles(tmp);
        for (String name : List.of(NG, USEC, NSEC)) {
            assertThat(Files.readAllBytes(tmp.resolve(name))).as("%s: regenerate with scripts/regenerate-fixtures.sh",
                    name).isEqualTo(Files.readAllBytes(committed(name)));
        }
    }

    @Test
    void tsharkReadsWhatWasWritten() throws IOException {
        assertThat(tsharkRows(NG)).containsExactlyElementsOf(tsharkView(NG_PACKETS, NG_SNAP, NG_LINK, NG_NAMES,
                false));
        assertThat(tsharkRows(USEC)).containsExactlyElementsOf(tsharkView(USEC_PACKETS, new int[] {USEC_SNAP},
                new int[] {LinkTypes.ETHERNET}, null, true));
        assertThat(tsharkRows(NSEC)).containsExactlyElementsOf(tsharkView(NSEC_PACKETS,
                new int[] {CaptureLimits.MAX_CAPTURED_LENGTH}, new int[] {LinkTypes.RAW}, null, false));
    }

    /** The rows tshark should print for packets written with these per-interface settings (names: pcapng only). */
    private static List<String> tsharkView(List<Written> packets, int[] snap, int[] link, String[] names,
                                           boolean micros) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            Written p = packets.get(i);
            int iface = p.iface();
            long ts = micros ? p.tsNs() / 1000 * 1000 : p.tsNs();
            rows.add(String.join("\t", String.valueOf(i + 1), time(ts), String.valueOf(p.origLen()),
                    String.valueOf(Math.min(p.data().length, snap[iface])), names == null ? "" : String.valueOf(iface),
                    names == null ? "" : names[iface],
                    String.valueOf(link[iface] == LinkTypes.ETHERNET ? WTAP_ETHERNET : WTAP_RAW_IP),
                    p.comment() == null ? "" : p.comment()));
        }
        return rows;
    }

    /** The generated fixtures (written by these writers): every record's time and lengths as tshark read them. */
    @TestFactory
    Stream<DynamicTest> generatedFixturesReadAsTsharkReadThem() throws IOException {
        Path fixtures = TestCaptures.fixture("mirror-mixed.pcap").getParent().getParent();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixtures.resolve("captures"))) {
            for (Path capture : files.sorted().toList()) {
                Path tsv = fixtures.resolve("expected").resolve(capture.getFileName() + ".tsv");
                tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
                    List<String> header = List.of(lines.get(0).split("\t", -1));
                    List<CaptureReaderCorpusTest.Expected> want = new ArrayList<>();
                    for (String line : lines.subList(1, lines.size())) {
                        String[] c = line.split("\t", -1);
                        want.add(new CaptureReaderCorpusTest.Expected(c[header.indexOf("frame.time_epoch")],
                                Long.parseLong(c[header.indexOf("frame.len")]),
                                Long.parseLong(c[header.indexOf("frame.cap_len")])));
                    }
                    assertThat(CaptureReaderCorpusTest.read(capture)).isEqualTo(want);
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    @Test
    void ourReadersReadBackWhatWasWritten() throws IOException {
        writeFeatureFiles(tmp);
        assertThat(readBack(tmp.resolve(NG))).containsExactlyElementsOf(expectedReading(NG_PACKETS, NG_SNAP, NG_LINK,
                false));
        assertThat(readBack(tmp.resolve(USEC))).containsExactlyElementsOf(expectedReading(USEC_PACKETS,
                new int[] {USEC_SNAP}, new int[] {LinkTypes.ETHERNET}, true));
        assertThat(readBack(tmp.resolve(NSEC))).containsExactlyElementsOf(expectedReading(NSEC_PACKETS,
                new int[] {CaptureLimits.MAX_CAPTURED_LENGTH}, new int[] {LinkTypes.RAW}, false));
    }

    @Test
    void gzipStreamsRoundTrip() throws IOException {
        Path gz = tmp.resolve("t.pcapng.gz");
        try (PcapngWriter w = new PcapngWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz)), "t")) {
            w.addInterface(LinkTypes.ETHERNET, "eth0");
            writeAll(w, USEC_PACKETS);
        }
        try (CaptureReader r = CaptureReaders.open(gz)) {
            assertThat(r.gzip()).isTrue();
            assertThat(r.format()).isEqualTo("pcapng");
        }
        assertThat(readBack(gz)).containsExactlyElementsOf(expectedReading(USEC_PACKETS,
                new int[] {CaptureLimits.MAX_CAPTURED_LENGTH}, new int[] {LinkTypes.ETHERNET}, false));
    }

    @Test
    void outputIsBufferedRatherThanWrittenPacketByPacket() throws IOException {
        CountingStream sink = new CountingStream();
        byte[] f = frame(1);
        try (PcapngWriter w = new PcapngWriter(sink, "t")) {
            w.addInterface(LinkTypes.ETHERNET, "eth0");
            for (int i = 0; i < 10_000; i++) {
                w.write(1_700_000_000_000_000_000L + i, f, 0, f.length, f.length);
            }
        }
        assertThat(sink.bytes).isEqualTo(40 /* SHB */ + 40 /* IDB */ + 10_000L * (32 + 42 + 2 /* padding */));
        assertThat(sink.calls).isLessThan(20);
    }

    @Test
    void impossiblePacketsAndSettingsAreRejected() throws IOException {
        OutputStream nowhere = OutputStream.nullOutputStream();
        byte[] f = frame(1);
        PcapWriter pcap = new PcapWriter(nowhere, LinkTypes.ETHERNET, true);
        assertThatThrownBy(() -> pcap.write(0, f, 0, f.length, f.length - 1)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("original length");
        assertThatThrownBy(() -> pcap.write(-1, f, 0, f.length, f.length)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("2106");
        assertThatThrownBy(() -> pcap.write(4_294_967_296_000_000_000L, f, 0, f.length, f.length)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("2106");
        assertThatThrownBy(() -> new PcapWriter(nowhere, LinkTypes.ETHERNET, 0, true)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("snap length");
        PcapngWriter ng = new PcapngWriter(nowhere, "t");
        assertThatThrownBy(() -> ng.write(0, f, 0, f.length, f.length)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interface 0 was not added");
        assertThat(ng.addInterface(LinkTypes.ETHERNET, "eth0")).isZero();
        assertThat(ng.addInterface(LinkTypes.RAW, "tun0")).isEqualTo(1);
        assertThatThrownBy(() -> ng.write(2, 0, f, 0, f.length, f.length, null)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("interface 2 was not added");
        assertThatThrownBy(() -> ng.write(-5, f, 0, f.length, f.length)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before 1970");
        assertThatThrownBy(() -> ng.addInterface(LinkTypes.ETHERNET, "big", CaptureLimits.MAX_CAPTURED_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snap length");
    }

    /** What a reader should return for packets written with the given snap lengths and link types per interface. */
    private static List<String> expectedReading(List<Written> packets, int[] snap, int[] link, boolean micros) {
        List<String> out = new ArrayList<>();
        for (Written p : packets) {
            long ts = micros ? p.tsNs() / 1000 * 1000 : p.tsNs();
            int cap = Math.min(p.data().length, snap[p.iface()]);
            out.add(describe(ts, cap, p.origLen(), link[p.iface()], p.iface(), Arrays.copyOf(p.data(), cap)));
        }
        return out;
    }

    private static List<String> readBack(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        PacketBatch batch = new PacketBatch(3, PacketBatch.DEFAULT_DATA_BYTES);
        try (CaptureReader r = CaptureReaders.open(file)) {
            while (true) {
                batch.clear();
                if (!r.next(batch)) {
                    break;
                }
                for (int i = 0; i < batch.count; i++) {
                    byte[] data = Arrays.copyOfRange(batch.data, batch.offset[i], batch.offset[i] + batch.capLen[i]);
                    out.add(describe(batch.tsNs[i], batch.capLen[i], batch.origLen[i], batch.linkType[i],
                            batch.iface[i], data));
                }
            }
            assertThat(r.stopReason()).as("%s stop reason", file.getFileName()).isNull();
        }
        return out;
    }

    private static String describe(long ts, int cap, int orig, int link, int iface, byte[] data) {
        return "ts=" + ts + " cap=" + cap + " orig=" + orig + " link=" + link + " iface=" + iface + " data="
                + java.util.HexFormat.of().formatHex(data);
    }

    private static String time(long tsNs) {
        return new BigDecimal(tsNs).movePointLeft(9).setScale(9).toPlainString();
    }

    private static List<String> tsharkRows(String name) throws IOException {
        List<String> lines = Files.readAllLines(committed(name + ".tsv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("frame.number\tframe.time_epoch\tframe.len\tframe.cap_len\t"
                + "frame.interface_id\tframe.interface_name\tframe.encap_type\tframe.comment");
        return lines.subList(1, lines.size());
    }

    private static Path committed(String name) {
        return TestCaptures.resource("/fixtures/writer/" + name);
    }

    private static byte[] rawIp(int tag) {
        return Arrays.copyOfRange(frame(tag), 14, 42);
    }

    /** The frame with {@code extra} zero bytes before its last (tag) byte: lengths that need pcapng padding. */
    private static byte[] padded(byte[] frame, int extra) {
        byte[] out = Arrays.copyOf(frame, frame.length + extra);
        out[out.length - 1] = frame[frame.length - 1];
        out[frame.length - 1] = 0;
        return out;
    }

    private static final class CountingStream extends OutputStream {
        long bytes;
        int calls;

        @Override
        public void write(int b) {
            bytes++;
            calls++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            calls++;
        }
    }
}
