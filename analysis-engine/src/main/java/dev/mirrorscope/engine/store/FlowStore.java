package dev.mirrorscope.engine.store;

import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.SessionSummary.CaptureInfo;
import dev.mirrorscope.engine.decode.Addresses;
import dev.mirrorscope.engine.flow.TcpEvents;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the session's flows back from the captures' flow files, in order of their first packet,
 * merging fragments that share a key (a flow that left memory and came back, or one that spans two
 * captures of the session). Only fragments of such keys are held in memory while reading.
 */
public final class FlowStore {
    /** Records per mapped window: the largest multiple of the record size a single mapping can hold. */
    private static final long WINDOW_RECORDS = Integer.MAX_VALUE / FlowFile.RECORD_SIZE;

    private FlowStore() {
    }

    public static String flowFileName(long captureId) {
        return "index/capture-" + captureId + ".flows";
    }

    /** Identity of a flow regardless of orientation, for merging fragments. */
    private record Key(int ver, int proto, int vni, long loHi, long loLo, int loPort, long hiHi, long hiLo,
                       int hiPort) {
        static Key of(FlowFileView v, int r) {
            long aHi = v.l(r, FlowFile.A_HI), aLo = v.l(r, FlowFile.A_LO), bHi = v.l(r, FlowFile.B_HI);
            long bLo = v.l(r, FlowFile.B_LO);
            int aP = v.i(r, FlowFile.A_PORT), bP = v.i(r, FlowFile.B_PORT);
            int c = Long.compare(aHi, bHi);
            c = c != 0 ? c : Long.compare(aLo, bLo);
            c = c != 0 ? c : Integer.compare(aP, bP);
            int ver = v.b(r, FlowFile.IP_VERSION), proto = v.s(r, FlowFile.PROTO), vni = v.i(r, FlowFile.VNI);
            return c <= 0 ? new Key(ver, proto, vni, aHi, aLo, aP, bHi, bLo, bP)
                    : new Key(ver, proto, vni, bHi, bLo, bP, aHi, aLo, aP);
        }
    }

    /** Visits the session's flows ordered by first packet number; returns how many. */
    public static long readAll(SessionStore store, Consumer<FlowRow> sink) throws IOException {
        try {
            return readAll(store.directory(), store.captures(), sink);
        } catch (java.sql.SQLException e) {
            throw new IOException(store.directory() + ": session store error: " + e.getMessage(), e);
        }
    }

    /** Visits the flows of these captures of the session in {@code dir}, ordered by first packet number; returns how many. */
    public static long readAll(Path dir, List<CaptureInfo> captures, Consumer<FlowRow> sink) throws IOException {
        List<FlowFileView> views = new ArrayList<>();
        try {
            for (CaptureInfo c : captures) {
                views.add(FlowFileView.open(dir.resolve(flowFileName(c.id())), c.firstNo()));
            }
            FlowFileWriter.LongSet seen = new FlowFileWriter.LongSet();
            FlowFileWriter.LongSet split = new FlowFileWriter.LongSet();
            for (FlowFileView v : views) {
                for (int r = 0; r < v.records; r++) {
                    long h = v.keyHash(r);
                    if (!seen.addIfAbsent(h)) {
                        split.addIfAbsent(h);
                    }
                }
            }
            Map<Key, List<FlowRow>> fragments = new HashMap<>();
            Map<Key, List<Integer>> events = new HashMap<>();
            if (split.size() > 0) {
                for (FlowFileView v : views) {
                    for (int r : v.order()) {
                        if (split.contains(v.keyHash(r))) {
                            Key k = Key.of(v, r);
                            fragments.computeIfAbsent(k, x -> new ArrayList<>()).add(v.row(r));
                            events.computeIfAbsent(k, x -> new ArrayList<>()).add(v.i(r, FlowFile.TCP_EVENTS));
                        }
                    }
                }
            }
            long n = 0;
            for (FlowFileView v : views) {
                for (int r : v.order()) {
                    if (!split.contains(v.keyHash(r))) {
                        sink.accept(v.row(r));
                        n++;
                        continue;
                    }
                    Key k = Key.of(v, r);
                    List<FlowRow> parts = fragments.get(k);
                    if (parts.size() == 1) {
                        sink.accept(parts.get(0));
                        n++;
                    } else if (parts.get(0).firstNo() == v.firstNo + v.l(r, FlowFile.FIRST_INDEX)) {
                        sink.accept(merge(parts, events.get(k)));
                        n++;
                    }
                }
            }
            return n;
        } finally {
            for (FlowFileView v : views) {
                v.close();
            }
        }
    }

    /**
     * Session numbers of the packets of {@code flows}, ascending. A flow's packets carry in the packet
     * index the capture-relative index of the first packet of their fragment, so the fragments of the
     * wanted keys are found in each capture's flow file and the capture's packet index is scanned for them.
     */
    public static long[] packetNumbers(Path dir, List<CaptureInfo> captures, Collection<FlowRow> flows)
            throws IOException {
        if (flows.isEmpty()) {
            return new long[0];
        }
        Set<String> wanted = new HashSet<>();
        Set<Long> coarse = new HashSet<>();
        for (FlowRow f : flows) {
            wanted.add(identity(f));
            coarse.add(coarseKey(f.proto(), f.vni() == null ? -1 : f.vni(), port(f.aPort()), port(f.bPort())));
        }
        long[] out = new long[64];
        int n = 0;
        for (CaptureInfo c : captures) {
            FlowFileWriter.LongSet starts = new FlowFileWriter.LongSet();
            long firstStart = Long.MAX_VALUE;
            try (FlowFileView v = FlowFileView.open(dir.resolve(flowFileName(c.id())), c.firstNo())) {
                for (int r = 0; r < v.records; r++) {
                    int vni = v.i(r, FlowFile.VNI);
                    if (!coarse.contains(coarseKey(v.s(r, FlowFile.PROTO), vni, v.i(r, FlowFile.A_PORT),
                            v.i(r, FlowFile.B_PORT)))) {
                        continue;
                    }
                    if (wanted.contains(identity(v.row(r)))) {
                        long start = v.l(r, FlowFile.FIRST_INDEX);
                        starts.add(start + 1);
                        firstStart = Math.min(firstStart, start);
                    }
                }
            }
            if (starts.size() == 0) {
                continue;
            }
            try (PacketIndexReader index = new PacketIndexReader(dir.resolve(c.indexFile()))) {
                for (long i = firstStart; i < index.records(); i++) {
                    index.seek(i);
                    long fi = index.flowIndex();
                    if (fi >= 0 && starts.contains(fi + 1)) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = c.firstNo() + i;
                    }
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int port(Integer p) {
        return p == null ? -1 : p;
    }

    /** Protocol, VNI and the two ports in either order: cheap to test before formatting addresses. */
    private static long coarseKey(int proto, int vni, int p1, int p2) {
        int lo = Math.min(p1, p2);
        int hi = Math.max(p1, p2);
        return ((long) proto << 56) ^ ((long) vni << 32) ^ ((long) (lo & 0x1FFFF) << 17) ^ (hi & 0x1FFFF);
    }

    /** A flow's key whichever endpoint is a. */
    private static String identity(FlowRow f) {
        String a = f.a() + "#" + port(f.aPort());
        String b = f.b() + "#" + port(f.bPort());
        boolean aFirst = a.compareTo(b) <= 0;
        return f.proto() + "|" + (f.vni() == null ? -1 : f.vni()) + "|" + (aFirst ? a : b) + "|" + (aFirst ? b : a);
    }

    /** A capture's flow file mapped read-only. */
    private static final class FlowFileView implements java.io.Closeable {
        final long firstNo;
        final int records;
        private final FileChannel channel;
        private final MappedByteBuffer[] windows;

        private FlowFileView(long firstNo, FileChannel channel, long size) throws IOException {
            this.firstNo = firstNo;
            this.channel = channel;
            long recs = size / FlowFile.RECORD_SIZE;
            if (recs > Integer.MAX_VALUE) {
                throw new IOException("flow file with more than 2^31 flows");
            }
            this.records = (int) recs;
            int n = (int) ((recs + WINDOW_RECORDS - 1) / WINDOW_RECORDS);
            windows = new MappedByteBuffer[n];
            for (int w = 0; w < n; w++) {
                long start = w * WINDOW_RECORDS * FlowFile.RECORD_SIZE;
                long len = Math.min(WINDOW_RECORDS, recs - w * WINDOW_RECORDS) * FlowFile.RECORD_SIZE;
                windows[w] = channel.map(FileChannel.MapMode.READ_ONLY, start, len);
                windows[w].order(ByteOrder.LITTLE_ENDIAN);
            }
        }

        static FlowFileView open(Path file, long firstNo) throws IOException {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file + " (the session's flow file is missing)");
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            return new FlowFileView(firstNo, ch, ch.size());
        }

        long l(int r, int field) {
            return windows[(int) (r / WINDOW_RECORDS)].getLong((int) (r % WINDOW_RECORDS) * FlowFile.RECORD_SIZE + field);
        }

        int i(int r, int field) {
            return windows[(int) (r / WINDOW_RECORDS)].getInt((int) (r % WINDOW_RECORDS) * FlowFile.RECORD_SIZE + field);
        }

        int s(int r, int field) {
            return windows[(int) (r / WINDOW_RECORDS)].getShort((int) (r % WINDOW_RECORDS) * FlowFile.RECORD_SIZE + field)
                    & 0xFFFF;
        }

        int b(int r, int field) {
            return windows[(int) (r / WINDOW_RECORDS)].get((int) (r % WINDOW_RECORDS) * FlowFile.RECORD_SIZE + field)
                    & 0xFF;
        }

        long keyHash(int r) {
            return FlowFile.keyHash(b(r, FlowFile.IP_VERSION), s(r, FlowFile.PROTO), i(r, FlowFile.VNI),
                    l(r, FlowFile.A_HI), l(r, FlowFile.A_LO), i(r, FlowFile.A_PORT), l(r, FlowFile.B_HI),
                    l(r, FlowFile.B_LO), i(r, FlowFile.B_PORT));
        }

        /** Record numbers in order of first packet (fragments leave memory in another order). */
        int[] order() {
            long[] keyed = new long[records];
            boolean packable = records < (1 << 24);
            for (int r = 0; r < records && packable; r++) {
                long fi = l(r, FlowFile.FIRST_INDEX);
                packable = fi >= 0 && fi < (1L << 39);
                keyed[r] = fi << 24 | r;
            }
            int[] out = new int[records];
            if (packable) {
                Arrays.sort(keyed);
                for (int r = 0; r < records; r++) {
                    out[r] = (int) (keyed[r] & 0xFF_FFFF);
                }
                return out;
            }
            Integer[] boxed = new Integer[records];
            for (int r = 0; r < records; r++) {
                boxed[r] = r;
            }
            Arrays.sort(boxed, (x, y) -> Long.compare(l(x, FlowFile.FIRST_INDEX), l(y, FlowFile.FIRST_INDEX)));
            for (int r = 0; r < records; r++) {
                out[r] = boxed[r];
            }
            return out;
        }

        FlowRow row(int r) {
            int ver = b(r, FlowFile.IP_VERSION);
            int proto = s(r, FlowFile.PROTO);
            int vni = i(r, FlowFile.VNI);
            int aPort = i(r, FlowFile.A_PORT);
            int bPort = i(r, FlowFile.B_PORT);
            long pab = l(r, FlowFile.PACKETS_AB);
            long pba = l(r, FlowFile.PACKETS_BA);
            long rtt = l(r, FlowFile.RTT_US);
            return new FlowRow(firstNo + l(r, FlowFile.FIRST_INDEX), proto, vni >= 0 ? vni : null,
                    Addresses.format(ver, l(r, FlowFile.A_HI), l(r, FlowFile.A_LO)), aPort >= 0 ? aPort : null,
                    Addresses.format(ver, l(r, FlowFile.B_HI), l(r, FlowFile.B_LO)), bPort >= 0 ? bPort : null,
                    pab, l(r, FlowFile.BYTES_AB), pba, l(r, FlowFile.BYTES_BA), l(r, FlowFile.FIRST_TS),
                    l(r, FlowFile.LAST_TS), proto == 6 ? TcpEvents.state(i(r, FlowFile.TCP_EVENTS), pab, pba) : null,
                    rtt >= 0 ? rtt : null, l(r, FlowFile.RETRANSMITS));
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Fragments in first-packet order; the first one decides which endpoint is a. */
    static FlowRow merge(List<FlowRow> parts, List<Integer> partEvents) {
        FlowRow first = parts.get(0);
        long pab = 0, bab = 0, pba = 0, bba = 0, retr = 0;
        int tcpEvents = 0;
        int i = 0;
        long firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE;
        Long rtt = null;
        for (FlowRow p : parts) {
            boolean same = p.a().equals(first.a()) && java.util.Objects.equals(p.aPort(), first.aPort());
            pab += same ? p.packetsAb() : p.packetsBa();
            bab += same ? p.bytesAb() : p.bytesBa();
            pba += same ? p.packetsBa() : p.packetsAb();
            bba += same ? p.bytesBa() : p.bytesAb();
            firstTs = Math.min(firstTs, p.firstTsNs());
            lastTs = Math.max(lastTs, p.lastTsNs());
            retr += p.retransmits();
            int ev = partEvents.get(i++);
            tcpEvents |= same ? ev : TcpEvents.swap(ev);
            if (rtt == null) {
                rtt = p.rttUs();
            }
        }
        String state = first.proto() == 6 ? TcpEvents.state(tcpEvents, pab, pba) : null;
        return new FlowRow(first.firstNo(), first.proto(), first.vni(), first.a(), first.aPort(), first.b(),
                first.bPort(), pab, bab, pba, bba, firstTs, lastTs, state, rtt, retr);
    }

}
