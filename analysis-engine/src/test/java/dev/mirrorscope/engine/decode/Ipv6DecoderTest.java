package dev.mirrorscope.engine.decode;

import org.junit.jupiter.api.Test;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class Ipv6DecoderTest {
    private static final byte[] UDP = udp(5000, 7000, ascii("hello"));

    private static DecodedPacket decode6(byte[] ipv6) {
        return decode(eth(0x86DD, ipv6));
    }

    @Test
    void plainIpv6() {
        DecodedPacket d = decode6(ipv6("2001:db8::1", "2001:db8:0:1::2", 17).payload(UDP).build());
        assertThat(src(d)).isEqualTo("2001:db8::1");
        assertThat(dst(d)).isEqualTo("2001:db8:0:1::2");
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.dport).isEqualTo(7000);
    }

    @Test
    void protoIsTheLastNextHeaderOfTheExtensionChain() {
        byte[] chain = ipv6Options(43, cat(bytes(60, 0, 0, 0, 0, 0, 0, 0), ipv6Options(17, UDP)));
        DecodedPacket d = decode6(ipv6("2001:db8::1", "2001:db8::2", 0).payload(chain).build());
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.sport).isEqualTo(5000);
        assertThat(layers(d)).isEqualTo("eth:ipv6:ipv6.ext:ipv6.ext:ipv6.ext:udp");
    }

    @Test
    void atomicAndFirstFragmentsKeepPortsLaterOnesDoNot() {
        DecodedPacket atomic = decode6(ipv6("::1", "::2", 44).payload(ipv6Fragment(17, 0, false, UDP)).build());
        assertThat(atomic.fragment).isFalse();
        assertThat(atomic.dport).isEqualTo(7000);
        DecodedPacket first = decode6(ipv6("::1", "::2", 44).payload(ipv6Fragment(17, 0, true, UDP)).build());
        assertThat(first.fragment).isTrue();
        assertThat(first.dport).isEqualTo(7000);
        DecodedPacket later = decode6(ipv6("::1", "::2", 44).payload(ipv6Fragment(17, 1448, false, UDP)).build());
        assertThat(later.nonFirstFragment).isTrue();
        assertThat(later.fragmentOffset).isEqualTo(1448);
        assertThat(later.proto).isEqualTo(17);
        assertThat(later.dport).isEqualTo(-1);
    }

    @Test
    void longChainsAreWalkedTo128Headers() {
        byte[] payload = UDP;
        int next = 17;
        for (int i = 0; i < 100; i++) {
            payload = ipv6Options(next, payload);
            next = 60;
        }
        DecodedPacket d = decode6(ipv6("::1", "::2", 60).payload(payload).build());
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.dport).isEqualTo(7000);
        assertThat(anomaly(d)).isNull();
        assertThat(d.layerCount).isLessThanOrEqualTo(DecodedPacket.MAX_LAYERS);
        assertThat(d.layerType[d.layerCount - 1]).isEqualTo(Layer.UDP);
    }

    @Test
    void twoHundredFiftyFiveExtensionHeadersStopAtTheLimit() {
        byte[] payload = UDP;
        int next = 17;
        for (int i = 0; i < 255; i++) {
            payload = ipv6Options(next, payload);
            next = 60;
        }
        DecodedPacket d = decode6(ipv6("::1", "::2", 60).payload(payload).build());
        assertThat(anomaly(d)).isEqualTo("too_many_ipv6_extensions");
        assertThat(d.ipVersion).isEqualTo(6);
        assertThat(d.proto).isEqualTo(60);
        assertThat(d.sport).isEqualTo(-1);
    }

    @Test
    void jumboPayloadInHopByHop() {
        byte[] big = new byte[70_000];
        byte[] udp = udpWithLength(7, 9, 0, big);
        byte[] hbh = cat(bytes(17, 0, 0xC2, 4), u32(8 + udp.length), udp);
        DecodedPacket d = decode6(ipv6("::1", "::2", 0).payloadLength(0).payload(hbh).build());
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.dport).isEqualTo(9);
        assertThat(d.udpLength).isEqualTo(udp.length);
        assertThat(anomaly(d)).isNull();
    }

    @Test
    void payloadLengthZeroWithoutJumboIsAnEmptyPayloadAsTsharkReadsIt() {
        byte[] vxlanInside = udp(40000, 6081, new byte[64]);
        DecodedPacket d = decode6(ipv6("::1", "::2", 17).payloadLength(0).payload(vxlanInside).build());
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.sport).isEqualTo(-1);
        assertThat(d.tunnel).isZero();
        assertThat(anomaly(d)).isEqualTo("bad_ipv6_payload_length");
    }

    @Test
    void truncatedExtensionKeepsTheNextHeaderWhenItWasCaptured() {
        byte[] f = eth(0x86DD, ipv6("::1", "::2", 60).payload(ipv6Options(17, UDP)).build());
        DecodedPacket d = decode(f, 14 + 40 + 5, f.length, 1, DecodeOptions.defaults());
        assertThat(d.proto).isEqualTo(17);
        assertThat(anomaly(d)).isEqualTo("truncated_ipv6_extension");
        // A Fragment header's fields count only when all 8 bytes are there (tshark).
        byte[] frag = eth(0x86DD, ipv6("::1", "::2", 44).payload(ipv6Fragment(17, 0, false, UDP)).build());
        DecodedPacket f6 = decode(frag, 14 + 40 + 6, frag.length, 1, DecodeOptions.defaults());
        assertThat(f6.proto).isEqualTo(44);
    }

    @Test
    void anOptionRunningPastTheCapturedBytesStopsDissection() {
        byte[] dst = cat(bytes(17, 0, 0x40, 60, 0, 0, 0, 0), UDP);
        DecodedPacket d = decode6(ipv6("::1", "::2", 60).payload(dst).build());
        assertThat(anomaly(d)).isEqualTo("bad_ipv6_option");
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.sport).isEqualTo(-1);
    }

    @Test
    void ipv6InIpv6BehindARoutingHeader() {
        byte[] inner = ipv6("2001:db8::a", "2001:db8::b", 58).payload(hex("8000 0000 0001 0001")).build();
        byte[] srh = cat(bytes(41, 2, 4, 0, 0, 0, 0, 0), addr("2001:db8::c"), inner);
        DecodedPacket d = decode6(ipv6("2001:db8::1", "2001:db8::2", 43).payload(srh).build());
        assertThat(src(d)).isEqualTo("2001:db8::a");
        assertThat(d.proto).isEqualTo(58);
        assertThat(d.icmpType).isEqualTo(128);
        byte[] bogusSrh = cat(bytes(17, 0, 4, 0, 0, 0, 0, 0), UDP);
        assertThat(anomaly(decode6(ipv6("::1", "::2", 43).payload(bogusSrh).build())))
                .isEqualTo("bad_ipv6_routing_header");
    }

    @Test
    void ahInTheChainEndsItForProto() {
        byte[] ah = cat(bytes(17, 4, 0, 0), u32(0x100), u32(1), new byte[12], UDP);
        DecodedPacket d = decode6(ipv6("::1", "::2", 0).payload(ipv6Options(51, ah)).build());
        assertThat(d.proto).isEqualTo(51);
        assertThat(d.sport).isEqualTo(-1);
    }
}
