package dev.mirrorscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.SessionSummary;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks ingest against tshark on a generated VXLAN mirror capture.",
                "Generates the capture once (kept in --dir), ingests it in a fresh JVM exactly as",
                "`mirrorscope ingest` does (wall time includes JVM start), checks that packets, flows and",
                "rollups are queryable, and times `tshark -q -z conv,tcp` on the same file when tshark is",
                "installed. Figures go to stdout; BENCHMARKS.md records them."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--packets", paramLabel = "N", description = "Packets in the capture (default 1000000).")
    long packets = 1_000_000;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the capture and sessions go"
            + " (default: target/bench).")
    Path dir = Path.of("target", "bench");

    @Option(names = "--runs", paramLabel = "N", description = "Ingest runs (default 3); the best and all are shown.")
    int runs = 3;

    @Option(names = "--xmx", paramLabel = "SIZE", description = "Heap of the ingest JVM, e.g. 512m (default: the JVM's).")
    String xmx;

    @Option(names = "--threads", paramLabel = "N", description = "Ingest threads (default: one per core).")
    Integer threads;

    @Option(names = "--no-tshark", description = "Skip the tshark comparison.")
    boolean noTshark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        Path capture = dir.resolve("vxlan-" + packets + ".pcap");
        if (!Files.exists(capture)) {
            long t = System.nanoTime();
            GenerateCommand.write(capture, true, packets, 0, 1);
            out.printf(Locale.ROOT, "generated %s in %.1f s%n", capture, (System.nanoTime() - t) / 1e9);
        }
        long size = Files.size(capture);
        out.printf(Locale.ROOT, "capture: %s, %,d packets, %,d bytes (%.0f MB)%n", capture, packets, size, size / 1e6);
        out.printf(Locale.ROOT, "ingest through: %s%n", System.getenv("MIRRORSCOPE_LAUNCHER") != null
                ? "the ./mirrorscope launcher" : "java directly");
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        warmPageCache(capture);
        List<Double> walls = new ArrayList<>();
        Path session = dir.resolve("session");
        for (int r = 0; r < runs; r++) {
            deleteTree(session);
            // Through the launcher when there is one, so the figure is what `mirrorscope ingest` costs.
            String launcher = System.getenv("MIRRORSCOPE_LAUNCHER");
            List<String> cmd = new ArrayList<>();
            if (launcher != null && Files.isExecutable(Path.of(launcher))) {
                cmd.add(launcher);
            } else {
                cmd.add(javaBinary());
                if (xmx != null) {
                    cmd.add("-Xmx" + xmx);
                }
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            }
            cmd.addAll(List.of("ingest", capture.toString(), "--session", session.toString(), "--format", "json"));
            if (threads != null) {
                cmd.addAll(List.of("--threads", threads.toString()));
            }
            long t = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (xmx != null) {
                pb.environment().put("MIRRORSCOPE_JAVA_OPTS", "-Xmx" + xmx);
                pb.environment().remove("JAVA_OPTS");
            }
            Process p = pb.start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            double wall = (System.nanoTime() - t) / 1e9;
            if (code != 0) {
                throw new IOException("ingest run failed with exit code " + code);
            }
            JsonNode j = new ObjectMapper().readTree(json);
            walls.add(wall);
            out.printf(Locale.ROOT, "ingest run %d: %.2f s wall (JVM start included), %.2f s inside; %,d packets, %,d flows%n",
                    r + 1, wall, j.get("seconds").asDouble(), j.get("packets").asLong(), j.get("flows").asLong());
        }
        double best = walls.stream().min(Comparator.naturalOrder()).orElseThrow();
        try (Session s = Session.open(session)) {
            long t = System.nanoTime();
            SessionSummary sum = s.summary();
            long[] flows = {0};
            s.flows(f -> flows[0]++);
            long[] rows = {0};
            s.packets(sum.packets() / 2, 1000, p -> rows[0]++);
            out.printf(Locale.ROOT, "session reopened and queried (summary, all %,d flows, 1000 packets from the middle)"
                    + " in %.2f s%n", flows[0], (System.nanoTime() - t) / 1e9);
        }
        if (!noTshark) {
            tshark(out, capture, best);
        }
        out.flush();
        return 0;
    }

    private void tshark(PrintWriter out, Path capture, double best) throws IOException, InterruptedException {
        String tshark = findOnPath("tshark");
        if (tshark == null) {
            out.println("tshark: not installed, no comparison (Debian: apt-get install -y tshark)");
            return;
        }
        long t = System.nanoTime();
        Process p = new ProcessBuilder(tshark, "-q", "-z", "conv,tcp", "-r", capture.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            out.println("tshark: gave up after 30 minutes");
            return;
        }
        double wall = (System.nanoTime() - t) / 1e9;
        out.printf(Locale.ROOT, "tshark -q -z conv,tcp: %.2f s wall (exit %d); Mirrorscope best ingest %.2f s: %.1fx faster%n",
                wall, p.exitValue(), best, wall / best);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String findOnPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static void warmPageCache(Path file) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            while (in.read(buf) > 0) {
                // read once so every run, ours and tshark's, starts from the page cache
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
