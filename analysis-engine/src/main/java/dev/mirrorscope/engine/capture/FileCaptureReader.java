package dev.mirrorscope.engine.capture;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the pcap and pcapng readers share: the stream, counters, link types and the stop message. */
abstract class FileCaptureReader implements CaptureReader {
    protected final String name;
    protected final ByteInput input;
    private final InputStream stream;
    private final CountingInputStream counted;
    private final boolean gzip;
    private final long fileSize;
    private final MessageDigest digest;
    private final List<Integer> linkTypes = new ArrayList<>();
    protected long packets;
    /** Records (packet or block) seen, 1-based numbering in messages. */
    protected long records;
    private String stopReason;
    private boolean done;

    FileCaptureReader(CaptureReaders.Opened o) {
        this.name = o.name();
        this.input = o.input();
        this.stream = o.stream();
        this.counted = o.counted();
        this.gzip = o.gzip();
        this.fileSize = o.fileSize();
        this.digest = o.digest();
    }

    @Override
    public final boolean next(PacketBatch batch) throws IOException {
        if (done) {
            return false;
        }
        int before = batch.count;
        try {
            done = !fill(batch);
        } catch (IOException e) {
            // A gzip stream that is cut off or corrupt fails inside the inflater: keep what was read.
            stop("the compressed data is damaged at offset " + input.position() + " (" + e.getMessage() + ")");
        }
        return batch.count > before;
    }

    /** Adds packets until the batch is full; returns false once the capture has ended or stopped. */
    protected abstract boolean fill(PacketBatch batch) throws IOException;

    /** Ends the read for damage; the message names the record and how many packets are kept. */
    protected final void stop(String what) {
        if (stopReason == null) {
            stopReason = name + ": " + what + "; stopped there, " + count(packets) + " packet"
                    + (packets == 1 ? "" : "s") + " kept";
        }
        done = true;
    }

    protected final void cutOff(String record, long offset, long needed, long have) {
        stop(record + " at offset " + offset + " is cut off (" + count(needed) + " bytes needed, the file ends after "
                + count(have) + ")");
    }

    protected final void addLinkType(int linkType) {
        if (!linkTypes.contains(linkType)) {
            linkTypes.add(linkType);
        }
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }

    @Override
    public boolean gzip() {
        return gzip;
    }

    @Override
    public long bytesConsumed() {
        return gzip ? counted.count() : Math.min(fileSize, input.position());
    }

    @Override
    public long fileSize() {
        return fileSize;
    }

    @Override
    public long packetsRead() {
        return packets;
    }

    @Override
    public List<Integer> linkTypes() {
        return List.copyOf(linkTypes);
    }

    @Override
    public String stopReason() {
        return stopReason;
    }

    @Override
    public byte[] contentDigest() throws IOException {
        if (digest == null) {
            return null;
        }
        try {
            counted.readToEnd();
        } catch (IOException e) {
            throw new IOException(name + ": cannot read the rest of the file to hash it (" + e.getMessage() + ")", e);
        }
        return digest.digest();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
