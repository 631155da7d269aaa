package dev.mirrorscope.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Test captures from the resources: the tcpdump/libpcap corpus and the generated fixtures. */
public final class TestCaptures {
    private TestCaptures() {
    }

    public static Path corpus(String name) {
        return resource("/corpus/captures/" + name);
    }

    public static Path fixture(String name) {
        return resource("/fixtures/captures/" + name);
    }

    public static Path resource(String name) {
        try {
            var url = TestCaptures.class.getResource(name);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path gzipCopy(Path src, Path dir) throws IOException {
        Path out = dir.resolve(src.getFileName() + ".gz");
        try (InputStream in = Files.newInputStream(src); OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
            in.transferTo(o);
        }
        return out;
    }

    /** The first {@code keep} bytes of a capture: a file cut off mid-record. */
    public static Path truncatedCopy(Path src, Path dir, long keep) throws IOException {
        Path out = dir.resolve("truncated-" + src.getFileName());
        byte[] all = Files.readAllBytes(src);
        Files.write(out, java.util.Arrays.copyOf(all, (int) Math.min(keep, all.length)));
        return out;
    }
}
