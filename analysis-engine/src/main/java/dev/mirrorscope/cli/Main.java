package dev.mirrorscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code mirrorscope} command line: thin commands that parse, call the engine, print. Exit codes
 * per the contract: 0 success, 1 bad input or failed work (one line on stderr), 2 usage error.
 */
@Command(name = "mirrorscope", mixinStandardHelpOptions = true, version = "Mirrorscope 0.1.0",
        description = "Packets, flows and configuration of AWS networks in one session.",
        subcommands = {IngestCommand.class, PacketsCommand.class, FlowsCommand.class, GenerateCommand.class,
                BenchCommand.class, QueryCommand.class, QueryBenchCommand.class, ReachCommand.class,
                SnapshotCommand.class, AccessCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (main.debug) {
                ex.printStackTrace(err);
            }
            err.println("mirrorscope: " + oneLine(ex));
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank() || !(t instanceof IOException || t instanceof IllegalArgumentException)) {
            m = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
