package dev.mirrorscope.engine;

import dev.mirrorscope.engine.SessionSummary.CaptureInfo;
import dev.mirrorscope.engine.decode.DecodedPacket;
import dev.mirrorscope.engine.decode.PacketDecoder;
import dev.mirrorscope.engine.store.PacketIndex;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads single packets of a session by number, in any order, with a few small positional reads each:
 * what a virtualized packet table, an export or a details pane needs. Works from the session's
 * {@link Catalogue}, so it never waits for a running ingest and sees the packets it has written so far.
 * Keeps the captures' files open between calls; one reader serves one thread at a time.
 */
public final class PacketReader implements Closeable {
    /** Index records read at once around the one asked for: a table page's worth. */
    private static final int INDEX_WINDOW = 512;

    private final Session session;
    private final Map<Long, OpenCapture> open = new HashMap<>();
    private final DecodedPacket decoded = new DecodedPacket();
    private PacketDecoder decoder;
    private Catalogue seen;
    private ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);

    PacketReader(Session session) {
        this.session = session;
    }

    /** Packets readable now (see {@link Session#packetCount()}). */
    public long count() {
        return session.packetCount();
    }

    /** Packet {@code no} (1-based) decoded as the packet table shows it. */
    public PacketRow row(long no) throws IOException {
        OpenCapture c = locate(no);
        long i = no - c.firstNo;
        c.seek(i);
        int capLen = c.capLen();
        byte[] b = readBytes(c, no, capLen);
        if (decoder == null) {
            decoder = new PacketDecoder(session.decodeOptions());
        }
        decoder.decode(b, 0, capLen, c.origLen(), c.linkType(), decoded);
        return Session.row(no, c.tsNs(), c.origLen(), capLen, b, 0, decoded);
    }

    /** Capture timestamp of packet {@code no} in nanoseconds; reads only the packet index. */
    public long timestamp(long no) throws IOException {
        OpenCapture c = locate(no);
        c.seek(no - c.firstNo);
        return c.tsNs();
    }

    /** A packet as it was captured, for writing it out again. {@code data} is valid until the next call. */
    public record RawPacket(long no, long tsNs, int linkType, int origLen, byte[] data, int capLen) {
    }

    public RawPacket raw(long no) throws IOException {
        OpenCapture c = locate(no);
        c.seek(no - c.firstNo);
        int capLen = c.capLen();
        byte[] b = readBytes(c, no, capLen);
        return new RawPacket(no, c.tsNs(), c.linkType(), c.origLen(), b, capLen);
    }

    private byte[] readBytes(OpenCapture c, long no, int capLen) throws IOException {
        if (bytes.capacity() < capLen) {
            bytes = ByteBuffer.allocate(Math.max(capLen, bytes.capacity() * 2));
        }
        bytes.clear().limit(capLen);
        long at = c.fileOffset();
        while (bytes.hasRemaining()) {
            if (c.bytes.read(bytes, at + bytes.position()) < 0) {
                throw new IOException(c.path + ": packet " + no
                        + " is beyond the end of the file; the capture changed since it was ingested");
            }
        }
        return bytes.array();
    }

    private OpenCapture locate(long no) throws IOException {
        Catalogue cat = session.catalogue();
        if (cat != seen) {
            forgetGone(cat);
            seen = cat;
            decoder = null;
        }
        Catalogue.Live live = cat.live();
        if (live != null && no >= live.firstNo) {
            long readable = live.readable;
            if (no >= live.firstNo + readable) {
                throw new IndexOutOfBoundsException("packet " + no + " of " + cat.readablePackets());
            }
            OpenCapture c = open.get(live.captureId);
            if (c == null) {
                c = new OpenCapture(live.path, live.firstNo, live.indexFile, live.bytesFile, true);
                open.put(live.captureId, c);
            }
            c.records = readable;
            return c;
        }
        CaptureInfo info = find(cat.captures(), no);
        if (info == null) {
            throw new IndexOutOfBoundsException("packet " + no + " of " + cat.readablePackets());
        }
        OpenCapture c = open.get(info.id());
        if (c == null || c.live || c.firstNo != info.firstNo()) {
            if (c != null) {
                c.close();
            }
            Path dir = session.directory();
            boolean copied = info.dataFile() != null;
            c = new OpenCapture(info.path(), info.firstNo(), dir.resolve(info.indexFile()),
                    copied ? dir.resolve(info.dataFile()) : Path.of(info.path()), false);
            if (!copied && Files.size(c.bytesFile) != info.fileSize()) {
                c.close();
                throw new IOException(info.path() + ": the capture is no longer there as it was ingested (moved,"
                        + " changed or deleted); ingest it again");
            }
            c.records = info.packets();
            open.put(info.id(), c);
        }
        return c;
    }

    private static CaptureInfo find(List<CaptureInfo> captures, long no) {
        int lo = 0;
        int hi = captures.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            CaptureInfo c = captures.get(mid);
            if (no < c.firstNo()) {
                hi = mid - 1;
            } else if (no >= c.firstNo() + c.packets()) {
                lo = mid + 1;
            } else {
                return c;
            }
        }
        return null;
    }

    /** Closes files of captures that left the session, or whose numbering or state changed. */
    private void forgetGone(Catalogue cat) throws IOException {
        Iterator<Map.Entry<Long, OpenCapture>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, OpenCapture> e = it.next();
            boolean kept = cat.live() != null && cat.live().captureId == e.getKey() && e.getValue().live;
            for (CaptureInfo c : cat.captures()) {
                kept |= c.id() == e.getKey() && !e.getValue().live && c.firstNo() == e.getValue().firstNo;
            }
            if (!kept) {
                e.getValue().close();
                it.remove();
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (OpenCapture c : open.values()) {
            try {
                c.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }

    /** One capture's packet index and packet bytes, open, with a small window of index records. */
    private static final class OpenCapture implements Closeable {
        final String path;
        final long firstNo;
        final Path bytesFile;
        final boolean live;
        final FileChannel index;
        final FileChannel bytes;
        final ByteBuffer window = ByteBuffer.allocate(INDEX_WINDOW * PacketIndex.RECORD_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        long records;
        long windowFirst = -1;
        int windowCount;
        int pos;

        OpenCapture(String path, long firstNo, Path indexFile, Path bytesFile, boolean live)
                throws IOException {
            this.path = path;
            this.firstNo = firstNo;
            this.bytesFile = bytesFile;
            this.live = live;
            this.index = FileChannel.open(indexFile, StandardOpenOption.READ);
            try {
                this.bytes = FileChannel.open(bytesFile, StandardOpenOption.READ);
            } catch (IOException e) {
                index.close();
                throw new IOException(path + ": the capture is no longer there as it was ingested (moved, changed"
                        + " or deleted); ingest it again", e);
            }
        }

        /** Positions on record {@code i}, reading a window of records that starts a little before it. */
        void seek(long i) throws IOException {
            if (i < 0 || i >= records) {
                throw new IndexOutOfBoundsException("record " + i + " of " + records);
            }
            if (windowFirst < 0 || i < windowFirst || i >= windowFirst + windowCount) {
                long first = Math.max(0, i - INDEX_WINDOW / 8);
                int want = (int) Math.min(INDEX_WINDOW, records - first);
                window.clear().limit(want * PacketIndex.RECORD_SIZE);
                long at = first * PacketIndex.RECORD_SIZE;
                while (window.hasRemaining()) {
                    if (index.read(window, at + window.position()) < 0) {
                        break;
                    }
                }
                windowFirst = first;
                windowCount = window.position() / PacketIndex.RECORD_SIZE;
                if (i >= windowFirst + windowCount) {
                    throw new IOException(path + ": the session's packet index ends before packet " + (firstNo + i)
                            + "; the session is damaged");
                }
            }
            pos = (int) (i - windowFirst) * PacketIndex.RECORD_SIZE;
        }

        long fileOffset() {
            return window.getLong(pos + PacketIndex.OFF_FILE_OFFSET);
        }

        long tsNs() {
            return window.getLong(pos + PacketIndex.OFF_TS_NS);
        }

        int origLen() {
            return window.getInt(pos + PacketIndex.OFF_ORIG_LEN);
        }

        int capLen() {
            return window.getInt(pos + PacketIndex.OFF_CAP_LEN);
        }

        int linkType() {
            return window.getShort(pos + PacketIndex.OFF_LINK_TYPE) & 0xFFFF;
        }

        @Override
        public void close() throws IOException {
            try {
                index.close();
            } finally {
                bytes.close();
            }
        }
    }
}
