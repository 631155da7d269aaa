package dev.mirrorscope.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends fixed-size little-endian records to a file through one reusable direct buffer. */
class RecordFileWriter implements Closeable {
    private final FileChannel channel;
    private final int recordSize;
    protected final ByteBuffer buffer;

    RecordFileWriter(Path file, int recordSize, int bufferRecords) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.recordSize = recordSize;
        this.buffer = ByteBuffer.allocateDirect(bufferRecords * recordSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Makes room for one record in {@link #buffer}. */
    protected final void reserve() throws IOException {
        if (buffer.remaining() < recordSize) {
            flush();
        }
    }

    /** Writes the buffered records to the file, so that readers of the file see them. */
    public final void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
