package dev.mirrorscope.engine.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Classic pcap, little-endian, with the nanosecond magic (or microseconds when asked). */
public final class PcapWriter implements CaptureWriter {
    private final OutputStream out;
    private final boolean nanos;
    private final byte[] header = new byte[16];

    public PcapWriter(OutputStream out, int linkType, boolean nanos) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 20);
        this.nanos = nanos;
        byte[] h = new byte[24];
        le32(h, 0, nanos ? 0xa1b23c4d : 0xa1b2c3d4);
        le16(h, 4, 2);
        le16(h, 6, 4);
        le32(h, 16, CaptureLimits.MAX_CAPTURED_LENGTH);
        le32(h, 20, linkType);
        this.out.write(h);
    }

    @Override
    public void write(long tsNs, byte[] data, int off, int len, int origLen) throws IOException {
        long sec = Math.floorDiv(tsNs, 1_000_000_000L);
        long frac = Math.floorMod(tsNs, 1_000_000_000L);
        le32(header, 0, (int) sec);
        le32(header, 4, (int) (nanos ? frac : frac / 1000));
        le32(header, 8, len);
        le32(header, 12, origLen);
        out.write(header);
        out.write(data, off, len);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void le32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static void le16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }
}
