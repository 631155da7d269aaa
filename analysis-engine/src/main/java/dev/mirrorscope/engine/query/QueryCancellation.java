package dev.mirrorscope.engine.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancel button for one query run: the engine registers what stops it (a statement cancel, a
 * StopQuery call), and {@link #cancel()} from any thread runs those.
 */
public final class QueryCancellation {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = new ArrayList<>(hooks);
        }
        for (Runnable r : run) {
            r.run();
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code hook} on cancel, at once when already cancelled. */
    public void onCancel(Runnable hook) {
        boolean now;
        synchronized (this) {
            now = cancelled;
            if (!now) {
                hooks.add(hook);
            }
        }
        if (now) {
            hook.run();
        }
    }

    /** Forgets a hook (the run it stops has finished). */
    public synchronized void remove(Runnable hook) {
        hooks.remove(hook);
    }
}
