package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirrorscope.engine.reach.analysis.AnalysisJson;
import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.Explanation;
import dev.mirrorscope.engine.reach.analysis.Hop;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.analysis.ReachabilityAnalyzer;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reach", mixinStandardHelpOptions = true,
        description = {"Can the source reach the destination? Answers from a configuration snapshot,",
                "offline, as VPC Reachability Analyzer does: the forward and the return path hop",
                "by hop with the rule or route used at every security group, network ACL and",
                "route table, and when blocked every blocking component with its Reachability",
                "Analyzer explanation code (ENI_SG_RULES_MISMATCH, SUBNET_ACL_RESTRICTION,",
                "NO_ROUTE_TO_DESTINATION, IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, ...), the first",
                "one first.",
                "",
                "Source and destination: a network interface (eni-), an instance (i-), an",
                "internet gateway (igw-, meaning any internet address through it) or an IP",
                "address (private, public, on the internet). Without --port the question is",
                "whether any port gets through (one port of each kind the rules tell apart is",
                "tried); the client's source port is any of 1024-65535 unless --source-port is",
                "given. ICMP means an echo request and its reply.",
                "",
                "--format json prints {\"reachable\", \"forward\": [HOP], \"return\": [HOP],",
                "\"explanations\": [EXPL]}, HOP = {\"type\", \"id\", \"detail\"}, EXPL =",
                "{\"code\", \"component\", \"direction\", \"detail\"}. Exit code 0 whether",
                "reachable or not; 1 when the snapshot cannot be read."})
final class ReachCommand implements Callable<Integer> {
    @Option(names = "--snapshot", required = true, paramLabel = "DIR",
            description = "Snapshot directory (describe-*.json files; see `snapshot capture`).")
    Path snapshot;

    @Option(names = "--source", required = true, paramLabel = "ID_OR_IP", description = "eni-, i-, igw- or an IP.")
    String source;

    @Option(names = "--destination", required = true, paramLabel = "ID_OR_IP",
            description = "eni-, i-, igw- or an IP.")
    String destination;

    @Option(names = "--protocol", paramLabel = "PROTO", description = "tcp (default), udp or icmp.")
    String protocol = "tcp";

    @Option(names = "--port", paramLabel = "N", description = "Destination port (tcp, udp); omitted: any port.")
    Integer port;

    @Option(names = "--source-port", paramLabel = "N",
            description = "The client's source port (default: any ephemeral port, 1024-65535).")
    Integer sourcePort;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format = "table";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean json = Output.machine(spec, format, "json");
        Protocol proto;
        try {
            proto = Protocol.parse(protocol);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--protocol must be tcp, udp or icmp, not '" + protocol + "'");
        }
        Query q;
        try {
            q = new Query(source, destination, proto, port, sourcePort);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Snapshot snap = SnapshotReader.read(snapshot);
        warn(spec.commandLine().getErr(), snap.warnings());
        AnalysisResult r;
        try {
            r = new ReachabilityAnalyzer(snap).analyze(q);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonGenerator g = Formats.json(out);
            AnalysisJson.write(g, r);
            g.close();
            out.println();
        } else {
            print(out, r);
        }
        out.flush();
        return 0;
    }

    static void warn(PrintWriter err, List<String> warnings) {
        for (String w : warnings) {
            err.println("mirrorscope: warning: " + w);
        }
        err.flush();
    }

    private static void print(PrintWriter out, AnalysisResult r) {
        Query q = r.query();
        String port = q.protocol().hasPorts() ? (r.port() == null ? "any port" : "port " + r.port()) : "echo";
        out.printf("%s  %s -> %s  %s %s%n", r.reachable() ? "REACHABLE" : "NOT REACHABLE", endpoint(q.source(),
                r.sourceAddress()), endpoint(q.destination(), r.destinationAddress()), q.protocol().label(), port);
        table(out, "Forward path", r.forward());
        table(out, "Return path", r.returnPath());
        if (!r.explanations().isEmpty()) {
            out.println();
            out.println("Blocked by:");
            for (Explanation e : r.explanations()) {
                out.printf("  %-38s %-26s %-8s %s%s%n", e.code(), e.component(), e.direction() == null ? "-"
                        : e.direction(), e.leg() == Explanation.Leg.RETURN ? "return path: " : "", e.detail());
            }
        }
    }

    private static String endpoint(String given, String address) {
        return address == null || address.equals(given) ? given : given + " (" + address + ")";
    }

    private static void table(PrintWriter out, String title, List<Hop> hops) {
        if (hops.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + ":");
        int n = 1;
        for (Hop h : hops) {
            String name = h.name() == null ? "" : h.name();
            out.printf("  %2d %s %-27s %-24s %-18s %s%n", n++, h.blocked() ? "x" : " ", h.type(), h.id(), name,
                    h.summary());
        }
    }
}
