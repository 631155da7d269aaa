package dev.mirrorscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestProgress;
import dev.mirrorscope.engine.ingest.IngestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Reads captures (pcap, pcapng, either gzip-compressed) into a session.",
                "A file already in the session is not counted again. A damaged file keeps every complete",
                "packet before the damage; the message on stderr says where it stopped, and the exit code is 1."})
final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files.")
    List<Path> files;

    @Option(names = "--session", required = true, paramLabel = "DIR", description = "Session directory (created when missing).")
    Path session;

    @Option(names = "--threads", paramLabel = "N", description = "Decode and flow threads (default: one per core).")
    Integer threads;

    @Option(names = "--vxlan-port", paramLabel = "PORT", split = ",",
            description = "Extra UDP ports that carry VXLAN (4789 always does).")
    int[] vxlanPorts = {};

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format = "table";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean json = Output.machine(spec, format, "json");
        IngestOptions options = IngestOptions.defaults();
        if (threads != null) {
            options.threads(threads);
        }
        options.decodeOptions().vxlanPorts(vxlanPorts);
        PrintWriter err = spec.commandLine().getErr();
        boolean interactive = System.console() != null;
        IngestListener listener = new IngestListener() {
            @Override
            public void progress(IngestProgress p) {
                if (interactive) {
                    err.printf("\r%s: %,d packets, %.0f%%   ", p.file(), p.packets(), p.fraction() * 100);
                    err.flush();
                }
            }

            @Override
            public void warning(String message) {
                if (interactive) {
                    err.print("\r");
                }
                err.println("mirrorscope: " + message);
            }
        };
        for (Path f : files) {
            CaptureReaders.open(f).close(); // a bad input fails before a session directory is created
        }
        IngestResult r;
        try (Session s = Session.open(session)) {
            r = s.ingest(files, options, listener);
        }
        if (interactive) {
            err.print("\r");
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (JsonGenerator g = Formats.json(out)) {
                g.writeStartObject();
                g.writeNumberField("packets", r.packets());
                g.writeNumberField("bytes", r.bytes());
                g.writeNumberField("flows", r.flows());
                g.writeNumberField("malformed", r.malformed());
                g.writeNumberField("seconds", Math.round(r.seconds() * 1000) / 1000.0);
                g.writeEndObject();
            }
            out.println();
        } else {
            String cut = r.mirrorTruncated() > 0
                    ? String.format(", %,d cut short by the mirror session (mirror_truncated)", r.mirrorTruncated()) : "";
            out.printf("%,d packets, %,d bytes, %,d flows, %,d malformed%s in %.2f s%n", r.packets(), r.bytes(),
                    r.flows(), r.malformed(), cut, r.seconds());
        }
        out.flush();
        return r.damagedFiles() > 0 || r.cancelled() ? 1 : 0;
    }
}
