package dev.mirrorscope.engine.capture;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens a capture file of any supported format, gzip-compressed or not, after checking its header. */
public final class CaptureReaders {
    private static final int GZIP_BUFFER = 1 << 16;

    private CaptureReaders() {
    }

    /** What a reader starts from: the opened, possibly decompressed stream and facts about the file. */
    record Opened(String name, InputStream stream, CountingInputStream counted, ByteInput input, boolean gzip,
            long fileSize, MessageDigest digest) {
    }

    /**
     * Opens {@code file} and reads its header. Throws {@link CaptureFormatException} with a one-line
     * message when the file is missing, empty, unreadable or not a supported capture.
     */
    public static CaptureReader open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * As {@link #open(Path)}, and every byte of the file read goes through {@code digest} too; see
     * {@link CaptureReader#contentDigest()}.
     */
    public static CaptureReader open(Path file, MessageDigest digest) throws IOException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new CaptureFormatException(name + ": is a directory, not a capture file");
        }
        long size;
        InputStream raw;
        try {
            size = Files.size(file);
            raw = new FileInputStream(file.toFile());
        } catch (NoSuchFileException e) {
            throw new CaptureFormatException(name + ": no such file");
        } catch (FileNotFoundException e) {
            // FileInputStream (fewer copies than Files.newInputStream) reports any failure to open this way.
            throw new CaptureFormatException(name + (Files.exists(file) && !Files.isReadable(file)
                    ? ": permission denied" : ": cannot be opened (" + e.getMessage() + ")"));
        } catch (AccessDeniedException e) {
            throw new CaptureFormatException(name + ": permission denied");
        } catch (IOException e) {
            throw new CaptureFormatException(name + ": cannot be opened (" + e.getMessage() + ")");
        }
        CountingInputStream counted = new CountingInputStream(raw, digest);
        InputStream stream = counted;
        try {
            if (size == 0) {
                throw new CaptureFormatException(name + ": the file is empty, not a capture");
            }
            boolean gzip = isGzip(file);
            if (gzip) {
                try {
                    stream = new GZIPInputStream(counted, GZIP_BUFFER);
                } catch (ZipException | java.io.EOFException e) {
                    throw new CaptureFormatException(name + ": looks gzip-compressed but its gzip header is damaged");
                }
            }
            ByteInput input = new ByteInput(stream);
            try {
                input.ensure(4);
            } catch (IOException e) {
                throw new CaptureFormatException(name + ": the gzip data is damaged (" + e.getMessage() + ")");
            }
            if (input.available() < 4) {
                throw new CaptureFormatException(name + ": " + (gzip ? "the decompressed data" : "the file") + " holds only "
                        + input.available() + " bytes, not a capture");
            }
            Opened o = new Opened(name, stream, counted, input, gzip, size, digest);
            int at = input.index();
            long magic = input.u32(at, true);
            CaptureReader reader;
            if (magic == 0xa1b2c3d4L || magic == 0xa1b23c4dL || magic == 0xd4c3b2a1L || magic == 0x4d3cb2a1L) {
                reader = new PcapReader(o);
            } else if (magic == PcapngReader.SHB) {
                reader = new PcapngReader(o);
            } else {
                throw new CaptureFormatException(name + ": not a pcap or pcapng capture (it starts with "
                        + String.format("%02x %02x %02x %02x", input.u8(at), input.u8(at + 1), input.u8(at + 2),
                                input.u8(at + 3))
                        + (gzip ? " after decompression" : "") + ")");
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
