package dev.mirrorscope.engine;

import java.util.Arrays;

/**
 * An ascending sequence of session packet numbers: a range of the session, or the packets a filter
 * or a flow selection kept. Indexed by {@code long} so a whole session of any size fits.
 */
public interface PacketNumbers {
    long size();

    /** The {@code i}-th number, 0-based. */
    long get(long i);

    /** Packets {@code first}, {@code first + 1}, ... {@code count} of them. */
    static PacketNumbers range(long first, long count) {
        if (first < 1 || count < 0) {
            throw new IllegalArgumentException("packets are numbered from 1: " + first + " +" + count);
        }
        return new PacketNumbers() {
            @Override
            public long size() {
                return count;
            }

            @Override
            public long get(long i) {
                return first + i;
            }
        };
    }

    /** The numbers in {@code ascending}, which must be sorted and is not copied. */
    static PacketNumbers of(long[] ascending) {
        for (int i = 1; i < ascending.length; i++) {
            if (ascending[i] <= ascending[i - 1]) {
                throw new IllegalArgumentException("packet numbers out of order at " + i + ": "
                        + Arrays.toString(Arrays.copyOfRange(ascending, i - 1, i + 1)));
            }
        }
        return new PacketNumbers() {
            @Override
            public long size() {
                return ascending.length;
            }

            @Override
            public long get(long i) {
                return ascending[(int) i];
            }
        };
    }
}
