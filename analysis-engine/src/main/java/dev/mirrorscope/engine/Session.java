package dev.mirrorscope.engine;

import dev.mirrorscope.engine.SessionSummary.CaptureInfo;
import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.decode.Addresses;
import dev.mirrorscope.engine.decode.Anomaly;
import dev.mirrorscope.engine.decode.DecodeOptions;
import dev.mirrorscope.engine.decode.DecodedPacket;
import dev.mirrorscope.engine.decode.PacketDecoder;
import dev.mirrorscope.engine.decode.PacketInfo;
import dev.mirrorscope.engine.ingest.CaptureOutcome;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestPipeline;
import dev.mirrorscope.engine.ingest.IngestResult;
import dev.mirrorscope.engine.store.ContentHash;
import dev.mirrorscope.engine.store.FlowStore;
import dev.mirrorscope.engine.store.PacketBytesReader;
import dev.mirrorscope.engine.store.PacketIndex;
import dev.mirrorscope.engine.store.PacketIndexReader;
import dev.mirrorscope.engine.store.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Mirrorscope session: a directory holding the H2 session store and the packet index files. The
 * one entry point through which the command line and the workstation use the engine. Methods that
 * write or use the session store are synchronized: one store connection serves one caller at a time.
 * Reading packets, flows and totals is not: readers work from a {@link Catalogue} of the captures that
 * is replaced whenever the session changes, so they may run while an ingest is writing, and see the
 * finished captures plus the packets of the running ingest written so far.
 */
public final class Session implements AutoCloseable {
    /**
     * Ingest logs nothing but debug timings, so logging starts only when they were asked for
     * (-Dmirrorscope.log=DEBUG, as logback.xml reads it): starting logback costs about 0.1 s of a 1 s ingest.
     */
    private static final boolean TIMINGS = System.getProperty("mirrorscope.log") != null;
    private final SessionStore store;
    private volatile DecodeOptions decodeOptions = DecodeOptions.defaults();
    private volatile Catalogue catalogue = Catalogue.EMPTY;

    private Session(SessionStore store) {
        this.store = store;
    }

    /** Opens the session in {@code dir}, creating it when missing. */
    public static Session open(Path dir) throws IOException {
        SessionStore store = SessionStore.open(dir);
        Session s = new Session(store);
        try {
            s.refreshCatalogue(null);
        } catch (SQLException e) {
            store.close();
            throw new IOException(dir + ": session store error: " + e.getMessage(), e);
        }
        return s;
    }

    public Path directory() {
        return store.directory();
    }

    /** Tunnel ports used when packets are decoded again for display. */
    public void decodeOptions(DecodeOptions options) {
        this.decodeOptions = options;
    }

    /** Tunnel ports the session decodes with, for decoding again elsewhere (details, Follow Stream). */
    public DecodeOptions decodeOptions() {
        return decodeOptions;
    }

    Catalogue catalogue() {
        return catalogue;
    }

    /** Must run under the session's lock (or before the session is shared): it reads the store. */
    private void refreshCatalogue(Catalogue.Live live) throws SQLException {
        long[] t = store.totals();
        catalogue = new Catalogue(store.captures(), t[0], t[1], t[2], t[3],
                store.anomalyTotal(Anomaly.MIRROR_TRUNCATED.id()), live);
    }

    /**
     * Packets that can be read now: those of the finished captures and those a running ingest has
     * written so far. Cheap (no I/O) and safe from any thread while an ingest runs.
     */
    public long packetCount() {
        return catalogue.readablePackets();
    }

    /** A reader of single packets by number, for one thread at a time; see {@link PacketReader}. */
    public PacketReader packetReader() {
        return new PacketReader(this);
    }

    /**
     * Ingests capture files into this session, in order. A file whose content was ingested before is
     * skipped with a warning. A damaged file keeps what was read and adds a warning; a file that is not
     * a capture at all throws {@link dev.mirrorscope.engine.capture.CaptureFormatException} before
     * anything is stored (every file's header is checked first). Blocks until done; run it off the UI thread.
     */
    public synchronized IngestResult ingest(List<Path> files, IngestOptions options, IngestListener listener)
            throws IOException {
        long started = System.nanoTime();
        for (Path f : files) {
            CaptureReaders.open(f).close();
        }
        List<String> warnings = new ArrayList<>();
        IngestListener relay = new IngestListener() {
            @Override
            public void progress(dev.mirrorscope.engine.ingest.IngestProgress p) {
                listener.progress(p);
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
                listener.warning(message);
            }

            @Override
            public void packetsWritten(long n) {
                Catalogue.Live live = catalogue.live();
                if (live != null) {
                    live.readable = n;
                }
                listener.packetsWritten(n);
            }
        };
        long packets = 0;
        long bytes = 0;
        long flows = 0;
        long malformed = 0;
        long mirrorTruncated = 0;
        boolean cancelled = false;
        int damaged = 0;
        try {
            for (int i = 0; i < files.size() && !cancelled; i++) {
                CaptureOutcome o = ingestOne(files.get(i), i, files.size(), options, relay);
                if (o == null) {
                    continue;
                }
                packets += o.packets();
                bytes += o.bytes();
                malformed += o.malformed();
                mirrorTruncated += o.mirrorTruncated();
                flows += o.flowFragments();
                cancelled = o.cancelled();
                damaged += o.stopReason() != null ? 1 : 0;
            }
        } catch (SQLException e) {
            throw new IOException(directory() + ": session store error: " + e.getMessage(), e);
        } finally {
            try {
                refreshCatalogue(null);
            } catch (SQLException e) {
                org.slf4j.LoggerFactory.getLogger(Session.class).warn("{}: cannot re-read the session's captures: {}", directory(), e.getMessage());
            }
        }
        return new IngestResult(packets, bytes, flows, malformed, (System.nanoTime() - started) / 1e9, cancelled,
                damaged, List.copyOf(warnings), mirrorTruncated);
    }

    /** Returns null when the file was skipped as a duplicate; flowFragments() holds distinct flows here. */
    private CaptureOutcome ingestOne(Path file, int index, int count, IngestOptions options, IngestListener listener)
            throws IOException, SQLException {
        String name = file.getFileName().toString();
        String quick = ContentHash.quickKey(file);
        String fullHash = null;
        List<Long> candidates = store.findByQuickKey(quick);
        if (!candidates.isEmpty()) {
            fullHash = ContentHash.sha256(file);
            if (skipOrReplace(fullHash, name, listener)) {
                return null;
            }
            // A cancelled ingest keeps no hash (hashing the rest of a big file would hold up the cancel):
            // one with this quick key is taken for this file, and replaced like a hashed one.
            for (CaptureInfo c : store.captures()) {
                if (candidates.contains(c.id()) && c.contentHash() == null
                        && SessionStore.STATE_CANCELLED.equals(c.state())) {
                    store.deleteCapture(c.id());
                    refreshCatalogue(null);
                }
            }
        }
        long id;
        CaptureOutcome o;
        String hash;
        long t0 = System.nanoTime();
        // A new file is hashed as it is read (the duplicate check above hashed a suspected one already).
        try (CaptureReader reader = CaptureReaders.open(file, fullHash == null ? ContentHash.newDigest() : null)) {
            id = store.beginCapture(quick, file.toAbsolutePath().toString(), Files.size(file), reader.format(),
                    reader.gzip());
            Catalogue before = catalogue;
            catalogue = before.withLive(new Catalogue.Live(id, before.packets() + 1, file.toAbsolutePath().toString(),
                    directory().resolve(SessionStore.indexFileName(id)),
                    reader.gzip() ? directory().resolve(SessionStore.dataFileName(id)) : file.toAbsolutePath()));
            try {
                o = new IngestPipeline(store, options, listener).run(reader, id, name, index, count);
                hash = fullHash != null ? fullHash : o.cancelled() ? null : ContentHash.hex(reader.contentDigest());
            } catch (IOException | RuntimeException e) {
                catalogue = catalogue.withLive(null);
                store.deleteCapture(id);
                throw e;
            }
        }
        long t1 = System.nanoTime();
        if (fullHash == null && hash != null && skipOrReplace(hash, name, listener)) {
            // Same content under another quick key (one made by an older version): counted once all the same.
            store.deleteCapture(id);
            return null;
        }
        String state = o.cancelled() ? SessionStore.STATE_CANCELLED
                : o.stopReason() != null ? SessionStore.STATE_DAMAGED : SessionStore.STATE_COMPLETE;
        store.finishCapture(id, o.linkTypes(), o.packets(), o.bytes(), o.malformed(), o.flowFragments(),
                o.firstTsNs(), o.lastTsNs(), o.stopReason(), state, o.indexRecords());
        store.setContentHash(id, hash);
        refreshCatalogue(null);
        if (TIMINGS) {
            long finished = System.nanoTime(); // before the logger starts, which takes a while
            org.slf4j.LoggerFactory.getLogger(Session.class).debug("{}: pipeline and hash {} ms, finish {} ms", name,
                    (t1 - t0) / 1_000_000, (finished - t1) / 1_000_000);
        }
        if (o.stopReason() != null) {
            listener.warning(o.stopReason());
        }
        if (o.cancelled()) {
            listener.warning(name + ": cancelled after " + o.packets() + " packets; what was read is kept");
        }
        return o;
    }

    /**
     * True when a finished capture with this content is in the session already (the caller skips the
     * file); a cancelled one is removed so that the file is ingested again in full.
     */
    private boolean skipOrReplace(String hash, String name, IngestListener listener) throws SQLException, IOException {
        Optional<CaptureInfo> same = store.findByHash(hash);
        if (same.isPresent() && !SessionStore.STATE_CANCELLED.equals(same.get().state())) {
            listener.warning(name + ": already in this session (as " + same.get().path() + "); not counted again");
            return true;
        }
        if (same.isPresent()) {
            store.deleteCapture(same.get().id());
            refreshCatalogue(null);
        }
        return false;
    }

    /** Totals and captures of the finished captures; does not wait for a running ingest. */
    public SessionSummary summary() throws IOException {
        Catalogue c = catalogue;
        return new SessionSummary(c.packets(), c.bytes(), c.flows(), c.malformed(), c.captures(), c.mirrorTruncated());
    }

    /** Anomaly names and counts of one capture, busiest first ("truncated_tcp_header 3, ..."). */
    public synchronized String anomalies(long captureId) throws IOException {
        try {
            return store.anomalySummary(captureId);
        } catch (SQLException e) {
            throw new IOException(directory() + ": session store error: " + e.getMessage(), e);
        }
    }

    /**
     * Visits packets in session order starting at packet number {@code firstNo} (1-based), at most
     * {@code limit} of them (negative for all). Packets are decoded again from their capture files.
     * Sees the finished captures; does not wait for a running ingest.
     */
    public void packets(long firstNo, long limit, Consumer<PacketRow> sink) throws IOException {
        List<CaptureInfo> captures = catalogue.captures();
        PacketDecoder decoder = new PacketDecoder(decodeOptions);
        DecodedPacket d = new DecodedPacket();
        long remaining = limit < 0 ? Long.MAX_VALUE : limit;
        for (CaptureInfo c : captures) {
            if (remaining == 0) {
                return;
            }
            if (c.firstNo() + c.packets() <= firstNo || c.packets() == 0) {
                continue;
            }
            Path bytesFile = c.dataFile() != null ? directory().resolve(c.dataFile()) : Path.of(c.path());
            if (!Files.isReadable(bytesFile) || (c.dataFile() == null && Files.size(bytesFile) != c.fileSize())) {
                throw new IOException(c.path() + ": the capture is no longer there as it was ingested (moved,"
                        + " changed or deleted); ingest it again");
            }
            try (PacketIndexReader index = new PacketIndexReader(directory().resolve(c.indexFile()));
                 PacketBytesReader bytes = new PacketBytesReader(bytesFile)) {
                long start = Math.max(0, firstNo - c.firstNo());
                for (long i = start; i < index.records() && remaining > 0; i++, remaining--) {
                    index.seek(i);
                    int capLen = index.capLen();
                    int at = bytes.read(index.fileOffset(), capLen);
                    if (at < 0) {
                        throw new IOException(c.path() + ": packet " + (c.firstNo() + i)
                                + " is beyond the end of the file; the capture changed since it was ingested");
                    }
                    byte[] b = bytes.array();
                    decoder.decode(b, at, capLen, index.origLen(), index.linkType(), d);
                    sink.accept(row(c.firstNo() + i, index.tsNs(), index.origLen(), capLen, b, at, d));
                }
            }
        }
    }

    /** Decides from the index alone which packets' bytes {@link #visitPacketBytes} reads, then sees them. */
    public interface PacketBytesVisitor {
        /** Whether to read packet {@code no}'s bytes; {@code flowNo} is its flow's first packet, -1 for none. */
        boolean wants(long no, long flowNo);

        /** The bytes are {@code b[off, off + capLen)}, valid during the call only. Returns false to stop. */
        boolean visit(long no, long tsNs, int origLen, int capLen, int linkType, long flowNo, byte[] b, int off);
    }

    /**
     * Packet {@code no} (1-based, session order) read again from its capture, or empty when the session has
     * no such packet. For the packet details; throws when the capture is no longer as it was ingested.
     */
    public java.util.Optional<StoredPacket> packet(long no) throws IOException {
        List<CaptureInfo> captures = catalogue.captures();
        for (CaptureInfo c : captures) {
            if (no < c.firstNo() || no >= c.firstNo() + c.packets()) {
                continue;
            }
            // Two small positioned reads: the readers' windows (megabytes) are for scans, not for one packet.
            Path bytesFile = c.dataFile() != null ? directory().resolve(c.dataFile()) : Path.of(c.path());
            java.nio.ByteBuffer rec = java.nio.ByteBuffer.allocate(PacketIndex.RECORD_SIZE)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            try (java.nio.channels.FileChannel index = java.nio.channels.FileChannel.open(
                    directory().resolve(c.indexFile()), java.nio.file.StandardOpenOption.READ)) {
                readFully(index, rec, (no - c.firstNo()) * PacketIndex.RECORD_SIZE, c.path(), no);
            }
            int capLen = rec.getInt(PacketIndex.OFF_CAP_LEN);
            long flow = rec.getLong(PacketIndex.OFF_FLOW_INDEX);
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(Math.max(0, capLen));
            try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(bytesFile,
                    java.nio.file.StandardOpenOption.READ)) {
                readFully(file, bytes, rec.getLong(PacketIndex.OFF_FILE_OFFSET), c.path(), no);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(c.path() + ": the capture is no longer there as it was ingested (moved,"
                        + " changed or deleted); ingest it again", e);
            }
            return java.util.Optional.of(new StoredPacket(no, rec.getLong(PacketIndex.OFF_TS_NS),
                    rec.getInt(PacketIndex.OFF_ORIG_LEN), rec.getShort(PacketIndex.OFF_LINK_TYPE) & 0xFFFF,
                    flow >= 0 ? c.firstNo() + flow : -1, bytes.array()));
        }
        return java.util.Optional.empty();
    }

    private static void readFully(java.nio.channels.FileChannel ch, java.nio.ByteBuffer b, long at, String file, long no)
            throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException(file + ": packet " + no
                        + " is beyond the end of the file; the capture changed since it was ingested");
            }
        }
    }

    /**
     * Visits packets in session order from {@code firstNo}, reading the captured bytes only of those the
     * visitor wants: one pass over the packet index, and the capture read in order. For Follow Stream.
     */
    public void visitPacketBytes(long firstNo, PacketBytesVisitor visitor) throws IOException {
        List<CaptureInfo> captures = catalogue.captures();
        for (CaptureInfo c : captures) {
            if (c.firstNo() + c.packets() <= firstNo || c.packets() == 0) {
                continue;
            }
            Path bytesFile = c.dataFile() != null ? directory().resolve(c.dataFile()) : Path.of(c.path());
            if (!Files.isReadable(bytesFile) || (c.dataFile() == null && Files.size(bytesFile) != c.fileSize())) {
                throw new IOException(c.path() + ": the capture is no longer there as it was ingested (moved,"
                        + " changed or deleted); ingest it again");
            }
            try (PacketIndexReader index = new PacketIndexReader(directory().resolve(c.indexFile()));
                 PacketBytesReader bytes = new PacketBytesReader(bytesFile)) {
                for (long i = Math.max(0, firstNo - c.firstNo()); i < index.records(); i++) {
                    index.seek(i);
                    long flow = index.flowIndex();
                    long flowNo = flow >= 0 ? c.firstNo() + flow : -1;
                    long no = c.firstNo() + i;
                    if (!visitor.wants(no, flowNo)) {
                        continue;
                    }
                    int capLen = index.capLen();
                    int at = bytes.read(index.fileOffset(), capLen);
                    if (at < 0) {
                        throw new IOException(c.path() + ": packet " + no
                                + " is beyond the end of the file; the capture changed since it was ingested");
                    }
                    if (!visitor.visit(no, index.tsNs(), index.origLen(), capLen, index.linkType(), flowNo,
                            bytes.array(), at)) {
                        return;
                    }
                }
            }
        }
    }

    static PacketRow row(long no, long ts, int frameLen, int capLen, byte[] b, int at, DecodedPacket d) {
        String src;
        String dst;
        if (d.ipVersion != 0) {
            src = Addresses.format(d.ipVersion, d.srcHi, d.srcLo);
            dst = Addresses.format(d.ipVersion, d.dstHi, d.dstLo);
        } else if (d.srcMac >= 0) {
            src = Addresses.mac(d.srcMac);
            dst = Addresses.mac(d.dstMac);
        } else {
            src = "";
            dst = "";
        }
        Anomaly a = d.anomalyCount > 0 ? Anomaly.of(d.anomaly) : null;
        Anomaly notice = Anomaly.of(d.notice);
        return new PacketRow(no, ts, frameLen, capLen, DecodedPacket.tunnelName(d.tunnel),
                d.vni >= 0 ? d.vni : null, d.tunnel != DecodedPacket.TUNNEL_NONE && d.innerLen >= 0 ? d.innerLen : null,
                src, dst, d.proto >= 0 ? d.proto : null, d.sport >= 0 ? d.sport : null, d.dport >= 0 ? d.dport : null,
                d.tcpFlags >= 0 ? d.tcpFlags : null, PacketInfo.describe(b, at, capLen, d),
                a == null ? null : a.id(), notice == null ? null : notice.id());
    }

    /**
     * Visits every flow of the finished captures, ordered by the number of its first packet. Flows of a
     * capture being ingested appear when it is finished (they are written as they leave memory).
     */
    public void flows(Consumer<FlowRow> sink) throws IOException {
        FlowStore.readAll(directory(), catalogue.captures(), sink);
    }

    /**
     * Numbers of the packets of the given flows (matched by key: protocol, VNI and both endpoints, in
     * either orientation), ascending, over the finished captures. Scans the packet index; run it off the UI thread.
     */
    public long[] packetNumbersOfFlows(Collection<FlowRow> flows) throws IOException {
        return FlowStore.packetNumbers(directory(), catalogue.captures(), flows);
    }

    @Override
    public synchronized void close() throws IOException {
        store.close();
    }
}
