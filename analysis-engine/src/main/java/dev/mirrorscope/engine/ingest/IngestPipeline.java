package dev.mirrorscope.engine.ingest;

import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.PacketBatch;
import dev.mirrorscope.engine.decode.Anomaly;
import dev.mirrorscope.engine.decode.DecodedPacket;
import dev.mirrorscope.engine.decode.PacketDecoder;
import dev.mirrorscope.engine.flow.Flow;
import dev.mirrorscope.engine.flow.FlowTable;
import dev.mirrorscope.engine.store.FlowFileWriter;
import dev.mirrorscope.engine.store.FlowStore;
import dev.mirrorscope.engine.store.PacketIndex;
import dev.mirrorscope.engine.store.PacketIndexWriter;
import dev.mirrorscope.engine.store.SessionStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ingests one capture: the calling thread reads batches; a pool of decode workers decodes them in
 * parallel; flow partitions (one thread each, packets assigned by flow hash so flow state needs no
 * locks) account them in capture order; one writer appends the packet index, rollups, anomalies and
 * flows to the session. A fixed pool of batches bounds memory and gives back-pressure: the reader
 * waits when the later stages fall behind. Results do not depend on the number of threads.
 */
public final class IngestPipeline {
    private static final long PROGRESS_EVERY_NS = 100_000_000L;
    /** How often the packets written so far are flushed and announced to readers of the live session. */
    private static final long PUBLISH_EVERY_NS = 100_000_000L;
    private static final int MIRROR_TRUNCATED = Anomaly.MIRROR_TRUNCATED.ordinal();
    /** Flows kept in memory across all partitions before the oldest leave for the store. */
    static final int MAX_FLOWS_IN_MEMORY = 1_000_000;

    private final SessionStore store;
    private final IngestOptions options;
    private final IngestListener listener;

    public IngestPipeline(SessionStore store, IngestOptions options, IngestListener listener) {
        this.store = store;
        this.options = options;
        this.listener = listener;
    }

    public CaptureOutcome run(CaptureReader reader, long captureId, String fileName, int fileIndex, int fileCount)
            throws IOException {
        return new Run(reader, captureId, fileName, fileIndex, fileCount).execute();
    }

    private final class Run {
        private final CaptureReader reader;
        private final long captureId;
        private final String fileName;
        private final int fileIndex;
        private final int fileCount;
        private final int workers = options.threads();
        private final int partitions = options.threads();
        private final BlockingQueue<IngestBatch> pool;
        private final List<BlockingQueue<IngestBatch>> partitionQueues = new ArrayList<>();
        private final BlockingQueue<IngestBatch> writerQueue = new LinkedBlockingQueue<>();
        private final ConcurrentLinkedQueue<Flow> flowsOut = new ConcurrentLinkedQueue<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicInteger partitionsLeft;
        private final Reorder toPartitions;
        private final Reorder toWriter;
        private final ThreadLocal<PacketDecoder> decoder;
        private final ThreadLocal<DecodedPacket> decoded = ThreadLocal.withInitial(DecodedPacket::new);
        private CaptureOutcome outcome;

        Run(CaptureReader reader, long captureId, String fileName, int fileIndex, int fileCount) {
            this.reader = reader;
            this.captureId = captureId;
            this.fileName = fileName;
            this.fileIndex = fileIndex;
            this.fileCount = fileCount;
            int batches = workers * 2 + partitions + 4;
            this.pool = new ArrayBlockingQueue<>(batches);
            for (int i = 0; i < batches; i++) {
                pool.add(new IngestBatch());
            }
            for (int p = 0; p < partitions; p++) {
                partitionQueues.add(new LinkedBlockingQueue<>());
            }
            this.partitionsLeft = new AtomicInteger(partitions);
            this.toPartitions = new Reorder(b -> {
                b.pendingPartitions.set(partitions);
                for (BlockingQueue<IngestBatch> q : partitionQueues) {
                    q.add(b);
                }
            });
            this.toWriter = new Reorder(writerQueue::add);
            this.decoder = ThreadLocal.withInitial(() -> new PacketDecoder(options.decodeOptions()));
        }

        CaptureOutcome execute() throws IOException {
            ExecutorService decodePool = Executors.newFixedThreadPool(workers, daemon("decode"));
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int part = p;
                threads.add(start("flows-" + p, () -> partitionLoop(part)));
            }
            Thread writer = start("writer", this::writerLoop);
            threads.add(writer);
            boolean cancelled = false;
            try {
                long seq = 0;
                long nextIndex = 0;
                long lastTs = 0;
                long lastProgress = System.nanoTime();
                while (failure.get() == null) {
                    if (options.isCancelled()) {
                        cancelled = true;
                        break;
                    }
                    IngestBatch b = pool.poll(200, TimeUnit.MILLISECONDS);
                    if (b == null) {
                        continue;
                    }
                    b.clear();
                    if (!reader.next(b.packets)) {
                        pool.add(b);
                        break;
                    }
                    PacketBatch pb = b.packets;
                    pb.firstIndex = nextIndex;
                    nextIndex += pb.count;
                    for (int i = 0; i < pb.count; i++) {
                        boolean none = pb.tsNs[i] == PacketBatch.NO_TIMESTAMP;
                        b.noTimestamp[i] = none;
                        if (none) {
                            pb.tsNs[i] = lastTs;
                        } else {
                            lastTs = pb.tsNs[i];
                        }
                    }
                    b.sequence = seq++;
                    decodePool.execute(() -> decode(b));
                    long now = System.nanoTime();
                    if (now - lastProgress > PROGRESS_EVERY_NS) {
                        lastProgress = now;
                        progress(nextIndex);
                    }
                }
                IngestBatch end = IngestBatch.endMarker(seq);
                decodePool.execute(() -> toPartitions.offer(end));
                while (writer.isAlive()) {
                    writer.join(200);
                    if (failure.get() != null) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
            } finally {
                decodePool.shutdownNow();
                if (failure.get() != null) {
                    threads.forEach(Thread::interrupt);
                }
            }
            Throwable t = failure.get();
            if (t instanceof IOException io) {
                throw io;
            }
            if (t != null) {
                throw new IOException(fileName + ": ingest failed: " + t, t);
            }
            progress(outcome.packets());
            CaptureOutcome o = outcome;
            return new CaptureOutcome(o.packets(), o.bytes(), o.malformed(), o.mirrorTruncated(), o.flowFragments(),
                    o.firstTsNs(), o.lastTsNs(), cancelled ? null : reader.stopReason(), cancelled, o.indexRecords(),
                    reader.linkTypes());
        }

        private void progress(long packets) {
            long size = Math.max(1, reader.fileSize());
            listener.progress(new IngestProgress(fileName, fileIndex, fileCount, packets, reader.bytesConsumed(),
                    Math.min(1.0, reader.bytesConsumed() / (double) size)));
        }

        private void decode(IngestBatch b) {
            try {
                PacketDecoder dec = decoder.get();
                DecodedPacket d = decoded.get();
                PacketBatch pb = b.packets;
                byte[] data = pb.data;
                for (int i = 0; i < pb.count; i++) {
                    dec.decode(data, pb.offset[i], pb.capLen[i], pb.origLen[i], pb.linkType[i], d);
                    b.take(i, d);
                    if (d.ipVersion != 0) {
                        b.hash[i] = FlowTable.hash(d.ipVersion, d.proto, d.vni, d.srcHi, d.srcLo, d.sport,
                                d.dstHi, d.dstLo, d.dport);
                    }
                }
                toPartitions.offer(b);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }

        private void partitionLoop(int part) {
            FlowTable table = new FlowTable(Math.max(1000, MAX_FLOWS_IN_MEMORY / partitions), flowsOut::add);
            try {
                BlockingQueue<IngestBatch> q = partitionQueues.get(part);
                while (true) {
                    IngestBatch b = q.take();
                    if (b.end) {
                        table.drain(flowsOut::add);
                        if (partitionsLeft.decrementAndGet() == 0) {
                            toWriter.offer(b);
                        }
                        return;
                    }
                    PacketBatch pb = b.packets;
                    for (int i = 0; i < pb.count; i++) {
                        if (b.ipVersion[i] != 0 && Math.floorMod(b.hash[i], partitions) == part) {
                            account(table, b, pb, i);
                        }
                    }
                    if (b.pendingPartitions.decrementAndGet() == 0) {
                        toWriter.offer(b);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }

        // Per-packet work sits in methods of its own (here and in the writer): the JIT compiles a method
        // after some hundred calls, a loop body only after tens of thousands of iterations.
        private static void account(FlowTable table, IngestBatch b, PacketBatch pb, int i) {
            b.flowIndex[i] = table.update(pb.firstIndex + i, pb.tsNs[i], pb.origLen[i], b.ipVersion[i],
                    b.proto[i], b.vni[i], b.srcHi[i], b.srcLo[i], b.sport[i], b.dstHi[i], b.dstLo[i],
                    b.dport[i], b.hash[i], b.tcpFlags[i], b.tcpSeq[i], b.tcpPayloadLen[i]);
            b.dirBa[i] = table.lastDirBa;
            b.servicePort[i] = servicePort(b, i);
        }

        private static int servicePort(IngestBatch b, int i) {
            int s = b.sport[i];
            int d = b.dport[i];
            if (s < 0 || d < 0) {
                return -1;
            }
            return Math.min(s, d);
        }

        private void writerLoop() {
            Connection conn = store.connection();
            Path dir = store.directory();
            WrittenTotals totals = new WrittenTotals(new RollupAccumulator(captureId), reader.gzip());
            RollupAccumulator rollups = totals.rollups;
            boolean gzip = totals.gzip;
            try (PacketIndexWriter index = new PacketIndexWriter(dir.resolve(SessionStore.indexFileName(captureId)));
                 FlowFileWriter flows = new FlowFileWriter(dir.resolve(FlowStore.flowFileName(captureId)));
                 OutputStream raw = gzip ? new BufferedOutputStream(
                         Files.newOutputStream(dir.resolve(SessionStore.dataFileName(captureId))), 1 << 20) : null) {
                conn.setAutoCommit(false);
                int batches = 0;
                long published = 0;
                long lastPublish = 0;
                while (true) {
                    IngestBatch b = writerQueue.take();
                    if (b.end) {
                        break;
                    }
                    PacketBatch pb = b.packets;
                    for (int i = 0; i < pb.count; i++) {
                        totals.write(index, b, pb, i);
                    }
                    if (raw != null) {
                        raw.write(pb.data, 0, pb.dataLength);
                        totals.rawOffset += pb.dataLength;
                    }
                    pool.add(b);
                    long now = System.nanoTime();
                    if (published == 0 || now - lastPublish >= PUBLISH_EVERY_NS) {
                        published = publish(index, raw, totals.packets);
                        lastPublish = now;
                    }
                    drainFlows(flows);
                    if (++batches % 64 == 0) {
                        rollups.flushSettled(conn);
                        // Small transactions keep H2's undo log short; a capture left half-written by a
                        // crash is still in state 'ingesting' and is discarded when the session reopens.
                        conn.commit();
                    }
                }
                publish(index, raw, totals.packets);
                drainFlows(flows);
                rollups.flushAll(conn);
                writeAnomalies(conn, totals.anomalyCounts, totals.anomalyFirst);
                conn.commit();
                conn.setAutoCommit(true);
                outcome = new CaptureOutcome(totals.packets, totals.bytes, totals.malformed, totals.mirrorTruncated,
                        flows.distinct(), totals.firstTs, totals.lastTs, null, false, index.records(), List.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                if (outcome == null) {
                    try {
                        conn.rollback();
                        conn.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // the store is closed or broken; the failure above is what the user sees
                    }
                }
            }
        }

        /** Flushes the index (and decompressed bytes) so the packets so far can be read by others; returns their count. */
        private long publish(PacketIndexWriter index, OutputStream raw, long packets) throws IOException {
            index.flush();
            if (raw != null) {
                raw.flush();
            }
            listener.packetsWritten(packets);
            return packets;
        }

        private void drainFlows(FlowFileWriter flows) throws IOException {
            Flow f;
            while ((f = flowsOut.poll()) != null) {
                flows.add(f);
            }
        }

        private void writeAnomalies(Connection conn, long[] counts, long[] first) throws SQLException {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO anomalies (capture_id, name, packets, first_index) VALUES (?, ?, ?, ?)")) {
                for (int a = 0; a < counts.length; a++) {
                    if (counts[a] > 0) {
                        ps.setLong(1, captureId);
                        ps.setString(2, Anomaly.of(a).id());
                        ps.setLong(3, counts[a]);
                        ps.setLong(4, first[a]);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }

        private Thread start(String name, Runnable r) {
            Thread t = new Thread(r, "ingest-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    /** The writer's per-packet work and what it adds up; used by the writer thread only. */
    private static final class WrittenTotals {
        final RollupAccumulator rollups;
        final boolean gzip;
        final long[] anomalyCounts = new long[Anomaly.values().length];
        final long[] anomalyFirst = new long[Anomaly.values().length];
        long packets;
        long bytes;
        long malformed;
        long mirrorTruncated;
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;
        /** Offset of the batch in the decompressed stream, for gzip captures. */
        long rawOffset;

        WrittenTotals(RollupAccumulator rollups, boolean gzip) {
            this.rollups = rollups;
            this.gzip = gzip;
        }

        void write(PacketIndexWriter index, IngestBatch b, PacketBatch pb, int i) throws IOException {
            long ts = pb.tsNs[i];
            int len = pb.origLen[i];
            int flags = 0;
            if (b.anomaly[i] >= 0) {
                flags |= PacketIndex.FLAG_MALFORMED;
                malformed++;
                count(b.anomaly[i], pb.firstIndex + i);
            }
            if (b.notice[i] >= 0) {
                // Counted by name like the anomalies, never as malformed.
                if (b.notice[i] == MIRROR_TRUNCATED) {
                    mirrorTruncated++;
                }
                count(b.notice[i], pb.firstIndex + i);
            }
            if (b.dirBa[i]) {
                flags |= PacketIndex.FLAG_DIR_BA;
            }
            if (b.nonFirstFragment[i]) {
                flags |= PacketIndex.FLAG_NON_FIRST_FRAGMENT;
            }
            if (b.noTimestamp[i]) {
                flags |= PacketIndex.FLAG_NO_TIMESTAMP;
            }
            long offset = gzip ? rawOffset + pb.offset[i] : pb.fileOffset[i];
            index.append(offset, ts, len, pb.capLen[i], b.flowIndex[i], pb.linkType[i], pb.iface[i], flags,
                    b.tunnel[i]);
            rollups.add(ts, len, b.dirBa[i], b.flowIndex[i], b.proto[i], b.vni[i], b.servicePort[i], b.ipVersion[i],
                    b.srcHi[i], b.srcLo[i]);
            packets++;
            bytes += len;
            if (ts < firstTs) {
                firstTs = ts;
            }
            if (ts > lastTs) {
                lastTs = ts;
            }
        }

        private void count(int anomaly, long index) {
            if (anomalyCounts[anomaly]++ == 0) {
                anomalyFirst[anomaly] = index;
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ingest-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
