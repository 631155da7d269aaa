package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.StoredPacket;
import dev.mirrorscope.engine.SessionSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark, not a test (scripts/bench-details.sh runs it): on an ingested session, the time to read one
 * packet again and take it apart (what the details pane waits for), taking apart alone, and Follow Stream
 * of TCP conversations. Prints one line per figure; the best of several runs is the figure to report.
 */
public final class DetailsBench {
    private DetailsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        try (Session s = Session.open(dir)) {
            SessionSummary summary = s.summary();
            long packets = summary.packets();
            PacketDissector dissector = new PacketDissector(s.decodeOptions());
            SplittableRandom random = new SplittableRandom(42);
            for (int warm = 0; warm < 200; warm++) {
                dissector.dissect(s.packet(1 + random.nextLong(packets)).orElseThrow());
            }
            long[] load = new long[samples];
            long[] dissectOnly = new long[samples];
            List<Long> tcpPackets = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long no = 1 + random.nextLong(packets);
                long t0 = System.nanoTime();
                StoredPacket p = s.packet(no).orElseThrow();
                Dissection d = dissector.dissect(p);
                long t1 = System.nanoTime();
                for (int k = 0; k < 20; k++) {
                    dissector.dissect(p);
                }
                long t2 = System.nanoTime();
                load[i] = t1 - t0;
                dissectOnly[i] = (t2 - t1) / 20;
                if (!d.find("tcp.payload").isEmpty() && tcpPackets.size() < 5) {
                    tcpPackets.add(no);
                }
            }
            System.out.printf(Locale.ROOT, "session: %,d packets, %,d flows%n", packets, summary.flows());
            System.out.printf(Locale.ROOT, "details (read again + dissect), %d random packets: median %.3f ms, p99 %.3f ms%n",
                    samples, pct(load, 50) / 1e6, pct(load, 99) / 1e6);
            System.out.printf(Locale.ROOT, "dissect alone: median %.1f µs, p99 %.1f µs%n", pct(dissectOnly, 50) / 1e3,
                    pct(dissectOnly, 99) / 1e3);
            StreamFollower follower = new StreamFollower(s.decodeOptions());
            for (long no : tcpPackets) {
                long best = Long.MAX_VALUE;
                Conversation c = null;
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    c = follower.follow(s, no);
                    best = Math.min(best, System.nanoTime() - t0);
                }
                System.out.printf(Locale.ROOT, "follow packet %d: %s, %d packets, %,d + %,d bytes: best of 3 %.0f ms%n", no,
                        c.key(), c.packets(), c.bytes(FlowKey.A_TO_B), c.bytes(FlowKey.B_TO_A), best / 1e6);
            }
        }
    }

    private static long pct(long[] v, int p) {
        long[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }
}
