package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.LinkTypes;
import org.junit.jupiter.api.Test;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class TunnelDecoderTest {
    private static final byte[] INNER_IP =
            ipv4("192.168.0.1", "192.168.0.2", 17).payload(udp(10000, 20000, ascii("x"))).build();

    private static byte[] outerUdp(int dport, byte[] payload) {
        return eth(0x0800, ipv4("172.16.0.1", "172.16.0.2", 17).payload(udp(40000, dport, payload)).build());
    }

    private static byte[] outerGre(byte[] gre) {
        return eth(0x0800, ipv4("172.16.0.1", "172.16.0.2", 47).payload(gre).build());
    }

    @Test
    void vxlanMirroredTcp() {
        byte[] inner = tcpSynFrame();
        byte[] f = vxlanMirrored(5001, inner);
        DecodedPacket d = decode(f);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
        assertThat(d.vni).isEqualTo(5001);
        assertThat(d.innerLen).isEqualTo(inner.length);
        assertThat(src(d)).isEqualTo("10.0.0.1");
        assertThat(d.proto).isEqualTo(6);
        assertThat(d.sport).isEqualTo(51234);
        assertThat(d.tcpFlags).isEqualTo(0x02);
        assertThat(d.srcMac).isEqualTo(MAC_A);
        assertThat(layers(d)).isEqualTo("eth:ip:udp:vxlan:eth:ip:tcp");
        assertThat(d.layerOffset[3]).isEqualTo(14 + 20 + 8);
        assertThat(info(f, d))
                .isEqualTo("51234 \u2192 443 [SYN] Seq=1000 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128");
    }

    @Test
    void vxlanCarryingArpHasTheInnerMacs() {
        byte[] arp = eth(0xFFFF_FFFF_FFFFL, 0x0011_2233_4455L, 0x0806,
                hex("0001 0800 06 04 0001 001122334455 c0a80001 000000000000 c0a80002"));
        DecodedPacket d = decode(vxlanMirrored(100, arp));
        assertThat(d.ipVersion).isZero();
        assertThat(d.proto).isEqualTo(-1);
        assertThat(src(d)).isEqualTo("00:11:22:33:44:55");
        assertThat(dst(d)).isEqualTo("ff:ff:ff:ff:ff:ff");
    }

    @Test
    void vxlanPortsComeFromTheOptions() {
        byte[] f = outerUdp(8472, vxlan(9, tcpSynFrame()));
        assertThat(decode(f).tunnel).isZero();
        DecodedPacket d = decode(f, f.length, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults().vxlanPorts(8472));
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
        assertThat(d.vni).isEqualTo(9);
    }

    @Test
    void twoHundredNestedVxlanHeadersStopAtTheNestingLimit() {
        byte[] frame = tcpSynFrame();
        for (int i = 0; i < 200; i++) {
            frame = vxlanMirrored(i, frame);
        }
        DecodedPacket d = decode(frame);
        assertThat(anomaly(d)).isEqualTo("too_many_tunnels");
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
        assertThat(d.vni).isEqualTo(199);
        assertThat(d.layerCount).isLessThanOrEqualTo(DecodedPacket.MAX_LAYERS);
    }

    @Test
    void vxlanGpeIsNoTunnelAndItsInnermostIpIsThePackets() {
        DecodedPacket d = decode(outerUdp(4790, vxlanGpe(16777215, 4, nsh(1, INNER_IP))));
        assertThat(d.tunnel).isZero();
        assertThat(d.vni).isEqualTo(-1);
        assertThat(src(d)).isEqualTo("192.168.0.1");
        assertThat(d.sport).isEqualTo(10000);
        assertThat(layers(d)).isEqualTo("eth:ip:udp:vxlan-gpe:nsh:ip:udp");
        DecodedPacket eth = decode(outerUdp(4790, vxlanGpe(5, 3, eth(0x0800, INNER_IP))));
        assertThat(eth.dport).isEqualTo(20000);
        DecodedPacket v6 = decode(outerUdp(4790, vxlanGpe(5, 2,
                ipv6("2001:db8::1", "2001:db8::2", 17).payload(udp(1, 2, new byte[0])).build())));
        assertThat(v6.ipVersion).isEqualTo(6);
        DecodedPacket badNsh = decode(outerUdp(4790, vxlanGpe(5, 4, hex("00010201 000001ff"))));
        assertThat(anomaly(badNsh)).isEqualTo("bad_nsh_length");
    }

    @Test
    void geneveWithAwsGatewayLoadBalancerOptions() {
        byte[] options = cat(
                geneveOption(0x0108, 1, hex("0123456789abcdef")),
                geneveOption(0x0108, 2, hex("1111222233334444")),
                geneveOption(0x0108, 3, hex("cafef00d")));
        byte[] f = outerUdp(6081, geneve(0xa, 0x0800, false, options, INNER_IP));
        DecodedPacket d = decode(f);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_GENEVE);
        assertThat(d.vni).isEqualTo(10);
        assertThat(d.innerLen).isEqualTo(INNER_IP.length);
        assertThat(src(d)).isEqualTo("192.168.0.1");
        assertThat(layers(d)).isEqualTo("eth:ip:udp:geneve:ip:udp");
        int geneveStart = d.layerOffset[3];
        assertThat(d.gwlbEndpointIdOffset).isEqualTo(geneveStart + 8 + 4);
        assertThat(d.gwlbAttachmentIdOffset).isEqualTo(geneveStart + 8 + 12 + 4);
        assertThat(d.gwlbFlowCookieOffset).isEqualTo(geneveStart + 8 + 24 + 4);
        assertThat(Bytes.u32(f, d.gwlbFlowCookieOffset)).isEqualTo(0xcafef00dL);
        assertThat(anomaly(d)).isNull();
    }

    @Test
    void geneveEthernetInnerWithCriticalOption() {
        byte[] option = geneveOption(0xffff, 0x80, hex("00000001"));
        DecodedPacket d = decode(outerUdp(6081, geneve(0xb, 0x6558, true, option, eth(0x0800, INNER_IP))));
        assertThat(d.vni).isEqualTo(11);
        assertThat(d.dport).isEqualTo(20000);
        assertThat(d.gwlbEndpointIdOffset).isEqualTo(-1);
    }

    @Test
    void geneveBadOptionIsAnAnomalyButTheInnerPacketIsDecoded() {
        byte[] badOption = cat(u16(0x0108), bytes(1, 5), hex("00000000"));
        DecodedPacket d = decode(outerUdp(6081, geneve(3, 0x0800, false, badOption, INNER_IP)));
        assertThat(anomaly(d)).isEqualTo("bad_geneve_options");
        assertThat(d.dport).isEqualTo(20000);
        DecodedPacket pastEnd = decode(outerUdp(6081, cat(bytes(40, 0), u16(0x0800), u32(3 << 8), INNER_IP)));
        assertThat(anomaly(pastEnd)).isEqualTo("truncated_geneve");
        assertThat(pastEnd.tunnel).isEqualTo(DecodedPacket.TUNNEL_GENEVE);
        assertThat(pastEnd.ipVersion).isZero();
    }

    @Test
    void geneveCarryingVxlanReportsTheOutermostTunnel() {
        byte[] inner = eth(0x0800,
                ipv4("10.1.0.1", "10.1.0.2", 17).payload(udp(1, 4789, vxlan(55, tcpSynFrame()))).build());
        DecodedPacket d = decode(outerUdp(6081, geneve(66, 0x6558, false, new byte[0], inner)));
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_GENEVE);
        assertThat(d.vni).isEqualTo(66);
        assertThat(src(d)).isEqualTo("10.0.0.1");
        assertThat(d.tcpFlags).isEqualTo(0x02);
    }

    @Test
    void greWithKeyChecksumAndSequence() {
        byte[] f = outerGre(gre(0xB000, 0x0800, hex("0000 0000 00000028 00000005"), INNER_IP));
        DecodedPacket d = decode(f);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_GRE);
        assertThat(d.vni).isEqualTo(40);
        assertThat(d.innerLen).isEqualTo(INNER_IP.length);
        assertThat(src(d)).isEqualTo("192.168.0.1");
        assertThat(d.layerLength[2]).isEqualTo(16);
    }

    @Test
    void greWithRoutingEntries() {
        byte[] sres = hex("0800 00 08 01010101 02020202  0800 00 04 03030303  0000 00 00");
        byte[] f = outerGre(gre(0x4000, 0x0800, cat(hex("0000 0000"), sres), INNER_IP));
        DecodedPacket d = decode(f);
        assertThat(d.dport).isEqualTo(20000);
        assertThat(d.layerLength[2]).isEqualTo(8 + sres.length);
        DecodedPacket cut = decode(outerGre(gre(0x4000, 0x0800, hex("0000 0000 0800 00 08 0101"), new byte[0])));
        assertThat(anomaly(cut)).isEqualTo("truncated_gre");
        assertThat(cut.tunnel).isEqualTo(DecodedPacket.TUNNEL_GRE);
        byte[] endless = new byte[0];
        for (int i = 0; i < DecodeLimits.MAX_GRE_SRES + 1; i++) {
            endless = cat(endless, hex("0800 00 00"));
        }
        DecodedPacket tooMany = decode(outerGre(gre(0x4000, 0x0800, cat(hex("0000 0000"), endless), INNER_IP)));
        assertThat(anomaly(tooMany)).isEqualTo("bad_gre_routing");
    }

    @Test
    void pptpEnhancedGreCarriesPppAndHasNoKeyAsVni() {
        byte[] ppp = cat(hex("ff03 0021"), INNER_IP);
        byte[] f = outerGre(gre(0x3081, 0x880B, hex("0030 0007 00000001 00000000"), ppp));
        DecodedPacket d = decode(f);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_GRE);
        assertThat(d.vni).isEqualTo(-1);
        assertThat(layers(d)).isEqualTo("eth:ip:gre:ppp:ip:udp");
        assertThat(d.dport).isEqualTo(20000);
        byte[] lcp = outerGre(gre(0x3001, 0x880B, hex("0010 0000 00000000"), hex("ff03 c021 0101 0004")));
        DecodedPacket l = decode(lcp);
        assertThat(l.proto).isEqualTo(-1);
        assertThat(info(lcp, l)).isEqualTo("PPP LCP");
    }

    @Test
    void greKeepaliveRequestCarriesTheReplyWhichCarriesNothing() {
        byte[] reply = ipv4("172.16.0.2", "172.16.0.1", 47).payload(gre(0x2000, 0, u32(40), new byte[0])).build();
        byte[] request = outerGre(gre(0x2000, 0x0800, u32(40), reply));
        DecodedPacket d = decode(request);
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_GRE);
        assertThat(d.vni).isEqualTo(40);
        assertThat(d.innerLen).isEqualTo(reply.length);
        assertThat(Addresses.format(d.ipVersion, d.srcHi, d.srcLo)).isEqualTo("172.16.0.2");
        assertThat(d.proto).isEqualTo(47);
        assertThat(info(request, d)).isEqualTo("GRE (keepalive)");
        assertThat(d.anomalyCount).isZero();

        // The reply as it travels back: a GRE header with no payload encapsulates nothing.
        byte[] alone = eth(0x0800, reply);
        DecodedPacket r = decode(alone);
        assertThat(r.tunnel).isEqualTo(DecodedPacket.TUNNEL_NONE);
        assertThat(r.vni).isEqualTo(-1);
        assertThat(r.innerLen).isEqualTo(-1);
        assertThat(Addresses.format(r.ipVersion, r.dstHi, r.dstLo)).isEqualTo("172.16.0.1");
        assertThat(r.proto).isEqualTo(47);
        assertThat(r.sport).isEqualTo(-1);
        assertThat(info(alone, r)).isEqualTo("GRE (keepalive)");
        assertThat(PacketInfo.protocolName(r)).isEqualTo("GRE");
        assertThat(r.anomalyCount).isZero();
    }

    @Test
    void greHeaderCutOffByTheCaptureIsStillATunnel() {
        byte[] inner = ipv4("10.0.0.1", "10.0.0.2", 17).payload(new byte[20]).build();
        byte[] f = outerGre(gre(0x2000, 0x0800, u32(7), inner));
        // Cut inside the key: the IP header still declares the payload.
        byte[] cut = java.util.Arrays.copyOf(f, f.length - inner.length - 2);
        DecodedPacket d = decode(cut, cut.length, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_GRE);
        assertThat(Anomaly.of(d.anomaly)).isEqualTo(Anomaly.TRUNCATED_GRE);
    }

    @Test
    void greVersionsAboveOneAreDecodedLikeVersionZero() {
        DecodedPacket d = decode(outerGre(gre(0x0002, 0x0800, new byte[0], INNER_IP)));
        assertThat(anomaly(d)).isEqualTo("unsupported_gre_version");
        assertThat(d.dport).isEqualTo(20000);
    }

    @Test
    void erspanTypeOneHasNoHeader() {
        DecodedPacket d = decode(outerGre(gre(0x0000, 0x88BE, new byte[0], eth(0x0800, INNER_IP))));
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_ERSPAN);
        assertThat(d.vni).isEqualTo(-1);
        assertThat(d.dport).isEqualTo(20000);
    }

    @Test
    void erspanTypeTwoSession() {
        byte[] header = hex("1065 0021 00000007");
        DecodedPacket d = decode(outerGre(gre(0x1000, 0x88BE, u32(1), cat(header, eth(0x0800, INNER_IP)))));
        assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_ERSPAN);
        assertThat(d.vni).isEqualTo(0x21);
        assertThat(d.innerLen).isEqualTo(14 + INNER_IP.length);
        assertThat(src(d)).isEqualTo("192.168.0.1");
    }

    @Test
    void erspanTypeThreeFrameTypesAndPlatformSubheader() {
        byte[] ft0 = hex("2065 0005 00000000 0000 0000");
        DecodedPacket d = decode(outerGre(gre(0x1000, 0x22EB, u32(1), cat(ft0, eth(0x0800, INNER_IP)))));
        assertThat(d.vni).isEqualTo(5);
        assertThat(d.dport).isEqualTo(20000);

        byte[] withSubheader = hex("2065 0005 00000000 0000 0001 0000000000000000");
        DecodedPacket o = decode(outerGre(gre(0x1000, 0x22EB, u32(1), cat(withSubheader, eth(0x0800, INNER_IP)))));
        assertThat(o.dport).isEqualTo(20000);
        assertThat(o.layerLength[3]).isEqualTo(20);

        byte[] ft7 = hex("2065 0005 00000000 0000 1c00");
        byte[] f = outerGre(gre(0x1000, 0x22EB, u32(1), cat(ft7, eth(0x0800, INNER_IP))));
        DecodedPacket seven = decode(f);
        assertThat(seven.tunnel).isEqualTo(DecodedPacket.TUNNEL_ERSPAN);
        assertThat(seven.ipVersion).isZero();
        assertThat(seven.srcMac).isEqualTo(-1);
        assertThat(info(f, seven)).isEqualTo("ERSPAN session=5 (frame type 7)");
    }

    @Test
    void erspanTruncatedAndBadVersion() {
        byte[] cut = hex("2065 0005 00000000 0000 0001 0000");
        DecodedPacket t = decode(outerGre(gre(0x1000, 0x22EB, u32(1), cut)));
        assertThat(anomaly(t)).isEqualTo("truncated_erspan");
        assertThat(t.vni).isEqualTo(5);
        DecodedPacket v = decode(outerGre(gre(0x1000, 0x22EB, u32(1), hex("7065 0005 00000000 0000 0000"))));
        assertThat(anomaly(v)).isEqualTo("bad_erspan_version");
    }
}
