package dev.mirrorscope.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.PacketRow;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.TestCaptures;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language over a capture session's packets and flows, against the session's own rows counted here. */
class CaptureTablesTest {
    @TempDir
    static Path tmp;
    static Session session;
    static List<PacketRow> packets = new ArrayList<>();
    static List<FlowRow> flows = new ArrayList<>();

    @BeforeAll
    static void ingest() throws Exception {
        session = Session.open(tmp.resolve("s"));
        session.ingest(List.of(TestCaptures.fixture("mirror-mixed.pcapng")), IngestOptions.defaults(),
                IngestListener.NONE);
        session.packets(1, -1, packets::add);
        session.flows(flows::add);
        assertThat(packets).hasSizeGreaterThan(100);
        assertThat(flows).hasSizeGreaterThan(5);
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    static List<List<Object>> run(LocalQueryEngine e, String query) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        e.run(query, null, new ResultSink() {
            @Override
            public void columns(List<OutputColumn> columns) {
            }

            @Override
            public boolean row(Object[] values) {
                rows.add(Arrays.asList(values));
                return true;
            }
        }, null);
        return rows;
    }

    @Test
    void packetsByProtocol() throws Exception {
        try (LocalQueryEngine e = CaptureTables.open(session, CaptureTables.Kind.PACKETS)) {
            assertThat(e.fieldNames()).contains("no", "ts_ns", "frame_len", "vni", "src", "dport", "tcp_flags");
            List<List<Object>> rows = run(e, "stats count(*) as n, sum(frame_len) as bytes by proto | sort proto");
            Map<Integer, List<PacketRow>> byProto = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
            byProto.putAll(packets.stream().filter(p -> p.proto() != null)
                    .collect(Collectors.groupingBy(PacketRow::proto)));
            List<List<Object>> exp = new ArrayList<>();
            for (Map.Entry<Integer, List<PacketRow>> g : byProto.entrySet()) {
                exp.add(Arrays.asList((long) g.getKey(), (long) g.getValue().size(),
                        g.getValue().stream().mapToLong(PacketRow::frameLen).sum()));
            }
            List<PacketRow> none = packets.stream().filter(p -> p.proto() == null).toList();
            if (!none.isEmpty()) {
                exp.add(Arrays.asList(null, (long) none.size(), none.stream().mapToLong(PacketRow::frameLen).sum()));
            }
            assertThat(rows).isEqualTo(exp);
        }
    }

    @Test
    void packetFieldsTimestampAndOrder() throws Exception {
        try (LocalQueryEngine e = CaptureTables.open(session, CaptureTables.Kind.PACKETS)) {
            List<List<Object>> rows = run(e, "filter ispresent(vni) and dport = 443 | fields no, @timestamp, src, vni");
            List<PacketRow> exp = packets.stream().filter(p -> p.vni() != null && Objects.equals(p.dport(), 443))
                    .sorted(Comparator.comparingLong((PacketRow p) -> Math.floorDiv(p.tsNs(), 1_000_000L)).reversed()
                            .thenComparingLong(PacketRow::no)).toList();
            assertThat(rows).hasSize(exp.size()).isNotEmpty();
            for (int i = 0; i < exp.size(); i++) {
                PacketRow p = exp.get(i);
                assertThat(rows.get(i)).containsExactly(p.no(), Instant.ofEpochMilli(Math.floorDiv(p.tsNs(), 1_000_000L)),
                        p.src(), (long) p.vni());
            }
        }
    }

    @Test
    void flowsByState() throws Exception {
        try (LocalQueryEngine e = CaptureTables.open(session, CaptureTables.Kind.FLOWS)) {
            List<List<Object>> rows = run(e, "filter proto = 6 | stats count(*) as n, sum(packets_ab + packets_ba) as pk,"
                    + " count(rtt_us) as timed by tcp_state | sort tcp_state");
            Map<String, List<FlowRow>> byState = new TreeMap<>(flows.stream().filter(f -> f.proto() == 6)
                    .collect(Collectors.groupingBy(f -> f.tcpState())));
            List<List<Object>> exp = new ArrayList<>();
            for (Map.Entry<String, List<FlowRow>> g : byState.entrySet()) {
                exp.add(Arrays.asList(g.getKey(), (long) g.getValue().size(), g.getValue().stream()
                        .mapToLong(f -> f.packetsAb() + f.packetsBa()).sum(), g.getValue().stream()
                        .filter(f -> f.rttUs() != null).count()));
            }
            assertThat(rows).isEqualTo(exp);
            List<List<Object>> top = run(e, "fields a, b, bytes_ab + bytes_ba as total | sort total desc | limit 3");
            List<FlowRow> expTop = flows.stream().sorted(Comparator.comparingLong((FlowRow f) -> f.bytesAb() + f.bytesBa())
                    .reversed().thenComparing(Comparator.comparingLong(FlowRow::firstTsNs).reversed())
                    .thenComparingLong(FlowRow::firstNo)).limit(3).toList();
            assertThat(top).containsExactlyElementsOf(expTop.stream().map(f -> Arrays.<Object>asList(f.a(), f.b(),
                    f.bytesAb() + f.bytesBa())).toList());
        }
    }

    @Test
    void loadingOnlyTheFieldsAQueryReadsGivesTheSameAnswer() throws Exception {
        String q = "filter dport = 443 | stats count(*) as n, count_distinct(src) as s by vni | sort vni";
        try (LocalQueryEngine all = CaptureTables.open(session, CaptureTables.Kind.PACKETS);
             LocalQueryEngine some = CaptureTables.open(session, CaptureTables.Kind.PACKETS, q)) {
            assertThat(run(some, q)).isEqualTo(run(all, q)).isNotEmpty();
        }
        assertThat(CaptureTables.needed(Query.parse(q), CaptureTables.Kind.PACKETS))
                .containsExactlyInAnyOrder("dport", "src", "vni", "ts_ns");
        assertThat(CaptureTables.needed(Query.parse("filter dport = 443"), CaptureTables.Kind.PACKETS)).isNull();
        assertThat(CaptureTables.needed(Query.parse("parse \"* *\" as a, b | fields a"), CaptureTables.Kind.PACKETS))
                .isNull();
        assertThat(CaptureTables.needed(Query.parse("fields @message"), CaptureTables.Kind.FLOWS)).isNull();
    }
}
