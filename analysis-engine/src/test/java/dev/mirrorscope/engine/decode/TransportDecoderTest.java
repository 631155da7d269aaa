package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.LinkTypes;
import org.junit.jupiter.api.Test;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class TransportDecoderTest {
    private static byte[] overIpv4(int proto, byte[] payload) {
        return eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", proto).payload(payload).build());
    }

    @Test
    void tcpHeaderAndOptions() {
        byte[] f = overIpv4(6, tcp(443, 51234).flags(0x12).seq(4_000_000_000L).ack(1001).window(65535)
                .options(hex("020405b4 0101 0402 0303 07 080a 0000000a 0000000b 0101 050a 00000064 000000c8")).build());
        DecodedPacket d = decode(f);
        assertThat(d.sport).isEqualTo(443);
        assertThat(d.dport).isEqualTo(51234);
        assertThat(d.tcpFlags).isEqualTo(0x12);
        assertThat(d.tcpSeq).isEqualTo(4_000_000_000L);
        assertThat(d.tcpAck).isEqualTo(1001);
        assertThat(d.tcpWindow).isEqualTo(65535);
        assertThat(d.tcpMss).isEqualTo(1460);
        assertThat(d.tcpWindowScale).isEqualTo(7);
        assertThat(d.tcpSackPermitted).isTrue();
        assertThat(d.tcpHasTimestamps).isTrue();
        assertThat(d.tcpTsVal).isEqualTo(10);
        assertThat(d.tcpTsEcr).isEqualTo(11);
        assertThat(d.tcpSackBlocks).isEqualTo(1);
        assertThat(d.tcpSackLeft).isEqualTo(100);
        assertThat(d.tcpSackRight).isEqualTo(200);
        assertThat(anomaly(d)).isNull();
        assertThat(info(f, d)).isEqualTo("443 \u2192 51234 [SYN, ACK] Seq=4000000000 Ack=1001 Win=65535 Len=0"
                + " MSS=1460 SACK_PERM SLE=100 SRE=200 TSval=10 TSecr=11 WS=128");
    }

    @Test
    void tcpPayloadLengthComesFromTheIpHeaderNotTheCapture() {
        byte[] f = overIpv4(6, tcp(1, 2).payload(new byte[1000]).build());
        DecodedPacket d = decode(f, 14 + 20 + 20 + 10, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(d.tcpPayloadLen).isEqualTo(1000);
        assertThat(d.payloadLength).isEqualTo(10);
        assertThat(d.payloadOffset).isEqualTo(54);
        assertThat(anomaly(d)).isNull();
    }

    @Test
    void badOptionsKeepPortsAndFlags() {
        byte[] f = overIpv4(6, tcp(1, 2).flags(0x18).options(hex("02 03 05b4 00")).build());
        DecodedPacket d = decode(f);
        assertThat(anomaly(d)).isEqualTo("bad_tcp_option");
        assertThat(d.sport).isEqualTo(1);
        assertThat(d.tcpFlags).isEqualTo(0x18);
        DecodedPacket runsPast = decode(overIpv4(6, tcp(1, 2).options(hex("30 28 0000")).build()));
        assertThat(anomaly(runsPast)).isEqualTo("bad_tcp_option");
        assertThat(runsPast.tcpFlags).isEqualTo(0x10);
    }

    @Test
    void shortTcpHeadersFollowTshark() {
        byte[] f = overIpv4(6, tcp(1111, 2222).flags(0x02).build());
        int tcpStart = 14 + 20;
        DecodedPacket three = decode(f, tcpStart + 3, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(three.sport).isEqualTo(-1);
        DecodedPacket four = decode(f, tcpStart + 4, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(four.sport).isEqualTo(1111);
        assertThat(four.tcpFlags).isEqualTo(-1);
        assertThat(anomaly(four)).isEqualTo("truncated_tcp_header");
        DecodedPacket fifteen = decode(f, tcpStart + 15, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(fifteen.tcpFlags).isEqualTo(-1);
        DecodedPacket sixteen = decode(f, tcpStart + 16, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(sixteen.tcpFlags).isEqualTo(0x02);
        assertThat(anomaly(sixteen)).isEqualTo("truncated_tcp_header");
    }

    @Test
    void dataOffsetUnderFiveHasNoFlags() {
        DecodedPacket d = decode(overIpv4(6, tcp(1, 2).flags(0x02).dataOffset(4).build()));
        assertThat(anomaly(d)).isEqualTo("bad_tcp_header_length");
        assertThat(d.sport).isEqualTo(1);
        assertThat(d.tcpFlags).isEqualTo(-1);
    }

    @Test
    void allEightFlags() {
        byte[] f = overIpv4(6, tcp(1, 2).flags(0xFF).build());
        DecodedPacket d = decode(f);
        assertThat(d.tcpFlags).isEqualTo(0xFF);
        assertThat(info(f, d)).startsWith("1 \u2192 2 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR] Seq=0 Ack=0");
    }

    @Test
    void udpLengthRules() {
        DecodedPacket ok = decode(overIpv4(17, udp(1000, 2000, new byte[12])));
        assertThat(ok.udpLength).isEqualTo(20);
        assertThat(ok.payloadLength).isEqualTo(12);
        assertThat(anomaly(ok)).isNull();

        byte[] vxlan = vxlan(7, tcpSynFrame());
        DecodedPacket zero = decode(overIpv4(17, udpWithLength(1000, 4789, 0, vxlan)));
        assertThat(zero.dport).isEqualTo(4789);
        assertThat(zero.tunnel).isZero();
        assertThat(anomaly(zero)).isEqualTo("bad_udp_length");

        DecodedPacket under8 = decode(overIpv4(17, udpWithLength(1000, 4789, 7, vxlan)));
        assertThat(under8.tunnel).isZero();
        assertThat(anomaly(under8)).isEqualTo("bad_udp_length");

        DecodedPacket overIp = decode(overIpv4(17, udpWithLength(1000, 4789, 5000, vxlan)));
        assertThat(overIp.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
        assertThat(anomaly(overIp)).isEqualTo("bad_udp_length");
    }

    @Test
    void udpLengthZeroOverIpv6IsAJumbogram() {
        byte[] vxlan = vxlan(7, tcpSynFrame());
        byte[] f = eth(0x86DD, ipv6("::1", "::2", 17).payload(udpWithLength(1000, 4789, 0, vxlan)).build());
        DecodedPacket d = decode(f);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
        assertThat(d.vni).isEqualTo(7);
    }

    @Test
    void truncatedUdp() {
        byte[] f = overIpv4(17, udp(12336, 12336, new byte[20]));
        DecodedPacket four = decode(f, 14 + 20 + 4, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(four.sport).isEqualTo(12336);
        assertThat(anomaly(four)).isEqualTo("truncated_udp_header");
        DecodedPacket three = decode(f, 14 + 20 + 3, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(three.sport).isEqualTo(-1);
    }

    @Test
    void sctpPorts() {
        DecodedPacket d = decode(overIpv4(132, hex("0b59 0b5a 00000001 00000000")));
        assertThat(d.sport).isEqualTo(2905);
        assertThat(d.dport).isEqualTo(2906);
        DecodedPacket cut = decode(overIpv4(132, hex("0b59 0b5a 0000")));
        assertThat(cut.dport).isEqualTo(2906);
        assertThat(anomaly(cut)).isEqualTo("truncated_sctp_header");
    }

    @Test
    void icmpEcho() {
        byte[] f = overIpv4(1, hex("0800 f7fe 0001 0001 6162"));
        DecodedPacket d = decode(f);
        assertThat(d.icmpType).isEqualTo(8);
        assertThat(d.icmpId).isEqualTo(1);
        assertThat(d.icmpSeq).isEqualTo(1);
        assertThat(d.sport).isEqualTo(-1);
        assertThat(info(f, d)).isEqualTo("Echo (ping) request id=0x0001, seq=1");
    }

    @Test
    void icmpErrorQuotesAHeaderThatIsNotThePackets() {
        byte[] quoted = ipv4("10.0.0.2", "10.0.0.9", 17).payload(udp(7003, 1792, new byte[0])).build();
        byte[] f = overIpv4(1, cat(hex("0303 0000 00000000"), quoted));
        DecodedPacket d = decode(f);
        assertThat(src(d)).isEqualTo("10.0.0.1");
        assertThat(d.proto).isEqualTo(1);
        assertThat(d.sport).isEqualTo(-1);
        assertThat(layers(d)).isEqualTo("eth:ip:icmp:icmp.quoted");
        assertThat(d.layerOffset[3]).isEqualTo(14 + 20 + 8);
        assertThat(info(f, d)).isEqualTo("Destination unreachable (Port unreachable)");
    }

    @Test
    void icmpv6() {
        byte[] ns = cat(hex("8700 0000 00000000"), addr("2001:db8::99"));
        byte[] f = eth(0x86DD, ipv6("2001:db8::1", "ff02::1:ff00:99", 58).payload(ns).build());
        DecodedPacket d = decode(f);
        assertThat(d.proto).isEqualTo(58);
        assertThat(d.icmpType).isEqualTo(135);
        assertThat(info(f, d)).isEqualTo("Neighbor Solicitation for 2001:db8::99");
        assertThat(PacketInfo.protocolName(d)).isEqualTo("ICMPv6");
        byte[] echo = eth(0x86DD, ipv6("::1", "::2", 58).payload(hex("8000 0000 1234 0007")).build());
        assertThat(info(echo, decode(echo))).isEqualTo("Echo (ping) request id=0x1234, seq=7");
    }

    @Test
    void truncatedIcmp() {
        assertThat(anomaly(decode(overIpv4(1, hex("08"))))).isEqualTo("truncated_icmp");
        assertThat(anomaly(decode(overIpv4(1, hex("0800 0000 00"))))).isEqualTo("truncated_icmp");
    }
}
