package dev.mirrorscope.engine.ingest;

import java.util.List;

/**
 * What one ingest call added to the session. Counts are of this call (a duplicate file adds nothing);
 * {@code damagedFiles} counts files read only in part; {@code warnings} holds the one-line messages
 * also sent to the listener. {@code mirrorTruncated} counts packets that a mirror session cut short,
 * which are not malformed and not in {@code malformed}.
 */
public record IngestResult(long packets, long bytes, long flows, long malformed, double seconds,
                           boolean cancelled, int damagedFiles, List<String> warnings, long mirrorTruncated) {

    public IngestResult(long packets, long bytes, long flows, long malformed, double seconds, boolean cancelled,
                        int damagedFiles, List<String> warnings) {
        this(packets, bytes, flows, malformed, seconds, cancelled, damagedFiles, warnings, 0);
    }
}
