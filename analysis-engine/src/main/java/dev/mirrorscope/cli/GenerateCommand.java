package dev.mirrorscope.cli;

import dev.mirrorscope.engine.capture.CaptureWriter;
import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.capture.PcapWriter;
import dev.mirrorscope.engine.capture.PcapngWriter;
import dev.mirrorscope.engine.sample.MirrorTrafficGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic capture of AWS traffic as its receiver sees it. Deterministic for a --seed.",
                "",
                "--kind sample: a VPC Traffic Mirroring target's view: VXLAN, one VNI per mirror session, several "
                        + "ENIs; TCP with handshakes, closes, refusals, resets and retransmissions, HTTP, TLS with SNI, "
                        + "PostgreSQL, DNS, ICMP echo and errors, IPv6, a session that truncates packets, plus a "
                        + "Gateway Load Balancer (Geneve) and an ERSPAN portion.",
                "--kind gwlb: a Gateway Load Balancer appliance's view: Geneve with the AWS options, both ways.",
                "--kind bulk: --packets packets of VXLAN-mirrored TCP conversations, fast, for benchmarks.",
                "",
                "The format follows the name (.pcap or .pcapng, with .gz for gzip) unless --format is given."})
final class GenerateCommand implements Callable<Integer> {
    private static final List<String> KINDS = List.of("sample", "gwlb", "bulk");
    private static final int DEFAULT_ROUNDS = 10;
    private static final long DEFAULT_BULK_PACKETS = 1_000_000;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Capture to write.")
    Path out;

    @Option(names = "--kind", paramLabel = "KIND", description = "sample (default), gwlb or bulk.")
    String kind = "sample";

    @Option(names = "--packets", paramLabel = "N",
            description = "bulk: packets to write (default 1000000). sample, gwlb: whole rounds until at least N.")
    Long packets;

    @Option(names = "--rounds", paramLabel = "N", description = "sample, gwlb: rounds of the mix (default 10).")
    Integer rounds;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 1).")
    long seed = 1;

    @Option(names = "--format", paramLabel = "FORMAT", description = "pcap or pcapng (default: from the name).")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!KINDS.contains(kind)) {
            throw usage("--kind must be sample, gwlb or bulk, not " + kind);
        }
        if (packets != null && rounds != null) {
            throw usage("give --packets or --rounds, not both");
        }
        if (kind.equals("bulk") && rounds != null) {
            throw usage("--rounds is for --kind sample and gwlb; bulk counts --packets");
        }
        if (packets != null && packets <= 0 || rounds != null && rounds <= 0) {
            throw usage("--packets and --rounds must be at least 1");
        }
        String fileFormat = formatOf(out);
        if (format == null) {
            if (fileFormat == null) {
                throw usage(out + ": the name does not say pcap or pcapng; end it in .pcap or .pcapng (optionally"
                        + " .gz) or give --format");
            }
            format = fileFormat;
        } else if (!format.equals("pcap") && !format.equals("pcapng")) {
            throw usage("--format must be pcap or pcapng, not " + format);
        } else if (fileFormat != null && !fileFormat.equals(format)) {
            throw usage("--format " + format + " contradicts the name " + out.getFileName());
        }
        long n = write(out, kind, format, packets, rounds, seed);
        spec.commandLine().getErr().println(out + ": " + n + " packets written");
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** "pcap" or "pcapng" from the file name (after any .gz), or null when the name says neither. */
    static String formatOf(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.gz$", "");
        return name.endsWith(".pcapng") ? "pcapng" : name.endsWith(".pcap") ? "pcap" : null;
    }

    /** Writes a sample (rounds) or bulk (packets) capture in the format its name says; returns the packets written. */
    static long write(Path out, boolean bulk, long packets, int rounds, long seed) throws IOException {
        return write(out, bulk ? "bulk" : "sample", "pcapng".equals(formatOf(out)) ? "pcapng" : "pcap",
                bulk ? packets : null, bulk ? null : rounds, seed);
    }

    /**
     * Writes a generated capture, gzip-compressed when the name ends in .gz; on failure the partial file
     * is removed and the IOException names the file and what went wrong. Returns the packets written.
     */
    static long write(Path out, String kind, String format, Long packets, Integer rounds, long seed)
            throws IOException {
        boolean opened = false;
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
            opened = true;
            if (out.getFileName().toString().endsWith(".gz")) {
                os = new BufferedOutputStream(new GZIPOutputStream(os, 1 << 16), 1 << 20);
            }
            try (CaptureWriter w = format.equals("pcapng") ? new PcapngWriter(os, "Mirrorscope generate")
                    : new PcapWriter(os, LinkTypes.ETHERNET, true)) {
                if (w instanceof PcapngWriter ng) {
                    ng.addInterface(LinkTypes.ETHERNET, kind.equals("gwlb") ? "gwlb-appliance" : "mirror-target");
                }
                MirrorTrafficGenerator g = new MirrorTrafficGenerator(w, seed);
                switch (kind) {
                    case "bulk" -> g.bulk(packets != null ? packets : DEFAULT_BULK_PACKETS);
                    case "gwlb" -> {
                        if (packets != null) {
                            g.gwlbAtLeast(packets);
                        } else {
                            g.gwlb(rounds != null ? rounds : DEFAULT_ROUNDS);
                        }
                    }
                    default -> {
                        if (packets != null) {
                            g.sampleAtLeast(packets);
                        } else {
                            g.sample(rounds != null ? rounds : DEFAULT_ROUNDS);
                        }
                    }
                }
                return g.packetsWritten();
            }
        } catch (IOException e) {
            if (opened) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
            throw new IOException(out + ": cannot write the capture: " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
