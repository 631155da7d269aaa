package dev.mirrorscope.engine;

import java.util.List;

/** Totals of a session, cheap to read (from the catalogue, not by scanning). */
public record SessionSummary(long packets, long bytes, long flows, long malformed, List<CaptureInfo> captures) {

    /** One ingested capture file. {@code stopReason} is null when it was read to its end. */
    public record CaptureInfo(long id, String path, String contentHash, String format, boolean gzip,
                              List<Integer> linkTypes, long packets, long bytes, long firstNo,
                              long firstTsNs, long lastTsNs, String stopReason, boolean complete) {
    }
}
