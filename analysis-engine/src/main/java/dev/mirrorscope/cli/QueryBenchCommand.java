package dev.mirrorscope.cli;

import dev.mirrorscope.engine.query.QueryBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench-query", mixinStandardHelpOptions = true,
        description = {"The flow-log query benchmark (BENCHMARKS.md): generates version-2 records in DuckDB,",
                "then times each seed query through the query engine and DuckDB's hand-written equivalent,",
                "alternating on one connection; prints every run and the best of each."})
final class QueryBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", description = "Records to generate (default 10,000,000).")
    long rows = 10_000_000;

    @Option(names = "--runs", paramLabel = "N", description = "Runs of each query each way (default 5).")
    int runs = 5;

    @Option(names = "--dir", paramLabel = "DIR", description = "Keep the generated session here and reuse it"
            + " (default: a temporary directory, deleted afterwards).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path d = dir != null ? dir : Files.createTempDirectory("mirrorscope-bench-query");
        try {
            QueryBenchmark.generate(d, rows, m -> err.println(m));
            List<QueryBenchmark.Timing> t = QueryBenchmark.run(d, runs, m -> err.println(m));
            out.printf("%-105s  %10s  %10s  %6s%n", "query (" + String.format("%,d", rows) + " records, best of "
                    + runs + ")", "engine", "DuckDB SQL", "ratio");
            for (QueryBenchmark.Timing x : t) {
                out.printf("%-105s  %8.3f s  %8.3f s  %5.2fx%n", x.benchCase().query(), x.engineBest(),
                        x.duckdbBest(), x.ratio());
            }
            out.flush();
        } finally {
            if (dir == null) {
                try (Stream<Path> files = Files.walk(d)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }
}
