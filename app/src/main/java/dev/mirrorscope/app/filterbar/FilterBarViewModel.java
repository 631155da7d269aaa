package dev.mirrorscope.app.filterbar;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.app.packets.PacketsViewModel;
import dev.mirrorscope.engine.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The display-filter bar: the expression as typed, checked at every keystroke (green when valid, red
 * with the error's position and reason when not), applied in the background to restrict the packet
 * table, a history of applied filters, and field-name completion. An expression that does not parse is
 * never applied: the table keeps what it showed.
 */
public final class FilterBarViewModel {
    /** How the field looks. */
    public enum State { EMPTY, VALID, INVALID }

    /** A completed expression and where the caret goes. */
    public record Completion(String text, int caret) {
    }

    /** Suggestions shown at most. */
    static final int MAX_SUGGESTIONS = 40;

    private final UiTaskExecutor tasks;
    private final PacketFilterService service;
    private final PacketsViewModel packets;
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EMPTY);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper errorPosition = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper applying = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper applied = new ReadOnlyStringWrapper();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private int historyAt = -1;
    private String draft = "";
    private AtomicBoolean running;

    public FilterBarViewModel(UiTaskExecutor tasks, PacketFilterService service, PacketsViewModel packets) {
        this.tasks = tasks;
        this.service = service;
        this.packets = packets;
        text.addListener((o, was, now) -> validate(now));
    }

    public StringProperty text() {
        return text;
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** "Position 7: expected a value after ==", or null. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** 0-based position of the error in the text, or -1. */
    public ReadOnlyIntegerProperty errorPosition() {
        return errorPosition.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty applying() {
        return applying.getReadOnlyProperty();
    }

    /** The filter the table shows now, or null. */
    public ReadOnlyStringProperty applied() {
        return applied.getReadOnlyProperty();
    }

    /** Applied filters, the most recent first; persisted by whoever owns the preferences. */
    public ObservableList<String> history() {
        return history;
    }

    private void validate(String expression) {
        if (expression == null || expression.isBlank()) {
            state.set(State.EMPTY);
            error.set(null);
            errorPosition.set(-1);
            return;
        }
        PacketFilterService.Validation v;
        try {
            v = service.validate(expression);
        } catch (RuntimeException e) {
            v = PacketFilterService.Validation.error(0, String.valueOf(e.getMessage()));
        }
        state.set(v.valid() ? State.VALID : State.INVALID);
        errorPosition.set(v.valid() ? -1 : Math.max(0, Math.min(v.position(), expression.length())));
        error.set(v.valid() ? null : String.format(Locale.ROOT, "Position %d: %s", errorPosition.get() + 1,
                v.message()));
    }

    /**
     * Applies the expression: an empty one shows every packet again; an invalid one changes nothing and
     * returns false; a valid one is matched in the background and then restricts the table.
     */
    public boolean apply() {
        String expression = text.get() == null ? "" : text.get().trim();
        validate(expression);
        if (state.get() == State.EMPTY) {
            clear();
            return true;
        }
        if (state.get() == State.INVALID) {
            return false;
        }
        remember(expression);
        return run(expression);
    }

    private boolean run(String expression) {
        Session session = packets.session();
        if (session == null) {
            error.set("Open a capture first.");
            return false;
        }
        cancel();
        AtomicBoolean cancelled = new AtomicBoolean();
        running = cancelled;
        applying.set(true);
        tasks.submit(() -> service.matching(session, expression, cancelled::get), matches -> {
            if (running != cancelled) {
                return;
            }
            running = null;
            applying.set(false);
            if (cancelled.get()) {
                return;
            }
            packets.displayFilter(expression, matches);
            applied.set(expression);
        }, t -> {
            if (running != cancelled) {
                return;
            }
            running = null;
            applying.set(false);
            state.set(State.INVALID);
            error.set("Cannot apply the filter: " + (t.getMessage() != null ? t.getMessage() : t.toString()));
        });
        return true;
    }

    /** Applies the current filter again (the session has more packets). */
    public void reapply() {
        String current = applied.get();
        if (current != null && running == null) {
            run(current);
        }
    }

    /** Stops a filter being applied; the table keeps what it showed. */
    public void cancel() {
        AtomicBoolean r = running;
        if (r != null) {
            r.set(true);
            running = null;
            applying.set(false);
        }
    }

    /** Empties the field and shows every packet. */
    public void clear() {
        cancel();
        text.set("");
        if (applied.get() != null) {
            applied.set(null);
            packets.displayFilter(null, null);
        }
    }

    /** Forgets the applied filter without touching the table (a new session was opened). */
    public void reset() {
        cancel();
        applied.set(null);
    }

    private void remember(String expression) {
        history.remove(expression);
        history.add(0, expression);
        if (history.size() > dev.mirrorscope.app.preferences.Preferences.MAX_FILTER_HISTORY) {
            history.remove(history.size() - 1);
        }
        historyAt = -1;
    }

    /** Up arrow: the previous (older) filter of the history in the field. */
    public void historyOlder() {
        if (history.isEmpty()) {
            return;
        }
        if (historyAt < 0) {
            draft = text.get();
        }
        historyAt = Math.min(historyAt + 1, history.size() - 1);
        text.set(history.get(historyAt));
    }

    /** Down arrow: back towards what was being typed. */
    public void historyNewer() {
        if (historyAt < 0) {
            return;
        }
        historyAt--;
        text.set(historyAt < 0 ? draft : history.get(historyAt));
    }

    /** Field names that complete the word before {@code caret}; none when the caret is not after a word. */
    public List<String> suggestions(String expression, int caret) {
        int start = wordStart(expression, caret);
        String prefix = expression.substring(start, caret).toLowerCase(Locale.ROOT);
        if (prefix.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String name : service.fieldNames()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(prefix) && !name.equalsIgnoreCase(prefix)) {
                out.add(name);
                if (out.size() == MAX_SUGGESTIONS) {
                    break;
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The expression with the word before {@code caret} replaced by {@code name}. */
    public static Completion complete(String expression, int caret, String name) {
        int start = wordStart(expression, caret);
        String text = expression.substring(0, start) + name + expression.substring(caret);
        return new Completion(text, start + name.length());
    }

    private static int wordStart(String s, int caret) {
        int i = Math.max(0, Math.min(caret, s.length()));
        while (i > 0 && isWordChar(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }
}
