package dev.mirrorscope.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class UiTaskExecutorTest {
    @Test
    void resultsAndFailuresReachTheUiThroughItsExecutor() {
        List<Runnable> ui = new ArrayList<>();
        UiTaskExecutor tasks = new UiTaskExecutor(Runnable::run, ui::add);
        List<Object> seen = new ArrayList<>();
        tasks.submit(() -> 42, seen::add, seen::add);
        tasks.submit(() -> {
            throw new IllegalStateException("broken");
        }, seen::add, t -> seen.add(t.getMessage()));
        assertThat(seen).isEmpty();
        ui.forEach(Runnable::run);
        assertThat(seen).containsExactly(42, "broken");
    }

    @Test
    void aBurstOfEventsReachesTheUiOnceAnInterval() {
        List<Runnable> ui = new ArrayList<>();
        UiTaskExecutor tasks = new UiTaskExecutor(Runnable::run, ui::add);
        List<Integer> seen = new ArrayList<>();
        Consumer<Integer> sink = tasks.throttled(seen::add);
        for (int i = 0; i < 100_000; i++) {
            sink.accept(i);
        }
        ui.forEach(Runnable::run);
        assertThat(seen).startsWith(0).hasSizeLessThan(20);
    }

    @Test
    void eventsFurtherApartThanTheIntervalAllArrive() throws Exception {
        UiTaskExecutor tasks = UiTaskExecutor.direct();
        List<Integer> seen = new ArrayList<>();
        Consumer<Integer> sink = tasks.throttled(1_000_000L, seen::add);
        for (int i = 0; i < 3; i++) {
            sink.accept(i);
            Thread.sleep(5);
        }
        assertThat(seen).containsExactly(0, 1, 2);
    }

    @Test
    void aCoalescedTriggerRunsOnceUntilTheUiHasRunIt() {
        List<Runnable> ui = new ArrayList<>();
        UiTaskExecutor tasks = new UiTaskExecutor(Runnable::run, ui::add);
        int[] runs = {0};
        Runnable refresh = tasks.coalesced(() -> runs[0]++);
        refresh.run();
        refresh.run();
        refresh.run();
        assertThat(ui).hasSize(1);
        ui.remove(0).run();
        refresh.run();
        assertThat(ui).hasSize(1);
        ui.remove(0).run();
        assertThat(runs[0]).isEqualTo(2);
    }

    @Test
    void aSerialExecutorRunsOneTaskAtATimeInOrderEvenWhenOneFails() throws Exception {
        List<Runnable> background = new ArrayList<>();
        UiTaskExecutor tasks = new UiTaskExecutor(background::add, Runnable::run);
        java.util.concurrent.Executor serial = tasks.serial();
        List<Integer> seen = new ArrayList<>();
        serial.execute(() -> seen.add(1));
        serial.execute(() -> {
            throw new IllegalStateException("one task fails");
        });
        serial.execute(() -> seen.add(3));
        assertThat(background).hasSize(1);
        Thread.UncaughtExceptionHandler was = Thread.currentThread().getUncaughtExceptionHandler();
        List<Throwable> failures = new ArrayList<>();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> failures.add(e));
        try {
            background.remove(0).run();
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(was);
        }
        assertThat(seen).containsExactly(1, 3);
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("one task fails");
        serial.execute(() -> seen.add(4));
        assertThat(background).hasSize(1);
        background.remove(0).run();
        assertThat(seen).containsExactly(1, 3, 4);
    }
}
