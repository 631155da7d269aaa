package dev.mirrorscope.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The session of a window opened without {@code --session}: a fresh directory under the user's cache
 * ({@code $XDG_CACHE_HOME} or {@code ~/.cache}, then {@code mirrorscope/sessions}), removed when the JVM exits,
 * however it exits short of being killed outright: a session of a large capture takes gigabytes.
 */
record TemporarySession(Path dir) {

    static TemporarySession create() throws IOException {
        String base = System.getenv("XDG_CACHE_HOME");
        Path cache = base != null && !base.isBlank() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".cache");
        Path parent = Files.createDirectories(cache.resolve("mirrorscope").resolve("sessions"));
        TemporarySession session = new TemporarySession(Files.createTempDirectory(parent, "session-"));
        Runtime.getRuntime().addShutdownHook(new Thread(session::delete, "remove-temporary-session"));
        return session;
    }

    /** Removes the directory and everything in it; best effort, since it runs while the application exits. */
    void delete() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("mirrorscope: could not remove the temporary session " + dir + ": " + e.getMessage());
        }
    }
}
