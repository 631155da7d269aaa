package dev.mirrorscope.engine.ingest;

import java.util.List;

/** What the pipeline made of one capture file; mirrorTruncated packets are not among the malformed. */
public record CaptureOutcome(long packets, long bytes, long malformed, long mirrorTruncated, long flowFragments,
                             long firstTsNs, long lastTsNs, String stopReason, boolean cancelled, long indexRecords,
                             List<Integer> linkTypes) {
}
