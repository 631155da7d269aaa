package dev.mirrorscope.engine;

import java.util.List;

/** Totals of a session, cheap to read (from the catalogue, not by scanning). */
public record SessionSummary(long packets, long bytes, long flows, long malformed, List<CaptureInfo> captures) {

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
