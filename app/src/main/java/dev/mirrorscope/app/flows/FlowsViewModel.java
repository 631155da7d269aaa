package dev.mirrorscope.app.flows;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.FlowRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the flows view: the session's flows, the rows shown after the quick filter and the sort
 * (both computed in the background: a large session has hundreds of thousands of flows), and the
 * selection, which restricts the packet table to the selected flows' packets.
 */
public final class FlowsViewModel {
    private final UiTaskExecutor tasks;
    private final Consumer<List<FlowRow>> onSelection;
    private final ObservableList<FlowRow> shown = FXCollections.observableArrayList();
    private final StringProperty quickFilter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private List<FlowRow> all = List.of();
    private Comparator<FlowRow> order;
    private List<FlowRow> selected = List.of();
    private long generation;
    private long sessionStartNs;

    /** {@code onSelection}: told the selected flows whenever the selection changes (empty: none). */
    public FlowsViewModel(UiTaskExecutor tasks, Consumer<List<FlowRow>> onSelection) {
        this.tasks = tasks;
        this.onSelection = onSelection;
        quickFilter.addListener((o, was, now) -> refresh());
    }

    /** The session's flows (replaces the earlier ones); {@code startNs} is the session's first packet time. */
    public void setFlows(List<FlowRow> flows, long startNs) {
        all = List.copyOf(flows);
        sessionStartNs = startNs;
        refresh();
    }

    public long sessionStartNs() {
        return sessionStartNs;
    }

    public List<FlowRow> all() {
        return all;
    }

    /** The rows of the table, filtered and sorted. */
    public ObservableList<FlowRow> shown() {
        return shown;
    }

    /** Words that every shown flow contains (addresses, ports, protocol, state, VNI), as typed. */
    public StringProperty quickFilter() {
        return quickFilter;
    }

    /** "12 of 340 flows", for the line above the table. */
    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    /** Sorts the shown rows by {@code comparator} (null: in order of their first packet). */
    public void sort(Comparator<FlowRow> comparator) {
        order = comparator;
        refresh();
    }

    /** The view reports the selected rows. */
    public void selected(List<FlowRow> rows) {
        List<FlowRow> now = List.copyOf(rows);
        if (now.equals(selected)) {
            return;
        }
        selected = now;
        onSelection.accept(now);
    }

    public List<FlowRow> selectedFlows() {
        return selected;
    }

    private void refresh() {
        long g = ++generation;
        List<FlowRow> source = all;
        Comparator<FlowRow> by = order;
        Predicate<FlowRow> keep = matcher(quickFilter.get());
        tasks.submit(() -> {
            List<FlowRow> out = new ArrayList<>();
            for (FlowRow f : source) {
                if (keep.test(f)) {
                    out.add(f);
                }
            }
            if (by != null) {
                out.sort(by);
            }
            return out;
        }, rows -> {
            if (g == generation) {
                shown.setAll(rows);
                summary.set(rows.size() == source.size()
                        ? String.format(Locale.ROOT, "%,d flows", source.size())
                        : String.format(Locale.ROOT, "%,d of %,d flows", rows.size(), source.size()));
            }
        }, t -> summary.set("Cannot filter the flows: " + t.getMessage()));
    }

    /** Every word must occur in the flow's text: "10.0.1.10 443 reset" keeps reset flows of that host on 443. */
    static Predicate<FlowRow> matcher(String text) {
        String[] words = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length == 0 || words.length == 1 && words[0].isEmpty()) {
            return f -> true;
        }
        return f -> {
            String hay = searchText(f);
            for (String w : words) {
                if (!hay.contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static String searchText(FlowRow f) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(FlowColumns.protocolName(f.proto()).toLowerCase(Locale.ROOT)).append(' ')
                .append(f.a()).append(' ').append(f.b()).append(' ');
        if (f.aPort() != null) {
            sb.append(f.a()).append(':').append(f.aPort()).append(' ').append(f.aPort()).append(' ');
        }
        if (f.bPort() != null) {
            sb.append(f.b()).append(':').append(f.bPort()).append(' ').append(f.bPort()).append(' ');
        }
        if (f.vni() != null) {
            sb.append("vni ").append(f.vni()).append(' ').append("vni:").append(f.vni()).append(' ');
        }
        if (f.tcpState() != null) {
            sb.append(f.tcpState()).append(' ');
        }
        return sb.toString();
    }
}
