package dev.mirrorscope.engine.ingest;

/**
 * A snapshot of a running ingest. {@code fraction} is of the current file's bytes (0..1);
 * {@code fileIndex} counts from 0 over the files of this ingest.
 */
public record IngestProgress(String file, int fileIndex, int fileCount, long packets, long bytes, double fraction) {
}
