package dev.mirrorscope.app;

import dev.mirrorscope.app.common.ColumnSpec;
import dev.mirrorscope.app.common.Csv;
import dev.mirrorscope.app.common.Theme;
import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.filterbar.FilterBarViewModel;
import dev.mirrorscope.app.filterbar.PacketFilterService;
import dev.mirrorscope.app.flows.FlowColumns;
import dev.mirrorscope.app.flows.FlowsViewModel;
import dev.mirrorscope.app.packets.PacketColumns;
import dev.mirrorscope.app.packets.PacketItem;
import dev.mirrorscope.app.packets.PacketsViewModel;
import dev.mirrorscope.app.packets.TimeFormat;
import dev.mirrorscope.app.preferences.PreferencesStore;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.PacketExport;
import dev.mirrorscope.engine.PacketNumbers;
import dev.mirrorscope.engine.PacketReader;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.SessionSummary;
import dev.mirrorscope.engine.SessionSummary.CaptureInfo;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestProgress;
import dev.mirrorscope.engine.ingest.IngestResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the main window: the session (one at a time, opened, created or saved as a directory), the
 * work on it (reading captures, exports; one job at a time, with progress and Cancel), the status bar,
 * preferences, and the view models of the packet view, the flows view and the filter bar. Touches no
 * control; every engine call runs in the background through the {@link UiTaskExecutor}.
 */
public final class MainViewModel {
    static final String APP_NAME = "Mirrorscope";
    static final int INGEST_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    private final UiTaskExecutor tasks;
    private final PreferencesStore prefs;
    private final Callable<Path> temporarySessions;
    private final PacketsViewModel packets;
    private final FlowsViewModel flows;
    private final FilterBarViewModel filter;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    private final StringProperty title = new SimpleStringProperty(APP_NAME);
    private final StringProperty status = new SimpleStringProperty("No capture loaded. File › Open… or drop a capture here.");
    private final StringProperty selection = new SimpleStringProperty("");
    private final StringProperty work = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty warning = new SimpleStringProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty loaded = new SimpleBooleanProperty(false);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private volatile Path sessionDir;
    private volatile Session open;
    private volatile boolean temporary;
    private volatile Runnable cancelJob;
    private SessionSummary summary = new SessionSummary(0, 0, 0, 0, List.of());
    private boolean reading;
    private boolean lastCancelled;

    /** A view model with preferences kept in memory and no display filters: for tests. */
    public MainViewModel(UiTaskExecutor tasks, Path sessionDir) {
        this(tasks, sessionDir, false, PreferencesStore.inMemory(), PacketFilterService.UNAVAILABLE,
                () -> Files.createTempDirectory("mirrorscope-session-"));
    }

    /**
     * @param sessionDir        the session to open (created when missing)
     * @param temporary         whether that session is a throwaway one (it is not added to the recent list)
     * @param temporarySessions makes the directory of a new throwaway session (File › New Session)
     */
    public MainViewModel(UiTaskExecutor tasks, Path sessionDir, boolean temporary, PreferencesStore prefs,
                         PacketFilterService filters, Callable<Path> temporarySessions) {
        this.tasks = tasks;
        this.sessionDir = sessionDir;
        this.temporary = temporary;
        this.prefs = prefs;
        this.temporarySessions = temporarySessions;
        this.packets = new PacketsViewModel(tasks);
        this.flows = new FlowsViewModel(tasks, selected -> {
            packets.showFlows(selected);
            updateSelection();
        });
        this.filter = new FilterBarViewModel(tasks, filters, packets);
        theme.set(Theme.parse(prefs.get().theme));
        packets.timeFormat().set(TimeFormat.parse(prefs.get().timeFormat));
        recent.setAll(prefs.get().recent);
        filter.history().setAll(prefs.get().filterHistory);
        theme.addListener((o, was, now) -> {
            prefs.get().theme = now.id();
            prefs.save();
        });
        packets.timeFormat().addListener((o, was, now) -> {
            prefs.get().timeFormat = now.name();
            prefs.save();
        });
        filter.history().addListener((javafx.collections.ListChangeListener<String>) c -> {
            prefs.get().filterHistory = new ArrayList<>(filter.history());
            prefs.save();
        });
        packets.total().addListener((o, was, now) -> updateStatus());
        packets.displayed().addListener((o, was, now) -> updateStatus());
        packets.selectedCount().addListener((o, was, now) -> updateSelection());
        packets.selectedPacket().addListener((o, was, now) -> updateSelection());
    }

    public PacketsViewModel packets() {
        return packets;
    }

    public FlowsViewModel flows() {
        return flows;
    }

    public FilterBarViewModel filter() {
        return filter;
    }

    public PreferencesStore preferences() {
        return prefs;
    }

    /** The open session, once it has been opened (null before): where the packet details get their packets. */
    /** The executor every background call of the window goes through. */
    public UiTaskExecutor tasks() {
        return tasks;
    }

    public ReadOnlyObjectProperty<Session> session() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty title() {
        return title;
    }

    /** Totals of the session for the status bar. */
    public ReadOnlyStringProperty status() {
        return status;
    }

    /** What is selected, for the status bar ("Selected: packet 12 · 2 flows"), or empty. */
    public ReadOnlyStringProperty selection() {
        return selection;
    }

    /** What the background work is doing, or empty. */
    public ReadOnlyStringProperty work() {
        return work;
    }

    /** The outcome of finished work worth a line in the status bar ("Exported 12 packets to ..."), or null. */
    public ReadOnlyStringProperty notice() {
        return notice;
    }

    /** Why the last work failed, as one line for an error dialog, or null. */
    public ReadOnlyStringProperty error() {
        return error;
    }

    /** What the last open could read only in part (damaged captures), one line each, or null. */
    public ReadOnlyStringProperty warning() {
        return warning;
    }

    /** Fraction of the current job done, 0..1, or -1 while the amount of work is unknown. */
    public DoubleProperty progress() {
        return progress;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** True once the last job has finished, whether it succeeded or not. */
    public ReadOnlyBooleanProperty loaded() {
        return loaded;
    }

    public ObjectProperty<Theme> theme() {
        return theme;
    }

    /** Captures and sessions opened before, the most recent first. */
    public ObservableList<String> recent() {
        return recent;
    }

    public Path sessionDir() {
        return sessionDir;
    }

    public boolean temporarySession() {
        return temporary;
    }

    /**
     * Reads the captures into the session (or only loads the session when given none); the packet table
     * fills while they are read. Returns false, doing nothing, while other work is running.
     */
    public boolean open(List<Path> files) {
        if (busy.get()) {
            return false;
        }
        // One core fewer than the machine has, so that the window keeps one while captures are read.
        IngestOptions options = IngestOptions.defaults().threads(INGEST_THREADS);
        startJob(files.isEmpty() ? "Loading the session…" : "Reading " + names(files) + "…", files.isEmpty() ? -1 : 0,
                options::cancel);
        reading = !files.isEmpty();
        Consumer<IngestProgress> onProgress = tasks.throttled(this::showProgress);
        Consumer<Long> onWritten = tasks.throttled(n -> {
            if (busy.get()) {
                packets.packetsAvailable(n);
            }
        });
        tasks.submit(() -> {
            Session s = sessionForWork();
            SessionSummary before = s.summary();
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

                        @Override
                        public void packetsWritten(long n) {
                            onWritten.accept(s.packetCount());
                        }
                    });
                    cancelled = r.cancelled();
                    // The person pressed Cancel: the status bar says so, a dialog would only repeat it.
                    warnings.removeIf(w -> r.cancelled() && w.contains("cancelled after"));
                } catch (IOException e) {
                    failure = oneLine(e);
                }
            }
            return load(s, before, List.copyOf(warnings), failure, cancelled);
        }, l -> {
            show(l);
            if (l.failure() == null) {
                files.forEach(this::remember);
            }
        }, this::failed);
        return true;
    }

    /** Switches to the session in {@code dir}, which must be one (it holds session.mv.db). */
    public boolean openSession(Path dir) {
        if (busy.get()) {
            return false;
        }
        if (!Files.exists(dir.resolve("session.mv.db"))) {
            error.set(dir + ": not a Mirrorscope session (no session.mv.db in it)");
            return true;
        }
        remember(dir);
        return switchSession(dir, false, "Opening session " + dir.getFileName() + "…", null);
    }

    /** Closes this session and starts an empty throwaway one. */
    public boolean newSession() {
        if (busy.get()) {
            return false;
        }
        Path dir;
        try {
            dir = temporarySessions.call();
        } catch (Exception e) {
            error.set("Cannot create a session: " + oneLine(e));
            return true;
        }
        return switchSession(dir, true, "Starting a new session…", null);
    }

    /** Copies the session to {@code target} (a new or empty directory) and goes on working there. */
    public boolean saveSessionAs(Path target) {
        if (busy.get()) {
            return false;
        }
        Path from = sessionDir;
        if (target.toAbsolutePath().normalize().startsWith(from.toAbsolutePath().normalize())) {
            error.set(target + ": cannot save a session inside itself");
            return true;
        }
        try {
            if (Files.isDirectory(target)) {
                try (Stream<Path> s = Files.list(target)) {
                    if (s.findAny().isPresent()) {
                        error.set(target + ": the directory is not empty; choose a new or empty one");
                        return true;
                    }
                }
            } else if (Files.exists(target)) {
                error.set(target + ": a file is in the way; choose a new or empty directory");
                return true;
            }
        } catch (IOException e) {
            error.set(target + ": " + oneLine(e));
            return true;
        }
        remember(target);
        return switchSession(target, false, "Saving the session to " + target + "…", from);
    }

    private boolean switchSession(Path dir, boolean isTemporary, String what, Path copyFrom) {
        startJob(what, -1, null);
        reading = false;
        filter.reset();
        tasks.submit(() -> {
            Session old = open;
            if (old != null) {
                open = null;
                old.close();
            }
            if (copyFrom != null) {
                copyTree(copyFrom, dir);
            }
            sessionDir = dir;
            temporary = isTemporary;
            Session s = sessionForWork();
            return load(s, null, List.of(), null, false);
        }, this::show, t -> {
            // The old session is closed: reopen whichever directory is current so the window is not left empty.
            failed(t);
            if (open == null) {
                open(List.of());
            }
        });
        return true;
    }

    /** Writes {@code numbers} of the session to a pcapng file in the background. */
    public boolean exportPackets(PacketNumbers numbers, Path out) {
        Session s = open;
        if (busy.get() || s == null) {
            return false;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        long n = numbers.size();
        startJob(String.format(Locale.ROOT, "Exporting %,d packets…", n), 0, () -> cancelled.set(true));
        Consumer<Long> onProgress = tasks.throttled(done -> {
            if (busy.get()) {
                progress.set(n == 0 ? 1 : done / (double) n);
            }
        });
        tasks.submit(() -> PacketExport.toPcapng(s, numbers, out, cancelled::get, onProgress::accept), written -> {
            finishJob();
            notice.set(written < 0 ? "Export cancelled; nothing written."
                    : String.format(Locale.ROOT, "Exported %,d packets to %s", written, out));
            loaded.set(true);
        }, this::failed);
        return true;
    }

    /** Writes the packet table's displayed rows, with its columns and time format, as CSV. */
    public boolean exportPacketsCsv(Path out) {
        Session s = open;
        if (busy.get() || s == null) {
            return false;
        }
        PacketNumbers numbers = packets.displayedNumbers();
        TimeFormat time = packets.timeFormat().get();
        List<ColumnSpec<PacketItem>> columns = PacketColumns.all(() -> time, ZoneId.systemDefault());
        AtomicBoolean cancelled = new AtomicBoolean();
        long n = numbers.size();
        startJob(String.format(Locale.ROOT, "Exporting %,d rows…", n), 0, () -> cancelled.set(true));
        Consumer<Long> onProgress = tasks.throttled(done -> {
            if (busy.get()) {
                progress.set(n == 0 ? 1 : done / (double) n);
            }
        });
        tasks.submit(() -> writeCsv(out, columns, cancelled, writer -> {
            try (PacketReader r = s.packetReader()) {
                long first = n > 0 ? r.timestamp(1) : 0;
                long prev = Long.MIN_VALUE;
                for (long i = 0; i < n && !cancelled.get(); i++) {
                    PacketRow row = r.row(numbers.get(i));
                    writer.accept(PacketItem.of(row, row.tsNs() - first, prev == Long.MIN_VALUE ? 0 : row.tsNs() - prev));
                    prev = row.tsNs();
                    if (i % 4096 == 0) {
                        onProgress.accept(i);
                    }
                }
            }
        }), rows -> csvDone(rows, out), this::failed);
        return true;
    }

    /** Writes the flow table's shown rows, in their order, as CSV. */
    public boolean exportFlowsCsv(Path out) {
        if (busy.get()) {
            return false;
        }
        List<FlowRow> rows = List.copyOf(flows.shown());
        long start = flows.sessionStartNs();
        List<ColumnSpec<FlowRow>> columns = FlowColumns.all(() -> start);
        AtomicBoolean cancelled = new AtomicBoolean();
        startJob(String.format(Locale.ROOT, "Exporting %,d flows…", rows.size()), -1, () -> cancelled.set(true));
        tasks.submit(() -> writeCsv(out, columns, cancelled, writer -> rows.forEach(writer)), n -> csvDone(n, out),
                this::failed);
        return true;
    }

    private interface RowSource<T> {
        void rows(Consumer<T> writer) throws IOException;
    }

    /** Writes the header and rows to a file beside {@code out}, then moves it there; -1 when cancelled. */
    private static <T> long writeCsv(Path out, List<ColumnSpec<T>> columns, AtomicBoolean cancelled, RowSource<T> source)
            throws IOException {
        Path tmp = out.resolveSibling("." + out.getFileName() + ".part");
        long[] count = {0};
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
            Csv.row(w, columns.stream().map(ColumnSpec::title).toList());
            List<String> fields = new ArrayList<>(columns.size());
            source.rows(row -> {
                fields.clear();
                for (ColumnSpec<T> c : columns) {
                    fields.add(c.text().apply(row));
                }
                try {
                    Csv.row(w, fields);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (cancelled.get()) {
            Files.deleteIfExists(tmp);
            return -1;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return count[0];
    }

    private void csvDone(long rows, Path out) {
        finishJob();
        notice.set(rows < 0 ? "Export cancelled; nothing written."
                : String.format(Locale.ROOT, "Exported %,d rows to %s", rows, out));
        loaded.set(true);
    }

    /** Asks the running job to stop; what an ingest read so far is kept and shown. */
    public void cancel() {
        Runnable c = cancelJob;
        if (c != null && busy.get()) {
            work.set("Cancelling…");
            c.run();
        }
    }

    /** Cancels the work and closes the session, waiting at most {@code waitMs} for a job to stop. */
    public void close(long waitMs) {
        cancel();
        long until = System.currentTimeMillis() + waitMs;
        Session s = open;
        open = null;
        if (s == null) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                s.close();
            } catch (IOException e) {
                System.err.println("mirrorscope: closing the session: " + oneLine(e));
            }
        }, "close-session");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(1, until - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Remembers a column's width (the view reports it when the window closes). */
    public void columnWidth(String id, double width) {
        prefs.get().columnWidths.put(id, width);
    }

    public Double columnWidth(String id) {
        return prefs.get().columnWidths.get(id);
    }

    public void windowSize(double width, double height) {
        prefs.get().windowWidth = width;
        prefs.get().windowHeight = height;
        prefs.save();
    }

    public void forgetRecent() {
        recent.clear();
        prefs.get().recent.clear();
        prefs.save();
    }

    private void remember(Path p) {
        prefs.get().addRecent(p.toAbsolutePath().normalize().toString());
        recent.setAll(prefs.get().recent);
        prefs.save();
    }

    private void startJob(String what, double fraction, Runnable cancel) {
        cancelJob = cancel;
        busy.set(true);
        loaded.set(false);
        error.set(null);
        warning.set(null);
        notice.set(null);
        work.set(what);
        progress.set(fraction);
    }

    private void finishJob() {
        cancelJob = null;
        reading = false;
        work.set("");
        progress.set(0);
        busy.set(false);
    }

    /** On a background thread: the open session, opening it (and showing it) first when needed. */
    private Session sessionForWork() throws IOException {
        Session s = open;
        if (s == null) {
            s = Session.open(sessionDir);
            open = s;
            Session opened = s;
            tasks.onUi(() -> attach(opened));
        }
        return s;
    }

    private void attach(Session s) {
        packets.attach(s);
        flows.setFlows(List.of(), 0);
        summary = new SessionSummary(0, 0, 0, 0, List.of());
        session.set(s);
        packets.packetsAvailable(s.packetCount());
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

    private record Loaded(Session session, SessionSummary summary, boolean renumbered, List<FlowRow> flows,
                          long startNs, List<String> warnings, String failure, boolean cancelled) {
    }

    private static Loaded load(Session s, SessionSummary before, List<String> warnings, String failure,
                               boolean cancelled) throws IOException {
        SessionSummary summary = s.summary();
        boolean renumbered = before == null || !keeps(before.captures(), summary.captures());
        List<FlowRow> flowRows = new ArrayList<>();
        s.flows(flowRows::add);
        long start = summary.captures().stream().filter(c -> c.packets() > 0).mapToLong(CaptureInfo::firstTsNs).min()
                .orElse(0);
        return new Loaded(s, summary, renumbered, flowRows, start, warnings, failure, cancelled);
    }

    /** True when every capture before is still there with the same numbers: packets were only added. */
    private static boolean keeps(List<CaptureInfo> before, List<CaptureInfo> after) {
        for (CaptureInfo b : before) {
            if (after.stream().noneMatch(a -> a.id() == b.id() && a.firstNo() == b.firstNo() && a.packets() == b.packets())) {
                return false;
            }
        }
        return true;
    }

    private void show(Loaded l) {
        if (session.get() != l.session()) {
            attach(l.session());
        }
        summary = l.summary();
        lastCancelled = l.cancelled();
        finishJob();
        if (l.renumbered()) {
            packets.reload(summary.packets());
        } else {
            packets.packetsAvailable(summary.packets());
        }
        flows.setFlows(l.flows(), l.startNs());
        if (!packets.flows().isEmpty()) {
            packets.showFlows(packets.flows());
        }
        filter.reapply();
        updateTitle();
        updateStatus();
        if (!l.warnings().isEmpty()) {
            warning.set(String.join("\n", l.warnings()));
        }
        error.set(l.failure());
        loaded.set(true);
    }

    private void failed(Throwable t) {
        finishJob();
        updateStatus();
        error.set(oneLine(t));
        loaded.set(true);
    }

    private void updateTitle() {
        List<CaptureInfo> captures = summary.captures();
        String what = captures.isEmpty() ? null : captures.size() == 1
                ? Path.of(captures.get(0).path()).getFileName().toString() : captures.size() + " captures";
        String sessionName = temporary ? null : String.valueOf(sessionDir.getFileName());
        String head = sessionName == null ? what : what == null ? sessionName : sessionName + ": " + what;
        title.set(head == null ? APP_NAME : head + " — " + APP_NAME);
    }

    private void updateStatus() {
        if (session.get() == null) {
            return;
        }
        long total = packets.total().get();
        if (total == 0 && summary.captures().isEmpty() && !reading) {
            status.set("No capture loaded. File › Open… or drop a capture here.");
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Packets: %,d", total));
        if (packets.displayed().get() != total) {
            sb.append(String.format(Locale.ROOT, " · Displayed: %,d", packets.displayed().get()));
        }
        sb.append(reading ? " · Flows: when read" : String.format(Locale.ROOT, " · Flows: %,d", summary.flows()));
        sb.append(String.format(Locale.ROOT, " · Malformed: %,d · Captures: %d", summary.malformed(),
                summary.captures().size()));
        if (lastCancelled && !reading) {
            sb.append(" · Reading cancelled; what was read is kept");
        }
        status.set(sb.toString());
    }

    private void updateSelection() {
        List<String> parts = new ArrayList<>();
        long n = packets.selectedCount().get();
        if (n == 1 && packets.selectedPacket().get() > 0) {
            parts.add(String.format(Locale.ROOT, "packet %,d", packets.selectedPacket().get()));
        } else if (n > 1) {
            parts.add(String.format(Locale.ROOT, "%,d packets", n));
        }
        int f = flows.selectedFlows().size();
        if (f > 0) {
            parts.add(f == 1 ? "1 flow" : String.format(Locale.ROOT, "%,d flows", f));
        }
        selection.set(parts.isEmpty() ? "" : "Selected: " + String.join(" · ", parts));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String oneLine(Throwable t) {
        String msg = t.getMessage() != null ? t.getMessage() : t.toString();
        return msg.lines().findFirst().orElse(msg);
    }

    private static String names(List<Path> files) {
        return files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
    }
}
