package dev.mirrorscope.engine.store;

import java.io.IOException;
import java.nio.file.Path;

/** Appends packet index records through one reusable buffer. */
public final class PacketIndexWriter extends RecordFileWriter {
    private static final int BUFFER_RECORDS = 32 * 1024;

    private long records;

    public PacketIndexWriter(Path file) throws IOException {
        super(file, PacketIndex.RECORD_SIZE, BUFFER_RECORDS);
    }

    public void append(long fileOffset, long tsNs, int origLen, int capLen, long flowIndex, int linkType,
                       int iface, int flags, int tunnel) throws IOException {
        reserve();
        buffer.putLong(fileOffset).putLong(tsNs).putInt(origLen).putInt(capLen).putLong(flowIndex)
                .putShort((short) linkType).putShort((short) iface).put((byte) flags).put((byte) tunnel)
                .putShort((short) 0);
        records++;
    }

    public long records() {
        return records;
    }
}
