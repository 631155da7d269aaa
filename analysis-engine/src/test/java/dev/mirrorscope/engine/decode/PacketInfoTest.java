package dev.mirrorscope.engine.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.nio.ByteBuffer;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class PacketInfoTest {

    /** RFC 5952 section 4 rules, with the RFC's own examples. */
    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8:0:0:0:0:0:AAAA, 2001:db8::aaaa",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "fe80:0:0:0:0200:5eff:fe00:5301, fe80::200:5eff:fe00:5301",
        "2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
        "::ffff:1.2.3.4, ::ffff:102:304",
    })
    void ipv6InRfc5952Form(String written, String canonical) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(InetAddress.getByName(written).getAddress().length == 16
                ? InetAddress.getByName(written).getAddress()
                : mapped(InetAddress.getByName(written).getAddress()));
        assertThat(PacketInfo.ipv6(b.getLong(0), b.getLong(8))).isEqualTo(canonical);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xFF;
        a[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, a, 12, 4);
        return a;
    }

    @Test
    void ipv4AndMac() {
        assertThat(PacketInfo.ipv4(0xC0A8_0001L)).isEqualTo("192.168.0.1");
        assertThat(PacketInfo.ipv4(0xFFFF_FFFFL)).isEqualTo("255.255.255.255");
        assertThat(PacketInfo.ipv4(0)).isEqualTo("0.0.0.0");
        assertThat(PacketInfo.mac(0xAABB_CCDD_EEFFL)).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(PacketInfo.mac(0x0000_0000_0001L)).isEqualTo("00:00:00:00:00:01");
    }

    @Test
    void synAckInfo() {
        byte[] f = eth(0x0800, ipv4("10.0.0.2", "10.0.0.1", 6).payload(tcp(51234, 443).flags(0x12).seq(0).ack(1)
                .window(65535).options(hex("020405b4 01 030307")).build()).build());
        DecodedPacket d = decode(f);
        assertThat(info(f, d)).isEqualTo("51234 \u2192 443 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0 MSS=1460 WS=128");
        assertThat(PacketInfo.protocolName(d)).isEqualTo("TCP");
    }

    @Test
    void noFlagsAndUdp() {
        byte[] none = eth(0x0800, ipv4("10.0.0.2", "10.0.0.1", 6).payload(tcp(1, 2).flags(0).build()).build());
        assertThat(info(none, decode(none))).isEqualTo("1 \u2192 2 [<None>] Seq=0 Win=65535 Len=0");
        byte[] udp = eth(0x0800, ipv4("10.0.0.2", "10.0.0.1", 17).payload(udp(7001, 7000, new byte[44])).build());
        DecodedPacket u = decode(udp);
        assertThat(info(udp, u)).isEqualTo("7001 \u2192 7000 Len=44");
        assertThat(PacketInfo.protocolName(u)).isEqualTo("UDP");
    }

    @Test
    void anomalySuffix() {
        byte[] f = eth(0x0800, ipv4("10.0.0.2", "10.0.0.1", 6).payload(tcp(1, 2).build()).build());
        DecodedPacket d = new DecodedPacket();
        new PacketDecoder(DecodeOptions.defaults()).decode(f, 0, 14 + 20 + 10, f.length, 1, d);
        assertThat(info(f, d)).isEqualTo("1 \u2192 2 [truncated_tcp_header]");
    }

    @Test
    void otherProtocolsAndNonIpFrames() {
        byte[] vrrp = eth(0x0800, ipv4("10.0.0.2", "224.0.0.18", 112).payload(new byte[20]).build());
        DecodedPacket v = decode(vrrp);
        assertThat(PacketInfo.protocolName(v)).isEqualTo("VRRP");
        assertThat(info(vrrp, v)).isEqualTo("IPv4 protocol 112 (VRRP)");
        byte[] unknown = eth(0x3030, new byte[30]);
        DecodedPacket e = decode(unknown);
        assertThat(PacketInfo.protocolName(e)).isEqualTo("Ethernet");
        assertThat(info(unknown, e)).isEqualTo("Ethernet type 0x3030");
        byte[] loop = eth(0x9000, new byte[30]);
        assertThat(PacketInfo.protocolName(decode(loop))).isEqualTo("LOOP");
    }

    @Test
    void describeNeverThrowsOnBadArguments() {
        DecodedPacket d = decode(tcpSynFrame());
        assertThat(PacketInfo.describe(null, 0, 10, d)).isEmpty();
        assertThat(PacketInfo.describe(new byte[4], 0, 4, d)).isNotNull();
        assertThat(PacketInfo.describe(new byte[4], 9, 4, d)).isEmpty();
    }
}
