package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirrorscope.engine.FlowRow;
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

@Command(name = "flows", mixinStandardHelpOptions = true,
        description = {"Lists the session's bidirectional conversations (flows).",
                "Keyed by innermost protocol, addresses, ports and VNI, ordered by their first packet.",
                "Endpoint a sent the first packet seen.",
                "tcp_state: refused (SYN answered by RST), reset (any other RST), closed (FIN both ways),",
                "syn_only (SYNs and no answer), established (full handshake, not closed), open (anything else,",
                "e.g. picked up mid-stream). rtt_us: SYN to the initiator's handshake ACK."})
final class FlowsCommand implements Callable<Integer> {
    @Option(names = "--session", required = true, paramLabel = "DIR", description = "Session directory.")
    Path session;

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
                s.flows(f -> {
                    try {
                        write(g, f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                g.close();
            } else {
                out.printf("%-5s  %8s  %-45s  %-45s  %10s  %12s  %10s  %12s  %-11s  %8s  %s%n", "Proto", "VNI", "A",
                        "B", "Pkts A→B", "Bytes A→B", "Pkts B→A", "Bytes B→A", "TCP state", "RTT µs", "Retrans");
                s.flows(f -> out.printf("%-5d  %8s  %-45s  %-45s  %10d  %12d  %10d  %12d  %-11s  %8s  %d%n", f.proto(),
                        Formats.dash(f.vni()), endpoint(f.a(), f.aPort()), endpoint(f.b(), f.bPort()), f.packetsAb(),
                        f.bytesAb(), f.packetsBa(), f.bytesBa(), Formats.dash(f.tcpState()), Formats.dash(f.rttUs()),
                        f.retransmits()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return 0;
    }

    private static String endpoint(String addr, Integer port) {
        if (port == null) {
            return addr;
        }
        return (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + port;
    }

    static void write(JsonGenerator g, FlowRow f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("proto", f.proto());
        Formats.field(g, "vni", f.vni());
        g.writeStringField("a", f.a());
        Formats.field(g, "a_port", f.aPort());
        g.writeStringField("b", f.b());
        Formats.field(g, "b_port", f.bPort());
        g.writeNumberField("packets_ab", f.packetsAb());
        g.writeNumberField("bytes_ab", f.bytesAb());
        g.writeNumberField("packets_ba", f.packetsBa());
        g.writeNumberField("bytes_ba", f.bytesBa());
        g.writeNumberField("first_ts_ns", f.firstTsNs());
        g.writeNumberField("last_ts_ns", f.lastTsNs());
        g.writeStringField("tcp_state", f.tcpState());
        Formats.field(g, "rtt_us", f.rttUs());
        g.writeNumberField("retransmits", f.retransmits());
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
