package dev.mirrorscope.engine.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A refillable window over a capture stream with absolute little- or big-endian reads, so readers
 * parse headers in place and copy each packet's bytes once. The window grows only as far as the
 * largest block a reader asks for, which {@link CaptureLimits} bounds.
 */
final class ByteInput {
    private static final int INITIAL = 1 << 20;

    private final InputStream in;
    private byte[] buf = new byte[INITIAL];
    private int pos;
    private int lim;
    /** Stream offset of buf[0]. */
    private long base;
    private boolean eof;

    ByteInput(InputStream in) {
        this.in = in;
    }

    /** Stream offset of the next unread byte. */
    long position() {
        return base + pos;
    }

    int available() {
        return lim - pos;
    }

    byte[] buffer() {
        return buf;
    }

    /** Index in {@link #buffer()} of the next unread byte. */
    int index() {
        return pos;
    }

    /**
     * Makes at least n bytes readable from {@link #index()}; returns false when the stream ends first
     * (the bytes that exist stay readable).
     */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, pos, bigger, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
            buf = bigger;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos >= n;
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return !ensure(1);
    }

    void advance(int n) {
        pos += n;
    }

    /** Skips n bytes; returns false when the stream ends first. */
    boolean skip(long n) throws IOException {
        while (n > 0) {
            if (pos == lim && !ensure(1)) {
                return false;
            }
            int step = (int) Math.min(n, lim - pos);
            pos += step;
            n -= step;
        }
        return true;
    }

    int u8(int at) {
        return buf[at] & 0xFF;
    }

    int u16(int at, boolean le) {
        return le ? (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 : (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
    }

    long u32(int at, boolean le) {
        return i32(at, le) & 0xFFFF_FFFFL;
    }

    int i32(int at, boolean le) {
        return le
                ? (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24
                : (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF);
    }

    long i64(int at, boolean le) {
        long a = u32(at, le);
        long b = u32(at + 4, le);
        return le ? b << 32 | a : a << 32 | b;
    }
}
