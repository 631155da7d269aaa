package dev.mirrorscope.app.packets;

import dev.mirrorscope.engine.PacketNumbers;
import java.util.Arrays;

/**
 * Which packets the table shows, in order: a view row is an index into this. Either every packet of the
 * session read so far (a count that grows while an ingest runs) or an ascending set chosen by a display
 * filter or a flow selection, so a filtered view is only another mapping over the same virtual table.
 */
public abstract sealed class DisplayedPackets implements PacketNumbers permits DisplayedPackets.All,
        DisplayedPackets.Chosen {

    /** Every packet of the session, numbers 1..count. */
    public static All all(long count) {
        return new All(count);
    }

    /** The packets in {@code ascending} (sorted, not copied). */
    public static Chosen chosen(long[] ascending) {
        return new Chosen(ascending);
    }

    /** Rows of a table: a table holds at most {@code Integer.MAX_VALUE}. */
    public int rows() {
        return (int) Math.min(size(), Integer.MAX_VALUE);
    }

    /** The row showing packet {@code no}, or {@code -(insertion point) - 1} when it is not shown. */
    public abstract int indexOf(long no);

    /** True when every packet is shown. */
    public abstract boolean isAll();

    public static final class All extends DisplayedPackets {
        private long count;

        All(long count) {
            this.count = count;
        }

        void grow(long newCount) {
            count = Math.max(count, newCount);
        }

        @Override
        public long size() {
            return count;
        }

        @Override
        public long get(long i) {
            return i + 1;
        }

        @Override
        public int indexOf(long no) {
            if (no < 1) {
                return -1;
            }
            return no <= count ? (int) (no - 1) : -rows() - 1;
        }

        @Override
        public boolean isAll() {
            return true;
        }
    }

    public static final class Chosen extends DisplayedPackets {
        private final long[] numbers;

        Chosen(long[] ascending) {
            this.numbers = ascending;
        }

        @Override
        public long size() {
            return numbers.length;
        }

        @Override
        public long get(long i) {
            return numbers[(int) i];
        }

        @Override
        public int indexOf(long no) {
            return Arrays.binarySearch(numbers, no);
        }

        @Override
        public boolean isAll() {
            return false;
        }

        long[] numbers() {
            return numbers;
        }
    }

    /** Numbers in both ascending arrays. */
    static long[] intersect(long[] a, long[] b) {
        long[] out = new long[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
