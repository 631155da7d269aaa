package dev.mirrorscope.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random and sequential access to a packet index file. Reads go through a window buffer so a
 * sequential scan costs one system call per few thousand records.
 */
public final class PacketIndexReader implements Closeable {
    private static final int WINDOW_RECORDS = 16 * 1024;

    private final FileChannel channel;
    private final long records;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_RECORDS * PacketIndex.RECORD_SIZE)
            .order(ByteOrder.LITTLE_ENDIAN);
    private long windowFirst = -1;
    private int windowCount;
    private int pos;

    public PacketIndexReader(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.records = channel.size() / PacketIndex.RECORD_SIZE;
    }

    public long records() {
        return records;
    }

    /** Positions on record {@code index}; the accessors below then read its fields. */
    public void seek(long index) throws IOException {
        if (index < 0 || index >= records) {
            throw new IndexOutOfBoundsException("record " + index + " of " + records);
        }
        if (windowFirst < 0 || index < windowFirst || index >= windowFirst + windowCount) {
            window.clear();
            long at = index * PacketIndex.RECORD_SIZE;
            int want = (int) Math.min(window.capacity(), (records - index) * PacketIndex.RECORD_SIZE);
            window.limit(want);
            while (window.hasRemaining()) {
                if (channel.read(window, at + window.position()) < 0) {
                    break;
                }
            }
            windowFirst = index;
            windowCount = window.position() / PacketIndex.RECORD_SIZE;
        }
        pos = (int) (index - windowFirst) * PacketIndex.RECORD_SIZE;
    }

    public long fileOffset() {
        return window.getLong(pos + PacketIndex.OFF_FILE_OFFSET);
    }

    public long tsNs() {
        return window.getLong(pos + PacketIndex.OFF_TS_NS);
    }

    public int origLen() {
        return window.getInt(pos + PacketIndex.OFF_ORIG_LEN);
    }

    public int capLen() {
        return window.getInt(pos + PacketIndex.OFF_CAP_LEN);
    }

    public long flowIndex() {
        return window.getLong(pos + PacketIndex.OFF_FLOW_INDEX);
    }

    public int linkType() {
        return window.getShort(pos + PacketIndex.OFF_LINK_TYPE) & 0xFFFF;
    }

    public int iface() {
        return window.getShort(pos + PacketIndex.OFF_IFACE) & 0xFFFF;
    }

    public int flags() {
        return window.get(pos + PacketIndex.OFF_FLAGS) & 0xFF;
    }

    public int tunnel() {
        return window.get(pos + PacketIndex.OFF_TUNNEL) & 0xFF;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
