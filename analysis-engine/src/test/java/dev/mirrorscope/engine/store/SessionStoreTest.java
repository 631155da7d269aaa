package dev.mirrorscope.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.flow.TcpEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    @TempDir
    Path tmp;

    @Test
    void migrationsApplyOnceAndReopenKeepsTheVersion() throws Exception {
        try (SessionStore s = SessionStore.open(tmp)) {
            assertThat(s.schemaVersion()).isEqualTo(1);
        }
        try (SessionStore s = SessionStore.open(tmp)) {
            assertThat(s.schemaVersion()).isEqualTo(1);
        }
    }

    @Test
    void unfinishedCaptureIsDiscardedOnOpen() throws Exception {
        long id;
        try (SessionStore s = SessionStore.open(tmp)) {
            id = s.beginCapture("1:ab", "/x.pcap", 1, "pcap", false);
            Files.writeString(tmp.resolve(SessionStore.indexFileName(id)), "partial");
        }
        try (SessionStore s = SessionStore.open(tmp)) {
            assertThat(s.captures()).isEmpty();
            assertThat(tmp.resolve(SessionStore.indexFileName(id))).doesNotExist();
            assertThat(s.nextPacketNumber()).isEqualTo(1);
        }
    }

    @Test
    void deletingACaptureRenumbersTheOnesAfterIt() throws Exception {
        try (SessionStore s = SessionStore.open(tmp)) {
            long a = s.beginCapture("1:a", "/a", 1, "pcap", false);
            s.finishCapture(a, List.of(1), 10, 1000, 0, 0, 1, 2, null, SessionStore.STATE_COMPLETE, 10);
            long b = s.beginCapture("1:b", "/b", 1, "pcap", false);
            s.finishCapture(b, List.of(1, 101), 5, 500, 0, 0, 3, 4, null, SessionStore.STATE_COMPLETE, 5);
            assertThat(s.captures()).extracting(c -> c.firstNo()).containsExactly(1L, 11L);
            assertThat(s.captures().get(1).linkTypes()).containsExactly(1, 101);
            s.deleteCapture(a);
            assertThat(s.captures()).extracting(c -> c.firstNo()).containsExactly(1L);
            assertThat(s.nextPacketNumber()).isEqualTo(6);
        }
    }

    @Test
    void splitStatementsIgnoresComments() {
        assertThat(SessionStore.splitStatements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a(x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a(x)");
    }

    @Test
    void fragmentsMergeWithOrientationOfTheFirst() {
        FlowRow first = new FlowRow(5, 6, null, "10.0.0.1", 1000, "10.0.0.2", 80, 3, 300, 2, 200, 100, 200,
                "x", 750L, 1);
        FlowRow reversed = new FlowRow(90, 6, null, "10.0.0.2", 80, "10.0.0.1", 1000, 4, 400, 1, 100, 900, 1000,
                "y", null, 2);
        FlowRow m = FlowStore.merge(List.of(first, reversed),
                List.of(TcpEvents.SYN_A | TcpEvents.SYNACK_B | TcpEvents.HANDSHAKE_DONE, TcpEvents.FIN_A | TcpEvents.FIN_B));
        assertThat(m.firstNo()).isEqualTo(5);
        assertThat(m.packetsAb()).isEqualTo(3 + 1);
        assertThat(m.bytesAb()).isEqualTo(300 + 100);
        assertThat(m.packetsBa()).isEqualTo(2 + 4);
        assertThat(m.firstTsNs()).isEqualTo(100);
        assertThat(m.lastTsNs()).isEqualTo(1000);
        assertThat(m.retransmits()).isEqualTo(3);
        assertThat(m.rttUs()).isEqualTo(750L);
        assertThat(m.tcpState()).isEqualTo("closed");
    }
}
