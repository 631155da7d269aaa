package dev.mirrorscope.engine.decode;

import dev.mirrorscope.engine.capture.CaptureReader;
import dev.mirrorscope.engine.capture.CaptureReaders;
import dev.mirrorscope.engine.capture.PacketBatch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes every packet of every corpus capture tshark reads and compares src, dst, proto, sport, dport,
 * tcp_flags, tunnel and vni with what tshark-diff's {@code expected_from_tshark()} derives from tshark's
 * fields: {@code corpus/expected/*.tsv} plus the fields it lacks in {@code decode/*.tsv} (see the README
 * there). All corpus packets agree; there is no deliberate disagreement on these fields.
 * One rule differs from tshark-diff's as it stands: a GRE header with nothing after it in a frame
 * captured whole (a keepalive, as in various_gre.pcap) encapsulates nothing, so it is not a tunnel and
 * the packet is the IP packet that carries it (the contract's tunnel is the encapsulation removed;
 * tshark's packet list shows the same).
 */
class CorpusDecodeTest {
    private static final Set<String> TUNNELS = Set.of("vxlan", "geneve", "gre");
    private static final Map<String, String> V6_EXT = Map.of("ipv6.hopopts", "ipv6.hopopts.nxt",
            "ipv6.routing", "ipv6.routing.nxt", "ipv6.fraghdr", "ipv6.fraghdr.nxt", "ipv6.dstopts", "ipv6.dstopts.nxt");
    private static final Map<String, String[]> L4 = Map.of("tcp", new String[]{"tcp.srcport", "tcp.dstport"},
            "udp", new String[]{"udp.srcport", "udp.dstport"}, "sctp", new String[]{"sctp.srcport", "sctp.dstport"});
    private static final Object SKIP = new Object();

    /**
     * A GRE layer that ends a frame captured whole carries no payload (in a frame cut short by the
     * capture, the payload may be what is missing).
     */
    private static boolean emptyGre(Map<String, List<String>> row, List<String> layers, int i) {
        return layers.get(i).equals("gre") && i + 1 == layers.size()
                && Objects.equals(val(row, "frame.len", 0), val(row, "frame.cap_len", 0));
    }

    @TestFactory
    Stream<DynamicTest> everyPacketAgreesWithTshark() throws IOException {
        Path corpus = resource("/corpus");
        Map<String, Map<String, List<String>>> extra = new HashMap<>();
        readExtra(resource("/decode/corpus-extra-fields.tsv"), extra);
        readExtra(resource("/decode/corpus-non-ip-macs.tsv"), extra);
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus.resolve("captures"))) {
            for (Path capture : files.sorted().toList()) {
                Path tsv = corpus.resolve("expected").resolve(capture.getFileName() + ".tsv");
                if (Files.size(tsv) == 0) {
                    continue; // tshark rejects the file: nothing to compare (the reader's tests cover it).
                }
                tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(),
                        () -> compare(capture, tsv, extra)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(47);
        return tests.stream();
    }

    /** The generated mirror captures, against tshark's decoding of them (scripts/regenerate-fixtures.sh). */
    @TestFactory
    Stream<DynamicTest> everyFixturePacketAgreesWithTshark() throws IOException {
        Path fixtures = resource("/fixtures");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixtures.resolve("captures"))) {
            for (Path capture : files.sorted().toList()) {
                Path tsv = fixtures.resolve("expected").resolve(capture.getFileName() + ".tsv");
                tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> compare(capture, tsv, Map.of())));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(3);
        return tests.stream();
    }

    private static void compare(Path capture, Path tsv, Map<String, Map<String, List<String>>> extra)
            throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, List<String>> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], split(i < cells.length ? cells[i] : ""));
            }
            row.putAll(extra.getOrDefault(capture.getFileName() + "#" + row.get("frame.number").get(0), Map.of()));
            expected.add(expectedFromTshark(row));
        }

        PacketDecoder decoder = new PacketDecoder(DecodeOptions.defaults());
        DecodedPacket d = new DecodedPacket();
        PacketBatch batch = new PacketBatch();
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        try (CaptureReader reader = CaptureReaders.open(capture)) {
            while (true) {
                batch.clear();
                if (!reader.next(batch)) {
                    break;
                }
                for (int i = 0; i < batch.count; i++, n++) {
                    decoder.decode(batch.data, batch.offset[i], batch.capLen[i], batch.origLen[i],
                            batch.linkType[i], d);
                    if (n < expected.size()) {
                        check(n + 1, expected.get(n), d, mismatches);
                    }
                }
            }
        }
        assertThat(n).as("packets in %s", capture.getFileName()).isEqualTo(expected.size());
        assertThat(mismatches).as("%s: packets that disagree with tshark", capture.getFileName()).isEmpty();
    }

    private static void check(int no, Map<String, Object> e, DecodedPacket d, List<String> mismatches) {
        Map<String, Object> ours = new HashMap<>();
        ours.put("tunnel", DecodedPacket.tunnelName(d.tunnel));
        ours.put("vni", d.vni >= 0 ? (Object) (long) d.vni : null);
        ours.put("src", d.ipVersion != 0 ? Addresses.format(d.ipVersion, d.srcHi, d.srcLo)
                : d.srcMac >= 0 ? Addresses.mac(d.srcMac) : "");
        ours.put("dst", d.ipVersion != 0 ? Addresses.format(d.ipVersion, d.dstHi, d.dstLo)
                : d.dstMac >= 0 ? Addresses.mac(d.dstMac) : "");
        ours.put("proto", d.proto >= 0 ? (Object) (long) d.proto : null);
        ours.put("sport", d.sport >= 0 ? (Object) (long) d.sport : null);
        ours.put("dport", d.dport >= 0 ? (Object) (long) d.dport : null);
        ours.put("tcp_flags", d.tcpFlags >= 0 ? (Object) (long) d.tcpFlags : null);
        for (String field : List.of("tunnel", "vni", "src", "dst", "proto", "sport", "dport", "tcp_flags")) {
            Object want = e.get(field);
            Object got = ours.get(field);
            boolean ok = want == SKIP
                    || (want instanceof Set<?> accepted ? accepted.contains(got) : Objects.equals(want, got));
            if (!ok) {
                mismatches.add("#" + no + " " + field + ": tshark " + want + ", decoder " + got);
            }
        }
    }

    /** tshark-diff's expected_from_tshark(), for the compared fields, over one row of tshark fields. */
    static Map<String, Object> expectedFromTshark(Map<String, List<String>> row) {
        List<String> protocols = row.getOrDefault("frame.protocols", List.of());
        List<String> layers = new ArrayList<>();
        for (String name : protocols.isEmpty() ? new String[0] : protocols.get(0).split(":")) {
            layers.add(name);
            if (name.equals("icmp") || name.equals("icmpv6")) {
                break; // what follows is a header quoted inside an ICMP error
            }
        }
        int[] occ = new int[layers.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            occ[i] = seen.getOrDefault(layers.get(i), 0);
            seen.merge(layers.get(i), 1, Integer::sum);
        }
        Map<String, Object> exp = new HashMap<>();
        List<Integer> tunnelAt = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (TUNNELS.contains(layers.get(i)) && !emptyGre(row, layers, i)) {
                tunnelAt.add(i);
            }
        }
        Set<Object> vni = new HashSet<>();
        vni.add(null);
        String tunnel = null;
        if (!tunnelAt.isEmpty()) {
            int i = tunnelAt.get(0);
            String name = layers.get(i);
            if (name.equals("gre")) {
                if (i + 1 < layers.size() && layers.get(i + 1).equals("erspan")) {
                    tunnel = "erspan";
                    addIfPresent(vni, val(row, "erspan.spanid", occ[i + 1]));
                } else {
                    tunnel = "gre";
                    addIfPresent(vni, val(row, "gre.key", 0));
                }
            } else {
                tunnel = name;
                String v = val(row, name + ".vni", occ[i]);
                vni = new HashSet<>();
                vni.add(v != null ? num(v) : null);
                List<Integer> nested = tunnelAt.subList(1, tunnelAt.size()).stream()
                        .filter(j -> layers.get(j).equals("vxlan") || layers.get(j).equals("geneve")).toList();
                if (!nested.isEmpty()) {
                    int j = nested.get(nested.size() - 1);
                    addIfPresent(vni, val(row, layers.get(j) + ".vni", occ[j]));
                }
            }
        }
        exp.put("tunnel", tunnel);
        exp.put("vni", vni);

        int innerStart = 0;
        for (int i = 0; i < layers.size(); i++) {
            if ((TUNNELS.contains(layers.get(i)) || layers.get(i).equals("erspan")) && !emptyGre(row, layers, i)) {
                innerStart = i + 1;
            }
        }
        int ip = -1;
        for (int i = innerStart; i < layers.size(); i++) {
            if (layers.get(i).equals("ip") || layers.get(i).equals("ipv6")) {
                ip = i;
            }
        }
        if (ip >= 0) {
            String fam = layers.get(ip);
            String src = val(row, fam + ".src", occ[ip]);
            String dst = val(row, fam + ".dst", occ[ip]);
            String proto = val(row, fam.equals("ip") ? "ip.proto" : "ipv6.nxt", occ[ip]);
            int j = ip + 1;
            if (fam.equals("ipv6")) {
                while (j < layers.size() && V6_EXT.containsKey(layers.get(j))) {
                    String nx = val(row, V6_EXT.get(layers.get(j)), occ[j]);
                    if (nx != null) {
                        proto = nx;
                    }
                    j++;
                }
            }
            if (src == null || dst == null || proto == null) {
                for (String k : List.of("src", "dst", "proto", "sport", "dport", "tcp_flags")) {
                    exp.put(k, SKIP);
                }
                return exp;
            }
            exp.put("src", canonicalIp(src));
            exp.put("dst", canonicalIp(dst));
            exp.put("proto", num(proto));
            String next = j < layers.size() ? layers.get(j) : null;
            if (next != null && L4.containsKey(next)) {
                String sp = val(row, L4.get(next)[0], occ[j]);
                String dp = val(row, L4.get(next)[1], occ[j]);
                exp.put("sport", sp != null ? num(sp) : null);
                exp.put("dport", dp != null ? num(dp) : null);
            } else {
                exp.put("sport", null);
                exp.put("dport", null);
            }
            String flags = "tcp".equals(next) ? val(row, "tcp.flags", occ[j]) : null;
            exp.put("tcp_flags", flags != null ? num(flags) & 0xFF : null);
        } else {
            int eth = -1;
            for (int i = innerStart; i < layers.size(); i++) {
                if (layers.get(i).equals("eth")) {
                    eth = i;
                }
            }
            String src = eth >= 0 ? val(row, "eth.src", occ[eth]) : null;
            String dst = eth >= 0 ? val(row, "eth.dst", occ[eth]) : null;
            exp.put("src", src != null ? src.toLowerCase(Locale.ROOT) : SKIP);
            exp.put("dst", dst != null ? dst.toLowerCase(Locale.ROOT) : SKIP);
            exp.put("proto", null);
            exp.put("sport", null);
            exp.put("dport", null);
            exp.put("tcp_flags", null);
        }
        return exp;
    }

    private static void addIfPresent(Set<Object> set, String value) {
        if (value != null) {
            set.add(num(value));
        }
    }

    private static String val(Map<String, List<String>> row, String field, int i) {
        List<String> v = row.get(field);
        return v != null && i < v.size() ? v.get(i) : null;
    }

    private static long num(String s) {
        return s.toLowerCase(Locale.ROOT).startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** IPv6 in RFC 5952 form, as tshark-diff compares it (Python's ipaddress "compressed"). */
    private static String canonicalIp(String s) {
        if (!s.contains(":")) {
            return s;
        }
        try {
            byte[] a = java.net.InetAddress.getByName(s).getAddress();
            if (a.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(a, 0, mapped, 12, 4);
                a = mapped;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(a);
            return Addresses.ipv6(b.getLong(0), b.getLong(8));
        } catch (java.net.UnknownHostException e) {
            return s;
        }
    }

    private static List<String> split(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.asList(cell.split(",", -1));
    }

    private static void readExtra(Path tsv, Map<String, Map<String, List<String>>> into) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, List<String>> row = into.computeIfAbsent(cells[0] + "#" + cells[1], k -> new HashMap<>());
            for (int i = 2; i < header.length; i++) {
                row.put(header[i], split(i < cells.length ? cells[i] : ""));
            }
        }
    }

    private static Path resource(String name) throws IOException {
        URL url = CorpusDecodeTest.class.getResource(name);
        if (url == null) {
            throw new IOException("test resource " + name + " is missing: the corpus belongs in"
                    + " analysis-engine/src/test/resources" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
