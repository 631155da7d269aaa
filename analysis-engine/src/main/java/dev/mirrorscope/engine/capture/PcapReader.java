package dev.mirrorscope.engine.capture;

import java.io.IOException;

/**
 * Classic libpcap files: either byte order, microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d)
 * magic, version 2.x. Records are parsed in place and their bytes copied once into the batch.
 */
final class PcapReader extends FileCaptureReader {
    static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final boolean le;
    private final boolean nanos;
    private final int linkType;

    PcapReader(CaptureReaders.Opened o) throws IOException {
        super(o);
        ByteInput in = input;
        if (!in.ensure(FILE_HEADER)) {
            throw new CaptureFormatException(name + ": the pcap file header is cut off (" + in.available()
                    + " of 24 bytes); not a readable capture");
        }
        int at = in.index();
        long magicLe = in.u32(at, true);
        le = magicLe == 0xa1b2c3d4L || magicLe == 0xa1b23c4dL;
        long magic = in.u32(at, le);
        nanos = magic == 0xa1b23c4dL;
        int major = in.u16(at + 4, le);
        int minor = in.u16(at + 6, le);
        if (major != 2) {
            throw new CaptureFormatException(name + ": pcap version " + major + "." + minor
                    + " is not supported (only version 2.x exists in practice); not read");
        }
        linkType = LinkTypes.fromHeaderField(in.u32(at + 20, le));
        addLinkType(linkType);
        in.advance(FILE_HEADER);
    }

    @Override
    public String format() {
        return "pcap";
    }

    @Override
    protected boolean fill(PacketBatch batch) throws IOException {
        while (!batch.isFull()) {
            int r = readRecord(batch);
            if (r != ADDED) {
                return r == BATCH_FULL;
            }
        }
        return true;
    }

    private static final int ADDED = 0;
    private static final int BATCH_FULL = 1;
    private static final int ENDED = 2;

    /**
     * Adds the next record to the batch: ADDED, BATCH_FULL (it does not fit; it stays for the next
     * batch) or ENDED (end of file or damage). A method per record so that the JIT compiles it early.
     */
    private int readRecord(PacketBatch batch) throws IOException {
        ByteInput in = input;
        if (in.atEnd()) {
            return ENDED;
        }
        long recordNo = records + 1;
        long offset = in.position();
        if (!in.ensure(RECORD_HEADER)) {
            cutOff("record " + FileCaptureReader.count(recordNo) + " header", offset, RECORD_HEADER, in.available());
            return ENDED;
        }
        int at = in.index();
        long sec = in.u32(at, le);
        long frac = in.u32(at + 4, le);
        long incl = in.u32(at + 8, le);
        long orig = in.u32(at + 12, le);
        if (incl > CaptureLimits.MAX_CAPTURED_LENGTH) {
            stop("record " + FileCaptureReader.count(recordNo) + " at offset " + offset + " claims "
                    + FileCaptureReader.count(incl) + " captured bytes, more than the "
                    + FileCaptureReader.count(CaptureLimits.MAX_CAPTURED_LENGTH) + " limit");
            return ENDED;
        }
        int cap = (int) incl;
        if (!batch.fits(cap)) {
            return BATCH_FULL;
        }
        if (!in.ensure(RECORD_HEADER + cap)) {
            cutOff("record " + FileCaptureReader.count(recordNo), offset, RECORD_HEADER + cap, in.available());
            return ENDED;
        }
        at = in.index(); // ensure() may have moved the window
        long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        int slot = batch.add(cap, (int) Math.min(orig, Integer.MAX_VALUE), linkType, 0, ts, offset + RECORD_HEADER);
        System.arraycopy(in.buffer(), at + RECORD_HEADER, batch.data, batch.offset[slot], cap);
        in.advance(RECORD_HEADER + cap);
        records++;
        packets++;
        return ADDED;
    }
}
