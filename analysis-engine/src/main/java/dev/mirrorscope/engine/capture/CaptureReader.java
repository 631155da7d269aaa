package dev.mirrorscope.engine.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Streams the packets of one capture file in file order with bounded memory. Damage inside the file
 * never throws: the reader keeps every complete packet before it, stops, and reports where in
 * {@link #stopReason()}. Only an unreadable file (missing, not a capture, unsupported version)
 * fails, at open, with a {@link CaptureFormatException}.
 */
public interface CaptureReader extends Closeable {

    /**
     * Appends the next packets to {@code batch} (which the caller has cleared) until it is full or the
     * capture ends. Returns false when no packet was added because the capture has ended.
     */
    boolean next(PacketBatch batch) throws IOException;

    /** "pcap" or "pcapng". */
    String format();

    boolean gzip();

    /** Bytes of the file consumed so far (compressed bytes for gzip), for progress. */
    long bytesConsumed();

    /** Size of the file in bytes. */
    long fileSize();

    /** Packets returned so far. */
    long packetsRead();

    /** Distinct link types seen so far, in order of appearance (interfaces for pcapng). */
    List<Integer> linkTypes();

    /**
     * Null when the capture was read to its end; otherwise a one-line message naming the file, the
     * record and its offset, what was wrong, and how many packets were kept.
     */
    String stopReason();

    /**
     * The digest of the whole file when the reader was opened with one (reading what the capture
     * reader left unread: bytes after damage or after the end of the gzip data), else null.
     */
    default byte[] contentDigest() throws IOException {
        return null;
    }
}
