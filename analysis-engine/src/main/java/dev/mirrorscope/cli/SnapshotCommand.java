package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirrorscope.engine.reach.snapshot.Ec2Clients;
import dev.mirrorscope.engine.reach.snapshot.SnapshotCapture;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ec2.Ec2Client;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Configuration snapshots for `reach` and `access`: a directory of AWS CLI JSON",
                "output, one file per describe call (describe-vpcs.json, describe-subnets.json,",
                "...)."},
        subcommands = {SnapshotCommand.Capture.class, SnapshotGenerateCommand.class, SnapshotBenchCommand.class})
final class SnapshotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (capture, generate,"
                + " bench)");
    }

    @Command(name = "capture", mixinStandardHelpOptions = true,
            description = {"Makes a snapshot through the EC2 API: every page of DescribeVpcs,",
                    "DescribeSubnets, DescribeRouteTables, DescribeSecurityGroups,",
                    "DescribeNetworkAcls, DescribeNetworkInterfaces, DescribeInstances,",
                    "DescribeInternetGateways, DescribeNatGateways, DescribeVpcPeeringConnections,",
                    "DescribeTransitGateways, DescribeTransitGatewayAttachments,",
                    "DescribeTransitGatewayRouteTables, DescribeVpcEndpoints and",
                    "DescribeManagedPrefixLists, then GetManagedPrefixListEntries for every prefix",
                    "list and SearchTransitGatewayRoutes (active and blackhole) for every transit",
                    "gateway route table. Each is written in the shape `aws ec2 ... --output json`",
                    "prints, so directories made either way load alike. Needs only read-only EC2",
                    "permissions (ec2:Describe*, ec2:GetManagedPrefixListEntries,",
                    "ec2:SearchTransitGatewayRoutes). Credentials: --profile, else the default chain",
                    "(environment, ~/.aws, instance role). --format json prints {\"directory\",",
                    "\"files\": {FILE: ITEMS}, \"api_calls\", \"seconds\"}."})
    static final class Capture implements Callable<Integer> {
        @Option(names = "--region", required = true, paramLabel = "REGION", description = "AWS Region, e.g. us-east-1.")
        String region;

        @Option(names = "--profile", paramLabel = "NAME", description = "Named profile from ~/.aws.")
        String profile;

        @Option(names = "--endpoint-url", paramLabel = "URL",
                description = "Send EC2 calls here instead (a VPC endpoint or a test server).")
        String endpoint;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Snapshot directory to write.")
        Path out;

        @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
        String format = "table";

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            boolean json = Output.machine(spec, format, "json");
            URI uri = null;
            if (endpoint != null) {
                try {
                    uri = new URI(endpoint);
                } catch (URISyntaxException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--endpoint-url: " + e.getMessage());
                }
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--endpoint-url must be an absolute URL like https://ec2.us-east-1.amazonaws.com");
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            long t = System.nanoTime();
            SnapshotCapture.Result r;
            try (Ec2Client ec2 = Ec2Clients.create(region, profile, uri)) {
                r = new SnapshotCapture(ec2, out, line -> {
                    err.println(line);
                    err.flush();
                }).run();
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            ReachCommand.warn(err, r.warnings());
            PrintWriter o = spec.commandLine().getOut();
            Map<String, Integer> files = new TreeMap<>(r.resources());
            if (json) {
                JsonGenerator g = Formats.json(o);
                g.writeStartObject();
                g.writeStringField("directory", out.toString());
                g.writeObjectFieldStart("files");
                for (Map.Entry<String, Integer> e : files.entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeNumberField("api_calls", r.apiCalls());
                g.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
                g.writeEndObject();
                g.close();
                o.println();
            } else {
                o.printf(Locale.ROOT, "snapshot of %s written to %s: %d files, %d API calls, %.1f s%n", region, out,
                        files.size(), r.apiCalls(), seconds);
            }
            o.flush();
            return 0;
        }
    }
}
