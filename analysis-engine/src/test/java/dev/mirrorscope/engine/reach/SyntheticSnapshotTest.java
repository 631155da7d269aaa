package dev.mirrorscope.engine.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.HopType;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.analysis.ReachabilityAnalyzer;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import dev.mirrorscope.engine.reach.synthetic.SyntheticSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticSnapshotTest {
    @TempDir
    Path tmp;

    private static List<String> contents(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().map(p -> {
                try {
                    return p.getFileName() + ":" + Files.readString(p).hashCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void sameSizeAndSeedSameFiles() throws Exception {
        SyntheticSnapshot.write(tmp.resolve("a"), 700, 7);
        SyntheticSnapshot.write(tmp.resolve("b"), 700, 7);
        SyntheticSnapshot.write(tmp.resolve("c"), 700, 8);
        assertThat(contents(tmp.resolve("a"))).isEqualTo(contents(tmp.resolve("b")))
                .isNotEqualTo(contents(tmp.resolve("c")));
    }

    @Test
    void loadsCleanlyAndAnswersEveryKindOfQuestion() throws Exception {
        SyntheticSnapshot.Summary sum = SyntheticSnapshot.write(tmp.resolve("s"), 1000, 42);
        Snapshot s = SnapshotReader.read(tmp.resolve("s"));
        assertThat(s.warnings()).isEmpty();
        assertThat(sum.vpcs()).isEqualTo(2);
        assertThat(s.networkInterfaces().values().stream().filter(e -> e.interfaceType().equals("interface")))
                .hasSize(1000);
        ReachabilityAnalyzer a = new ReachabilityAnalyzer(s);
        String pub = sum.publicInterfaces().get(1);
        AnalysisResult web = a.analyze(new Query("198.51.100.9", pub, Protocol.TCP, 443));
        assertThat(web.reachable()).as("%s", web.explanations()).isTrue();
        String app = sum.privateInterfaces().get(0);
        AnalysisResult nat = a.analyze(new Query(app, "93.184.216.34", Protocol.TCP, 443));
        assertThat(nat.reachable()).as("%s", nat.explanations()).isTrue();
        assertThat(nat.forward()).extracting(h -> h.type()).contains(HopType.NAT_GATEWAY);
        AnalysisResult s3 = a.analyze(new Query(app, "52.216.8.10", Protocol.TCP, 443));
        assertThat(s3.forward()).extracting(h -> h.type()).contains(HopType.VPC_ENDPOINT);
        String other = sum.privateInterfaces().get(sum.privateInterfaces().size() - 1);
        AnalysisResult cross = a.analyze(new Query(app, other, Protocol.TCP, null));
        assertThat(cross.forward()).extracting(h -> h.type()).contains(HopType.VPC_PEERING_CONNECTION);
    }
}
