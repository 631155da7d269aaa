package dev.mirrorscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestResult;
import dev.mirrorscope.engine.store.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content hash taken while a capture is read is the SHA-256 of the whole file, whatever the reader did. */
class ContentHashTest {
    @TempDir
    Path tmp;

    private String ingestedHash(Path file) throws IOException {
        try (Session s = Session.open(tmp.resolve("s-" + file.getFileName()))) {
            s.ingest(List.of(file), IngestOptions.defaults(), IngestListener.NONE);
            return s.summary().captures().get(0).contentHash();
        }
    }

    @Test
    void hashCoversTheWholeFilePlainGzipAndDamaged() throws IOException {
        Path plain = TestCaptures.corpus("dns_tcp.pcap");
        Path gz = TestCaptures.gzipCopy(plain, tmp);
        Path cut = TestCaptures.truncatedCopy(plain, tmp, Files.size(plain) - 10);
        Path ng = TestCaptures.fixture("mirror-mixed.pcapng");
        for (Path f : List.of(plain, gz, cut, ng)) {
            assertThat(ingestedHash(f)).as(f.toString()).isEqualTo(ContentHash.sha256(f));
        }
    }

    @Test
    void bytesAfterTheGzipDataAreHashedToo() throws IOException {
        Path gz = TestCaptures.gzipCopy(TestCaptures.corpus("dns_tcp.pcap"), tmp);
        Path trailing = tmp.resolve("trailing.pcap.gz");
        byte[] tail = new byte[100_000];
        java.util.Arrays.fill(tail, (byte) 0x5a);
        Files.write(trailing, concat(Files.readAllBytes(gz), tail));
        assertThat(ingestedHash(trailing)).isEqualTo(ContentHash.sha256(trailing));
    }

    @Test
    void aCancelledIngestKeepsNoHashAndIsReplacedByTheNextIngestOfTheFile() throws IOException {
        Path cap = TestCaptures.corpus("afs.pcap");
        try (Session s = Session.open(tmp.resolve("s"))) {
            IngestOptions cancelled = IngestOptions.defaults();
            cancelled.cancel();
            s.ingest(List.of(cap), cancelled, IngestListener.NONE);
            assertThat(s.summary().captures()).singleElement().extracting(c -> c.contentHash()).isNull();
            s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
            assertThat(s.summary().captures()).singleElement().extracting(c -> c.contentHash())
                    .isEqualTo(ContentHash.sha256(cap));
        }
    }

    @Test
    void quickKeyPicksCandidatesOnly() throws IOException {
        Path a = TestCaptures.corpus("dns_tcp.pcap");
        byte[] bytes = Files.readAllBytes(a);
        assertThat(ContentHash.quickKey(a)).startsWith(bytes.length + ":").isEqualTo(ContentHash.quickKey(a));
        Path b = tmp.resolve("b.pcap");
        bytes[bytes.length - 1] ^= 1;
        Files.write(b, bytes);
        assertThat(ContentHash.quickKey(b)).isNotEqualTo(ContentHash.quickKey(a));
    }

    @Test
    void sameContentUnderAnotherQuickKeyIsStillCountedOnce() throws Exception {
        Path dir = tmp.resolve("s");
        Path cap = TestCaptures.corpus("ssh.pcap");
        try (Session s = Session.open(dir)) {
            s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
        }
        // As a session from a version whose quick keys were made differently.
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + dir.toAbsolutePath().resolve("session"), p);
             Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE captures SET quick_key = 'older-format'")).isEqualTo(1);
        }
        try (Session s = Session.open(dir)) {
            IngestResult again = s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
            assertThat(again.packets()).isZero();
            assertThat(again.warnings()).singleElement().asString().contains("already in this session");
            assertThat(s.summary().packets()).isEqualTo(54);
            assertThat(s.summary().captures()).hasSize(1);
            assertThat(Files.list(dir.resolve("index")).toList()).hasSize(2);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
