package dev.mirrorscope.engine.query;

import java.io.IOException;
import java.util.List;

/**
 * Receives a query's results as they stream: the columns once, then each row. Values are
 * {@link Long} (or {@link java.math.BigInteger} beyond a long), {@link Double}, {@link String},
 * {@link Boolean}, {@link java.time.Instant} for timestamps, or null when absent.
 */
public interface ResultSink {
    void columns(List<OutputColumn> columns) throws IOException;

    /** Returns false to stop reading further rows. */
    boolean row(Object[] values) throws IOException;
}
