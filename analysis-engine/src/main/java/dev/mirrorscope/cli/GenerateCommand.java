package dev.mirrorscope.cli;

import dev.mirrorscope.engine.capture.CaptureWriter;
import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.capture.PcapWriter;
import dev.mirrorscope.engine.capture.PcapngWriter;
import dev.mirrorscope.engine.sample.MirrorTrafficGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic VPC Traffic Mirroring capture (VXLAN, one VNI per mirror session).",
                "--kind sample: a realistic mix of TCP (handshakes, FIN, refusals, resets, retransmissions), HTTP,",
                "TLS with SNI, DNS, ICMP and ICMP errors, IPv6, Geneve from a Gateway Load Balancer and ERSPAN;",
                "--kind bulk: --packets packets of VXLAN-mirrored TCP conversations, for benchmarks.",
                "The format follows the name: .pcapng or .pcap, with .gz for gzip. Deterministic for a --seed."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Capture to write.")
    Path out;

    @Option(names = "--kind", paramLabel = "KIND", description = "sample (default) or bulk.")
    String kind = "sample";

    @Option(names = "--packets", paramLabel = "N", description = "Packets for --kind bulk (default 1000000).")
    long packets = 1_000_000;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of the mix for --kind sample (default 10).")
    int rounds = 10;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 1).")
    long seed = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!kind.equals("sample") && !kind.equals("bulk")) {
            throw new ParameterException(spec.commandLine(), "--kind must be sample or bulk, not " + kind);
        }
        long n = write(out, kind.equals("bulk"), packets, rounds, seed);
        spec.commandLine().getErr().println(out + ": " + n + " packets written");
        return 0;
    }

    /** Writes a generated capture; returns the packets written. */
    static long write(Path out, boolean bulk, long packets, int rounds, long seed) throws IOException {
        String name = out.getFileName().toString();
        boolean gzip = name.endsWith(".gz");
        boolean pcapng = name.replaceFirst("\\.gz$", "").endsWith(".pcapng");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
        if (gzip) {
            os = new BufferedOutputStream(new GZIPOutputStream(os, 1 << 16), 1 << 20);
        }
        try (CaptureWriter w = pcapng ? new PcapngWriter(os, "Mirrorscope generate")
                : new PcapWriter(os, LinkTypes.ETHERNET, true)) {
            if (w instanceof PcapngWriter ng) {
                ng.addInterface(LinkTypes.ETHERNET, "mirror-target");
            }
            MirrorTrafficGenerator g = new MirrorTrafficGenerator(w, seed);
            if (bulk) {
                g.bulk(packets);
            } else {
                g.sample(rounds);
            }
            return g.packetsWritten();
        }
    }
}
