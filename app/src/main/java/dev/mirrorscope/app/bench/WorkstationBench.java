package dev.mirrorscope.app.bench;

import dev.mirrorscope.app.MainViewModel;
import dev.mirrorscope.app.MainWindow;
import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.filterbar.PacketFilterService;
import dev.mirrorscope.app.packets.PacketItem;
import dev.mirrorscope.app.preferences.PreferencesStore;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.capture.PcapWriter;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.sample.MirrorTrafficGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

/**
 * The workstation's targets, measured in the real window (run it under Xvfb on a machine without a
 * display): first rows visible after opening a large capture while it is still being read, jumping to
 * random rows of a large session, and the longest stall of the FX thread, seen as the longest gap between
 * pulses of an {@link AnimationTimer} while captures are read and while the packet table scrolls.
 * Usage: {@code mirrorscope gui-bench [--packets N] [--large N] [--runs N] [--dir DIR]}.
 */
public final class WorkstationBench {
    private static final long TIMEOUT_S = 600;
    /** -Dmirrorscope.bench.trace=true prints each frame that took the FX thread more than 30 ms of CPU. */
    private static final boolean TRACE = Boolean.getBoolean("mirrorscope.bench.trace");

    private long packets = 1_000_000;
    private long large = 10_000_000;
    private int runs = 3;
    private int jumps = 30;
    private Path dir = Path.of("target", "gui-bench");
    private boolean tshark = true;

    private final Pulse pulse = new Pulse();
    private Stage stage;

    public static void main(String[] args) throws Exception {
        WorkstationBench b = new WorkstationBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--packets" -> b.packets = Long.parseLong(args[++i]);
                case "--large" -> b.large = Long.parseLong(args[++i]);
                case "--runs" -> b.runs = Integer.parseInt(args[++i]);
                case "--jumps" -> b.jumps = Integer.parseInt(args[++i]);
                case "--dir" -> b.dir = Path.of(args[++i]);
                case "--no-tshark" -> b.tshark = false;
                case "--help", "-h" -> {
                    System.out.println("Usage: mirrorscope gui-bench [--packets N (1000000)] [--large N (10000000, 0 skips)]"
                            + " [--runs N (3)] [--jumps N (30)] [--dir DIR (target/gui-bench)] [--no-tshark]");
                    return;
                }
                default -> {
                    System.err.println("gui-bench: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        int code = 0;
        try {
            b.run();
        } catch (Exception e) {
            System.err.println("gui-bench: " + e);
            e.printStackTrace();
            code = 1;
        }
        Platform.exit();
        System.exit(code);
    }

    private void run() throws Exception {
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, JavaFX %s, prism %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("javafx.runtime.version"),
                System.getProperty("prism.order", "default"));
        Path capture = capture(packets);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        fx(() -> {
            stage = new Stage();
            pulse.start();
            return null;
        });
        System.out.printf(Locale.ROOT, "%n## first rows while reading %s (%,d packets)%n", capture.getFileName(), packets);
        System.out.println("Pulse figures: longest gap between two pulses of the FX thread (and the most, and the mean,"
                + " CPU time the FX thread spent between two pulses).");
        System.out.println("run | first rows visible | still reading then | reading took | pulses while reading"
                + " | dragging the scroll bar | wheel scrolling");
        for (int r = 1; r <= runs; r++) {
            firstRows(r, capture);
        }
        peer(3, "tshark printing the first 40 rows of the same capture", capture, "-c", "40");
        if (large > 0) {
            jumps(capture(large));
        }
    }

    /** Opens the capture in a fresh window and session; times the first visible rows, then scrolls. */
    private void firstRows(int run, Path capture) throws Exception {
        Path session = dir.resolve("session-first-rows");
        deleteTree(session);
        MainViewModel model = window(session);
        settleWindow();
        long t0 = System.nanoTime();
        fx(() -> {
            pulse.reset();
            model.open(List.of(capture));
            return null;
        });
        long[] firstAt = {0};
        long[] sessionAt = {0};
        long[] packetsAt = {0};
        boolean[] readingThen = {false};
        waitOnFx(() -> {
            long now = System.nanoTime();
            if (sessionAt[0] == 0 && model.session().get() != null) {
                sessionAt[0] = now;
            }
            if (packetsAt[0] == 0 && model.packets().total().get() > 0) {
                packetsAt[0] = now;
            }
            if (firstAt[0] == 0 && rowShown(1)) {
                firstAt[0] = System.nanoTime();
                readingThen[0] = model.busy().get();
            }
            return firstAt[0] != 0;
        });
        waitOnFx(() -> !model.busy().get());
        long readDone = System.nanoTime();
        double readingGap = pulse.maxGapMs();
        double readingCpu = pulse.maxCpuMs();
        double readingMean = pulse.meanCpuMs();
        String scrolling = scroll(model);
        System.out.printf(Locale.ROOT, "%d | %.0f ms (session open %.0f ms, first packets written %.0f ms) | %s | %.2f s"
                        + " | %.1f ms (%.1f ms, mean %.1f ms) | %s%n",
                run, (firstAt[0] - t0) / 1e6, (sessionAt[0] - t0) / 1e6, (packetsAt[0] - t0) / 1e6,
                readingThen[0] ? "yes" : "no", (readDone - t0) / 1e9, readingGap, readingCpu, readingMean, scrolling);
        close(model);
    }

    /**
     * Scrolls for 4 s each way, one step a pulse: dragging the scroll bar (the rows on screen all change,
     * 37 rows down a pulse) and the mouse wheel (three rows a pulse). Returns the pulse figures of each.
     */
    private String scroll(MainViewModel model) throws Exception {
        ScrollBar bar = fx(() -> (ScrollBar) stage.getScene().lookup("#packet-rows"));
        fx(() -> {
            pulse.reset();
            return null;
        });
        long dragEnd = System.nanoTime() + 4_000_000_000L;
        waitOnFx(() -> {
            bar.setValue((bar.getValue() + 37) % Math.max(1, bar.getMax()));
            return System.nanoTime() > dragEnd;
        });
        String drag = String.format(Locale.ROOT, "%.1f ms (%.1f ms, mean %.1f ms)", pulse.maxGapMs(), pulse.maxCpuMs(),
                pulse.meanCpuMs());
        VirtualFlow<?> flow = fx(() -> (VirtualFlow<?>) table().lookup(".virtual-flow"));
        fx(() -> {
            bar.setValue(0);
            pulse.reset();
            return null;
        });
        long wheelEnd = System.nanoTime() + 4_000_000_000L;
        waitOnFx(() -> {
            flow.scrollPixels(3 * 22);
            return System.nanoTime() > wheelEnd;
        });
        String wheel = String.format(Locale.ROOT, "%.1f ms (%.1f ms, mean %.1f ms)", pulse.maxGapMs(), pulse.maxCpuMs(),
                pulse.meanCpuMs());
        return drag + " | " + wheel;
    }

    /** Reads a large capture into a session (once, kept in --dir), then jumps to random rows of it. */
    private void jumps(Path capture) throws Exception {
        Path session = dir.resolve("session-large-" + large);
        if (!Files.exists(session.resolve("session.mv.db"))) {
            long t = System.nanoTime();
            try (Session s = Session.open(session)) {
                s.ingest(List.of(capture), IngestOptions.defaults(), IngestListener.NONE);
            }
            System.out.printf(Locale.ROOT, "%ningested %s in %.1f s%n", capture.getFileName(), (System.nanoTime() - t) / 1e9);
        }
        MainViewModel model = window(session);
        settleWindow();
        fx(() -> model.open(List.of()));
        waitOnFx(() -> model.loaded().get() && model.packets().settled());
        long total = fx(() -> model.packets().total().get());
        System.out.printf(Locale.ROOT, "%n## jump to a random row of a %,d-packet session (%d jumps)%n", total, jumps);
        SplittableRandom random = new SplittableRandom(42);
        List<Double> times = new ArrayList<>();
        fx(() -> {
            pulse.reset();
            return null;
        });
        for (int j = 0; j < jumps; j++) {
            long no = 1 + random.nextLong(total);
            long t0 = System.nanoTime();
            fx(() -> {
                model.packets().goTo(no);
                return null;
            });
            long[] at = {0};
            waitOnFx(() -> {
                if (at[0] == 0 && rowShown(no)) {
                    at[0] = System.nanoTime();
                }
                return at[0] != 0;
            });
            times.add((at[0] - t0) / 1e6);
        }
        double gap = pulse.maxGapMs();
        double cpu = pulse.maxCpuMs();
        close(model);
        times.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "jump to row visible: median %.0f ms, 90th percentile %.0f ms, max %.0f ms;"
                        + " max FX pulse gap %.1f ms (FX CPU %.1f ms)%n", times.get(times.size() / 2),
                times.get((int) Math.min(times.size() - 1, Math.round(times.size() * 0.9))), times.get(times.size() - 1),
                gap, cpu);
        long middle = total / 2;
        // -c stops reading after that many packets, so tshark reads up to the packet and shows only it.
        peer(1, "tshark reading up to packet " + middle + " of the same capture and printing it", capture,
                "-c", Long.toString(middle), "-Y", "frame.number == " + middle);
    }

    /** The peer: tshark's wall time for the same question on the same file, best of {@code runs}, when it is installed. */
    private void peer(int runs, String what, Path capture, String... args) throws Exception {
        if (!tshark) {
            return;
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.toString()));
            cmd.addAll(List.of(args));
            long t = System.nanoTime();
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                System.out.println("peer: tshark is not installed; skipped");
                return;
            }
            if (p.waitFor() != 0) {
                System.out.println("peer: tshark failed on " + capture + "; skipped");
                return;
            }
            times.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf(Locale.ROOT, "peer: %s: %s ms (best %.0f ms)%n", what,
                times.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList(),
                times.stream().mapToDouble(Double::doubleValue).min().orElse(0));
    }

    private MainViewModel window(Path session) throws Exception {
        return fx(() -> {
            MainViewModel model = new MainViewModel(new UiTaskExecutor(Platform::runLater), session, false,
                    PreferencesStore.inMemory(), PacketFilterService.UNAVAILABLE,
                    () -> Files.createTempDirectory(dir, "new"));
            MainWindow window = new MainWindow(model, stage, false);
            stage.setScene(new Scene(window.root(), 1400, 860));
            window.applyTheme();
            stage.show();
            return model;
        });
    }

    /** Lets a new window's first CSS and layout passes happen before anything is measured. */
    private void settleWindow() throws Exception {
        long until = System.nanoTime() + 700_000_000L;
        waitOnFx(() -> System.nanoTime() > until);
    }

    private void close(MainViewModel model) throws Exception {
        fx(() -> {
            model.close(10_000);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private TableView<PacketItem> table() {
        return (TableView<PacketItem>) stage.getScene().lookup("#packet-table");
    }

    /** On the FX thread: a row showing packet {@code no} is laid out on screen with its packet read. */
    private boolean rowShown(long no) {
        TableView<PacketItem> t = table();
        if (t == null) {
            return false;
        }
        for (Node n : t.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && row.isVisible() && !row.isEmpty()
                    && row.getItem() instanceof PacketItem p && p.no() == no && p.ready() && p.row() != null) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code test} on the FX thread once a pulse until it returns true. */
    private void waitOnFx(BooleanSupplier test) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx(() -> {
            pulse.each(() -> {
                if (!done.isDone() && test.getAsBoolean()) {
                    done.complete(null);
                }
                return done.isDone();
            });
            return null;
        });
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** A generated VXLAN capture of {@code n} packets, made once and kept in --dir. */
    private Path capture(long n) throws IOException {
        Path file = dir.resolve("vxlan-" + n + ".pcap");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            Path tmp = dir.resolve(file.getFileName() + ".part");
            try (OutputStream os = Files.newOutputStream(tmp); PcapWriter w = new PcapWriter(os, 1, false)) {
                new MirrorTrafficGenerator(w, 1).bulk(n);
            }
            Files.move(tmp, file);
            System.out.printf(Locale.ROOT, "generated %s (%,d bytes) in %.1f s%n", file, Files.size(file),
                    (System.nanoTime() - t) / 1e9);
        }
        // Read once so that every run starts from the page cache.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            while (in.read(buf) > 0) {
                // only warming the cache
            }
        }
        return file;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * An animation timer that runs on every pulse of the FX thread: it notes the longest gap between
     * two pulses (a stall of the FX thread shows as a long gap) and runs checks the bench waits on.
     */
    private static final class Pulse extends AnimationTimer {
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private long last;
        private long lastCpu;
        private long maxGap;
        private long maxCpu;
        private long frames;
        private long cpuTotal;
        private final List<BooleanSupplier> checks = new ArrayList<>();

        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            if (last != 0) {
                maxGap = Math.max(maxGap, t - last);
                maxCpu = Math.max(maxCpu, cpu - lastCpu);
                frames++;
                cpuTotal += cpu - lastCpu;
                if (TRACE && cpu - lastCpu > 30_000_000L) {
                    System.err.printf(Locale.ROOT, "slow frame ending %s: %.1f ms wall, %.1f ms FX CPU%n",
                            java.time.LocalTime.now(), (t - last) / 1e6, (cpu - lastCpu) / 1e6);
                }
            }
            last = t;
            lastCpu = cpu;
            checks.removeIf(BooleanSupplier::getAsBoolean);
        }

        void reset() {
            last = 0;
            maxGap = 0;
            maxCpu = 0;
            frames = 0;
            cpuTotal = 0;
        }

        /** The most CPU time the FX thread spent between two pulses: its own work, whatever else runs. */
        double meanCpuMs() {
            return frames == 0 ? 0 : cpuTotal / 1e6 / frames;
        }

        double maxCpuMs() {
            return maxCpu / 1e6;
        }

        void each(BooleanSupplier check) {
            checks.add(check);
        }

        double maxGapMs() {
            return maxGap / 1e6;
        }
    }
}
