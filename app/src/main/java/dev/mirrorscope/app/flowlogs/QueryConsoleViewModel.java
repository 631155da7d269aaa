package dev.mirrorscope.app.flowlogs;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.query.CsvResultSink;
import dev.mirrorscope.engine.query.FieldType;
import dev.mirrorscope.engine.query.OutputColumn;
import dev.mirrorscope.engine.query.Query;
import dev.mirrorscope.engine.query.QueryCancellation;
import dev.mirrorscope.engine.query.QueryCompletion;
import dev.mirrorscope.engine.query.QueryEngine;
import dev.mirrorscope.engine.query.QueryHighlighter;
import dev.mirrorscope.engine.query.QueryParser;
import dev.mirrorscope.engine.query.QueryResult;
import dev.mirrorscope.engine.query.QuerySyntaxException;
import dev.mirrorscope.engine.query.ResultSink;
import dev.mirrorscope.engine.query.SqlTranslator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the flow-log query console: the editor text (checked as it changes, with highlighting spans
 * and completion at the caret), the engine and time range, history and saved queries, results in
 * pages, a chart for {@code stats ... by bin()}, CSV export and Cancel. Touches no control; engine work
 * goes through the {@link UiTaskExecutor}.
 */
public final class QueryConsoleViewModel {
    /** Result rows kept for paging; more are counted, and CSV export re-runs the query for all of them. */
    public static final int MAX_KEPT_ROWS = 1_000_000;
    private static final long PROGRESS_EVERY_NS = 100_000_000L;

    private final UiTaskExecutor tasks;
    private final QueryEngineProvider engines;
    private final QueryLibrary library;
    private final StringProperty text = new SimpleStringProperty("");
    private final IntegerProperty caret = new SimpleIntegerProperty(0);
    private final ObjectProperty<EngineChoice> engine = new SimpleObjectProperty<>(EngineChoice.LOCAL);
    private final ObjectProperty<Instant> rangeStart = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> rangeEnd = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final IntegerProperty errorPosition = new SimpleIntegerProperty(-1);
    private final ObservableList<OutputColumn> columns = FXCollections.observableArrayList();
    private final ObservableList<List<Object>> pageRows = FXCollections.observableArrayList();
    private final IntegerProperty pageIndex = new SimpleIntegerProperty(0);
    private final IntegerProperty pageSize = new SimpleIntegerProperty(200);
    private final LongProperty totalRows = new SimpleLongProperty(0);
    private final ObjectProperty<ChartData> chart = new SimpleObjectProperty<>();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<QueryLibrary.Saved> saved = FXCollections.observableArrayList();
    private final List<String> fields = new ArrayList<>();
    private List<Object[]> rows = List.of();
    private int historyCursor = -1;
    private volatile QueryCancellation current;

    public QueryConsoleViewModel(UiTaskExecutor tasks, QueryEngineProvider engines, QueryLibrary library) {
        this.tasks = tasks;
        this.engines = engines;
        this.library = library;
        history.setAll(library.history());
        saved.setAll(library.saved());
        if (library.loadProblem() != null) {
            status.set(library.loadProblem());
        }
        text.addListener((o, was, now) -> check());
        pageSize.addListener((o, was, now) -> showPage(0));
    }

    public StringProperty text() {
        return text;
    }

    public IntegerProperty caret() {
        return caret;
    }

    public ObjectProperty<EngineChoice> engine() {
        return engine;
    }

    /** Start of the time range (required by CloudWatch; a filter elsewhere), or null. */
    public ObjectProperty<Instant> rangeStart() {
        return rangeStart;
    }

    public ObjectProperty<Instant> rangeEnd() {
        return rangeEnd;
    }

    public ReadOnlyBooleanProperty running() {
        return running;
    }

    public StringProperty status() {
        return status;
    }

    /** The current problem with the query or the last run as one line, or null. */
    public StringProperty error() {
        return error;
    }

    /** Where in the text the error is (for underlining), or -1. */
    public IntegerProperty errorPosition() {
        return errorPosition;
    }

    public ObservableList<OutputColumn> columns() {
        return columns;
    }

    /** The rows of the current page. */
    public ObservableList<List<Object>> pageRows() {
        return pageRows;
    }

    public IntegerProperty pageIndex() {
        return pageIndex;
    }

    public IntegerProperty pageSize() {
        return pageSize;
    }

    /** Rows the last run returned (all of them, also those beyond {@link #MAX_KEPT_ROWS}). */
    public LongProperty totalRows() {
        return totalRows;
    }

    public int pageCount() {
        return Math.max(1, (rows.size() + pageSize.get() - 1) / pageSize.get());
    }

    /** The chart for a {@code stats ... by bin()} result, or null. */
    public ObjectProperty<ChartData> chart() {
        return chart;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ObservableList<QueryLibrary.Saved> saved() {
        return saved;
    }

    /** Field names the engine knows, for completion (set by the app when the session or engine changes). */
    public void fields(List<String> names) {
        fields.clear();
        fields.addAll(names);
    }

    /** Styles for the editor text. */
    public List<QueryHighlighter.Span> highlight() {
        return QueryHighlighter.spans(text.get());
    }

    /** What may be typed at the caret. */
    public List<QueryCompletion.Candidate> completions() {
        return QueryCompletion.at(text.get(), caret.get(), fields);
    }

    /** Puts a candidate in place of the word being typed and moves the caret after it. */
    public void complete(QueryCompletion.Candidate c) {
        String t = text.get();
        int at = Math.min(caret.get(), t.length());
        text.set(t.substring(0, c.replaceStart()) + c.text() + t.substring(at));
        caret.set(c.replaceStart() + c.text().length());
    }

    /** Checks the syntax of the text; sets or clears the error and its position. */
    public boolean check() {
        String t = text.get();
        if (t == null || t.isBlank()) {
            error.set(null);
            errorPosition.set(-1);
            return false;
        }
        try {
            QueryParser.parse(t);
            error.set(null);
            errorPosition.set(-1);
            return true;
        } catch (QuerySyntaxException e) {
            error.set(e.getMessage());
            errorPosition.set(e.position());
            return false;
        }
    }

    /** Runs the text with the chosen engine; results replace the previous ones when it finishes. */
    public void run() {
        if (running.get() || !check()) {
            return;
        }
        String query = text.get();
        try {
            library.addHistory(query);
        } catch (IOException e) {
            status.set("history not saved: " + e.getMessage());
        }
        history.setAll(library.history());
        historyCursor = -1;
        EngineChoice choice = engine.get();
        SqlTranslator.TimeRange range = range();
        QueryCancellation cancel = new QueryCancellation();
        current = cancel;
        running.set(true);
        status.set("Running on " + choice.name().toLowerCase(Locale.ROOT) + "…");
        long[] lastProgress = {0};
        tasks.submit(() -> {
            QueryEngine e = engines.engine(choice);
            List<Object[]> kept = new ArrayList<>();
            List<OutputColumn> cols = new ArrayList<>();
            long[] count = {0};
            QueryResult r = e.run(query, range, new ResultSink() {
                @Override
                public void columns(List<OutputColumn> c) {
                    cols.addAll(c);
                }

                @Override
                public boolean row(Object[] values) {
                    count[0]++;
                    if (kept.size() < MAX_KEPT_ROWS) {
                        kept.add(values);
                    }
                    long now = System.nanoTime();
                    if (now - lastProgress[0] >= PROGRESS_EVERY_NS) {
                        lastProgress[0] = now;
                        long n = count[0];
                        tasks.onUi(() -> status.set(String.format(Locale.ROOT, "Running… %,d rows", n)));
                    }
                    return true;
                }
            }, cancel);
            return new Finished(query, cols, kept, count[0], r);
        }, this::finished, this::failed);
    }

    private record Finished(String query, List<OutputColumn> columns, List<Object[]> rows, long count,
                            QueryResult result) {
    }

    private void finished(Finished f) {
        running.set(false);
        current = null;
        error.set(null);
        errorPosition.set(-1);
        rows = f.rows();
        columns.setAll(f.columns());
        totalRows.set(f.count());
        showPage(0);
        chart.set(chartFor(f.query(), f.columns(), f.rows()));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d row%s in %.2f s", f.count(),
                f.count() == 1 ? "" : "s", f.result().seconds()));
        if (f.result().cancelled()) {
            s.append(" (cancelled)");
        }
        if (f.count() > f.rows().size()) {
            s.append(String.format(Locale.ROOT, "; showing the first %,d, export CSV for all", f.rows().size()));
        }
        if (f.result().note() != null) {
            s.append("; ").append(f.result().note());
        }
        status.set(s.toString());
    }

    private void failed(Throwable t) {
        running.set(false);
        current = null;
        if (t instanceof QuerySyntaxException q) {
            error.set(q.getMessage());
            errorPosition.set(q.position());
        } else {
            error.set(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            errorPosition.set(-1);
        }
        status.set("Query failed");
    }

    /** Stops the running query (a remote one is stopped in the service too). */
    public void cancel() {
        QueryCancellation c = current;
        if (c != null) {
            c.cancel();
            status.set("Cancelling…");
        }
    }

    private SqlTranslator.TimeRange range() {
        Instant a = rangeStart.get();
        Instant b = rangeEnd.get();
        return new SqlTranslator.TimeRange(a == null ? null : a.toEpochMilli(), b == null ? null : b.toEpochMilli());
    }

    // Paging

    public void showPage(int index) {
        int page = Math.max(0, Math.min(index, pageCount() - 1));
        pageIndex.set(page);
        int from = page * pageSize.get();
        int to = Math.min(rows.size(), from + pageSize.get());
        List<List<Object>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Collections.unmodifiableList(Arrays.asList(rows.get(i))));
        }
        pageRows.setAll(out);
    }

    public void nextPage() {
        showPage(pageIndex.get() + 1);
    }

    public void previousPage() {
        showPage(pageIndex.get() - 1);
    }

    public void lastPage() {
        showPage(pageCount() - 1);
    }

    // History and saved queries

    /** Puts the previous query of the history in the editor. */
    public void historyBack() {
        if (history.isEmpty()) {
            return;
        }
        historyCursor = historyCursor < 0 ? history.size() - 1 : Math.max(0, historyCursor - 1);
        text.set(history.get(historyCursor));
    }

    /** Moves forward in the history; past the newest entry the editor empties. */
    public void historyForward() {
        if (historyCursor < 0) {
            return;
        }
        historyCursor++;
        if (historyCursor >= history.size()) {
            historyCursor = -1;
            text.set("");
        } else {
            text.set(history.get(historyCursor));
        }
    }

    public void save(String name) {
        try {
            library.save(name, text.get());
            saved.setAll(library.saved());
            status.set("Saved as " + name.strip());
        } catch (IOException | IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    public void deleteSaved(String name) {
        try {
            library.delete(name);
            saved.setAll(library.saved());
        } catch (IOException e) {
            error.set(e.getMessage());
        }
    }

    public void open(QueryLibrary.Saved s) {
        text.set(s.query());
        caret.set(s.query().length());
    }

    // Export

    /**
     * Writes every row of the current text's results to {@code file} as CSV by running the query again,
     * streaming (no row cap); {@code done} receives the row count.
     */
    public void exportCsv(Path file, java.util.function.Consumer<Long> done) {
        if (!check()) {
            return;
        }
        String query = text.get();
        EngineChoice choice = engine.get();
        SqlTranslator.TimeRange range = range();
        QueryCancellation cancel = new QueryCancellation();
        current = cancel;
        running.set(true);
        status.set("Exporting to " + file.getFileName() + "…");
        tasks.submit(() -> {
            Path tmp = file.resolveSibling(file.getFileName() + ".part");
            QueryResult r;
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                r = engines.engine(choice).run(query, range, new CsvResultSink(w), cancel);
            }
            if (r.cancelled()) {
                Files.deleteIfExists(tmp);
            } else {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return r;
        }, r -> {
            running.set(false);
            current = null;
            status.set(r.cancelled() ? "Export cancelled" : String.format(Locale.ROOT, "Exported %,d rows to %s",
                    r.rows(), file.getFileName()));
            if (!r.cancelled() && done != null) {
                done.accept(r.rows());
            }
        }, this::failed);
    }

    // Chart

    /** Time series for {@code stats ... by bin()}: x from the first timestamp column, a series per number column. */
    static ChartData chartFor(String query, List<OutputColumn> cols, List<Object[]> rows) {
        try {
            if (!Query.parse(query).statsByBin()) {
                return null;
            }
        } catch (QuerySyntaxException e) {
            return null;
        }
        int x = -1;
        List<Integer> numbers = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            FieldType t = cols.get(i).type();
            if (t == FieldType.TIMESTAMP && x < 0) {
                x = i;
            } else if (t == FieldType.INTEGER || t == FieldType.DOUBLE) {
                numbers.add(i);
            } else {
                keys.add(i);
            }
        }
        if (x < 0 || numbers.isEmpty()) {
            return null;
        }
        Map<String, List<ChartData.Point>> series = new LinkedHashMap<>();
        for (Object[] r : rows) {
            if (!(r[x] instanceof Instant at)) {
                continue;
            }
            StringBuilder split = new StringBuilder();
            for (int k : keys) {
                split.append(split.length() == 0 ? "" : " / ").append(r[k] == null ? "-" : r[k]);
            }
            for (int n : numbers) {
                if (r[n] instanceof Number v) {
                    String name = cols.get(n).name() + (split.length() == 0 ? "" : " (" + split + ")");
                    series.computeIfAbsent(name, k -> new ArrayList<>()).add(new ChartData.Point(at, v.doubleValue()));
                }
            }
        }
        List<ChartData.Series> out = new ArrayList<>();
        for (Map.Entry<String, List<ChartData.Point>> e : series.entrySet()) {
            List<ChartData.Point> pts = new ArrayList<>(e.getValue());
            pts.sort(Comparator.comparing(ChartData.Point::x));
            out.add(new ChartData.Series(e.getKey(), List.copyOf(pts)));
        }
        return new ChartData(cols.get(x).name(), List.copyOf(out));
    }
}
