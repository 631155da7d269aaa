package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.LinkTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.mirrorscope.engine.decode.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class LinkLayerDecoderTest {
    private static final byte[] UDP_PACKET =
            ipv4("10.0.0.1", "10.0.0.2", 17).payload(udp(1234, 53, new byte[0])).build();
    private static final byte[] UDP6_PACKET =
            ipv6("2001:db8::1", "2001:db8::2", 17).payload(udp(1234, 80, new byte[0])).build();

    @Test
    void ethernetRecordsMacsAndEtherType() {
        DecodedPacket d = decode(eth(0x0800, UDP_PACKET));
        assertThat(d.srcMac).isEqualTo(MAC_A);
        assertThat(d.dstMac).isEqualTo(MAC_B);
        assertThat(d.etherType).isEqualTo(0x0800);
        assertThat(layers(d)).isEqualTo("eth:ip:udp");
        assertThat(d.layerOffset[1]).isEqualTo(14);
        assertThat(anomaly(d)).isNull();
    }

    @Test
    void truncatedEthernetIsAnAnomaly() {
        byte[] f = eth(0x0800, UDP_PACKET);
        DecodedPacket d = decode(f, 13, f.length, LinkTypes.ETHERNET, DecodeOptions.defaults());
        assertThat(anomaly(d)).isEqualTo("truncated_ethernet");
        assertThat(d.srcMac).isEqualTo(-1);
    }

    @Test
    void ieee8023LengthIsLlcNotAnEtherType() {
        DecodedPacket d = decode(eth(0x0026, new byte[38]));
        assertThat(layers(d)).isEqualTo("eth:llc");
        assertThat(d.etherType).isEqualTo(-1);
        assertThat(PacketInfo.protocolName(d)).isEqualTo("LLC");
    }

    @Test
    void vlanAndQinQTagsAreWalked() {
        byte[] qinq = eth(0x88A8, vlanTag(200, 0x8100, vlanTag(2001, 0x0800, UDP_PACKET)));
        DecodedPacket d = decode(qinq);
        assertThat(layers(d)).isEqualTo("eth:vlan:vlan:ip:udp");
        assertThat(d.vlanId).isEqualTo(200);
        assertThat(d.etherType).isEqualTo(0x0800);
        assertThat(d.dport).isEqualTo(53);
    }

    @Test
    void tooManyVlanTagsStop() {
        byte[] payload = UDP_PACKET;
        int type = 0x0800;
        for (int i = 0; i < DecodeLimits.MAX_VLAN_TAGS + 1; i++) {
            payload = vlanTag(i + 1, type, payload);
            type = 0x8100;
        }
        DecodedPacket d = decode(eth(0x8100, payload));
        assertThat(anomaly(d)).isEqualTo("too_many_vlan_tags");
        assertThat(d.ipVersion).isZero();
    }

    @Test
    void truncatedVlanTag() {
        DecodedPacket d = decode(eth(0x8100, bytes(0, 5)));
        assertThat(anomaly(d)).isEqualTo("truncated_vlan_header");
    }

    @Test
    void arpKeepsTheEthernetAddresses() {
        byte[] arp = hex("0001 0800 06 04 0001 020000000001 0a000002 000000000000 0a000001");
        DecodedPacket d = decode(eth(0x0806, arp));
        assertThat(d.arpOp).isEqualTo(1);
        assertThat(d.ipVersion).isZero();
        assertThat(src(d)).isEqualTo("02:00:00:00:00:01");
        assertThat(PacketInfo.protocolName(d)).isEqualTo("ARP");
        assertThat(info(eth(0x0806, arp), d)).isEqualTo("Who has 10.0.0.1? Tell 10.0.0.2");
        DecodedPacket cut = decode(eth(0x0806, java.util.Arrays.copyOf(arp, 20)));
        assertThat(anomaly(cut)).isEqualTo("truncated_arp");
    }

    @Test
    void ciscoMetadataShimBeforeTheEtherType() {
        DecodedPacket d = decode(eth(0x8909, cat(hex("0101 0001 0005 0800"), UDP_PACKET)));
        assertThat(layers(d)).isEqualTo("eth:cmd:ip:udp");
        assertThat(d.dport).isEqualTo(53);
    }

    @Test
    void mplsLabelStackThenIpByNibble() {
        byte[] labels = hex("00010000 00020140");
        DecodedPacket d = decode(eth(0x8847, cat(labels, UDP_PACKET)));
        assertThat(layers(d)).isEqualTo("eth:mpls:ip:udp");
        byte[] endless = new byte[4 * (DecodeLimits.MAX_MPLS_LABELS + 1)];
        assertThat(anomaly(decode(eth(0x8847, endless)))).isEqualTo("too_many_mpls_labels");
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 30})
    void nullLoopbackIpv6FamiliesInBothByteOrders(int family) {
        byte[] le = cat(bytes(family, 0, 0, 0), UDP6_PACKET);
        byte[] be = cat(bytes(0, 0, 0, family), UDP6_PACKET);
        assertThat(decode(le, LinkTypes.NULL).ipVersion).isEqualTo(6);
        assertThat(decode(be, LinkTypes.NULL).ipVersion).isEqualTo(6);
        assertThat(decode(be, LinkTypes.LOOP).ipVersion).isEqualTo(6);
    }

    @Test
    void nullLoopbackIpv4InBothByteOrders() {
        DecodedPacket le = decode(cat(bytes(2, 0, 0, 0), UDP_PACKET), LinkTypes.NULL);
        DecodedPacket be = decode(cat(bytes(0, 0, 0, 2), UDP_PACKET), LinkTypes.NULL);
        assertThat(layers(le)).isEqualTo("null:ip:udp");
        assertThat(be.ipVersion).isEqualTo(4);
        assertThat(le.srcMac).isEqualTo(-1);
        assertThat(decode(cat(bytes(0, 0, 0, 2), UDP_PACKET), LinkTypes.LOOP).ipVersion).isEqualTo(4);
        // LOOP is network byte order only: a little-endian 2 is not AF_INET there.
        assertThat(decode(cat(bytes(2, 0, 0, 0), UDP_PACKET), LinkTypes.LOOP).ipVersion).isZero();
    }

    @Test
    void nullLoopbackWithAnEtherTypeInTheUpperHalf() {
        // Seen in old Linux captures; Wireshark takes it as EtherType 0x0800.
        DecodedPacket d = decode(cat(bytes(2, 0, 8, 0), UDP_PACKET), LinkTypes.NULL);
        assertThat(d.ipVersion).isEqualTo(4);
    }

    @Test
    void truncatedNullHeader() {
        assertThat(anomaly(decode(bytes(2, 0), LinkTypes.NULL))).isEqualTo("truncated_link_header");
    }

    @Test
    void rawIpPicksTheVersionFromTheFirstNibble() {
        assertThat(decode(UDP_PACKET, LinkTypes.RAW).ipVersion).isEqualTo(4);
        assertThat(decode(UDP6_PACKET, LinkTypes.RAW).ipVersion).isEqualTo(6);
        assertThat(decode(UDP_PACKET, LinkTypes.IPV4).dport).isEqualTo(53);
        assertThat(decode(UDP6_PACKET, LinkTypes.IPV6).dport).isEqualTo(80);
        DecodedPacket bad = decode(cat(bytes(0x75), new byte[30]), LinkTypes.RAW);
        assertThat(anomaly(bad)).isEqualTo("bad_ip_version");
    }

    @Test
    void linuxCookedCaptures() {
        byte[] sll = cat(hex("0000 0001 0006 020000000001 0000 0800"), UDP_PACKET);
        DecodedPacket d = decode(sll, LinkTypes.LINUX_SLL);
        assertThat(layers(d)).isEqualTo("sll:ip:udp");
        byte[] sll2 = cat(hex("0800 0000 00000002 0001 00 06 020000000001 0000"), UDP_PACKET);
        DecodedPacket d2 = decode(sll2, LinkTypes.LINUX_SLL2);
        assertThat(layers(d2)).isEqualTo("sll2:ip:udp");
        assertThat(d2.dport).isEqualTo(53);
        assertThat(anomaly(decode(java.util.Arrays.copyOf(sll2, 19), LinkTypes.LINUX_SLL2)))
                .isEqualTo("truncated_link_header");
    }

    @Test
    void unknownLinkType() {
        assertThat(anomaly(decode(UDP_PACKET, 147))).isEqualTo("unknown_link_type");
    }
}
