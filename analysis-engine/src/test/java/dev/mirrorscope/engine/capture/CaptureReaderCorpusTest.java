package dev.mirrorscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.TestCaptures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every corpus capture, plain and gzip-compressed, and compares each record's timestamp,
 * original and captured length with what tshark printed for the same file (corpus/expected). Files
 * tshark rejects (an empty expectation) must be rejected with a one-line message.
 */
class CaptureReaderCorpusTest {
    @TempDir
    Path tmp;

    record Expected(String ts, long len, long capLen) {
    }

    @TestFactory
    Stream<DynamicTest> everyRecordMatchesTshark() throws IOException {
        Path captures = TestCaptures.corpus("ssh.pcap").getParent();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(captures)) {
            for (Path capture : files.sorted().toList()) {
                Path tsv = captures.getParent().resolve("expected").resolve(capture.getFileName() + ".tsv");
                tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
                    if (lines.isEmpty()) {
                        assertRejected(capture);
                        assertRejected(TestCaptures.gzipCopy(capture, tmp));
                        return;
                    }
                    List<Expected> expected = expected(lines);
                    assertThat(read(capture)).as("plain").isEqualTo(expected);
                    assertThat(read(TestCaptures.gzipCopy(capture, tmp))).as("gzip").isEqualTo(expected);
                }));
            }
        }
        assertThat(tests).hasSize(50);
        return tests.stream();
    }

    private static void assertRejected(Path capture) {
        assertThatThrownBy(() -> CaptureReaders.open(capture).close()).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining(capture.getFileName().toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static List<Expected> expected(List<String> lines) {
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int ts = header.indexOf("frame.time_epoch");
        int len = header.indexOf("frame.len");
        int cap = header.indexOf("frame.cap_len");
        List<Expected> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            out.add(new Expected(c[ts], Long.parseLong(c[len]), Long.parseLong(c[cap])));
        }
        return out;
    }

    static List<Expected> read(Path capture) throws IOException {
        List<Expected> out = new ArrayList<>();
        PacketBatch batch = new PacketBatch(7, PacketBatch.DEFAULT_DATA_BYTES);
        try (CaptureReader reader = CaptureReaders.open(capture)) {
            while (true) {
                batch.clear();
                if (!reader.next(batch)) {
                    break;
                }
                for (int i = 0; i < batch.count; i++) {
                    String ts = new BigDecimal(batch.tsNs[i]).movePointLeft(9).setScale(9).toPlainString();
                    out.add(new Expected(ts, batch.origLen[i], batch.capLen[i]));
                }
            }
            assertThat(reader.stopReason()).as("stop reason").isNull();
            assertThat(reader.packetsRead()).isEqualTo(out.size());
            assertThat(reader.bytesConsumed()).isEqualTo(reader.fileSize());
        }
        return out;
    }
}
