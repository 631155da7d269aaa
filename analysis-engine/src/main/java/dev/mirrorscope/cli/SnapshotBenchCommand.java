package dev.mirrorscope.cli;

import dev.mirrorscope.engine.reach.access.AccessAnalyzer;
import dev.mirrorscope.engine.reach.access.AccessReport;
import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.analysis.ReachabilityAnalyzer;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import dev.mirrorscope.engine.reach.synthetic.SyntheticSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks reachability on a synthetic snapshot (see `snapshot generate`):",
                "loading it, single questions of every kind (internet to a public server, NAT",
                "egress, across the transit gateway and peering, to S3 through the gateway",
                "endpoint, any-port questions from interfaces and from the internet) answered in",
                "memory as the workstation does, and the internet-exposure scan of every",
                "interface. Each is run --runs times and the best is reported with the rest;",
                "BENCHMARKS.md records the figures."})
final class SnapshotBenchCommand implements Callable<Integer> {
    @Option(names = "--interfaces", paramLabel = "N", description = "Interfaces in the snapshot (default 5000).")
    int interfaces = 5000;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
    long seed = 42;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the snapshot goes (default target/reach-bench).")
    Path dir = Path.of("target", "reach-bench");

    @Option(names = "--questions", paramLabel = "N", description = "Questions per run (default 300).")
    int questions = 300;

    @Option(names = "--runs", paramLabel = "N", description = "Runs of each measurement (default 5).")
    int runs = 5;

    @Option(names = "--threads", paramLabel = "N", description = "Workers for the scan (default: cores).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, max heap %d MB%n", cores,
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        Path snap = dir.resolve("snapshot-" + interfaces + "-" + seed);
        long t = System.nanoTime();
        SyntheticSnapshot.Summary sum = SyntheticSnapshot.write(snap, interfaces, seed);
        out.printf(Locale.ROOT, "generated %s: %d VPCs, %d interfaces (%d public) in %.2f s%n", snap, sum.vpcs(),
                sum.interfaces(), sum.publicInterfaces().size(), secs(t));

        double[] loads = new double[runs];
        Snapshot s = null;
        for (int r = 0; r < runs; r++) {
            t = System.nanoTime();
            s = SnapshotReader.read(snap);
            loads[r] = secs(t);
        }
        out.printf(Locale.ROOT, "load (parse + index): best %.3f s of %s%n", min(loads), list(loads, "%.3f"));

        ReachabilityAnalyzer a = new ReachabilityAnalyzer(s);
        List<Query> qs = questions(sum, questions);
        int reachable = 0;
        for (Query q : qs) { // warm-up: the first questions pay for class loading and compilation
            reachable += a.analyze(q).reachable() ? 1 : 0;
        }
        double[] perQuestionBest = new double[qs.size()];
        Arrays.fill(perQuestionBest, Double.MAX_VALUE);
        double[] runTotals = new double[runs];
        for (int r = 0; r < runs; r++) {
            long runStart = System.nanoTime();
            for (int i = 0; i < qs.size(); i++) {
                long q0 = System.nanoTime();
                AnalysisResult res = a.analyze(qs.get(i));
                double ms = (System.nanoTime() - q0) / 1e6;
                perQuestionBest[i] = Math.min(perQuestionBest[i], ms);
                if (res == null) {
                    throw new IllegalStateException();
                }
            }
            runTotals[r] = secs(runStart);
        }
        double[] sorted = perQuestionBest.clone();
        Arrays.sort(sorted);
        int worst = 0;
        for (int i = 1; i < perQuestionBest.length; i++) {
            if (perQuestionBest[i] > perQuestionBest[worst]) {
                worst = i;
            }
        }
        out.printf(Locale.ROOT, "questions: %d (%d reachable), each the best of %d runs: median %.3f ms, p99 %.3f ms,"
                + " max %.3f ms (%s -> %s %s %s); runs took %s s%n", qs.size(), reachable, runs,
                sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
                sorted[sorted.length - 1], qs.get(worst).source(), qs.get(worst).destination(),
                qs.get(worst).protocol().label(), qs.get(worst).port() == null ? "any port" : qs.get(worst).port(),
                list(runTotals, "%.3f"));

        int n = threads != null ? threads : cores;
        for (int th : n == 1 ? new int[] {1} : new int[] {n, 1}) {
            double[] scans = new double[runs];
            AccessReport rep = null;
            for (int r = 0; r < runs; r++) {
                t = System.nanoTime();
                rep = new AccessAnalyzer(s).analyze(EnumSet.of(AccessAnalyzer.Scope.INTERNET,
                        AccessAnalyzer.Scope.ADMIN), th);
                scans[r] = secs(t);
            }
            out.printf(Locale.ROOT, "internet-exposure scan of %d interfaces, %d thread%s: best %.2f s of %s s;"
                    + " %d exposed, %d admin findings%n", rep.interfaces(), th, th == 1 ? "" : "s", min(scans),
                    list(scans, "%.2f"), rep.internetExposed().size(), rep.adminExposed().size());
        }
        out.flush();
        return 0;
    }

    /** A fixed mix of question kinds over the generated interfaces. */
    static List<Query> questions(SyntheticSnapshot.Summary s, int n) {
        List<Query> out = new ArrayList<>();
        List<String> pub = s.publicInterfaces();
        List<String> priv = s.privateInterfaces();
        for (int i = 0; out.size() < n; i++) {
            int pi = (int) Math.floorMod(i * 7919L, (long) pub.size());
            String p = pub.get(pi);
            String q = priv.get((int) Math.floorMod(i * 104729L, (long) priv.size()));
            String q2 = priv.get((int) Math.floorMod(i * 15485863L + 17, (long) priv.size()));
            // Public interfaces are listed VPC by VPC, in the order of the gateways.
            String igw = s.internetGateways().get((int) ((long) pi * s.internetGateways().size() / pub.size()));
            switch (i % 7) {
                case 0 -> out.add(new Query("198.51.100." + (1 + i % 250), p, Protocol.TCP, 443));
                case 1 -> out.add(new Query(q, "93.184.216.34", Protocol.TCP, 443));
                case 2 -> out.add(new Query(q, q2, Protocol.TCP, 5432));
                case 3 -> out.add(new Query(igw, p, Protocol.TCP, 22));
                case 4 -> out.add(new Query(q, "52.216.8.10", Protocol.TCP, 443));
                case 5 -> out.add(new Query(p, q, Protocol.TCP, null));
                default -> out.add(new Query(igw, p, Protocol.TCP, null));
            }
        }
        return out;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static String list(double[] v, String fmt) {
        List<String> parts = new ArrayList<>();
        for (double d : v) {
            parts.add(String.format(Locale.ROOT, fmt, d));
        }
        return String.join(" / ", parts);
    }
}
