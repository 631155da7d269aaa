package dev.mirrorscope.engine.dissect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.TestCaptures;
import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.decode.DecodeOptions;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP reassembly and UDP ordering on hand-made segments: each rule of Follow Stream on its own. */
class StreamFollowerTest {
    private static final int CLIENT = 0x0A000001;
    private static final int SERVER = 0x0A000002;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH_ACK = 0x18;

    @TempDir
    Path tmp;

    private final StreamFollower follower = new StreamFollower(DecodeOptions.defaults());
    private long no;

    /** An Ethernet/IPv4/TCP frame; {@code declared} payload bytes of which {@code data} were captured. */
    private static byte[] tcp(boolean fromClient, long seq, long ack, int flags, String data, int declared) {
        byte[] payload = data.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 20 + payload.length);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + declared)).putInt(0).put((byte) 64).put((byte) 6)
                .putShort((short) 0).putInt(fromClient ? CLIENT : SERVER).putInt(fromClient ? SERVER : CLIENT);
        b.putShort((short) (fromClient ? 40000 : 443)).putShort((short) (fromClient ? 443 : 40000))
                .putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 65535)
                .putInt(0);
        b.put(payload);
        return b.array();
    }

    private static byte[] tcp(boolean fromClient, long seq, long ack, int flags, String data) {
        return tcp(fromClient, seq, ack, flags, data, data.length());
    }

    private static byte[] udp(boolean fromClient, String data) {
        byte[] payload = data.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putInt(0).put((byte) 64)
                .put((byte) 17).putShort((short) 0).putInt(fromClient ? CLIENT : SERVER)
                .putInt(fromClient ? SERVER : CLIENT);
        b.putShort((short) (fromClient ? 5353 : 53)).putShort((short) (fromClient ? 53 : 5353))
                .putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    private Conversation follow(byte[]... frames) {
        StreamFollower.Builder builder = follower.start(frames[0], 0, frames[0].length, frames[0].length,
                LinkTypes.ETHERNET);
        for (byte[] f : frames) {
            int origLen = 14 + ((f[16] & 0xFF) << 8 | (f[17] & 0xFF));
            assertThat(builder.add(++no, no * 1000, f, 0, f.length, Math.max(f.length, origLen), LinkTypes.ETHERNET))
                    .isTrue();
        }
        return builder.finish();
    }

    private static String text(Conversation c, int direction) {
        return new String(c.payload(direction), StandardCharsets.ISO_8859_1);
    }

    /** The chunks as ">data", "<data" and ">[5 missing]", in order. */
    private static List<String> turns(Conversation c) {
        return c.chunks().stream().map(ch -> (ch.direction() == FlowKey.A_TO_B ? ">" : "<")
                + (ch.isGap() ? "[" + ch.missing() + " missing]" : new String(ch.data(), StandardCharsets.ISO_8859_1)))
                .toList();
    }

    @Test
    void handshakeThenDataInBothDirections() {
        Conversation c = follow(
                tcp(true, 1000, 0, SYN, ""),
                tcp(false, 5000, 1001, SYN | ACK, ""),
                tcp(true, 1001, 5001, ACK, ""),
                tcp(true, 1001, 5001, PSH_ACK, "hello "),
                tcp(false, 5001, 1007, PSH_ACK, "world"),
                tcp(true, 1007, 5006, PSH_ACK, "again"));
        assertThat(turns(c)).containsExactly(">hello ", "<world", ">again");
        assertThat(c.key().a()).isEqualTo("10.0.0.1:40000");
        assertThat(c.key().b()).isEqualTo("10.0.0.2:443");
        assertThat(c.packets()).isEqualTo(6);
        assertThat(c.bytes(FlowKey.A_TO_B)).isEqualTo(11);
        assertThat(c.truncated()).isFalse();
    }

    @Test
    void retransmissionsAndOverlapsAreReadOnce() {
        Conversation c = follow(
                tcp(true, 1000, 0, SYN, ""),
                tcp(true, 1001, 0, PSH_ACK, "0123456789"),
                tcp(true, 1001, 0, PSH_ACK, "0123456789"),
                tcp(true, 1006, 0, PSH_ACK, "56789ABCDE"),
                tcp(true, 1001, 0, PSH_ACK, "0123"));
        assertThat(text(c, FlowKey.A_TO_B)).isEqualTo("0123456789ABCDE");
        assertThat(turns(c)).containsExactly(">0123456789", ">ABCDE");
    }

    @Test
    void segmentsThatArriveEarlyWaitForTheirPredecessor() {
        Conversation c = follow(
                tcp(true, 1000, 0, SYN, ""),
                tcp(true, 1011, 0, PSH_ACK, "second "),
                tcp(true, 1018, 0, PSH_ACK, "third"),
                tcp(true, 1001, 0, PSH_ACK, "first one "));
        assertThat(turns(c)).containsExactly(">first one ", ">second ", ">third");
    }

    @Test
    void bytesTheOtherSideAcknowledgedButTheCaptureMissedBecomeAGapThere() {
        Conversation c = follow(
                tcp(true, 1000, 0, SYN, ""),
                tcp(false, 5000, 1001, SYN | ACK, ""),
                tcp(true, 1001, 5001, PSH_ACK, "aaaaa"),
                tcp(true, 1011, 5001, PSH_ACK, "ccccc"),
                tcp(false, 5001, 1016, PSH_ACK, "ok"),
                tcp(true, 1016, 5003, PSH_ACK, "ddd"));
        assertThat(turns(c)).containsExactly(">aaaaa", ">[5 missing]", ">ccccc", "<ok", ">ddd");
        assertThat(c.missing(FlowKey.A_TO_B)).isEqualTo(5);
    }

    @Test
    void aHoleNobodyFilledIsAGapAtTheEnd() {
        Conversation c = follow(
                tcp(true, 1000, 0, SYN, ""),
                tcp(true, 1001, 0, PSH_ACK, "aa"),
                tcp(true, 1013, 0, PSH_ACK, "zz"));
        assertThat(turns(c)).containsExactly(">aa", ">[10 missing]", ">zz");
    }

    @Test
    void bytesCutByTheSnapLengthAreAGapAfterWhatWasCaptured() {
        Conversation c = follow(
                tcp(true, 1000, 0, SYN, ""),
                tcp(true, 1001, 0, PSH_ACK, "GET /", 100),
                tcp(true, 1101, 0, PSH_ACK, "next"));
        assertThat(turns(c)).containsExactly(">GET /", ">[95 missing]", ">next");
    }

    @Test
    void sequenceNumbersWrapAround() {
        long isn = 0xFFFF_FFFAL;
        Conversation c = follow(
                tcp(true, isn, 0, SYN, ""),
                tcp(true, isn + 1, 0, PSH_ACK, "abcdefgh"),
                tcp(true, (isn + 9) & 0xFFFF_FFFFL, 0, PSH_ACK, "ijkl"),
                tcp(true, isn + 1, 0, PSH_ACK, "abcdefgh"));
        assertThat(text(c, FlowKey.A_TO_B)).isEqualTo("abcdefghijkl");
    }

    @Test
    void withoutTheHandshakeTheFirstDataStartsTheStream() {
        Conversation c = follow(
                tcp(false, 77_000, 1, PSH_ACK, "mid-stream "),
                tcp(false, 77_011, 1, PSH_ACK, "reply"),
                tcp(true, 1, 77_016, PSH_ACK, "ack"));
        assertThat(c.key().a()).isEqualTo("10.0.0.2:443");
        assertThat(turns(c)).containsExactly(">mid-stream ", ">reply", "<ack");
    }

    @Test
    void udpDatagramsInOrderWithTheFirstSenderAsA() {
        Conversation c = follow(udp(true, "query"), udp(false, "answer"), udp(true, "again"));
        assertThat(turns(c)).containsExactly(">query", "<answer", ">again");
        assertThat(c.key().protocolName()).isEqualTo("UDP");
    }

    @Test
    void stopsKeepingPayloadAtTheLimitAndSaysSo() {
        StreamFollower small = new StreamFollower(DecodeOptions.defaults(), 8);
        byte[] first = udp(true, "12345");
        StreamFollower.Builder b = small.start(first, 0, first.length, first.length, LinkTypes.ETHERNET);
        for (int i = 0; i < 3; i++) {
            byte[] f = udp(true, "12345");
            b.add(i + 1, i, f, 0, f.length, f.length, LinkTypes.ETHERNET);
        }
        Conversation c = b.finish();
        assertThat(c.truncated()).isTrue();
        assertThat(c.bytes(FlowKey.A_TO_B)).isEqualTo(5);
        assertThat(c.packets()).isEqualTo(3);
    }

    @Test
    void framesOfOtherConversationsAreNotTaken() {
        byte[] first = udp(true, "x");
        StreamFollower.Builder b = follower.start(first, 0, first.length, first.length, LinkTypes.ETHERNET);
        byte[] tcp = tcp(true, 1, 1, ACK, "y");
        assertThat(b.add(1, 1, tcp, 0, tcp.length, tcp.length, LinkTypes.ETHERNET)).isFalse();
        assertThat(follower.start(new byte[20], 0, 20, 20, LinkTypes.ETHERNET)).isNull();
    }

    @Test
    void followsAConversationOfASession() throws IOException {
        try (Session s = Session.open(tmp.resolve("s"))) {
            s.ingest(List.of(TestCaptures.fixture("mirror-mixed.pcap")), IngestOptions.defaults(), IngestListener.NONE);
            // Packet 6 is the server's first reply of the first HTTP exchange; a is still the client.
            Conversation c = follower.follow(s, 6);
            assertThat(c.key().toString()).isEqualTo("TCP 203.0.113.106:60321 ⇄ 10.0.1.10:80 (VNI 101)");
            assertThat(text(c, FlowKey.A_TO_B)).startsWith("GET /catalog?page=1 HTTP/1.1\r\nHost: www.example.com");
            assertThat(text(c, FlowKey.B_TO_A)).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(c.packets()).isEqualTo(12);
            dev.mirrorscope.engine.StoredPacket p = s.packet(4).orElseThrow();
            assertThat(p.bytes()).isEqualTo(Packets.fixture("mirror-mixed.pcap", 4).bytes());
            assertThat(p.flowNo()).isEqualTo(1);
            assertThat(p.origLen()).isEqualTo(306);
            assertThat(s.packet(316)).isPresent();
            assertThat(s.packet(317)).isEmpty();
            assertThat(s.packet(0)).isEmpty();
            assertThatThrownBy(() -> follower.follow(s, 155)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("packet 155 is not part of a TCP or UDP conversation; there is no stream to follow");
            assertThatThrownBy(() -> follower.follow(s, 99_999)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("packet 99999 is not in this session");
        }
    }
}
