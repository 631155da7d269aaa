package dev.mirrorscope.engine;

import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Mirrorscope session: a directory holding the H2 session store and the packet index files. The
 * one entry point through which the command line and the workstation use the engine.
 */
public final class Session implements AutoCloseable {

    /** Opens the session in {@code dir}, creating it when missing. */
    public static Session open(Path dir) throws IOException {
        throw new IOException("not built yet");
    }

    public Path directory() {
        return null;
    }

    /**
     * Ingests capture files into this session, in order. A file whose content was ingested before is
     * skipped with a warning. A damaged file keeps what was read and adds a warning; a file that is not
     * a capture at all throws {@link dev.mirrorscope.engine.capture.CaptureFormatException} before
     * anything of it is stored. Blocks until done; run it off the UI thread.
     */
    public IngestResult ingest(List<Path> files, IngestOptions options, IngestListener listener) throws IOException {
        throw new IOException("not built yet");
    }

    public SessionSummary summary() throws IOException {
        throw new IOException("not built yet");
    }

    /**
     * Visits packets in session order starting at packet number {@code firstNo} (1-based), at most
     * {@code limit} of them (negative for all). Packets are decoded again from their capture files.
     */
    public void packets(long firstNo, long limit, Consumer<PacketRow> sink) throws IOException {
        throw new IOException("not built yet");
    }

    /** Visits every flow, ordered by the number of its first packet. */
    public void flows(Consumer<FlowRow> sink) throws IOException {
        throw new IOException("not built yet");
    }

    @Override
    public void close() throws IOException {
    }
}
