package dev.mirrorscope.engine.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The details tree against tshark's (scripts/regenerate-dissect-expectations.sh): on every packet of the
 * fixture captures and the corpus, every field that both trees have must sit at the same offset with the
 * same length and shown value, in both directions: each of our fields that tshark also knows must be in
 * tshark's tree, and each of tshark's fields that we also write must be in ours.
 *
 * <p>Where the two trees differ by design, the difference is named here rather than skipped silently:
 * <ul>
 * <li>{@code data.*}: tshark's generic data lines follow its own set of application dissectors;</li>
 * <li>TLS and HTTP are compared in the packets where tshark dissects them: we recognise them by content on
 *     any port, one packet at a time, tshark by port and by following the conversation;</li>
 * <li>a TLS record that runs past the end of its TCP segment is left by tshark to reassembly (off here) and
 *     not shown; ours shows what the segment holds (a truncating mirror session's ClientHello still has its
 *     SNI), so from the first record tshark does not show on, TLS is not compared;</li>
 * <li>tshark 4.0 writes a TLS 1.3 record's type as {@code tls.record.opaque_type} once it has seen the
 *     handshake; one packet alone cannot know the version, so ours is always {@code tls.record.content_type};</li>
 * <li>Wireshark 4.0 has no names for the AWS Gateway Load Balancer's Geneve options: our
 *     {@code geneve.option.aws.*} fields are compared with its {@code geneve.option.unknown.data};</li>
 * <li>tshark 4.0 gives an IPv6 Pad1 option's line a length that runs into the options after it; only its
 *     position is compared.</li>
 * </ul>
 */
class PacketDissectorTsharkTest {
    /** Frame fields worth comparing; the others are tshark's bookkeeping (time shift, marks, coloring). */
    private static final Set<String> FRAME_FIELDS = Set.of("frame.number", "frame.len", "frame.cap_len",
            "frame.time_epoch", "frame.time");
    /** The bulk fixture's expectation holds its first packets only (the script's -c). */
    private static final Map<String, Integer> LIMITS = Map.of("mirror-bulk.pcap.gz", 400);

    @Test
    void everyFieldBothTreesHaveAgreesWithTshark() throws IOException {
        Path dir = TestCaptures.resource("/dissect");
        Map<String, List<List<TsharkFields.Field>>> expected = new TreeMap<>();
        Map<String, List<Map<String, List<TsharkFields.Field>>>> ours = new TreeMap<>();
        Set<String> ourNames = new HashSet<>();
        Set<String> theirNames = new HashSet<>();
        Map<String, List<Set<String>>> pads = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path gz : files.filter(p -> p.toString().endsWith(".fields.tsv.gz")).sorted().toList()) {
                String name = gz.getFileName().toString().replace(".fields.tsv.gz", "");
                Path capture = capture(name);
                List<List<TsharkFields.Field>> theirs = TsharkFields.read(gz);
                theirs.replaceAll(PacketDissectorTsharkTest::normalise);
                theirs.forEach(p -> p.forEach(f -> theirNames.add(f.name())));
                List<Map<String, List<TsharkFields.Field>>> mine = new ArrayList<>();
                List<Set<String>> pad1 = new ArrayList<>();
                pads.put(name, pad1);
                TsharkFields.dissectAll(capture, LIMITS.getOrDefault(name, Integer.MAX_VALUE), (no, d) -> {
                    Map<String, List<TsharkFields.Field>> fields = fields(d);
                    fields.values().forEach(l -> l.forEach(f -> ourNames.add(f.name())));
                    mine.add(fields);
                    Set<String> keys = new HashSet<>();
                    for (TsharkFields.Field f : fields.getOrDefault("ipv6.opt@0", List.of())) {
                        keys.add(f.key());
                    }
                    fields.keySet().stream().filter(k -> k.startsWith("ipv6.opt@")).forEach(k -> {
                        int pos = Integer.parseInt(k.substring(k.indexOf('@') + 1));
                        if (d.bytes()[pos] == 0) {
                            keys.add(k);
                        }
                    });
                    pad1.add(keys);
                });
                expected.put(name, theirs);
                ours.put(name, mine);
            }
        }
        Set<String> compared = new HashSet<>(ourNames);
        compared.retainAll(theirNames);
        compared.removeIf(n -> n.startsWith("data.") || n.startsWith("frame.") && !FRAME_FIELDS.contains(n));
        assertThat(compared).as("fields compared").hasSizeGreaterThan(150);

        Map<String, Integer> byField = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        int checked = 0;
        for (String capture : expected.keySet()) {
            List<List<TsharkFields.Field>> theirs = expected.get(capture);
            List<Map<String, List<TsharkFields.Field>>> mine = ours.get(capture);
            assertThat(mine).as("packets of %s", capture).hasSize(theirs.size());
            for (int i = 0; i < theirs.size(); i++) {
                Map<String, List<TsharkFields.Field>> t = new HashMap<>();
                for (TsharkFields.Field f : theirs.get(i)) {
                    if (compared.contains(f.name())) {
                        t.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
                    }
                }
                Set<String> theirProtocols = new HashSet<>();
                for (TsharkFields.Field f : theirs.get(i)) {
                    theirProtocols.add(f.name().split("\\.")[0]);
                }
                Map<String, List<TsharkFields.Field>> m = new HashMap<>();
                mine.get(i).forEach((k, v) -> {
                    if (compared.contains(v.get(0).name())) {
                        m.put(k, v);
                    }
                });
                int cutoff = Integer.MAX_VALUE;
                for (String key : m.keySet()) {
                    if (key.startsWith("tls.record@") && !t.containsKey(key)) {
                        cutoff = Math.min(cutoff, Integer.parseInt(key.substring(key.indexOf('@') + 1)));
                    }
                }
                int tlsCutoff = cutoff;
                m.keySet().removeIf(k -> k.startsWith("tls.") && Integer.parseInt(k.substring(k.indexOf('@') + 1)) >= tlsCutoff);
                for (String byContent : List.of("tls", "http")) {
                    boolean inOurs = mine.get(i).keySet().stream().anyMatch(k -> k.startsWith(byContent + "."));
                    if (!theirProtocols.contains(byContent) || !inOurs) {
                        m.keySet().removeIf(k -> k.startsWith(byContent + "."));
                        t.keySet().removeIf(k -> k.startsWith(byContent + "."));
                    }
                }
                Set<String> keys = new HashSet<>(t.keySet());
                keys.addAll(m.keySet());
                for (String key : keys) {
                    boolean pad1 = pads.get(capture).get(i).contains(key);
                    List<String> a = render(t.getOrDefault(key, List.of()), pad1);
                    List<String> b = render(m.getOrDefault(key, List.of()), pad1);
                    checked++;
                    if (!a.equals(b)) {
                        String field = key.substring(0, key.indexOf('@'));
                        byField.merge(field, 1, Integer::sum);
                        if (examples.size() < Integer.getInteger("dissect.examples", 60)) {
                            examples.add(capture + " #" + (i + 1) + " " + key + ": tshark " + a + ", ours " + b);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("field positions checked").isGreaterThan(100_000);
        assertThat(byField).as("fields that disagree with tshark (count by field); first examples:%n%s",
                String.join("\n", examples)).isEmpty();
    }

    /** tshark's names where ours differ by design (see the class comment). */
    private static List<TsharkFields.Field> normalise(List<TsharkFields.Field> packet) {
        List<TsharkFields.Field> out = new ArrayList<>(packet.size());
        for (TsharkFields.Field f : packet) {
            if (f.name().equals("tls.record.opaque_type")) {
                f = new TsharkFields.Field("tls.record.content_type", f.pos(), f.size(), f.show());
            }
            out.add(f);
        }
        return out;
    }

    private static List<String> render(List<TsharkFields.Field> fields, boolean withoutSize) {
        List<String> out = new ArrayList<>();
        for (TsharkFields.Field f : fields) {
            out.add((withoutSize ? "" : f.size() + " ") + f.show());
        }
        Collections.sort(out);
        return out;
    }

    private static Map<String, List<TsharkFields.Field>> fields(Dissection d) {
        Map<String, List<TsharkFields.Field>> out = new HashMap<>();
        d.visit(n -> {
            if (n.kind() == ProtocolNode.Kind.FIELD && n.field() != null) {
                String name = n.field();
                String value = n.value() == null ? "" : n.value();
                if (name.startsWith("geneve.option.aws.")) {
                    name = "geneve.option.unknown.data";
                    value = colonHex(d.bytes(), n.offset(), n.length());
                }
                TsharkFields.Field f = new TsharkFields.Field(name, n.offset(), n.length(),
                        value.length() > 200 ? value.substring(0, 200) : value);
                out.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
            }
        });
        return out;
    }

    private static String colonHex(byte[] b, int o, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ":" : "").append(String.format("%02x", b[o + i] & 0xFF));
        }
        return sb.toString();
    }

    private static Path capture(String name) {
        Path fixture = TestCaptures.resource("/fixtures/captures");
        return Files.exists(fixture.resolve(name)) ? fixture.resolve(name) : TestCaptures.corpus(name);
    }
}
