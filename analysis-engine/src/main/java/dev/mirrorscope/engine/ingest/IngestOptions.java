package dev.mirrorscope.engine.ingest;

import dev.mirrorscope.engine.decode.DecodeOptions;
import java.util.concurrent.atomic.AtomicBoolean;

/** How to ingest: worker threads, tunnel ports, and a cancellation flag a GUI can set at any time. */
public final class IngestOptions {
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private DecodeOptions decodeOptions = DecodeOptions.defaults();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public static IngestOptions defaults() {
        return new IngestOptions();
    }

    public int threads() {
        return threads;
    }

    public IngestOptions threads(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("threads must be between 1 and 256, not " + n);
        }
        this.threads = n;
        return this;
    }

    public DecodeOptions decodeOptions() {
        return decodeOptions;
    }

    public IngestOptions decodeOptions(DecodeOptions o) {
        this.decodeOptions = o;
        return this;
    }

    /** Asks a running ingest to stop; what was read so far stays in the session, marked incomplete. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
