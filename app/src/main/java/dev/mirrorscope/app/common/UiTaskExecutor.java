package dev.mirrorscope.app.common;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one way engine work leaves and results return to the UI: work runs on a background thread, its
 * result or failure is delivered through {@code ui} (Platform::runLater in the app, direct in tests),
 * so the FX thread never waits on disk, the database or the network.
 */
public final class UiTaskExecutor {
    /** Engine work that may fail. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    /** How often engine events may reach the UI: a status line or progress bar refreshed ten times a second. */
    public static final long UI_EVENT_INTERVAL_NS = 100_000_000L;

    private final Executor background;
    private final Consumer<Runnable> ui;

    /** Background work on daemon threads; results delivered through {@code ui}. */
    public UiTaskExecutor(Consumer<Runnable> ui) {
        this(daemonPool(), ui);
    }

    public UiTaskExecutor(Executor background, Consumer<Runnable> ui) {
        this.background = background;
        this.ui = ui;
    }

    /** An executor that runs work and callbacks on the calling thread: for view-model tests. */
    public static UiTaskExecutor direct() {
        return new UiTaskExecutor(Runnable::run, Runnable::run);
    }

    private static ExecutorService daemonPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ui-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code r} on the UI thread, later (or at once with a direct executor). */
    public void onUi(Runnable r) {
        ui.accept(r);
    }

    /**
     * A trigger callable from any thread that runs {@code onUi} on the UI thread once, however many
     * times it was pulled before it ran: many pages of a table arriving make one refresh.
     */
    public Runnable coalesced(Runnable onUi) {
        AtomicBoolean scheduled = new AtomicBoolean();
        return () -> {
            if (scheduled.compareAndSet(false, true)) {
                ui.accept(() -> {
                    scheduled.set(false);
                    onUi.run();
                });
            }
        };
    }

    /**
     * An executor that runs its tasks one at a time, in order, on the background threads: for work
     * that owns something not thread-safe, such as an open packet reader.
     */
    public Executor serial() {
        return new Executor() {
            private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
            private boolean running;

            @Override
            public void execute(Runnable task) {
                synchronized (queue) {
                    queue.add(task);
                    if (running) {
                        return;
                    }
                    running = true;
                }
                background.execute(this::drain);
            }

            private void drain() {
                while (true) {
                    Runnable next;
                    synchronized (queue) {
                        next = queue.poll();
                        if (next == null) {
                            running = false;
                            return;
                        }
                    }
                    try {
                        next.run();
                    } catch (RuntimeException | Error e) {
                        // A task's own failure must not stop the tasks queued behind it.
                        Thread t = Thread.currentThread();
                        t.getUncaughtExceptionHandler().uncaughtException(t, e);
                    }
                }
            }
        };
    }

    /** Runs {@code work} in the background; then {@code onSuccess} or {@code onFailure} on the UI thread. */
    public <T> void submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        submit(background, work, onSuccess, onFailure);
    }

    /** As {@link #submit(Work, Consumer, Consumer)}, with the work run by {@code where} (a {@link #serial()} one, say). */
    public <T> void submit(Executor where, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        where.execute(() -> {
            T result;
            try {
                result = work.run();
            } catch (Throwable t) {
                ui.accept(() -> onFailure.accept(t));
                return;
            }
            ui.accept(() -> onSuccess.accept(result));
        });
    }

    /**
     * A sink for engine events (progress) from any thread that hands at most one event per
     * {@link #UI_EVENT_INTERVAL_NS} to {@code onUi} on the UI thread and drops the rest. Delivery keeps
     * submission order, so the result of the work that produced the events always arrives after them.
     */
    public <T> Consumer<T> throttled(Consumer<T> onUi) {
        return throttled(UI_EVENT_INTERVAL_NS, onUi);
    }

    <T> Consumer<T> throttled(long intervalNs, Consumer<T> onUi) {
        AtomicLong last = new AtomicLong(System.nanoTime() - intervalNs);
        return event -> {
            long now = System.nanoTime();
            long prev = last.get();
            if (now - prev >= intervalNs && last.compareAndSet(prev, now)) {
                ui.accept(() -> onUi.accept(event));
            }
        };
    }
}
