package dev.mirrorscope.engine.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Releases batches that arrive in any order to the next stage in sequence order. */
final class Reorder {
    private final Map<Long, IngestBatch> waiting = new HashMap<>();
    private final Consumer<IngestBatch> next;
    private long expected;

    Reorder(Consumer<IngestBatch> next) {
        this.next = next;
    }

    synchronized void offer(IngestBatch b) {
        waiting.put(b.sequence, b);
        IngestBatch x;
        while ((x = waiting.remove(expected)) != null) {
            next.accept(x);
            expected++;
        }
    }
}
