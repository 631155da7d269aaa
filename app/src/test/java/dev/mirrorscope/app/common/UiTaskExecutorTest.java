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
}
