package dev.mirrorscope.app;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.packets.PacketItem;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.SessionSummary;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestProgress;
import dev.mirrorscope.engine.ingest.IngestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the main window: the session, its packets and flows, and the background work on them.
 * Touches no control; every engine call goes through the {@link UiTaskExecutor}.
 */
public final class MainViewModel {
    /** Rows the minimal packet table loads; the virtualized table of the workstation issue lifts this. */
    static final int PACKET_ROWS = 200_000;
    private static final long PROGRESS_EVERY_NS = 100_000_000L;

    private final UiTaskExecutor tasks;
    private final Path sessionDir;
    private final ObservableList<PacketItem> packets = FXCollections.observableArrayList();
    private final ObservableList<FlowRow> flows = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("No capture loaded. File › Open… or drop a capture.");
    private final StringProperty work = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty loaded = new SimpleBooleanProperty(false);
    private volatile IngestOptions running;

    public MainViewModel(UiTaskExecutor tasks, Path sessionDir) {
        this.tasks = tasks;
        this.sessionDir = sessionDir;
    }

    public ObservableList<PacketItem> packets() {
        return packets;
    }

    public ObservableList<FlowRow> flows() {
        return flows;
    }

    public StringProperty status() {
        return status;
    }

    public StringProperty work() {
        return work;
    }

    /** The last failure as one line for a dialog, or null. */
    public StringProperty error() {
        return error;
    }

    public DoubleProperty progress() {
        return progress;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** True once the first open (or reload) has finished, whether it succeeded or not. */
    public ReadOnlyBooleanProperty loaded() {
        return loaded;
    }

    /** Ingests the files (captures) into the session, or just loads when given nothing, then fills the tables. */
    public void open(List<Path> files) {
        IngestOptions options = IngestOptions.defaults();
        running = options;
        busy.set(true);
        loaded.set(false);
        error.set(null);
        work.set(files.isEmpty() ? "Loading session…" : "Reading " + names(files) + "…");
        progress.set(files.isEmpty() ? -1 : 0);
        AtomicLong lastProgress = new AtomicLong();
        tasks.submit(() -> {
            List<String> warnings = new ArrayList<>();
            try (Session s = Session.open(sessionDir)) {
                if (!files.isEmpty()) {
                    IngestResult r = s.ingest(files, options, new IngestListener() {
                        @Override
                        public void progress(IngestProgress p) {
                            long now = System.nanoTime();
                            if (now - lastProgress.get() >= PROGRESS_EVERY_NS) {
                                lastProgress.set(now);
                                tasks.onUi(() -> {
                                    progress.set(p.fraction());
                                    work.set(String.format(Locale.ROOT, "Reading %s: %,d packets", p.file(),
                                            p.packets()));
                                });
                            }
                        }

                        @Override
                        public void warning(String message) {
                            warnings.add(message);
                        }
                    });
                    if (r.cancelled()) {
                        warnings.add("Reading was cancelled; what was read is kept.");
                    }
                }
                return load(s, warnings);
            }
        }, this::show, this::failed);
    }

    public void cancel() {
        IngestOptions o = running;
        if (o != null) {
            o.cancel();
        }
    }

    private record Loaded(SessionSummary summary, List<PacketItem> packets, List<FlowRow> flows, List<String> warnings) {
    }

    private static Loaded load(Session s, List<String> warnings) throws IOException {
        SessionSummary summary = s.summary();
        List<PacketItem> rows = new ArrayList<>();
        long[] firstTs = {Long.MIN_VALUE};
        s.packets(1, PACKET_ROWS, (PacketRow p) -> {
            if (firstTs[0] == Long.MIN_VALUE) {
                firstTs[0] = p.tsNs();
            }
            rows.add(new PacketItem(p, (p.tsNs() - firstTs[0]) / 1e9, PacketItem.protocolOf(p)));
        });
        List<FlowRow> flowRows = new ArrayList<>();
        s.flows(flowRows::add);
        return new Loaded(summary, rows, flowRows, warnings);
    }

    private void show(Loaded l) {
        packets.setAll(l.packets());
        flows.setAll(l.flows());
        SessionSummary s = l.summary();
        String shown = s.packets() > l.packets().size()
                ? String.format(Locale.ROOT, " (first %,d shown)", l.packets().size()) : "";
        status.set(String.format(Locale.ROOT, "Packets: %,d%s · Flows: %,d · Malformed: %,d · Captures: %d",
                s.packets(), shown, s.flows(), s.malformed(), s.captures().size()));
        work.set("");
        progress.set(0);
        busy.set(false);
        if (!l.warnings().isEmpty()) {
            error.set(String.join("\n", l.warnings()));
        }
        loaded.set(true);
    }

    private void failed(Throwable t) {
        busy.set(false);
        work.set("");
        progress.set(0);
        String msg = t.getMessage() != null ? t.getMessage() : t.toString();
        error.set(msg.lines().findFirst().orElse(msg));
        loaded.set(true);
    }

    private static String names(List<Path> files) {
        return files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
    }

    /** A session directory for captures opened without one: under the user's cache, one per run. */
    static Path defaultSessionDir() throws IOException {
        String base = System.getenv("XDG_CACHE_HOME");
        Path root = base != null && !base.isBlank() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = root.resolve("mirrorscope").resolve("sessions");
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, "session-");
    }
}
