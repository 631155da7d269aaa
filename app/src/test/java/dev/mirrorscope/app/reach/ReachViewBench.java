package dev.mirrorscope.app.reach;

import dev.mirrorscope.app.common.UiTaskExecutor;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the path and access views cost on a snapshot, through their view models (work runs on the calling thread):
 * loading (read, endpoint catalog, picker index), one completion per keystroke, one analysis with its hop rows,
 * and the access analysis. Best of {@code runs}. {@code scripts/reach-view-bench.sh SNAPSHOT_DIR [RUNS]}.
 */
public final class ReachViewBench {
    private static final String[] TYPED = {"w", "we", "web", "web-", "web-3", "web-3-", "web-3-1", "10.3", "10.3.1",
            "db-7-4"};

    private ReachViewBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double load = Double.MAX_VALUE;
        double key = Double.MAX_VALUE;
        double ask = Double.MAX_VALUE;
        double access = Double.MAX_VALUE;
        String verdict = null;
        String findings = null;
        for (int run = 0; run < runs; run++) {
            ReachViewModel m = new ReachViewModel(UiTaskExecutor.direct());
            long t0 = System.nanoTime();
            m.loadSnapshot(dir);
            long t1 = System.nanoTime();
            if (m.error().get() != null) {
                throw new IllegalStateException(m.error().get());
            }
            int found = 0;
            for (int k = 0; k < 50; k++) {
                for (String s : TYPED) {
                    found += m.complete(s).size();
                }
            }
            long t2 = System.nanoTime();
            m.source().set("web-0-0");
            m.destination().set("db-3-4");
            m.port().set("5432");
            long t3 = System.nanoTime();
            m.analyze();
            long t4 = System.nanoTime();
            verdict = m.verdictTitle().get() + ", " + m.hops().size() + " hops";
            AccessViewModel a = new AccessViewModel(UiTaskExecutor.direct(), m);
            long t5 = System.nanoTime();
            a.run();
            long t6 = System.nanoTime();
            findings = a.summary().get();
            load = Math.min(load, (t1 - t0) / 1e6);
            key = Math.min(key, (t2 - t1) / 1e3 / (50.0 * TYPED.length));
            ask = Math.min(ask, (t4 - t3) / 1e6);
            access = Math.min(access, (t6 - t5) / 1e6);
            if (found == 0) {
                throw new IllegalStateException("no completions");
            }
        }
        System.out.printf(Locale.ROOT, "snapshot load (read, catalog, picker index): %.0f ms%n", load);
        System.out.printf(Locale.ROOT, "completion per keystroke: %.0f us%n", key);
        System.out.printf(Locale.ROOT, "one analysis with hop rows (web-0-0 -> db-3-4 tcp 5432): %.1f ms (%s)%n", ask,
                verdict);
        System.out.printf(Locale.ROOT, "access analysis (%d threads): %.0f ms (%s)%n",
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1), access, findings);
        System.out.printf(Locale.ROOT, "best of %d runs%n", runs);
    }
}
