package dev.mirrorscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Session directory checks for the commands that read a session. */
final class Sessions {
    private Sessions() {
    }

    /** Reading commands must not create an empty session by a typo. */
    static void requireExisting(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("session.mv.db"))) {
            throw new IOException(dir + ": no session here (ingest something into it first)");
        }
    }
}
