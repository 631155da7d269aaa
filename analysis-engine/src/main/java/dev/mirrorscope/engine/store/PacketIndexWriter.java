package dev.mirrorscope.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends packet index records through one reusable buffer. */
public final class PacketIndexWriter implements Closeable {
    private static final int BUFFER_RECORDS = 32 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_RECORDS * PacketIndex.RECORD_SIZE)
            .order(ByteOrder.LITTLE_ENDIAN);
    private long records;

    public PacketIndexWriter(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    public void append(long fileOffset, long tsNs, int origLen, int capLen, long flowIndex, int linkType,
                       int iface, int flags, int tunnel) throws IOException {
        if (buffer.remaining() < PacketIndex.RECORD_SIZE) {
            flush();
        }
        buffer.putLong(fileOffset).putLong(tsNs).putInt(origLen).putInt(capLen).putLong(flowIndex)
                .putShort((short) linkType).putShort((short) iface).put((byte) flags).put((byte) tunnel)
                .putShort((short) 0);
        records++;
    }

    public long records() {
        return records;
    }

    private void flush() throws IOException {
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
