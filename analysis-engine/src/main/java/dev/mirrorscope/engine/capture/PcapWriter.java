package dev.mirrorscope.engine.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Classic pcap, little-endian, version 2.4, with the nanosecond magic (or microseconds when asked).
 * Packets longer than the snap length are cut to it, keeping their original length, as libpcap does.
 */
public final class PcapWriter implements CaptureWriter {
    /** Last second a pcap record can hold: the seconds field is an unsigned 32-bit number (year 2106). */
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private final OutputStream out;
    private final boolean nanos;
    private final int snapLen;
    private final byte[] header = new byte[16];

    /** A writer with the largest snap length readers accept ({@link CaptureLimits#MAX_CAPTURED_LENGTH}). */
    public PcapWriter(OutputStream out, int linkType, boolean nanos) throws IOException {
        this(out, linkType, CaptureLimits.MAX_CAPTURED_LENGTH, nanos);
    }

    public PcapWriter(OutputStream out, int linkType, int snapLen, boolean nanos) throws IOException {
        if (snapLen <= 0 || snapLen > CaptureLimits.MAX_CAPTURED_LENGTH) {
            throw new IllegalArgumentException("snap length " + snapLen + " is outside 1.."
                    + CaptureLimits.MAX_CAPTURED_LENGTH);
        }
        this.out = buffered(out);
        this.nanos = nanos;
        this.snapLen = snapLen;
        byte[] h = new byte[24];
        le32(h, 0, nanos ? 0xa1b23c4d : 0xa1b2c3d4);
        le16(h, 4, 2);
        le16(h, 6, 4);
        le32(h, 16, snapLen);
        le32(h, 20, linkType);
        this.out.write(h);
    }

    @Override
    public void write(long tsNs, byte[] data, int off, int len, int origLen) throws IOException {
        checkPacket(len, origLen);
        long sec = Math.floorDiv(tsNs, 1_000_000_000L);
        if (sec < 0 || sec > MAX_SECONDS) {
            throw new IllegalArgumentException("timestamp " + tsNs + " ns is outside what pcap holds (1970 to 2106)");
        }
        long frac = Math.floorMod(tsNs, 1_000_000_000L);
        int cap = Math.min(len, snapLen);
        le32(header, 0, (int) sec);
        le32(header, 4, (int) (nanos ? frac : frac / 1000));
        le32(header, 8, cap);
        le32(header, 12, origLen);
        out.write(header);
        out.write(data, off, cap);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static OutputStream buffered(OutputStream out) {
        return out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 20);
    }

    /** Packet lengths the caller got wrong are bugs, not capture damage. */
    static void checkPacket(int len, int origLen) {
        if (len < 0 || origLen < len) {
            throw new IllegalArgumentException("packet of " + len + " bytes claims an original length of " + origLen);
        }
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
