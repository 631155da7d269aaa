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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
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
    static final String APP_NAME = "Mirrorscope";

    private final UiTaskExecutor tasks;
    private final Path sessionDir;
    private final ObservableList<PacketItem> packets = FXCollections.observableArrayList();
    private final ObservableList<FlowRow> flows = FXCollections.observableArrayList();
    private final StringProperty title = new SimpleStringProperty(APP_NAME);
    private final StringProperty status = new SimpleStringProperty("No capture loaded. File › Open… or drop a capture here.");
    private final StringProperty work = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty warning = new SimpleStringProperty();
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

    /** The window title: the open captures and the application name. */
    public ReadOnlyStringProperty title() {
        return title;
    }

    /** Totals of the session for the status bar. */
    public ReadOnlyStringProperty status() {
        return status;
    }

    /** What the background work is doing, or empty. */
    public ReadOnlyStringProperty work() {
        return work;
    }

    /** Why the last open failed, as one line for an error dialog, or null. */
    public ReadOnlyStringProperty error() {
        return error;
    }

    /** What the last open could read only in part (damaged captures), one line each, or null. */
    public ReadOnlyStringProperty warning() {
        return warning;
    }

    /** Fraction of the current file read, 0..1, or -1 while the amount of work is unknown. */
    public DoubleProperty progress() {
        return progress;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** True once the last open has finished, whether it succeeded or not. */
    public ReadOnlyBooleanProperty loaded() {
        return loaded;
    }

    public Path sessionDir() {
        return sessionDir;
    }

    /**
     * Reads the captures into the session (or only loads the session when given none), then fills the
     * tables. Returns false, doing nothing, while earlier work is still running: one session, one writer.
     */
    public boolean open(List<Path> files) {
        if (busy.get()) {
            return false;
        }
        IngestOptions options = IngestOptions.defaults();
        running = options;
        busy.set(true);
        loaded.set(false);
        error.set(null);
        warning.set(null);
        if (packets.isEmpty()) {
            status.set("");
        }
        work.set(files.isEmpty() ? "Loading session…" : "Reading " + names(files) + "…");
        progress.set(files.isEmpty() ? -1 : 0);
        Consumer<IngestProgress> onProgress = tasks.throttled(this::showProgress);
        tasks.submit(() -> {
            try (Session s = Session.open(sessionDir)) {
                List<String> warnings = Collections.synchronizedList(new ArrayList<>());
                String failure = null;
                boolean cancelled = false;
                if (!files.isEmpty()) {
                    try {
                        IngestResult r = s.ingest(files, options, new IngestListener() {
                            @Override
                            public void progress(IngestProgress p) {
                                onProgress.accept(p);
                            }

                            @Override
                            public void warning(String message) {
                                warnings.add(message);
                            }
                        });
                        cancelled = r.cancelled();
                        // The person pressed Cancel: the status bar says so, a dialog would only repeat it.
                        if (cancelled && !warnings.isEmpty() && warnings.get(warnings.size() - 1).contains("cancelled")) {
                            warnings.remove(warnings.size() - 1);
                        }
                    } catch (IOException e) {
                        failure = oneLine(e);
                    }
                }
                return load(s, List.copyOf(warnings), failure, cancelled);
            }
        }, this::show, this::failed);
        return true;
    }

    /** Asks the running ingest to stop; what was read so far is kept and shown. */
    public void cancel() {
        IngestOptions o = running;
        if (o != null && busy.get()) {
            work.set("Cancelling…");
            o.cancel();
        }
    }

    private void showProgress(IngestProgress p) {
        if (!busy.get()) {
            return;
        }
        progress.set(p.fraction());
        String file = p.fileCount() > 1 ? String.format(Locale.ROOT, "%s (%d of %d)", p.file(), p.fileIndex() + 1,
                p.fileCount()) : p.file();
        work.set(String.format(Locale.ROOT, "Reading %s: %,d packets", file, p.packets()));
    }

    private record Loaded(SessionSummary summary, List<PacketItem> packets, List<FlowRow> flows, List<String> warnings,
                          String failure, boolean cancelled) {
    }

    private static Loaded load(Session s, List<String> warnings, String failure, boolean cancelled) throws IOException {
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
        return new Loaded(summary, rows, flowRows, warnings, failure, cancelled);
    }

    private void show(Loaded l) {
        packets.setAll(l.packets());
        flows.setAll(l.flows());
        SessionSummary s = l.summary();
        if (s.captures().isEmpty()) {
            title.set(APP_NAME);
        } else {
            String names = s.captures().size() == 1 ? Path.of(s.captures().get(0).path()).getFileName().toString()
                    : s.captures().size() + " captures";
            title.set(names + " — " + APP_NAME);
        }
        if (s.captures().isEmpty() && l.failure() != null) {
            status.set("No capture loaded.");
        } else {
            String shown = s.packets() > l.packets().size()
                    ? String.format(Locale.ROOT, " (first %,d shown)", l.packets().size()) : "";
            status.set(String.format(Locale.ROOT, "Packets: %,d%s · Flows: %,d · Malformed: %,d · Captures: %d%s",
                    s.packets(), shown, s.flows(), s.malformed(), s.captures().size(),
                    l.cancelled() ? " · Reading cancelled; what was read is kept" : ""));
        }
        finish();
        if (!l.warnings().isEmpty()) {
            warning.set(String.join("\n", l.warnings()));
        }
        error.set(l.failure());
        loaded.set(true);
    }

    private void failed(Throwable t) {
        finish();
        error.set(oneLine(t));
        loaded.set(true);
    }

    private void finish() {
        running = null;
        work.set("");
        progress.set(0);
        busy.set(false);
    }

    private static String oneLine(Throwable t) {
        String msg = t.getMessage() != null ? t.getMessage() : t.toString();
        return msg.lines().findFirst().orElse(msg);
    }

    private static String names(List<Path> files) {
        return files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
    }
}
