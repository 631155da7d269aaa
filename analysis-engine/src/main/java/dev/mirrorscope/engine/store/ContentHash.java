package dev.mirrorscope.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Identifies capture files by content so the same file ingested twice counts once. The full SHA-256
 * is the identity; the quick key (size plus CRC-32C of the first and last 64 KiB) finds candidate
 * duplicates without reading the whole file, so a new file's full hash can be computed alongside ingest.
 * CRC-32C is enough for a key that only picks candidates, and the JVM computes it with the CPU's own
 * instruction from the first call (SHA-256 of 128 KiB took 45 ms of a cold start).
 */
public final class ContentHash {
    private static final int EDGE = 64 * 1024;

    private ContentHash() {
    }

    public static String quickKey(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(EDGE);
            readFully(ch, buf, 0);
            CRC32C head = new CRC32C();
            head.update(buf.flip());
            CRC32C tail = new CRC32C();
            if (size > EDGE) {
                buf.clear();
                readFully(ch, buf, Math.max(EDGE, size - EDGE));
                tail.update(buf.flip());
            }
            HexFormat hex = HexFormat.of();
            return size + ":" + hex.toHexDigits((int) head.getValue()) + hex.toHexDigits((int) tail.getValue());
        }
    }

    public static String sha256(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md = sha256();
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long pos = 0;
            while (true) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                pos += n;
                md.update(buf.flip());
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n <= 0) {
                break;
            }
        }
    }

    /** A SHA-256 digest, to hash a file while it is read for another purpose. */
    public static MessageDigest newDigest() {
        return sha256();
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
