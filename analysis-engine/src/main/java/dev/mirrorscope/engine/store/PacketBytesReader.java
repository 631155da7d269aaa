package dev.mirrorscope.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads packets' captured bytes again by file offset, through a window so that reading packets in
 * order costs one system call per few megabytes.
 */
public final class PacketBytesReader implements Closeable {
    private static final int WINDOW = 4 * 1024 * 1024;

    private final FileChannel channel;
    private final byte[] window = new byte[WINDOW];
    private final ByteBuffer wrapped = ByteBuffer.wrap(window);
    private long windowStart = -1;
    private int windowLength;

    public PacketBytesReader(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    public long size() throws IOException {
        return channel.size();
    }

    /**
     * Makes {@code len} bytes at {@code offset} available in {@link #array()} and returns their start
     * there; -1 when the file is shorter than that (it changed since ingest).
     */
    public int read(long offset, int len) throws IOException {
        if (len > WINDOW) {
            return -1;
        }
        if (windowStart < 0 || offset < windowStart || offset + len > windowStart + windowLength) {
            wrapped.clear();
            while (wrapped.hasRemaining() && channel.read(wrapped, offset + wrapped.position()) > 0) {
                // fill the window, or stop at the end of the file
            }
            windowStart = offset;
            windowLength = wrapped.position();
            if (windowLength < len) {
                return -1;
            }
        }
        return (int) (offset - windowStart);
    }

    public byte[] array() {
        return window;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
