package dev.mirrorscope.engine.decode;

import org.junit.jupiter.api.Test;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class ApplicationDecoderTest {
    private static final byte[] QNAME = hex("07 6578616d706c65 03 636f6d 00");

    private static byte[] dnsOverUdp(byte[] message) {
        return eth(0x0800, ipv4("10.0.0.1", "10.0.0.53", 17).payload(udp(40000, 53, message)).build());
    }

    private static byte[] overTcp(int sport, int dport, byte[] payload) {
        byte[] segment = tcp(sport, dport).flags(0x18).payload(payload).build();
        return eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6).payload(segment).build());
    }

    @Test
    void dnsQuery() {
        byte[] f = dnsOverUdp(cat(hex("1a2b 0100 0001 0000 0000 0000"), QNAME, hex("0001 0001")));
        DecodedPacket d = decode(f);
        assertThat(d.app).isEqualTo(Layer.DNS);
        assertThat(d.dnsId).isEqualTo(0x1a2b);
        assertThat(d.dnsQtype).isEqualTo(1);
        assertThat(d.appOffset).isEqualTo(14 + 20 + 8);
        assertThat(d.dnsNameOffset).isEqualTo(14 + 20 + 8 + 12);
        assertThat(PacketInfo.protocolName(d)).isEqualTo("DNS");
        assertThat(info(f, d)).isEqualTo("Standard query 0x1a2b A example.com");
    }

    @Test
    void dnsResponseWithACompressedName() {
        byte[] answer = hex("c00c 0001 0001 0000003c 0004 5db8d822");
        byte[] f = dnsOverUdp(cat(hex("1a2b 8180 0001 0001 0000 0000"), QNAME, hex("0001 0001"), answer));
        DecodedPacket d = decode(f);
        assertThat(d.dnsAnswers).isEqualTo(1);
        assertThat(info(f, d)).isEqualTo("Standard query response 0x1a2b A example.com");
        byte[] nx = dnsOverUdp(cat(hex("0001 8183 0001 0000 0000 0000"), QNAME, hex("001c 0001")));
        assertThat(info(nx, decode(nx))).isEqualTo("Standard query response 0x0001 No such name AAAA example.com");
    }

    @Test
    void dnsQuestionNameThroughAPointer() {
        // The second question's name is "www" and then a pointer back to the first question's "example.com".
        byte[] message = cat(hex("0007 0100 0002 0000 0000 0000"), QNAME, hex("0001 0001"),
                hex("03 777777 c00c 0001 0001"));
        byte[] f = dnsOverUdp(message);
        DecodedPacket d = decode(f);
        assertThat(anomaly(d)).isNull();
        StringBuilder sb = new StringBuilder();
        int msg = d.appOffset;
        int second = msg + 12 + QNAME.length + 4;
        assertThat(DnsNames.append(f, msg, second, f.length, sb)).isEqualTo(second + 6);
        assertThat(sb).hasToString("www.example.com");
    }

    @Test
    void dnsPointerLoopBetweenTwoPointers() {
        // Name at 12 points to 14, which points back to 12.
        byte[] f = dnsOverUdp(hex("0001 0100 0001 0000 0000 0000 c00e c00c 0001 0001"));
        DecodedPacket d = decode(f);
        assertThat(anomaly(d)).isEqualTo("dns_pointer_loop");
        assertThat(d.dnsNameOffset).isEqualTo(-1);
        assertThat(info(f, d)).isEqualTo("Standard query 0x0001 [dns_pointer_loop]");
    }

    @Test
    void dnsPointerToItself() {
        DecodedPacket d = decode(dnsOverUdp(hex("0001 0100 0001 0000 0000 0000 c00c 0001 0001")));
        assertThat(anomaly(d)).isEqualTo("dns_pointer_loop");
    }

    @Test
    void dnsLabelLoopThroughALabel() {
        // "a" then a pointer back to the "a" label: a cycle that always grows the name.
        DecodedPacket d = decode(dnsOverUdp(hex("0001 0100 0001 0000 0000 0000 0161 c00c 0001 0001")));
        assertThat(anomaly(d)).isIn("dns_pointer_loop", "bad_dns_name");
    }

    @Test
    void dnsNamesOver255BytesAreBad() {
        byte[] name = new byte[0];
        for (int i = 0; i < 5; i++) {
            byte[] label = new byte[64];
            label[0] = 63;
            java.util.Arrays.fill(label, 1, 64, (byte) 'a');
            name = cat(name, label);
        }
        DecodedPacket d = decode(dnsOverUdp(cat(hex("0001 0100 0001 0000 0000 0000"), name, hex("00 0001 0001"))));
        assertThat(anomaly(d)).isEqualTo("bad_dns_name");
        DecodedPacket extended = decode(dnsOverUdp(hex("0001 0100 0001 0000 0000 0000 4161 00 0001 0001")));
        assertThat(anomaly(extended)).isEqualTo("bad_dns_name");
    }

    @Test
    void dnsTruncated() {
        assertThat(anomaly(decode(dnsOverUdp(hex("0001 0100 0001"))))).isEqualTo("truncated_dns");
        assertThat(anomaly(decode(dnsOverUdp(cat(hex("0001 0100 0001 0000 0000 0000"), hex("07 6578"))))))
                .isEqualTo("truncated_dns");
    }

    @Test
    void dnsOverTcpSkipsTheLengthPrefix() {
        byte[] message = cat(hex("4319 0100 0001 0000 0000 0001"), QNAME, hex("0001 0001"));
        byte[] f = overTcp(33779, 53, cat(u16(message.length), message));
        DecodedPacket d = decode(f);
        assertThat(d.app).isEqualTo(Layer.DNS);
        assertThat(d.appOffset).isEqualTo(14 + 20 + 20 + 2);
        assertThat(info(f, d)).isEqualTo("Standard query 0x4319 A example.com");
    }

    @Test
    void dnsRootAndUnknownType() {
        byte[] f = dnsOverUdp(hex("f6ab 0100 0001 0000 0000 0000 00 fff0 0001"));
        assertThat(info(f, decode(f))).isEqualTo("Standard query 0xf6ab Unknown (65520) <Root>");
    }

    static byte[] clientHello(String sni) {
        byte[] name = ascii(sni);
        byte[] serverName = cat(u16(name.length + 3), bytes(0), u16(name.length), name);
        byte[] extensions = cat(hex("000a 0004 0002 001d"), u16(0), u16(serverName.length), serverName);
        byte[] body = cat(hex("0303"), new byte[32], bytes(0), hex("0002 1301"), hex("01 00"),
                u16(extensions.length), extensions);
        byte[] handshake = cat(bytes(1), bytes(0, body.length >>> 8, body.length), body);
        return cat(hex("16 0301"), u16(handshake.length), handshake);
    }

    @Test
    void tlsClientHelloServerName() {
        byte[] f = overTcp(51234, 443, clientHello("example.com"));
        DecodedPacket d = decode(f);
        assertThat(d.app).isEqualTo(Layer.TLS);
        assertThat(d.tlsRecordType).isEqualTo(22);
        assertThat(d.tlsHandshakeType).isEqualTo(1);
        assertThat(d.tlsSniLength).isEqualTo(11);
        assertThat(PacketInfo.protocolName(d)).isEqualTo("TLS");
        assertThat(info(f, d)).isEqualTo("Client Hello (SNI=example.com)");
        assertThat(decode(overTcp(51234, 8443, clientHello("a.example"))).tlsSniLength).isEqualTo(9);
    }

    @Test
    void tlsClientHelloCutBySegmentationIsNotAnAnomaly() {
        byte[] hello = clientHello("example.com");
        byte[] f = overTcp(51234, 443, java.util.Arrays.copyOf(hello, 60));
        DecodedPacket d = decode(f);
        assertThat(d.app).isEqualTo(Layer.TLS);
        assertThat(d.tlsSniOffset).isEqualTo(-1);
        assertThat(anomaly(d)).isNull();
        assertThat(info(f, d)).isEqualTo("Client Hello");
    }

    @Test
    void tlsContradictoryLengthsAreAnAnomaly() {
        byte[] hello = clientHello("example.com");
        hello[hello.length - 18] = 0x7f; // the server_name extension claims more than the extensions hold
        DecodedPacket d = decode(overTcp(51234, 443, hello));
        assertThat(anomaly(d)).isEqualTo("bad_tls_handshake");
    }

    @Test
    void tlsApplicationDataOnlyOn443() {
        byte[] record = hex("17 0303 0005 0102030405");
        assertThat(decode(overTcp(443, 50000, record)).app).isEqualTo(Layer.TLS);
        assertThat(decode(overTcp(8000, 50000, record)).app).isEqualTo(-1);
    }

    @Test
    void httpRequestLineAndHost() {
        byte[] request = ascii("GET /index.html HTTP/1.1\r\nUser-Agent: x\r\nhost:  example.com \r\n\r\n");
        byte[] f = overTcp(50000, 80, request);
        DecodedPacket d = decode(f);
        assertThat(d.app).isEqualTo(Layer.HTTP);
        assertThat(info(f, d)).isEqualTo("GET /index.html HTTP/1.1 (Host: example.com)");
        assertThat(PacketInfo.protocolName(d)).isEqualTo("HTTP");
    }

    @Test
    void httpResponseAndBadRequest() {
        byte[] f = overTcp(80, 50000, ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        DecodedPacket d = decode(f);
        assertThat(d.httpStatus).isEqualTo(404);
        assertThat(info(f, d)).isEqualTo("HTTP/1.1 404 Not Found");
        DecodedPacket bad = decode(overTcp(50000, 80, ascii("GET /nothing-else\r\n\r\n")));
        assertThat(anomaly(bad)).isEqualTo("bad_http_request");
        DecodedPacket cut = decode(overTcp(50000, 80, ascii("POST /upl")));
        assertThat(cut.app).isEqualTo(Layer.HTTP);
        assertThat(anomaly(cut)).isNull();
    }
}
