package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.LinkTypes;
import org.junit.jupiter.api.Test;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class Ipv4DecoderTest {
    private static final byte[] UDP = udp(1234, 5678, ascii("data"));

    @Test
    void addressesProtocolAndPorts() {
        DecodedPacket d = decode(eth(0x0800, ipv4("192.0.2.1", "198.51.100.7", 17).payload(UDP).build()));
        assertThat(d.ipVersion).isEqualTo(4);
        assertThat(src(d)).isEqualTo("192.0.2.1");
        assertThat(dst(d)).isEqualTo("198.51.100.7");
        assertThat(d.srcHi).isZero();
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.sport).isEqualTo(1234);
        assertThat(d.dport).isEqualTo(5678);
        assertThat(d.fragment).isFalse();
    }

    @Test
    void optionsAreSkipped() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 17).options(hex("94040000")).payload(UDP).build();
        DecodedPacket d = decode(eth(0x0800, ip));
        assertThat(d.layerLength[1]).isEqualTo(24);
        assertThat(d.dport).isEqualTo(5678);
    }

    @Test
    void firstFragmentHasPortsOthersDoNot() {
        DecodedPacket first = decode(eth(0x0800,
                ipv4("10.0.0.1", "10.0.0.2", 17).fragment(0, true).payload(UDP).build()));
        assertThat(first.fragment).isTrue();
        assertThat(first.nonFirstFragment).isFalse();
        assertThat(first.sport).isEqualTo(1234);

        byte[] later = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).fragment(1480, false).payload(UDP).build());
        DecodedPacket d = decode(later);
        assertThat(d.nonFirstFragment).isTrue();
        assertThat(d.fragmentOffset).isEqualTo(1480);
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.sport).isEqualTo(-1);
        assertThat(layers(d)).isEqualTo("eth:ip:data");
        assertThat(info(later, d)).isEqualTo("Fragmented IP protocol (proto=UDP 17, off=1480)");
    }

    @Test
    void totalLengthZeroMeansTsoAndTheFrameLength() {
        byte[] f = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).totalLength(0)
                .payload(tcp(1, 2).payload(new byte[3000]).build()).build());
        DecodedPacket d = decode(f);
        assertThat(d.tcpFlags).isEqualTo(0x10);
        assertThat(d.tcpPayloadLen).isEqualTo(3000);
        assertThat(anomaly(d)).isNull();
    }

    @Test
    void headerLengthUnderFiveLeavesNoAddresses() {
        DecodedPacket d = decode(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).ihl(4).payload(UDP).build()));
        assertThat(anomaly(d)).isEqualTo("bad_ipv4_header_length");
        assertThat(d.ipVersion).isZero();
        assertThat(d.proto).isEqualTo(-1);
        assertThat(d.srcLo).isZero();
        assertThat(layers(d)).isEqualTo("eth:ip");
    }

    @Test
    void totalLengthUnderHeaderLengthLeavesNoAddresses() {
        DecodedPacket d = decode(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).totalLength(12).payload(UDP).build()));
        assertThat(anomaly(d)).isEqualTo("bad_ipv4_total_length");
        assertThat(d.ipVersion).isZero();
    }

    @Test
    void totalLengthBeyondTheFrameIsClampedToIt() {
        byte[] f = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).totalLength(400).payload(UDP).build());
        DecodedPacket d = decode(f);
        assertThat(anomaly(d)).isEqualTo("bad_ipv4_total_length");
        assertThat(d.dport).isEqualTo(5678);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6).payload(tcp(1, 2).build()).build();
        byte[] f = eth(0x0800, cat(ip, new byte[6]));
        DecodedPacket d = decode(f);
        assertThat(d.tcpPayloadLen).isZero();
        assertThat(d.payloadLength).isZero();
    }

    @Test
    void truncatedHeader() {
        byte[] f = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).payload(UDP).build());
        DecodedPacket d = decode(f, 14 + 19, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(anomaly(d)).isEqualTo("truncated_ipv4_header");
        assertThat(d.ipVersion).isZero();
    }

    @Test
    void versionSixBehindTheIpv4EtherTypeIsIpv6AsInTshark() {
        byte[] v6 = ipv6("2001:db8::1", "2001:db8::2", 17).payload(UDP).build();
        DecodedPacket d = decode(eth(0x0800, v6));
        assertThat(d.ipVersion).isEqualTo(6);
        assertThat(d.dport).isEqualTo(5678);
        DecodedPacket bad = decode(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17).version(5).payload(UDP).build()));
        assertThat(anomaly(bad)).isEqualTo("bad_ip_version");
    }

    @Test
    void ipInIpTheInnermostHeaderWins() {
        byte[] inner = ipv4("192.168.1.1", "192.168.1.2", 17).payload(UDP).build();
        byte[] in6 = ipv6("2001:db8::a", "2001:db8::b", 6).payload(tcp(80, 8080).flags(0x12).build()).build();
        DecodedPacket d = decode(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 4).payload(inner).build()));
        assertThat(src(d)).isEqualTo("192.168.1.1");
        assertThat(d.proto).isEqualTo(17);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_NONE);
        DecodedPacket d6 = decode(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 41).payload(in6).build()));
        assertThat(src(d6)).isEqualTo("2001:db8::a");
        assertThat(d6.tcpFlags).isEqualTo(0x12);
    }

    @Test
    void ahKeepsProtocol51AndNoPortsButDissectsIcmp() {
        byte[] ah = cat(hex("01 04 0000 00001000 00000001"), new byte[12]);
        byte[] icmp = hex("0800 0000 0001 0002");
        byte[] f = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 51).payload(cat(ah, icmp)).build());
        DecodedPacket d = decode(f);
        assertThat(d.proto).isEqualTo(51);
        assertThat(d.sport).isEqualTo(-1);
        assertThat(d.icmpType).isEqualTo(8);
        assertThat(info(f, d)).isEqualTo("Echo (ping) request id=0x0001, seq=2");

        byte[] overTcp = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 51)
                .payload(cat(hex("06 04 0000 00001000 00000001"), new byte[12], tcp(1, 2).build())).build());
        DecodedPacket t = decode(overTcp);
        assertThat(layers(t)).isEqualTo("eth:ip:ah:tcp");
        assertThat(t.sport).isEqualTo(-1);
        assertThat(t.tcpFlags).isEqualTo(-1);
        assertThat(info(overTcp, t)).isEqualTo("Authentication Header (SPI=0x00001000)");
    }

    @Test
    void espStops() {
        byte[] f = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 50).payload(hex("0000abcd 00000001 deadbeef")).build());
        DecodedPacket d = decode(f);
        assertThat(layers(d)).isEqualTo("eth:ip:esp");
        assertThat(info(f, d)).isEqualTo("ESP (SPI=0x0000abcd)");
    }
}
