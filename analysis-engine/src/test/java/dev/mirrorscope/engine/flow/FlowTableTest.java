package dev.mirrorscope.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long A = 0x0A000001L;
    private static final long B = 0x0A000002L;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;

    private final List<Flow> evicted = new ArrayList<>();
    private final FlowTable table = new FlowTable(1000, evicted::add);
    private long index;

    private long tcp(boolean fromA, long tsUs, int flags, long seq, int len) {
        long sHi = 0, sLo = fromA ? A : B, dLo = fromA ? B : A;
        int sp = fromA ? 40000 : 443, dp = fromA ? 443 : 40000;
        int h = FlowTable.hash(4, 6, 7, sHi, sLo, sp, 0, dLo, dp);
        return table.update(index++, tsUs * 1000, 60 + len, 4, 6, 7, sHi, sLo, sp, 0, dLo, dp, h, flags, seq, len);
    }

    private Flow only() {
        List<Flow> all = new ArrayList<>();
        table.drain(all::add);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void hashIsTheSameBothWays() {
        assertThat(FlowTable.hash(4, 6, 1, 0, A, 1, 0, B, 2)).isEqualTo(FlowTable.hash(4, 6, 1, 0, B, 2, 0, A, 1));
        assertThat(FlowTable.hash(4, 6, 1, 0, A, 1, 0, B, 2)).isNotEqualTo(FlowTable.hash(4, 6, 2, 0, A, 1, 0, B, 2));
    }

    @Test
    void fullConversationIsClosedWithRttAndCounts() {
        assertThat(tcp(true, 1000, SYN, 100, 0)).isEqualTo(0);
        assertThat(tcp(false, 1500, SYN | ACK, 900, 0)).isEqualTo(0);
        tcp(true, 1700, ACK, 101, 0);
        tcp(true, 1800, PSH | ACK, 101, 100);
        tcp(false, 2000, ACK, 901, 0);
        tcp(true, 3000, FIN | ACK, 201, 0);
        tcp(false, 3100, FIN | ACK, 901, 0);
        tcp(true, 3200, ACK, 202, 0);
        Flow f = only();
        assertThat(f.packetsAb).isEqualTo(5);
        assertThat(f.packetsBa).isEqualTo(3);
        assertThat(f.bytesAb).isEqualTo(5 * 60 + 100);
        assertThat(f.rttUs).isEqualTo(700);
        assertThat(f.retransmits).isZero();
        assertThat(f.firstTs).isEqualTo(1_000_000);
        assertThat(f.lastTs).isEqualTo(3_200_000);
        assertThat(TcpEvents.state(f.tcpEvents, f.packetsAb, f.packetsBa)).isEqualTo("closed");
    }

    @Test
    void synAnsweredByRstIsRefused() {
        tcp(true, 1, SYN, 5, 0);
        tcp(false, 2, RST | ACK, 0, 0);
        Flow f = only();
        assertThat(TcpEvents.state(f.tcpEvents, f.packetsAb, f.packetsBa)).isEqualTo("refused");
        assertThat(f.rttUs).isEqualTo(-1);
    }

    @Test
    void unansweredSynsAreSynOnlyAndRepeatedSynIsARetransmission() {
        tcp(true, 1, SYN, 5, 0);
        tcp(true, 1_000_001, SYN, 5, 0);
        Flow f = only();
        assertThat(TcpEvents.state(f.tcpEvents, f.packetsAb, f.packetsBa)).isEqualTo("syn_only");
        assertThat(f.retransmits).isEqualTo(1);
    }

    @Test
    void repeatedDataIsARetransmissionButKeepAliveIsNot() {
        tcp(true, 1, SYN, 100, 0);
        tcp(false, 2, SYN | ACK, 900, 0);
        tcp(true, 3, ACK, 101, 0);
        tcp(true, 4, PSH | ACK, 101, 500);
        tcp(true, 5, PSH | ACK, 101, 500);
        tcp(true, 6, ACK, 600, 1);
        Flow f = only();
        assertThat(f.retransmits).isEqualTo(1);
        assertThat(TcpEvents.state(f.tcpEvents, f.packetsAb, f.packetsBa)).isEqualTo("established");
    }

    @Test
    void resetAfterHandshakeIsReset() {
        tcp(true, 1, SYN, 100, 0);
        tcp(false, 2, SYN | ACK, 900, 0);
        tcp(true, 3, ACK, 101, 0);
        tcp(false, 4, RST, 901, 0);
        Flow f = only();
        assertThat(TcpEvents.state(f.tcpEvents, f.packetsAb, f.packetsBa)).isEqualTo("reset");
    }

    @Test
    void midStreamPickupIsOpenAndSecondSenderIsB() {
        tcp(false, 1, PSH | ACK, 100, 10);
        tcp(true, 2, ACK, 5, 0);
        Flow f = only();
        assertThat(f.aPort).isEqualTo(443);
        assertThat(f.packetsAb).isEqualTo(1);
        assertThat(TcpEvents.state(f.tcpEvents, f.packetsAb, f.packetsBa)).isEqualTo("open");
    }

    @Test
    void sequenceNumbersWrapAround() {
        tcp(true, 1, ACK, 0xFFFF_FF00L, 0x100);
        tcp(true, 2, ACK, 0, 0x100);
        tcp(true, 3, ACK, 0xFFFF_FF00L, 0x100);
        assertThat(only().retransmits).isEqualTo(1);
    }

    @Test
    void idleFlowsLeaveMemoryAndSwappedEventsMatch() {
        tcp(true, 1, SYN, 1, 0);
        index = 10;
        long sHi = 0;
        int h = FlowTable.hash(4, 17, -1, sHi, 0x01010101L, 53, 0, 0x02020202L, 53);
        table.update(index, 200_000_000_000L, 80, 4, 17, -1, sHi, 0x01010101L, 53, 0, 0x02020202L, 53, h, -1, 0, 0);
        assertThat(evicted).hasSize(1);
        assertThat(evicted.get(0).proto).isEqualTo(6);
        assertThat(table.size()).isEqualTo(1);
        assertThat(TcpEvents.swap(TcpEvents.SYN_A | TcpEvents.FIN_B)).isEqualTo(TcpEvents.SYN_B | TcpEvents.FIN_A);
    }

    @Test
    void tableGrowsAndFindsEveryFlow() {
        for (int i = 0; i < 5000; i++) {
            int h = FlowTable.hash(4, 17, -1, 0, i, 1000, 0, B, 53);
            assertThat(table.update(i, i, 100, 4, 17, -1, 0, i, 1000, 0, B, 53, h, -1, 0, 0)).isEqualTo(i);
        }
        for (int i = 4000; i < 5000; i++) {
            int h = FlowTable.hash(4, 17, -1, 0, B, 53, 0, i, 1000);
            assertThat(table.update(9000 + i, 6000, 100, 4, 17, -1, 0, B, 53, 0, i, 1000, h, -1, 0, 0)).isEqualTo(i);
            assertThat(table.lastDirBa).isTrue();
        }
        assertThat(table.size()).isEqualTo(1000);
        assertThat(evicted).hasSize(4000);
    }
}
