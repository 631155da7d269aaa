package dev.mirrorscope.app.packets;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;
import javafx.collections.WeakListChangeListener;

/**
 * The rows the packet table holds at a time: at most {@link #SIZE} consecutive rows of the
 * {@link PacketTableModel}, from {@link #base()}. JavaFX 21's VirtualFlow walks every row before the
 * one it positions on each layout (its size cache is per item even with a fixed row height), which
 * for ten million rows costs hundreds of milliseconds a frame; over a window of twenty thousand it
 * costs nothing noticeable. The view moves the window (a new one, since its base never changes) as
 * the person scrolls, and a scroll bar of its own covers the whole model.
 */
public final class PacketTableWindow extends ObservableListBase<PacketItem> {
    /** Rows in a window. */
    public static final int SIZE = 20_000;

    private final PacketTableModel model;
    private final int base;
    private int size;
    private final ListChangeListener<PacketItem> growth = c -> grown();

    public PacketTableWindow(PacketTableModel model, int base) {
        this.model = model;
        this.base = Math.max(0, Math.min(base, Math.max(0, model.size() - SIZE)));
        this.size = span();
        model.addListener(new WeakListChangeListener<>(growth));
    }

    /** The window of {@code model} whose middle is as near {@code index} as the model allows. */
    public static PacketTableWindow around(PacketTableModel model, int index) {
        return new PacketTableWindow(model, index - SIZE / 2);
    }

    public PacketTableModel model() {
        return model;
    }

    /** Model row of this window's row 0. */
    public int base() {
        return base;
    }

    /** True when model row {@code index} is in the window at least {@code margin} rows from its ends (where there is more beyond). */
    public boolean holds(int index, int margin) {
        int low = base == 0 ? 0 : base + margin;
        int high = base + size >= model.size() ? base + size : base + size - margin;
        return index >= low && index < high;
    }

    @Override
    public PacketItem get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        return model.get(base + index);
    }

    @Override
    public int size() {
        return size;
    }

    /** Identity, like the model: comparing windows element by element would read their pages. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private int span() {
        return Math.max(0, Math.min(SIZE, model.size() - base));
    }

    /** The model grew while captures are read: a window not yet full takes the new rows. */
    private void grown() {
        int now = span();
        if (now > size) {
            int before = size;
            size = now;
            beginChange();
            nextAdd(before, now);
            endChange();
        }
    }
}
