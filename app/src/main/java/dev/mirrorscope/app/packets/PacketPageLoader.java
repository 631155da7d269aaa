package dev.mirrorscope.app.packets;

import dev.mirrorscope.app.common.UiTaskExecutor;
import dev.mirrorscope.engine.PacketReader;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Reads pages of the packet table on one background thread, which alone owns the session's packet
 * reader. The newest request is served first (the rows just scrolled to), and only the newest
 * {@link #MAX_PENDING} wait: pages scrolled past before they were read are dropped, and asked for
 * again if they come back into view. Results are handed to the UI thread through the task executor.
 */
final class PacketPageLoader {
    /** Requests kept waiting; a screenful needs two or three pages. */
    static final int MAX_PENDING = 16;

    /** One page to read: rows {@code numbers} of {@code page}, and the packet shown just before it (0: none). */
    record Request(PacketTableModel model, PacketTableModel.Page page, long[] numbers, long previousNo) {
    }

    private final Executor serial;
    private final UiTaskExecutor tasks;
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private boolean draining;
    private volatile Session session;
    // Owned by the loader's thread:
    private Session readerSession;
    private PacketReader reader;
    private long firstTs = Long.MIN_VALUE;

    PacketPageLoader(Executor serial, UiTaskExecutor tasks) {
        this.serial = serial;
        this.tasks = tasks;
    }

    /** The session pages are read from from now on; null to read none. */
    void use(Session s) {
        session = s;
    }

    void request(Request r) {
        synchronized (pending) {
            pending.addLast(r);
            if (pending.size() > MAX_PENDING) {
                pending.removeFirst().page().requested = false;
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        serial.execute(this::drain);
    }

    /** True when no page is waiting or being read. */
    boolean idle() {
        synchronized (pending) {
            return !draining && pending.isEmpty();
        }
    }

    private void drain() {
        while (true) {
            Request r;
            synchronized (pending) {
                r = pending.pollLast();
                if (r == null) {
                    draining = false;
                    return;
                }
            }
            if (r.model().isCurrent()) {
                load(r);
            } else {
                r.page().requested = false;
            }
        }
    }

    private void load(Request r) {
        int n = r.numbers().length;
        PacketRow[] rows = new PacketRow[n];
        long[] sinceFirst = new long[n];
        long[] sincePrevious = new long[n];
        String problem = null;
        try {
            PacketReader pr = reader();
            if (pr == null) {
                problem = "the session is closed";
            } else {
                if (firstTs == Long.MIN_VALUE) {
                    firstTs = pr.timestamp(1);
                }
                long prev = r.previousNo() > 0 ? pr.timestamp(r.previousNo()) : Long.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    PacketRow row = pr.row(r.numbers()[i]);
                    rows[i] = row;
                    sinceFirst[i] = row.tsNs() - firstTs;
                    sincePrevious[i] = prev == Long.MIN_VALUE ? 0 : row.tsNs() - prev;
                    prev = row.tsNs();
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        String why = problem;
        tasks.onUi(() -> r.model().pageLoaded(r.page(), rows, sinceFirst, sincePrevious, why));
    }

    /** The reader of the current session, reopened when the session changed. */
    private PacketReader reader() throws IOException {
        Session s = session;
        if (s != readerSession) {
            if (reader != null) {
                reader.close();
            }
            reader = s == null ? null : s.packetReader();
            readerSession = s;
            firstTs = Long.MIN_VALUE;
        }
        return reader;
    }
}
