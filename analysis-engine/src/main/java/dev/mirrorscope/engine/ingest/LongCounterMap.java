package dev.mirrorscope.engine.ingest;

/** Open-addressing map from a long key to two long counters, so per-packet rollups allocate nothing. */
final class LongCounterMap {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private long[] first;
    private long[] second;
    private int size;

    LongCounterMap() {
        this(64);
    }

    LongCounterMap(int capacity) {
        int c = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
        keys = new long[c];
        first = new long[c];
        second = new long[c];
        java.util.Arrays.fill(keys, EMPTY);
    }

    /** Adds to the key's counters; returns true when the key was new. */
    boolean add(long key, long a, long b) {
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                first[i] += a;
                second[i] += b;
                return false;
            }
            if (k == EMPTY) {
                keys[i] = key;
                first[i] = a;
                second[i] = b;
                if (++size > keys.length / 2) {
                    grow();
                }
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    interface Visitor {
        void visit(long key, long a, long b);
    }

    void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                v.visit(keys[i], first[i], second[i]);
            }
        }
    }

    private void grow() {
        long[] ok = keys;
        long[] oa = first;
        long[] ob = second;
        keys = new long[ok.length * 2];
        first = new long[ok.length * 2];
        second = new long[ok.length * 2];
        java.util.Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != EMPTY) {
                add(ok[i], oa[i], ob[i]);
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 29);
    }
}
