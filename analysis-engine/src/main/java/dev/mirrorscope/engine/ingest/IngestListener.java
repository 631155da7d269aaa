package dev.mirrorscope.engine.ingest;

/**
 * Receives progress and warnings from an ingest, on the ingest's threads: a GUI must hand them over
 * to its own thread (and may drop all but the latest progress).
 */
public interface IngestListener {
    IngestListener NONE = new IngestListener() {
    };

    /** Called a few times a second at most. */
    default void progress(IngestProgress progress) {
    }

    /** One-line messages for a person: a damaged file that was read only in part, a skipped duplicate. */
    default void warning(String message) {
    }

    /**
     * The first {@code packets} packets of the capture being read are in the session's files: readers
     * that look at the session while the ingest runs may show them. Called a few times a second at most.
     */
    default void packetsWritten(long packets) {
    }
}
