package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "packets", mixinStandardHelpOptions = true,
        description = {"Lists the session's packets in capture order, decoded again from the capture files.",
                "jsonl: one object per packet with the fields of the command-line contract."})
final class PacketsCommand implements Callable<Integer> {
    @Option(names = "--session", required = true, paramLabel = "DIR", description = "Session directory.")
    Path session;

    @Option(names = "--limit", paramLabel = "N", description = "At most N packets.")
    long limit = -1;

    @Option(names = "--from", paramLabel = "NO", description = "Start at packet number NO (1-based).")
    long from = 1;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or jsonl.")
    String format = "table";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean jsonl = Output.machine(spec, format, "jsonl");
        Sessions.requireExisting(session);
        PrintWriter out = spec.commandLine().getOut();
        try (Session s = Session.open(session)) {
            if (jsonl) {
                JsonGenerator g = Formats.json(out);
                s.packets(from, limit, p -> {
                    try {
                        write(g, p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                g.close();
            } else {
                out.printf("%8s  %-29s  %-39s  %-39s  %-6s  %6s  %8s  %s%n", "No.", "Time (UTC)", "Source",
                        "Destination", "Proto", "Length", "VNI", "Info");
                s.packets(from, limit, p -> out.printf("%8d  %-29s  %-39s  %-39s  %-6s  %6d  %8s  %s%n", p.no(),
                        Formats.time(p.tsNs()), p.src(), p.dst(), Formats.dash(p.proto()), p.frameLen(),
                        Formats.dash(p.vni()), p.info()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return 0;
    }

    static void write(JsonGenerator g, PacketRow p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("no", p.no());
        g.writeNumberField("ts_ns", p.tsNs());
        g.writeNumberField("frame_len", p.frameLen());
        g.writeNumberField("cap_len", p.capLen());
        g.writeStringField("tunnel", p.tunnel());
        Formats.field(g, "vni", p.vni());
        Formats.field(g, "inner_len", p.innerLen());
        g.writeStringField("src", p.src());
        g.writeStringField("dst", p.dst());
        Formats.field(g, "proto", p.proto());
        Formats.field(g, "sport", p.sport());
        Formats.field(g, "dport", p.dport());
        Formats.field(g, "tcp_flags", p.tcpFlags());
        g.writeStringField("info", p.info());
        if (p.anomaly() != null) {
            g.writeStringField("anomaly", p.anomaly());
        }
        if (p.notice() != null) {
            g.writeStringField("notice", p.notice());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
