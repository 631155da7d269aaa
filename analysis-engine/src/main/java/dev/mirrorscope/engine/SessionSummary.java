package dev.mirrorscope.engine;

import java.util.List;

/**
 * Totals of a session, cheap to read (from the catalogue, not by scanning). {@code mirrorTruncated}
 * counts packets a mirror session cut short; they are not among the {@code malformed}.
 */
public record SessionSummary(long packets, long bytes, long flows, long malformed, List<CaptureInfo> captures,
                             long mirrorTruncated) {

    public SessionSummary(long packets, long bytes, long flows, long malformed, List<CaptureInfo> captures) {
        this(packets, bytes, flows, malformed, captures, 0);
    }

    /**
     * One ingested capture file. {@code stopReason} is null when it was read to its end; {@code state}
     * is complete, damaged (read in part) or cancelled. Index and data files are relative to the session.
     */
    public record CaptureInfo(long id, String path, String contentHash, String format, boolean gzip,
                              List<Integer> linkTypes, long packets, long bytes, long malformed, long firstNo,
                              long firstTsNs, long lastTsNs, String stopReason, String state, long fileSize,
                              String indexFile, String dataFile) {
        public boolean complete() {
            return "complete".equals(state);
        }
    }
}
