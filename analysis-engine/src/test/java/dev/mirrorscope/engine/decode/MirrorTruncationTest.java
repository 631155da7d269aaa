package dev.mirrorscope.engine.decode;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.capture.LinkTypes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A mirror session with a packet length copies only the first bytes of each packet into the VXLAN
 * envelope, whose own lengths say how much was sent: the inner packet is cut short, not malformed.
 */
class MirrorTruncationTest {
    private static final int SEGMENT = 1200;

    /** Inner Ethernet/IPv4/TCP with a 1200-byte payload, of which the mirror session keeps {@code keep} bytes. */
    private static byte[] mirroredCut(int keep) {
        byte[] tcp = tcp(44704, 443).flags(0x18).seq(5000).window(502).payload(new byte[SEGMENT]).build();
        byte[] inner = eth(0x0800, ipv4("10.0.3.40", "52.216.10.20", 6).payload(tcp).build());
        return vxlanMirrored(104, Arrays.copyOf(inner, keep));
    }

    @Test
    void innerPacketLongerThanTheTunnelCarriesIsMirrorTruncated() {
        byte[] f = mirroredCut(128);
        DecodedPacket d = decode(f);
        assertThat(d.anomalyCount).isZero();
        assertThat(Anomaly.of(d.notice)).isEqualTo(Anomaly.MIRROR_TRUNCATED);
        assertThat(Anomaly.MIRROR_TRUNCATED.malformed()).isFalse();
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
        assertThat(d.vni).isEqualTo(104);
        assertThat(d.innerLen).isEqualTo(128);
        assertThat(d.sport).isEqualTo(44704);
        assertThat(d.tcpFlags).isEqualTo(0x18);
        // The segment's real length, from the inner IP header, for sequence analysis.
        assertThat(d.tcpPayloadLen).isEqualTo(SEGMENT);
        assertThat(PacketInfo.describe(f, 0, f.length, d)).endsWith("[mirror_truncated]");
    }

    @Test
    void aHeaderTheMirrorSessionCutOffIsNotDamage() {
        DecodedPacket d = decode(mirroredCut(14 + 20 + 10));
        assertThat(d.anomalyCount).isZero();
        assertThat(Anomaly.of(d.notice)).isEqualTo(Anomaly.MIRROR_TRUNCATED);
        assertThat(d.sport).isEqualTo(44704);
        assertThat(d.tcpFlags).isEqualTo(-1);
    }

    @Test
    void innerIpv6IsCutTheSameWay() {
        byte[] udp = udp(5353, 53, new byte[600]);
        byte[] inner = eth(0x86DD, ipv6("2001:db8::1", "2001:db8::2", 17).payload(udp).build());
        DecodedPacket d = decode(vxlanMirrored(7, Arrays.copyOf(inner, 100)));
        assertThat(d.anomalyCount).isZero();
        assertThat(Anomaly.of(d.notice)).isEqualTo(Anomaly.MIRROR_TRUNCATED);
        assertThat(d.dport).isEqualTo(53);
    }

    @Test
    void withoutATunnelAnOverlongIpPacketIsMalformed() {
        byte[] f = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).totalLength(400).payload(udp(1, 2, new byte[8])).build());
        DecodedPacket d = decode(f);
        assertThat(anomaly(d)).isEqualTo("bad_ipv4_total_length");
        assertThat(d.notice).isEqualTo(-1);
    }

    @Test
    void aDamagedOuterPacketMakesTheInnerOverrunMalformedToo() {
        byte[] f = mirroredCut(128);
        // The capture holds fewer bytes than the frame's original length claims... and less than pcap's
        // captured length: an outer envelope that contradicts itself.
        DecodedPacket d = decode(f, f.length, f.length - 1, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(d.anomalyCount).isPositive();
        assertThat(anomaly(d)).isEqualTo("captured_length_exceeds_original");
        assertThat(d.notice).isEqualTo(-1);
    }

    @Test
    void aCaptureCutByItsSnapLengthIsNotMirrorTruncation() {
        byte[] f = vxlanMirrored(104, eth(0x0800, ipv4("10.0.3.40", "52.216.10.20", 6)
                .payload(tcp(44704, 443).flags(0x10).payload(new byte[SEGMENT]).build()).build()));
        DecodedPacket d = decode(f, 200, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(d.anomalyCount).isZero();
        assertThat(d.notice).isEqualTo(-1);
        assertThat(d.tcpPayloadLen).isEqualTo(SEGMENT);
    }
}
