package dev.mirrorscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.capture.PcapngWriter;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import dev.mirrorscope.engine.ingest.IngestResult;
import dev.mirrorscope.engine.sample.MirrorTrafficGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packets a mirror session cut short are counted apart from malformed ones, in the session and per packet. */
class MirrorTruncatedSessionTest {
    @TempDir
    Path tmp;

    @Test
    void cutShortPacketsAreCountedButNotMalformed() throws IOException {
        Path cap = tmp.resolve("sample.pcapng");
        try (OutputStream os = Files.newOutputStream(cap); PcapngWriter w = new PcapngWriter(os, "test")) {
            w.addInterface(LinkTypes.ETHERNET, "mirror-target");
            new MirrorTrafficGenerator(w, 7).sample(1);
        }
        try (Session s = Session.open(tmp.resolve("s"))) {
            IngestResult r = s.ingest(List.of(cap), IngestOptions.defaults(), IngestListener.NONE);
            List<PacketRow> rows = new ArrayList<>();
            s.packets(1, -1, rows::add);
            List<PacketRow> cut = rows.stream().filter(p -> "mirror_truncated".equals(p.notice())).toList();

            assertThat(cut).isNotEmpty().allSatisfy(p -> {
                assertThat(p.vni()).isEqualTo(104);
                assertThat(p.anomaly()).isNull();
                assertThat(p.info()).endsWith("[mirror_truncated]");
            });
            // Only the session that copies 128 bytes cuts packets: everything else is whole.
            assertThat(rows.stream().filter(p -> p.vni() != null && p.vni() == 104 && p.innerLen() == 128).count())
                    .isEqualTo(cut.size());
            assertThat(r.malformed()).isZero();
            assertThat(r.mirrorTruncated()).isEqualTo(cut.size());
            SessionSummary sum = s.summary();
            assertThat(sum.malformed()).isZero();
            assertThat(sum.mirrorTruncated()).isEqualTo(cut.size());
            assertThat(s.anomalies(sum.captures().get(0).id())).isEqualTo("mirror_truncated " + cut.size());
        }
    }
}
