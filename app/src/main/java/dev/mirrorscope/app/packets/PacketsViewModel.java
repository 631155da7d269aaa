package dev.mirrorscope.app.packets;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.PacketNumbers;
import dev.mirrorscope.engine.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State of the packet view: the virtual table over the session, what restricts it (a display filter's
 * matches, the packets of selected flows, or both), the time format, the selection and going to a packet.
 * Never touches a control and never reads the session on the caller's thread.
 */
public final class PacketsViewModel {
    /** A request to the view to select and show a row; {@code serial} makes a repeated request new. */
    public record Reveal(int index, long serial) {
    }

    private final UiTaskExecutor tasks;
    private final PacketPageLoader loader;
    /** Flow queries scan the packet index: one at a time, and one overtaken by a newer one is skipped. */
    private final Executor flowQueries;
    private final java.util.concurrent.atomic.AtomicLong latestFlowQuery = new java.util.concurrent.atomic.AtomicLong();
    private final ReadOnlyObjectWrapper<PacketTableModel> table = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<TimeFormat> timeFormat = new SimpleObjectProperty<>(TimeFormat.RELATIVE);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper displayed = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper restriction = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Reveal> reveal = new ReadOnlyObjectWrapper<>();
    private final LongProperty selectedPacket = new SimpleLongProperty();
    private final ReadOnlyLongWrapper selectedCount = new ReadOnlyLongWrapper();
    private Session session;
    private String filterExpression;
    private long[] filterMatches;
    private List<FlowRow> flows = List.of();
    private long[] flowPackets;
    private long flowQuery;
    private long reveals;

    public PacketsViewModel(UiTaskExecutor tasks) {
        this(tasks, tasks.serial());
    }

    /** {@code pages}: where pages are read, one at a time (direct in tests). */
    public PacketsViewModel(UiTaskExecutor tasks, Executor pages) {
        this.tasks = tasks;
        this.loader = new PacketPageLoader(pages, tasks);
        this.flowQueries = tasks.serial();
        show(DisplayedPackets.all(0));
    }

    /** Shows this session's packets (none yet: {@link #packetsAvailable} says how many), or none for null. */
    public void attach(Session s) {
        session = s;
        loader.use(s);
        filterExpression = null;
        filterMatches = null;
        flows = List.of();
        flowPackets = null;
        flowQuery++;
        total.set(0);
        show(DisplayedPackets.all(0));
    }

    public Session session() {
        return session;
    }

    /** The session now has {@code count} readable packets: the all-packets table grows to them. */
    public void packetsAvailable(long count) {
        total.set(Math.max(total.get(), count));
        PacketTableModel t = table.get();
        if (t.shown().isAll()) {
            t.grow(count);
            displayed.set(t.shown().size());
        }
    }

    /** Forgets the rows read so far (the session's numbering may have changed) and shows them again. */
    public void reload(long count) {
        total.set(count);
        rebuild();
    }

    public ReadOnlyObjectProperty<PacketTableModel> table() {
        return table.getReadOnlyProperty();
    }

    public ObjectProperty<TimeFormat> timeFormat() {
        return timeFormat;
    }

    /** Packets readable in the session. */
    public ReadOnlyLongProperty total() {
        return total.getReadOnlyProperty();
    }

    /** Rows of the table. */
    public ReadOnlyLongProperty displayed() {
        return displayed.getReadOnlyProperty();
    }

    /** What limits the rows, for the bar above the table ("" when all packets are shown). */
    public ReadOnlyStringProperty restriction() {
        return restriction.getReadOnlyProperty();
    }

    /** A one-line note for the status bar (a packet not displayed, a capture that cannot be read), or null. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Reveal> reveal() {
        return reveal.getReadOnlyProperty();
    }

    /** Number of the packet the details show: the focused row's, 0 for none. Set by the view. */
    public LongProperty selectedPacket() {
        return selectedPacket;
    }

    public ReadOnlyLongProperty selectedCount() {
        return selectedCount.getReadOnlyProperty();
    }

    /** The view reports its selection: the focused row and how many rows are selected. */
    public void selected(int focusedIndex, int count) {
        PacketTableModel t = table.get();
        selectedPacket.set(focusedIndex >= 0 && focusedIndex < t.size() ? t.packetNo(focusedIndex) : 0);
        selectedCount.set(count);
    }

    /** Restricts the table to a display filter's matches (ascending packet numbers); null clears it. */
    public void displayFilter(String expression, long[] matches) {
        filterExpression = matches == null ? null : expression;
        filterMatches = matches;
        rebuild();
    }

    public String displayFilterExpression() {
        return filterExpression;
    }

    /** Restricts the table to the packets of these flows, found in the background; empty clears it. */
    public void showFlows(List<FlowRow> selected) {
        long query = ++flowQuery;
        latestFlowQuery.set(query);
        if (selected.isEmpty() || session == null) {
            flows = List.of();
            flowPackets = null;
            rebuild();
            return;
        }
        List<FlowRow> chosen = List.copyOf(selected);
        Session s = session;
        tasks.submit(flowQueries, () -> latestFlowQuery.get() == query ? s.packetNumbersOfFlows(chosen) : null, numbers -> {
            if (query == flowQuery && numbers != null) {
                flows = chosen;
                flowPackets = numbers;
                rebuild();
            }
        }, t -> {
            if (query == flowQuery) {
                message.set("Cannot find the packets of the selected flows: " + t.getMessage());
            }
        });
    }

    public void clearFlows() {
        showFlows(List.of());
    }

    public List<FlowRow> flows() {
        return flows;
    }

    /** Selects packet {@code no}, or the next displayed one when it is not displayed. */
    public void goTo(long no) {
        PacketTableModel t = table.get();
        DisplayedPackets shown = t.shown();
        if (shown.size() == 0) {
            message.set("No packets displayed.");
            return;
        }
        int i = shown.indexOf(no);
        if (i >= 0) {
            message.set(null);
        } else {
            int next = Math.min(-i - 1, t.size() - 1);
            String why = no < 1 || no > total.get()
                    ? String.format(Locale.ROOT, "There is no packet %,d (the session has %,d).", no, total.get())
                    : String.format(Locale.ROOT, "Packet %,d is not displayed.", no);
            message.set(why + String.format(Locale.ROOT, " Showing packet %,d.", t.packetNo(next)));
            i = next;
        }
        reveal.set(new Reveal(i, ++reveals));
    }

    /** The packets displayed, in order, for an export. */
    public PacketNumbers displayedNumbers() {
        DisplayedPackets shown = table.get().shown();
        return shown.isAll() ? PacketNumbers.range(1, shown.size()) : PacketNumbers.of(((DisplayedPackets.Chosen) shown).numbers());
    }

    /** Packet numbers of these rows (ascending rows give ascending numbers), for an export of the selection. */
    public PacketNumbers numbersOfRows(List<Integer> rows) {
        PacketTableModel t = table.get();
        long[] out = rows.stream().mapToLong(t::packetNo).sorted().distinct().toArray();
        return PacketNumbers.of(out);
    }

    /** True when the visible rows' pages have all arrived (for screenshots and benchmarks). */
    public boolean settled() {
        return loader.idle() && table.get().pagesPending() == 0;
    }

    private void rebuild() {
        long keep = selectedPacket.get();
        long[] chosen = filterMatches;
        if (flowPackets != null) {
            chosen = chosen == null ? flowPackets : DisplayedPackets.intersect(chosen, flowPackets);
        }
        show(chosen == null ? DisplayedPackets.all(total.get()) : DisplayedPackets.chosen(chosen));
        List<String> why = new ArrayList<>();
        if (flowPackets != null) {
            why.add(flows.size() == 1 ? "packets of the selected flow" : "packets of " + flows.size() + " selected flows");
        }
        if (filterMatches != null) {
            why.add("matching " + filterExpression);
        }
        restriction.set(why.isEmpty() ? "" : String.format(Locale.ROOT, "Showing %,d of %,d packets: %s",
                displayed.get(), total.get(), String.join(", ", why)));
        if (keep > 0) {
            int i = table.get().shown().indexOf(keep);
            if (i >= 0) {
                reveal.set(new Reveal(i, ++reveals));
            }
        }
    }

    private void show(DisplayedPackets shown) {
        PacketTableModel old = table.get();
        if (old != null) {
            old.retire();
        }
        table.set(new PacketTableModel(shown, loader, this::problem));
        displayed.set(shown.size());
        selectedPacket.set(0);
        selectedCount.set(0);
    }

    private void problem(String why) {
        message.set("Some packets cannot be read: " + why);
    }
}
