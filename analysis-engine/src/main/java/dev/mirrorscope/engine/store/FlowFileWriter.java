package dev.mirrorscope.engine.store;

import dev.mirrorscope.engine.flow.Flow;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Appends flow fragments (flows as they leave memory) to a capture's flow file in fixed records; the
 * session store catalogues the file. One H2 row per flow costs more than a whole capture's decoding
 * (measured: 74,100 flows took 0.6 to 2.6 s to insert), so flows are written like the packet index.
 * Also counts distinct flow keys, by 64-bit key hash, for the capture's flow count.
 */
public final class FlowFileWriter extends RecordFileWriter {
    private static final int BUFFER_RECORDS = 8 * 1024;

    private final LongSet keys = new LongSet();
    private long written;

    public FlowFileWriter(Path file) throws IOException {
        super(file, FlowFile.RECORD_SIZE, BUFFER_RECORDS);
    }

    public void add(Flow f) throws IOException {
        reserve();
        FlowFile.write(buffer, f);
        keys.add(FlowFile.keyHash(f.ipVersion, f.proto, f.vni, f.aHi, f.aLo, f.aPort, f.bHi, f.bLo, f.bPort));
        written++;
    }

    /** Fragments written. */
    public long written() {
        return written;
    }

    /** Distinct flow keys among the fragments. */
    public long distinct() {
        return keys.size();
    }

    /** Open-addressing set of non-zero longs (zero is remapped), 8 bytes a key at worst twice over. */
    static final class LongSet {
        private static final long ZERO = 0x9E37_79B9_7F4A_7C15L;
        private long[] table = new long[1024];
        private int size;

        void add(long k) {
            addIfAbsent(k);
        }

        /** Returns true when k was not in the set. */
        boolean addIfAbsent(long k) {
            k = k == 0 ? ZERO : k;
            if (size * 2 >= table.length) {
                grow();
            }
            if (insert(table, k)) {
                size++;
                return true;
            }
            return false;
        }

        boolean contains(long k) {
            k = k == 0 ? ZERO : k;
            int mask = table.length - 1;
            int i = (int) (k ^ (k >>> 32)) & mask;
            while (table[i] != 0) {
                if (table[i] == k) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }

        int size() {
            return size;
        }

        private static boolean insert(long[] t, long k) {
            int mask = t.length - 1;
            int i = (int) (k ^ (k >>> 32)) & mask;
            while (t[i] != 0) {
                if (t[i] == k) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            t[i] = k;
            return true;
        }

        private void grow() {
            long[] bigger = new long[table.length * 2];
            for (long k : table) {
                if (k != 0) {
                    insert(bigger, k);
                }
            }
            table = bigger;
        }
    }
}
