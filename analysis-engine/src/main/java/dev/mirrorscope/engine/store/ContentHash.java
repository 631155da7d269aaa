package dev.mirrorscope.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies capture files by content so the same file ingested twice counts once. The full SHA-256
 * is the identity; the quick key (size plus the SHA-256 of the first and last 64 KiB) finds candidate
 * duplicates without reading the whole file, so a new file's full hash can be computed alongside ingest.
 */
public final class ContentHash {
    private static final int EDGE = 64 * 1024;

    private ContentHash() {
    }

    public static String quickKey(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            MessageDigest md = sha256();
            ByteBuffer buf = ByteBuffer.allocate(EDGE);
            readFully(ch, buf, 0);
            md.update(buf.flip());
            if (size > EDGE) {
                buf.clear();
                readFully(ch, buf, Math.max(EDGE, size - EDGE));
                md.update(buf.flip());
            }
            return size + ":" + HexFormat.of().formatHex(md.digest(), 0, 16);
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
