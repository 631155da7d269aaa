package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirrorscope.engine.reach.access.AccessAnalyzer;
import dev.mirrorscope.engine.reach.access.AccessJson;
import dev.mirrorscope.engine.reach.access.AccessReport;
import dev.mirrorscope.engine.reach.access.AdminExposure;
import dev.mirrorscope.engine.reach.access.CrossVpcPath;
import dev.mirrorscope.engine.reach.access.Exposure;
import dev.mirrorscope.engine.reach.access.InternetExposure;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "access", mixinStandardHelpOptions = true,
        description = {"Network Access Analyzer-style findings over a whole snapshot, each traced by",
                "the same analyzer as `reach` (both directions, every security group, network",
                "ACL, route and gateway):",
                "  internet   interfaces the internet can reach, on which protocols and ports",
                "  admin      administrative and database ports (22, 3389, 1433, 1521, 3306,",
                "             5432, 6379, 27017, ...) reachable from the internet, or opened",
                "             to 0.0.0.0/0 or ::/0 by a security group rule",
                "  cross-vpc  routes carrying traffic into another VPC through peering or a",
                "             transit gateway",
                "",
                "--format json prints one object:",
                "  internet_exposed: [{interface, name, instance, vpc, subnet, public_ips,",
                "      internet_gateway, security_groups, exposures: [{protocol",
                "      (tcp|udp|icmp|icmpv6), ip_version (4|6), ports (\"22,443\"; null for",
                "      ICMP echo), port_ranges ([[from, to], ...]; null for ICMP), sources",
                "      (security group CIDRs or prefix lists admitting it), open_to_world}]}]",
                "  admin_exposed: [{interface, name, instance, vpc, protocol, port, service,",
                "      reachable_from_internet, sources, world_open_groups}]",
                "  cross_vpc_paths: [{from_vpc, to_vpc, type (VPC_PEERING_CONNECTION or",
                "      TRANSIT_GATEWAY), via, destination, route_tables, subnets, status",
                "      (\"active\" when usable), return_route, from_interfaces, to_interfaces}]",
                "  summary: {interfaces, vpcs, internet_exposed, admin_exposed,",
                "      admin_reachable_from_internet, cross_vpc_paths}",
                "Sections not asked for by --scope are empty lists. Only what the snapshot",
                "describes is analysed: load balancers in front of private interfaces are not",
                "modelled."})
final class AccessCommand implements Callable<Integer> {
    @Option(names = "--snapshot", required = true, paramLabel = "DIR", description = "Snapshot directory.")
    Path snapshot;

    @Option(names = "--scope", split = ",", paramLabel = "SCOPE",
            description = "internet, admin, cross-vpc (comma-separated; default all).")
    List<String> scope;

    @Option(names = "--threads", paramLabel = "N", description = "Workers for the internet scan (default: cores).")
    Integer threads;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format = "table";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean json = Output.machine(spec, format, "json");
        Set<AccessAnalyzer.Scope> scopes = EnumSet.noneOf(AccessAnalyzer.Scope.class);
        if (scope == null || scope.isEmpty()) {
            scopes = EnumSet.allOf(AccessAnalyzer.Scope.class);
        } else {
            for (String sc : scope) {
                switch (sc.trim().toLowerCase(Locale.ROOT)) {
                    case "internet" -> scopes.add(AccessAnalyzer.Scope.INTERNET);
                    case "admin" -> scopes.add(AccessAnalyzer.Scope.ADMIN);
                    case "cross-vpc" -> scopes.add(AccessAnalyzer.Scope.CROSS_VPC);
                    case "all" -> scopes.addAll(EnumSet.allOf(AccessAnalyzer.Scope.class));
                    default -> throw new CommandLine.ParameterException(spec.commandLine(),
                            "--scope takes internet, admin, cross-vpc or all, not '" + sc + "'");
                }
            }
        }
        int n = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        Snapshot snap = SnapshotReader.read(snapshot);
        ReachCommand.warn(spec.commandLine().getErr(), snap.warnings());
        long t = System.nanoTime();
        AccessReport r = new AccessAnalyzer(snap).analyze(scopes, n);
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "mirrorscope: analysed %,d interfaces in %.2f s%n", r.interfaces(),
                (System.nanoTime() - t) / 1e9);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonGenerator g = Formats.json(out);
            AccessJson.write(g, r);
            g.close();
            out.println();
        } else {
            print(out, r, scopes);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, AccessReport r, Set<AccessAnalyzer.Scope> scopes) {
        if (scopes.contains(AccessAnalyzer.Scope.INTERNET)) {
            out.printf("Reachable from the internet: %d of %d interfaces%n", r.internetExposed().size(), r.interfaces());
            for (InternetExposure x : r.internetExposed()) {
                StringBuilder what = new StringBuilder();
                for (Exposure e : x.exposures()) {
                    if (what.length() > 0) {
                        what.append("; ");
                    }
                    what.append(e.protocol()).append(e.ports() == null ? "" : " " + e.ports()).append(" from ")
                            .append(String.join(",", e.sources()));
                }
                out.printf("  %-22s %-20s %-16s %s%n", x.interfaceId(), x.name() == null ? "" : x.name(),
                        String.join(",", x.publicAddresses()), what);
            }
        }
        if (scopes.contains(AccessAnalyzer.Scope.ADMIN)) {
            out.printf("%nAdministrative and database ports: %d%n", r.adminExposed().size());
            for (AdminExposure a : r.adminExposed()) {
                out.printf("  %-22s %-20s tcp %-5d %-13s %s from %s%n", a.interfaceId(), a.name() == null ? ""
                        : a.name(), a.port(), a.service(), a.reachableFromInternet() ? "REACHABLE"
                        : "open rule, not reachable", String.join(",", a.sources()));
            }
        }
        if (scopes.contains(AccessAnalyzer.Scope.CROSS_VPC)) {
            out.printf("%nPaths across VPC boundaries: %d%n", r.crossVpcPaths().size());
            for (CrossVpcPath p : r.crossVpcPaths()) {
                out.printf("  %-22s -> %-22s %-18s via %s  %s%s%n", p.fromVpc(), p.toVpc() == null ? "?" : p.toVpc(),
                        p.destination(), String.join(" > ", p.via()), p.status(), p.returnRoute() ? ""
                        : " (no return route)");
            }
        }
    }
}
