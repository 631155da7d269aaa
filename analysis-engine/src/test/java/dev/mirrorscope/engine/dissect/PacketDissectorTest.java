package dev.mirrorscope.engine.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.decode.DecodeOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the details tree shows for a few packets of the generated mirror captures. */
class PacketDissectorTest {
    private final PacketDissector dissector = new PacketDissector(DecodeOptions.defaults());

    private Dissection dissect(Packets.Packet p) {
        return dissector.dissect(p.info(), p.bytes(), 0);
    }

    private static List<String> labels(Dissection d) {
        return d.roots().stream().map(ProtocolNode::label).toList();
    }

    @Test
    void gatewayLoadBalancerPacketShowsTheGeneveOptionsByName() {
        Dissection d = dissect(Packets.fixture("mirror-gwlb.pcapng", 1));
        assertThat(labels(d)).containsExactly(
                "Frame 1: 142 bytes on wire (1136 bits), 142 bytes captured (1136 bits)",
                "Ethernet II, Src: 0a:00:00:00:00:01, Dst: 0a:00:00:c8:00:32",
                "Internet Protocol Version 4, Src: 10.0.100.5, Dst: 10.0.200.50",
                "User Datagram Protocol, Src Port: 51636, Dst Port: 6081",
                "Generic Network Virtualization Encapsulation, VNI: 0x000000 (0)",
                "Internet Protocol Version 4, Src: 203.0.113.80, Dst: 10.0.1.10",
                "Transmission Control Protocol, Src Port: 49709, Dst Port: 80, Seq: 2049307848, Len: 0");
        ProtocolNode endpoint = d.find("geneve.option.aws.gwlbe_id").get(0);
        assertThat(endpoint.label()).isEqualTo("AWS GWLB Endpoint ID: 0x0b8e61e5f3a1c4d2");
        assertThat(endpoint.offset()).isEqualTo(54);
        assertThat(endpoint.length()).isEqualTo(8);
        assertThat(d.find("geneve.option.aws.attachment_id").get(0).value()).isEqualTo("0x7a8b9c0d1e2f3001");
        assertThat(d.find("geneve.option.aws.flow_cookie").get(0).value()).isEqualTo("0x84e4da0e");
        ProtocolNode srcport = d.find("tcp.srcport").get(0);
        assertThat(srcport.label()).isEqualTo("Source Port: 49709");
        assertThat(srcport.offset()).isEqualTo(102);
        assertThat(d.find("tcp.options.mss_val").get(0).label()).isEqualTo("MSS Value: 1460");
        assertThat(d.roots().get(0).children()).extracting(ProtocolNode::label)
                .contains("[Mirrored: GENEVE, VNI 0, inner packet 60 bytes captured]");
    }

    @Test
    void vxlanHttpRequestShowsBothFramesAndTheHeaders() {
        Dissection d = dissect(Packets.fixture("mirror-mixed.pcap", 4));
        assertThat(labels(d)).contains("Virtual eXtensible Local Area Network, VNI: 101", "Hypertext Transfer Protocol");
        assertThat(d.find("eth.dst")).hasSize(2);
        assertThat(d.find("vxlan.vni").get(0).value()).isEqualTo("101");
        assertThat(d.find("http.request.method").get(0).value()).isEqualTo("GET");
        ProtocolNode host = d.find("http.host").get(0);
        assertThat(host.label()).isEqualTo("Host: www.example.com\\r\\n");
        assertThat(host.value()).isEqualTo("www.example.com");
        assertThat(new String(d.bytes(), host.offset(), host.length())).isEqualTo("Host: www.example.com\r\n");
    }

    @Test
    void dnsResponseListsQuestionAndAnswers() {
        Dissection d = dissect(Packets.fixture("mirror-mixed.pcap", 65));
        assertThat(labels(d)).contains("Domain Name System (response)");
        assertThat(d.find("dns.qry.name")).extracting(ProtocolNode::value).containsExactly("api.example.com");
        assertThat(d.find("dns.cname")).extracting(ProtocolNode::value).containsExactly("edge.example.com");
        assertThat(d.find("dns.a")).extracting(ProtocolNode::value).containsExactly("52.84.12.7");
        assertThat(d.find("dns.resp.ttl").get(0).label()).isEqualTo("Time to live: 300 (5 minutes)");
    }

    @Test
    void icmpErrorShowsTheQuotedHeadersUnderIcmp() {
        Dissection d = dissect(Packets.fixture("mirror-mixed.pcap", 94));
        ProtocolNode icmp = d.roots().stream().filter(n -> "icmp".equals(n.field())).findFirst().orElseThrow();
        assertThat(icmp.children()).extracting(ProtocolNode::label).contains(
                "Internet Protocol Version 4, Src: 10.0.1.10, Dst: 10.0.2.20",
                "User Datagram Protocol, Src Port: 49448, Dst Port: 161");
        assertThat(icmp.child("icmp.checksum").label()).endsWith("[correct]");
        // The quoted header is not the packet's own: the packet's last IPv4 line is the one that carries ICMP.
        assertThat(d.roots()).filteredOn(n -> "ip".equals(n.field())).hasSize(2);
    }

    @Test
    void clientHelloShowsTheServerName() {
        Dissection d = dissect(Packets.fixture("mirror-mixed.pcap", 16));
        assertThat(d.find("tls.handshake.extensions_server_name")).extracting(ProtocolNode::value)
                .containsExactly("shop.example.com");
        assertThat(d.find("tls.handshake.ciphersuite")).hasSize(5);
    }

    @Test
    void clickingAByteSelectsTheDeepestFieldOverIt() {
        Dissection d = dissect(Packets.fixture("mirror-gwlb.pcapng", 1));
        assertThat(last(d.pathTo(0)).field()).isEqualTo("eth.dst");
        assertThat(last(d.pathTo(103)).field()).isEqualTo("tcp.srcport");
        assertThat(d.pathTo(103).get(0).field()).isEqualTo("tcp");
        assertThat(last(d.pathTo(124)).field()).isEqualTo("tcp.options.mss_val");
        assertThat(last(d.pathTo(20)).field()).isEqualTo("ip.flags");
        assertThat(d.pathTo(10_000)).isEmpty();
    }

    private static ProtocolNode last(List<ProtocolNode> path) {
        return path.get(path.size() - 1);
    }

    @Test
    void packetCutByTheMirrorSessionShowsANoteNotAMalformedLine() {
        // Packet 115 comes from the mirror session that keeps 128 bytes: its inner IPv4 claims more.
        Dissection d = dissect(Packets.fixture("mirror-mixed.pcap", 115));
        List<ProtocolNode> experts = new java.util.ArrayList<>();
        d.visit(n -> {
            if (n.kind() == ProtocolNode.Kind.EXPERT) {
                experts.add(n);
            }
        });
        assertThat(experts).extracting(ProtocolNode::value).containsExactly("mirror_truncated");
        assertThat(experts.get(0).label()).startsWith("[Expert: cut short by the mirror session");
        assertThat(experts.get(0).severity()).isEqualTo(ProtocolNode.Severity.NOTE);
    }

    @Test
    void ipv4OptionsAreListedOneByOne() {
        byte[] frame = java.nio.ByteBuffer.allocate(14 + 28 + 8)
                .put(new byte[12]).putShort((short) 0x0800)
                .put((byte) 0x47).put((byte) 0).putShort((short) 36).putInt(0).put((byte) 1).put((byte) 17)
                .putShort((short) 0).putInt(0x0A000001).putInt(0xE0000016)
                .put(new byte[] {(byte) 0x94, 4, 0, 0, 1, 1, 0, 0})
                .putShort((short) 5000).putShort((short) 5001).putShort((short) 8).putShort((short) 0).array();
        Dissection d = dissector.dissect(new FrameInfo(1, 0, frame.length, frame.length,
                dev.mirrorscope.engine.capture.LinkTypes.ETHERNET, null), frame, 0);
        ProtocolNode ip = d.roots().get(2);
        ProtocolNode options = ip.children().stream().filter(n -> n.label().startsWith("Options")).findFirst()
                .orElseThrow();
        assertThat(options.label()).isEqualTo("Options: (8 bytes), Router Alert, No Operation (NOP), No Operation (NOP),"
                + " End of Options List (EOL)");
        assertThat(options.children()).extracting(ProtocolNode::label).containsExactly("IP Option - Router Alert (4 bytes)",
                "IP Option - No Operation (NOP)", "IP Option - No Operation (NOP)", "IP Option - End of Options List (EOL)");
        assertThat(d.find("ip.opt.type").get(0).value()).isEqualTo("148");
        assertThat(d.find("ip.opt.len").get(0).offset()).isEqualTo(35);
        assertThat(d.find("udp.srcport").get(0).offset()).isEqualTo(42);
    }

    @Test
    void snapLengthCutShowsWhatWasCapturedAndSaysWhy() {
        Packets.Packet p = Packets.fixture("mirror-mixed.pcap", 4);
        FrameInfo cut = new FrameInfo(4, p.info().tsNs(), p.info().origLen(), 100, p.info().linkType(), "eni-0a1b");
        Dissection d = dissector.dissect(cut, p.bytes(), 0);
        assertThat(d.bytes()).hasSize(100);
        assertThat(d.roots().get(0).label()).isEqualTo("Frame 4: 306 bytes on wire (2448 bits), 100 bytes captured "
                + "(800 bits) on interface eni-0a1b");
        ProtocolNode tcp = d.roots().stream().filter(n -> "tcp".equals(n.field())).findFirst().orElseThrow();
        assertThat(tcp.child("tcp.srcport")).isNotNull();
        assertThat(tcp.child("tcp.options")).isNull();
        assertThat(tcp.children()).anyMatch(n -> n.kind() == ProtocolNode.Kind.EXPERT
                && n.label().equals("[Malformed: truncated TCP header (truncated_tcp_header)]"));
    }
}
