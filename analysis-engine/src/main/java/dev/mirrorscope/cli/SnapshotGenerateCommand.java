package dev.mirrorscope.cli;

import dev.mirrorscope.engine.reach.synthetic.SyntheticSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic snapshot (the same for the same size and seed): one VPC per",
                "500 interfaces on a transit gateway, three zones of public, app, data and",
                "transit subnets, internet and NAT gateways, an S3 gateway endpoint, strict",
                "network ACLs on the data tier, security groups referring to groups, prefix",
                "lists and CIDRs, neighbouring VPCs peered. For benchmarks and demos."})
final class SnapshotGenerateCommand implements Callable<Integer> {
    @Option(names = "--interfaces", paramLabel = "N", description = "Network interfaces (default 5000).")
    int interfaces = 5000;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
    long seed = 42;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Snapshot directory to write.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (interfaces < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--interfaces must be at least 1");
        }
        SyntheticSnapshot.Summary s = SyntheticSnapshot.write(out, interfaces, seed);
        spec.commandLine().getOut().printf("wrote %s: %d VPCs, %d interfaces (%d public)%n", out, s.vpcs(),
                s.interfaces(), s.publicInterfaces().size());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
