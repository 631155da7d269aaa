package dev.mirrorscope.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.FlowRow;
import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.capture.PacketBatch;
import dev.mirrorscope.engine.capture.PcapWriter;
import dev.mirrorscope.engine.capture.PcapngWriter;
import dev.mirrorscope.engine.decode.DecodeOptions;
import dev.mirrorscope.engine.decode.DecodedPacket;
import dev.mirrorscope.engine.decode.Layer;
import dev.mirrorscope.engine.decode.PacketDecoder;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator, judged by decoding what it writes with the engine's own decoder and checking each
 * header independently: determinism, checksums, the protocol mix, timing and the TCP behaviour that the
 * flow table should find.
 */
class MirrorTrafficGeneratorTest {
    @TempDir
    Path tmp;

    interface Mix {
        void write(MirrorTrafficGenerator g) throws IOException;
    }

    interface Visitor {
        void packet(byte[] b, int off, int cap, long tsNs, DecodedPacket d);
    }

    private Path generate(String name, long seed, Mix mix) throws IOException {
        Path file = tmp.resolve(name);
        OutputStream os = Files.newOutputStream(file);
        try (var w = name.endsWith(".pcapng") ? new PcapngWriter(os, "test") : new PcapWriter(os, LinkTypes.ETHERNET,
                true)) {
            if (w instanceof PcapngWriter ng) {
                ng.addInterface(LinkTypes.ETHERNET, "mirror-target");
            }
            mix.write(new MirrorTrafficGenerator(w, seed));
        }
        return file;
    }

    private static long decodeAll(Path file, Visitor v) throws IOException {
        PacketDecoder decoder = new PacketDecoder(DecodeOptions.defaults());
        DecodedPacket d = new DecodedPacket();
        PacketBatch batch = new PacketBatch();
        long n = 0;
        try (CaptureReader r = CaptureReaders.open(file)) {
            while (true) {
                batch.clear();
                if (!r.next(batch)) {
                    break;
                }
                for (int i = 0; i < batch.count; i++, n++) {
                    decoder.decode(batch.data, batch.offset[i], batch.capLen[i], batch.origLen[i], batch.linkType[i], d);
                    v.packet(batch.data, batch.offset[i], batch.capLen[i], batch.tsNs[i], d);
                }
            }
            assertThat(r.stopReason()).isNull();
        }
        return n;
    }

    @Test
    void theSameSeedWritesTheSameCaptureAndAnotherSeedAnother() throws IOException {
        Mix[] mixes = {g -> g.sample(2), g -> g.gwlb(2), g -> g.bulk(3_000)};
        for (int m = 0; m < mixes.length; m++) {
            byte[] a = Files.readAllBytes(generate("a" + m + ".pcapng", 3, mixes[m]));
            byte[] again = Files.readAllBytes(generate("b" + m + ".pcapng", 3, mixes[m]));
            byte[] other = Files.readAllBytes(generate("c" + m + ".pcapng", 4, mixes[m]));
            assertThat(again).as("mix %d, same seed", m).isEqualTo(a);
            assertThat(other).as("mix %d, another seed", m).isNotEqualTo(a);
        }
    }

    @Test
    void everyIpHeaderAndTransportChecksumIsCorrect() throws IOException {
        Map<String, Integer> verified = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        Set<Integer> cutShortVnis = new HashSet<>();
        Mix[] mixes = {g -> g.sample(3), g -> g.gwlb(2), g -> g.bulk(2_000)};
        for (int m = 0; m < mixes.length; m++) {
            int mix = m;
            decodeAll(generate("m" + m + ".pcap", 9, mixes[m]), (b, off, cap, ts, d) -> {
                int ip = -1;
                for (int k = 0; k < d.layerCount; k++) {
                    int type = d.layerType[k];
                    int at = off + d.layerOffset[k];
                    if (type == Layer.IPV4 || type == Layer.IPV6) {
                        ip = at;
                        if (type == Layer.IPV4) {
                            count(verified, "ipv4", sum(b, at, 20, 0) == 0xFFFF, wrong, mix, d);
                        }
                        continue;
                    }
                    boolean l4 = type == Layer.TCP || type == Layer.UDP || type == Layer.ICMP || type == Layer.ICMPV6;
                    if (!l4) {
                        continue;
                    }
                    boolean v6 = (b[ip] & 0xF0) == 0x60;
                    int end = v6 ? ip + 40 + u16(b, ip + 4) : ip + u16(b, ip + 2);
                    if (end > off + cap) {
                        cutShortVnis.add(d.vni); // a mirror session's packet length cut it: no checksum to check
                        continue;
                    }
                    int len = end - at;
                    if (type == Layer.UDP && !v6 && u16(b, at + 6) == 0) {
                        assertThat(u16(b, at + 2)).as("only tunnels leave out the UDP checksum").isIn(4789, 6081);
                        continue;
                    }
                    long pseudo = 0;
                    if (type != Layer.ICMP) {
                        int proto = type == Layer.TCP ? 6 : type == Layer.UDP ? 17 : 58;
                        int addrs = v6 ? 32 : 8;
                        pseudo = sum(b, ip + (v6 ? 8 : 12), addrs, 0) + proto + len;
                    }
                    count(verified, Layer.name(type), sum(b, at, len, pseudo) == 0xFFFF, wrong, mix, d);
                }
            });
        }
        assertThat(wrong).isEmpty();
        assertThat(cutShortVnis).containsExactly(104);
        assertThat(verified).containsKeys("ipv4", "tcp", "udp", "icmp", "icmpv6");
        assertThat(verified.get("tcp")).isGreaterThan(2_000);
    }

    private static void count(Map<String, Integer> verified, String what, boolean ok, List<String> wrong, int mix,
                              DecodedPacket d) {
        verified.merge(what, 1, Integer::sum);
        if (!ok) {
            wrong.add("mix " + mix + ": bad " + what + " checksum, vni " + d.vni + ", proto " + d.proto);
        }
    }

    /** The folded ones'-complement sum (not complemented): 0xFFFF over data that includes a correct checksum. */
    private static int sum(byte[] b, int at, int len, long initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) {
            s += (b[at + i] & 0xFF) << 8 | (i + 1 < len ? b[at + i + 1] & 0xFF : 0);
        }
        while (s >>> 16 != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    @Test
    void theSampleHoldsTheWholeMix() throws IOException {
        Set<String> seen = new HashSet<>();
        Set<Integer> vxlanVnis = new HashSet<>();
        Set<String> sni = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        Set<Integer> synFlagsWithoutOptions = new HashSet<>();
        long[] untimestampedSegments = {0};
        decodeAll(generate("sample.pcapng", 5, g -> g.sample(2)), (b, off, cap, ts, d) -> {
            seen.add("tunnel " + DecodedPacket.tunnelName(d.tunnel));
            seen.add("ip" + d.ipVersion + " proto " + d.proto);
            if (d.tunnel == DecodedPacket.TUNNEL_VXLAN) {
                vxlanVnis.add(d.vni);
            }
            if (d.tcpFlags >= 0) {
                seen.add("tcp flags " + d.tcpFlags);
                boolean syn = (d.tcpFlags & 0x02) != 0;
                if (syn && (d.tcpMss < 0 || d.tcpWindowScale != 7 || !d.tcpSackPermitted || !d.tcpHasTimestamps)) {
                    synFlagsWithoutOptions.add(d.tcpFlags);
                }
                if (!d.tcpHasTimestamps && d.tcpFlags != 0x14) {
                    untimestampedSegments[0]++;
                }
                if (d.tcpSackBlocks > 0) {
                    seen.add("sack");
                }
            }
            if (d.icmpType >= 0) {
                seen.add("icmp" + (d.proto == 58 ? "v6" : "") + " type " + d.icmpType);
            }
            for (int k = 0; k < d.layerCount; k++) {
                if (d.layerType[k] == Layer.ICMP_QUOTED && d.layerLength[k] >= 28
                        && b[off + d.layerOffset[k] + 9] == 17) {
                    seen.add("icmp error quoting udp");
                }
            }
            if (d.app == Layer.DNS) {
                seen.add(d.dnsAnswers > 0 ? "dns answer" : "dns query");
            }
            if (d.tlsSniOffset >= 0) {
                sni.add(new String(b, off + d.tlsSniOffset, d.tlsSniLength, StandardCharsets.US_ASCII));
            }
            if (d.httpHostOffset >= 0) {
                hosts.add(new String(b, off + d.httpHostOffset, d.httpHostLength, StandardCharsets.US_ASCII));
            }
            if (d.gwlbEndpointIdOffset >= 0 && d.gwlbAttachmentIdOffset >= 0 && d.gwlbFlowCookieOffset >= 0
                    && readLong(b, off + d.gwlbEndpointIdOffset) == MirrorTrafficGenerator.GWLB_A.endpointId()) {
                seen.add("gwlb options");
            }
            if (d.tunnel == DecodedPacket.TUNNEL_ERSPAN && d.vni == MirrorTrafficGenerator.SWITCH.sessionId()) {
                seen.add("erspan session");
            }
            if (d.vni == MirrorTrafficGenerator.APP.vni() && d.innerLen >= 0) {
                seen.add(d.innerLen <= MirrorTrafficGenerator.APP.packetLength() ? "within packet length"
                        : "longer than packet length");
            }
        });
        assertThat(seen).contains("tunnel vxlan", "tunnel geneve", "tunnel erspan",
                "ip4 proto 6", "ip4 proto 17", "ip4 proto 1", "ip6 proto 6", "ip6 proto 58",
                "tcp flags 2", "tcp flags 18", "tcp flags 16", "tcp flags 24", "tcp flags 17", "tcp flags 20", "sack",
                "icmp type 8", "icmp type 0", "icmp type 3", "icmpv6 type 128", "icmpv6 type 129",
                "icmp error quoting udp", "dns query", "dns answer", "gwlb options", "erspan session",
                "within packet length").doesNotContain("longer than packet length");
        assertThat(vxlanVnis).containsExactlyInAnyOrder(101, 102, 103, 104);
        // The truncating session's ClientHello is cut before its server_name: only the others show one.
        assertThat(sni).containsExactlyInAnyOrder("shop.example.com", "api.example.com", "updates.example.net");
        assertThat(hosts).containsExactly("www.example.com");
        assertThat(synFlagsWithoutOptions).isEmpty();
        assertThat(untimestampedSegments[0]).isZero();
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | b[at + i] & 0xFF;
        }
        return v;
    }

    @Test
    void timeOnlyMovesForward() throws IOException {
        Mix[] mixes = {g -> g.sample(3), g -> g.gwlb(2), g -> g.bulk(5_000)};
        for (int m = 0; m < mixes.length; m++) {
            long[] last = {Long.MIN_VALUE};
            List<String> backwards = new ArrayList<>();
            long n = decodeAll(generate("t" + m + ".pcap", 2, mixes[m]), (b, off, cap, ts, d) -> {
                if (ts < last[0]) {
                    backwards.add(ts + " after " + last[0]);
                }
                last[0] = ts;
            });
            assertThat(backwards).as("mix %d", m).isEmpty();
            assertThat(n).isPositive();
        }
    }

    /** What the engine's flow table makes of the sample: the TCP endings, retransmissions and RTTs written. */
    @Test
    void theFlowTableFindsTheTcpBehaviourWritten() throws IOException {
        Path sample = generate("flows.pcapng", 8, g -> g.sample(2));
        Path gwlb = generate("gwlb.pcapng", 8, g -> g.gwlb(1));
        List<FlowRow> flows = new ArrayList<>();
        try (Session s = Session.open(tmp.resolve("session"))) {
            s.ingest(List.of(sample, gwlb), IngestOptions.defaults(), IngestListener.NONE);
            s.flows(flows::add);
        }
        Set<String> states = new HashSet<>();
        for (FlowRow f : flows) {
            states.add(f.tcpState());
            if (f.proto() == 6 && f.bPort() == 80 && Integer.valueOf(101).equals(f.vni())) {
                // The web server's mirror sees the client's ACK one client round trip (18-30 ms) after its SYN/ACK.
                assertThat(f.rttUs()).isBetween(18_000L, 31_000L);
                assertThat(f.tcpState()).isEqualTo("closed");
            }
            if (f.proto() == 6 && f.bPort() == 5432) {
                assertThat(f.vni()).isIn(101, 102);
                // Both ENIs mirrored: a 300-900 us round trip plus both ends' processing.
                assertThat(f.rttUs()).isBetween(300L, 1_200L);
            }
        }
        assertThat(states).contains("closed", "refused", "reset", "syn_only");
        assertThat(flows).filteredOn(f -> f.proto() == 6 && f.retransmits() > 0).extracting(FlowRow::bPort)
                .contains(443);
        assertThat(flows).filteredOn(f -> "syn_only".equals(f.tcpState())).extracting(FlowRow::bPort)
                .containsOnly(3389);
    }

    @Test
    void bulkWritesExactlyTheAskedNumberOfMirroredTcpPackets() throws IOException {
        Set<String> opened = new HashSet<>();
        List<String> unopened = new ArrayList<>();
        Set<Integer> vnis = new HashSet<>();
        long n = decodeAll(generate("bulk.pcap", 1, g -> g.bulk(12_345)), (b, off, cap, ts, d) -> {
            assertThat(d.tunnel).isEqualTo(DecodedPacket.TUNNEL_VXLAN);
            assertThat(d.proto).isEqualTo(6);
            vnis.add(d.vni);
            String key = d.vni + " " + Math.min(d.sport, d.dport) + " " + Math.max(d.sport, d.dport) + " "
                    + (d.srcLo ^ d.dstLo);
            if (d.tcpFlags == 0x02) {
                opened.add(key);
            } else if (!opened.contains(key)) {
                unopened.add(key);
            }
        });
        assertThat(n).isEqualTo(12_345);
        assertThat(vnis).containsExactlyInAnyOrder(101, 102, 103);
        assertThat(unopened).as("packets of conversations whose SYN was not written first").isEmpty();
        assertThat(opened.size()).isGreaterThan(256);
    }

    @Test
    void atLeastWritesWholeRoundsUpToTheCount() throws IOException {
        long[] one = new long[1];
        generate("one.pcap", 6, g -> {
            g.sample(1);
            one[0] = g.packetsWritten();
        });
        long[] written = new long[1];
        generate("atleast.pcap", 6, g -> {
            g.sampleAtLeast(one[0] + 1);
            written[0] = g.packetsWritten();
        });
        assertThat(written[0]).isGreaterThan(one[0]).isLessThan(3 * one[0]);
    }
}
