package dev.mirrorscope.engine.ingest;

import java.util.List;

/** What the pipeline made of one capture file. */
public record CaptureOutcome(long packets, long bytes, long malformed, long flowFragments, long firstTsNs,
                             long lastTsNs, String stopReason, boolean cancelled, long indexRecords,
                             List<Integer> linkTypes) {
}
