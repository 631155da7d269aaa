package dev.mirrorscope.engine.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * The file's bytes as read: counted, so progress on a gzip capture follows the compressed size, and
 * optionally hashed, so the content hash costs no second read of the file.
 */
final class CountingInputStream extends FilterInputStream {
    private final MessageDigest digest;
    private volatile long count;

    CountingInputStream(InputStream in, MessageDigest digest) {
        super(in);
        this.digest = digest;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            if (digest != null) {
                digest.update((byte) b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            if (digest != null) {
                digest.update(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (digest != null) {
            // Skipped bytes must still be hashed.
            byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }
        long s = super.skip(n);
        count += s;
        return s;
    }

    /** Reads the rest of the file, so the digest covers all of it. */
    void readToEnd() throws IOException {
        byte[] buf = new byte[1 << 20];
        while (read(buf, 0, buf.length) >= 0) {
            // hashed and counted in read()
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
