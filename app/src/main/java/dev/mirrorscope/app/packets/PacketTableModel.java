package dev.mirrorscope.app.packets;

import dev.mirrorscope.engine.PacketRow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;

/**
 * The packet table's items: a virtual list over the session, never loaded whole. {@link #get} returns
 * at once: the row of a page already read, or a row still being read (filled when its page arrives,
 * see {@link PacketItem}). Pages are read by the {@link PacketPageLoader} and kept in a small LRU cache,
 * so scrolling ten million packets holds a few thousand rows in memory. Which packet a row shows is up
 * to the {@link DisplayedPackets} mapping: all packets, or those a filter or flow selection chose.
 */
public final class PacketTableModel extends ObservableListBase<PacketItem> {
    /** Rows read at once: a few screens, a few positional reads each. */
    static final int PAGE_SIZE = 128;
    /** Pages kept: about 50,000 rows. */
    static final int MAX_PAGES = 400;

    /** A page of rows; {@code items} grows when the last page is extended while an ingest runs. */
    static final class Page {
        final int index;
        PacketItem[] items;
        volatile boolean requested;

        Page(int index) {
            this.index = index;
        }
    }

    private final DisplayedPackets shown;
    private final PacketPageLoader loader;
    private final Consumer<String> problems;
    private final Map<Integer, Page> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Page> eldest) {
            return size() > MAX_PAGES;
        }
    };
    private volatile boolean current = true;

    PacketTableModel(DisplayedPackets shown, PacketPageLoader loader, Consumer<String> problems) {
        this.shown = shown;
        this.loader = loader;
        this.problems = problems;
    }

    public DisplayedPackets shown() {
        return shown;
    }

    @Override
    public int size() {
        return shown.rows();
    }

    @Override
    public PacketItem get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size());
        }
        int p = index / PAGE_SIZE;
        Page page = pages.get(p);
        if (page == null) {
            page = new Page(p);
            pages.put(p, page);
        }
        int at = index - p * PAGE_SIZE;
        if (page.items == null || at >= page.items.length) {
            extend(page);
        }
        PacketItem item = page.items[at];
        if (!item.ready() && !page.requested) {
            request(page);
        }
        return item;
    }

    /**
     * Identity, not the list's contents: comparing two models element by element would read every page
     * of both (property change checks compare old and new values with equals).
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The row's packet number without reading anything. */
    public long packetNo(int index) {
        return shown.get(index);
    }

    /** Creates the page's rows up to the current size, keeping those it already had. */
    private void extend(Page page) {
        int first = page.index * PAGE_SIZE;
        int n = Math.min(PAGE_SIZE, size() - first);
        PacketItem[] items = new PacketItem[n];
        int had = page.items == null ? 0 : page.items.length;
        if (had > 0) {
            System.arraycopy(page.items, 0, items, 0, had);
        }
        for (int i = had; i < n; i++) {
            items[i] = new PacketItem(shown.get(first + i));
        }
        page.items = items;
    }

    private void request(Page page) {
        page.requested = true;
        int first = page.index * PAGE_SIZE;
        long[] numbers = new long[page.items.length];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = page.items[i].no();
        }
        loader.request(new PacketPageLoader.Request(this, page, numbers, first > 0 ? shown.get(first - 1) : 0));
    }

    /** On the UI thread: fills the page's rows that were not filled yet. */
    void pageLoaded(Page page, PacketRow[] rows, long[] sinceFirst, long[] sincePrevious, String problem) {
        page.requested = false;
        for (int i = 0; i < rows.length && i < page.items.length; i++) {
            PacketItem item = page.items[i];
            if (item.ready()) {
                continue;
            }
            if (rows[i] != null) {
                item.fill(rows[i], sinceFirst[i], sincePrevious[i]);
            } else {
                item.fail(problem);
            }
        }
        if (problem != null && current) {
            problems.accept(problem);
        }
    }

    /** More packets were read (all-packets view only): the table gains rows at the end. */
    void grow(long count) {
        if (!(shown instanceof DisplayedPackets.All all)) {
            return;
        }
        int before = size();
        all.grow(count);
        int after = size();
        if (after > before) {
            beginChange();
            nextAdd(before, after);
            endChange();
        }
    }

    /** False once the table shows another model: its pending pages are not read any more. */
    boolean isCurrent() {
        return current;
    }

    void retire() {
        current = false;
    }

    /** Pages asked for and not yet arrived. */
    int pagesPending() {
        int n = 0;
        for (Page p : pages.values()) {
            n += p.requested ? 1 : 0;
        }
        return n;
    }
}
