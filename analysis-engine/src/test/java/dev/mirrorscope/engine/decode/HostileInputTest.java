package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.LinkTypes;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Truncated, corrupted, empty and random input: the decoder reports anomalies and never throws. */
class HostileInputTest {
    private static final int[] LINK_TYPES = {LinkTypes.NULL, LinkTypes.ETHERNET, LinkTypes.RAW, LinkTypes.LOOP,
        LinkTypes.LINUX_SLL, LinkTypes.IPV4, LinkTypes.IPV6, LinkTypes.LINUX_SLL2};

    private final PacketDecoder decoder = new PacketDecoder(DecodeOptions.defaults());
    private final DecodedPacket d = new DecodedPacket();

    private void decodeChecked(byte[] b, int off, int capLen, int origLen, int linkType) {
        decoder.decode(b, off, capLen, origLen, linkType, d);
        assertThat(d.anomaly).as("decoder bug at capLen %d", capLen).isNotEqualTo(Anomaly.DECODER_BUG.ordinal());
        assertThat(d.layerCount).isBetween(0, DecodedPacket.MAX_LAYERS);
        for (int i = 0; i < d.layerCount; i++) {
            assertThat(d.layerOffset[i]).isBetween(0, Math.max(0, capLen));
            assertThat(d.layerOffset[i] + d.layerLength[i]).isLessThanOrEqualTo(Math.max(0, capLen));
        }
        assertThat(PacketInfo.describe(b, off, capLen, d)).isNotNull();
        assertThat(PacketInfo.protocolName(d)).isNotNull();
    }

    @Test
    void vxlanTcpTruncatedAtEveryOffsetReportsAnAnomaly() {
        byte[] frame = vxlanMirrored(100, tcpSynFrame());
        for (int capLen = 0; capLen < frame.length; capLen++) {
            decodeChecked(frame, 0, capLen, frame.length, LinkTypes.ETHERNET);
            assertThat(d.anomalyCount).as("anomaly when cut at %d of %d", capLen, frame.length).isPositive();
        }
        decodeChecked(frame, 0, frame.length, frame.length, LinkTypes.ETHERNET);
        assertThat(d.anomalyCount).isZero();
        assertThat(d.tcpFlags).isEqualTo(0x02);
    }

    @Test
    void truncationInsideTheArrayUsesOnlyTheCapturedBytes() {
        byte[] frame = vxlanMirrored(100, tcpSynFrame());
        byte[] padded = cat(new byte[7], frame, new byte[13]);
        decodeChecked(padded, 7, 60, frame.length, LinkTypes.ETHERNET);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
        assertThat(d.innerLen).isEqualTo(60 - 50);
        assertThat(d.ipVersion).isZero();
    }

    @Test
    void everyByteOverwrittenWithHostileValues() {
        byte[] frame = vxlanMirrored(100, tcpSynFrame());
        int[] values = {0x00, 0x01, 0x05, 0x40, 0x45, 0x60, 0x7F, 0x80, 0xC0, 0xFF};
        for (int i = 0; i < frame.length; i++) {
            for (int v : values) {
                byte[] copy = frame.clone();
                copy[i] = (byte) v;
                decodeChecked(copy, 0, copy.length, copy.length, LinkTypes.ETHERNET);
            }
        }
    }

    @Test
    void randomFramesOnEveryLinkType() {
        Random random = new Random(20240601);
        byte[] seedFrame = vxlanMirrored(7, tcpSynFrame());
        for (int i = 0; i < 30_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(200)];
                random.nextBytes(b);
            } else {
                b = seedFrame.clone();
                for (int k = random.nextInt(6); k >= 0; k--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            int capLen = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int origLen = random.nextBoolean() ? capLen : capLen + random.nextInt(100_000);
            decodeChecked(b, 0, capLen, origLen, LINK_TYPES[random.nextInt(LINK_TYPES.length)]);
        }
    }

    @Test
    void zeroLengthEverything() {
        for (int linkType : LINK_TYPES) {
            decodeChecked(new byte[0], 0, 0, 0, linkType);
            assertThat(anomaly(d)).isEqualTo("empty_packet");
        }
        int[] protocols = {1, 4, 6, 17, 41, 47, 50, 51, 58, 132, 255};
        for (int proto : protocols) {
            byte[] v4 = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", proto).build());
            decodeChecked(v4, 0, v4.length, v4.length, LinkTypes.ETHERNET);
            assertThat(d.ipVersion).isEqualTo(4);
            assertThat(d.proto).isEqualTo(proto);
            // Declared by the frame's length on the wire but not captured: truncated, not absent.
            decodeChecked(v4, 0, v4.length, v4.length + 40, LinkTypes.ETHERNET);
            byte[] v6 = eth(0x86DD, ipv6("::1", "::2", proto).build());
            decodeChecked(v6, 0, v6.length, v6.length, LinkTypes.ETHERNET);
            // tshark hands even an empty IPv6 payload on, so an empty GRE is still a (hollow) tunnel.
            assertThat(d.ipVersion).isEqualTo(proto == 47 ? 0 : 6);
            assertThat(d.tunnel).isEqualTo(proto == 47 ? DecodedPacket.TUNNEL_GRE : DecodedPacket.TUNNEL_NONE);
        }
        byte[][] emptyInsides = {
            vxlanMirrored(1, new byte[0]),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17)
                    .payload(udp(1, 6081, geneve(1, 0x6558, false, new byte[0], new byte[0]))).build()),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).payload(udp(1, 4790, vxlanGpe(1, 4, new byte[0]))).build()),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 47).payload(gre(0, 0x0800, new byte[0], new byte[0])).build()),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 47).payload(gre(0x1000, 0x88BE, u32(1), new byte[0])).build()),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17)
                    .payload(udp(1, 53, hex("0000 0000 0000 0000 0000 0000"))).build()),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).payload(udp(1, 53, new byte[0])).build()),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6)
                    .payload(tcp(1, 443).payload(hex("16 0301 0000")).build()).build()),
            eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).payload(tcp(1, 53).payload(hex("0000")).build()).build()),
            eth(0x8100, new byte[0]),
            eth(0x0806, new byte[0]),
            eth(0x8847, new byte[0]),
        };
        for (byte[] f : emptyInsides) {
            decodeChecked(f, 0, f.length, f.length, LinkTypes.ETHERNET);
        }
    }

    @Test
    void badArgumentsAreAnAnomalyNotAnException() {
        decoder.decode(null, 0, 10, 10, LinkTypes.ETHERNET, d);
        assertThat(anomaly(d)).isEqualTo("empty_packet");
        decoder.decode(new byte[10], 20, 5, 5, LinkTypes.ETHERNET, d);
        assertThat(anomaly(d)).isEqualTo("empty_packet");
        decoder.decode(new byte[10], -1, 5, 5, LinkTypes.ETHERNET, d);
        assertThat(anomaly(d)).isEqualTo("empty_packet");
        byte[] frame = tcpSynFrame();
        decodeChecked(frame, 0, frame.length + 100, frame.length, LinkTypes.ETHERNET);
        assertThat(anomaly(d)).isEqualTo("captured_length_exceeds_original");
        assertThat(d.tcpFlags).isEqualTo(0x02);
    }

    @Test
    void decodingResetsEverythingFromThePreviousPacket() {
        byte[] tls = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6)
                .payload(tcp(1, 443).payload(ApplicationDecoderTest.clientHello("example.com")).build()).build());
        decodeChecked(tls, 0, tls.length, tls.length, LinkTypes.ETHERNET);
        assertThat(d.tlsSniOffset).isPositive();
        byte[] arp = eth(0x0806, hex("0001 0800 06 04 0002 020000000001 0a000002 020000000002 0a000001"));
        decodeChecked(arp, 0, arp.length, arp.length, LinkTypes.ETHERNET);
        assertThat(d.tlsSniOffset).isEqualTo(-1);
        assertThat(d.app).isEqualTo(-1);
        assertThat(d.sport).isEqualTo(-1);
        assertThat(d.ipVersion).isZero();
        assertThat(d.arpOp).isEqualTo(2);
    }
}
