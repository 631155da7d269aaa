package dev.mirrorscope.engine;

import dev.mirrorscope.engine.SessionSummary.CaptureInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * What readers of a session may see, replaced as a whole whenever the session changes: the finished
 * captures with their totals, and the capture being ingested, if any, with the number of its packets
 * already in the session's files. Readers never touch the session store, so they need not wait for an ingest.
 */
record Catalogue(List<CaptureInfo> captures, long packets, long bytes, long flows, long malformed,
                 long mirrorTruncated, Live live) {

    static final Catalogue EMPTY = new Catalogue(List.of(), 0, 0, 0, 0, 0, null);

    /** The capture an ingest is writing: its packet numbers start at {@code firstNo}. */
    static final class Live {
        final long captureId;
        final long firstNo;
        final String path;
        final Path indexFile;
        final Path bytesFile;
        /** Packets whose index records and bytes are on disk; set by the ingest's writer thread. */
        volatile long readable;

        Live(long captureId, long firstNo, String path, Path indexFile, Path bytesFile) {
            this.captureId = captureId;
            this.firstNo = firstNo;
            this.path = path;
            this.indexFile = indexFile;
            this.bytesFile = bytesFile;
        }
    }

    Catalogue withLive(Live l) {
        return new Catalogue(captures, packets, bytes, flows, malformed, mirrorTruncated, l);
    }

    /** Packets a reader may read now: the finished captures' and the live capture's written ones. */
    long readablePackets() {
        Live l = live;
        return packets + (l == null ? 0 : l.readable);
    }
}
