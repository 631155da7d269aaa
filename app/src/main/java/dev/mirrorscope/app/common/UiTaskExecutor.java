package dev.mirrorscope.app.common;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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

    public <T> void submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        background.execute(() -> {
            try {
                T result = work.run();
                ui.accept(() -> onSuccess.accept(result));
            } catch (Throwable t) {
                ui.accept(() -> onFailure.accept(t));
            }
        });
    }

    /** Delivers a value to the UI thread. */
    public void onUi(Runnable r) {
        ui.accept(r);
    }
}
