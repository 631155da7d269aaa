package dev.mirrorscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.cli.MainTest.Run;
import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.capture.PacketBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;

    private static Run run(String... args) {
        return MainTest.run(args);
    }

    /** Format, gzip and packet count as our reader sees the file. */
    private static String reading(Path file) throws IOException {
        PacketBatch batch = new PacketBatch();
        long n = 0;
        try (CaptureReader r = CaptureReaders.open(file)) {
            while (true) {
                batch.clear();
                if (!r.next(batch)) {
                    break;
                }
                n += batch.count;
            }
            return r.format() + (r.gzip() ? "+gzip" : "") + " " + n;
        }
    }

    @Test
    void theNameChoosesTheFormatAndGzip() throws IOException {
        for (String name : new String[] {"a.pcap", "a.pcapng", "a.pcap.gz", "a.pcapng.gz"}) {
            Path out = tmp.resolve(name);
            Run r = run("generate", "--out", out.toString(), "--kind", "bulk", "--packets", "1500", "--seed", "3");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).isEqualTo(out + ": 1500 packets written");
            String format = name.contains("pcapng") ? "pcapng" : "pcap";
            assertThat(reading(out)).isEqualTo(format + (name.endsWith(".gz") ? "+gzip" : "") + " 1500");
        }
    }

    @Test
    void formatOptionNamesTheFormatWhenTheNameDoesNot() throws IOException {
        Path out = tmp.resolve("capture.bin");
        Run r = run("generate", "--out", out.toString(), "--kind", "gwlb", "--rounds", "1", "--format", "pcapng");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(reading(out)).startsWith("pcapng ");
    }

    @Test
    void sameSeedSameFile() throws IOException {
        Path a = tmp.resolve("a.pcapng");
        Path b = tmp.resolve("b.pcapng");
        assertThat(run("generate", "--out", a.toString(), "--rounds", "2", "--seed", "42").code()).isZero();
        assertThat(run("generate", "--out", b.toString(), "--rounds", "2", "--seed", "42").code()).isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void packetsForTheSampleWritesWholeRoundsUpToAtLeastThatMany() throws IOException {
        Path out = tmp.resolve("s.pcap");
        Run r = run("generate", "--out", out.toString(), "--packets", "400");
        assertThat(r.code()).as(r.err()).isZero();
        long n = Long.parseLong(reading(out).split(" ")[1]);
        assertThat(n).isGreaterThanOrEqualTo(400).isLessThan(800);
    }

    @Test
    void usageMistakesExitWithTwoAndOneLine() {
        String out = tmp.resolve("x.pcap").toString();
        String[][] mistakes = {
            {"generate", "--out", out, "--kind", "huge"},
            {"generate", "--out", out, "--kind", "bulk", "--rounds", "3"},
            {"generate", "--out", out, "--packets", "10", "--rounds", "3"},
            {"generate", "--out", out, "--packets", "0"},
            {"generate", "--out", out, "--format", "pcapng"},
            {"generate", "--out", out, "--format", "erf"},
            {"generate", "--out", tmp.resolve("x.cap").toString()},
            {"generate"},
        };
        for (String[] args : mistakes) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).as(String.join(" ", args)).isNotBlank();
        }
        assertThat(Files.exists(tmp.resolve("x.pcap"))).isFalse();
    }

    @Test
    void anUnwritablePlaceExitsWithOneAndSaysWhy() throws IOException {
        Path blocker = tmp.resolve("not-a-directory");
        Files.writeString(blocker, "a file");
        Path out = blocker.resolve("x.pcapng");
        Run r = run("generate", "--out", out.toString(), "--rounds", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("mirrorscope: " + out + ": cannot write the capture: ")
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(Files.readString(blocker)).isEqualTo("a file");
    }
}
