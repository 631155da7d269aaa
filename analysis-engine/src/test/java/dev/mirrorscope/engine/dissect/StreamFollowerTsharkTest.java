package dev.mirrorscope.engine.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.Session;
import dev.mirrorscope.engine.TestCaptures;
import dev.mirrorscope.engine.ingest.IngestListener;
import dev.mirrorscope.engine.ingest.IngestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow Stream against tshark's {@code -z follow,PROTO,raw,N} (scripts/regenerate-follow-expectations.sh)
 * on every TCP and DNS-over-UDP conversation of the fixture captures and a few corpus captures: the same
 * two endpoints, and the same payload bytes, turn by turn. Two differences are tshark's and are undone
 * before comparing: its consecutive chunks of one direction are joined (its chunk boundaries are segments),
 * and its UDP follow lists each tunnelled datagram twice, as the tunnel's datagram (which ends with the
 * inner one) and as the inner datagram; the tunnel's is dropped. tshark writes a gap as the text
 * "[N bytes missing in capture file]" among the data, when it notices it; ours is a separate gap record:
 * the bytes missing per direction are compared, and the data around them. tshark notices a gap when the
 * next segment arrives, so it never reports what is missing from the end of a direction's last segment;
 * ours does (the segment's length says so), and those trailing gaps are left out of the comparison.
 */
class StreamFollowerTsharkTest {
    @TempDir
    static Path tmp;

    private record Turn(int direction, String hex) {
    }

    @Test
    void everyConversationMatchesTsharksFollowStream() throws IOException {
        Path dir = TestCaptures.resource("/follow");
        Map<String, List<Path>> byCapture = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = f.getFileName().toString();
                String capture = name.substring(0, name.indexOf(name.contains(".tcp.") ? ".tcp." : ".udp."));
                byCapture.computeIfAbsent(capture, k -> new ArrayList<>()).add(f);
            }
        }
        assertThat(byCapture).containsKeys("mirror-mixed.pcap", "mirror-gwlb.pcapng", "ssh.pcap");
        StreamFollower follower = new StreamFollower(null);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        long bytes = 0;
        long gaps = 0;
        for (Map.Entry<String, List<Path>> e : byCapture.entrySet()) {
            Path capture = capture(e.getKey());
            try (Session s = Session.open(tmp.resolve(e.getKey()))) {
                s.ingest(List.of(capture), IngestOptions.defaults(), IngestListener.NONE);
                for (Path expected : e.getValue()) {
                    List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
                    long packet = Long.parseLong(lines.get(0).split("\t")[1]);
                    boolean udp = expected.getFileName().toString().contains(".udp.");
                    List<String> nodes = lines.stream().filter(l -> l.startsWith("Node ")).map(l -> l.substring(8)).toList();
                    long[] theirMissing = new long[2];
                    List<Turn> theirs = turns(withoutGaps(tshark(lines), theirMissing), udp);
                    Conversation c = follower.follow(s, packet);
                    List<Turn> ours = turns(ours(c), false);
                    List<String> ourNodes = List.of(c.key().a(), c.key().b());
                    long[] ourMissing = {missingBeforeData(c, FlowKey.A_TO_B), missingBeforeData(c, FlowKey.B_TO_A)};
                    compared++;
                    bytes += c.bytes(FlowKey.A_TO_B) + c.bytes(FlowKey.B_TO_A);
                    gaps += ourMissing[0] + ourMissing[1];
                    if (!ourNodes.equals(nodes) || !ours.equals(theirs) || !java.util.Arrays.equals(ourMissing, theirMissing)) {
                        failures.add(expected.getFileName() + ": tshark " + nodes + " " + summary(theirs) + " missing "
                                + java.util.Arrays.toString(theirMissing) + ", ours " + ourNodes + " " + summary(ours)
                                + " missing " + java.util.Arrays.toString(ourMissing));
                    }
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(35);
        assertThat(bytes).as("payload bytes compared").isGreaterThan(50_000);
        assertThat(gaps).as("missing bytes compared (the truncating mirror session)").isGreaterThan(10_000);
        assertThat(failures).as("conversations that differ from tshark's Follow Stream").isEmpty();
    }

    private static String summary(List<Turn> turns) {
        StringBuilder sb = new StringBuilder().append(turns.size()).append(" turns:");
        for (Turn t : turns) {
            sb.append(' ').append(t.direction() == 0 ? ">" : "<").append(t.hex().length() / 2);
        }
        if (!turns.isEmpty()) {
            String h = turns.get(0).hex();
            sb.append(" first ").append(h, 0, Math.min(24, h.length()));
        }
        return sb.toString();
    }

    private static final java.util.regex.Pattern GAP = java.util.regex.Pattern.compile(
            "\\[(\\d+) bytes missing in capture file\\]\u0000");

    /** Bytes missing in one direction, without the gaps after its last data. */
    private static long missingBeforeData(Conversation c, int direction) {
        long total = 0;
        long pending = 0;
        for (StreamChunk ch : c.chunks()) {
            if (ch.direction() != direction) {
                continue;
            }
            if (ch.isGap()) {
                pending += ch.missing();
            } else if (ch.data().length > 0) {
                total += pending;
                pending = 0;
            }
        }
        return total;
    }

    /** Takes tshark's gap texts out of the data, adding up what they say is missing per direction. */
    private static List<Turn> withoutGaps(List<Turn> chunks, long[] missing) {
        List<Turn> out = new ArrayList<>();
        for (Turn t : chunks) {
            java.util.regex.Matcher m = GAP.matcher(new String(HexFormat.of().parseHex(t.hex()),
                    StandardCharsets.ISO_8859_1));
            if (m.matches()) {
                missing[t.direction()] += Long.parseLong(m.group(1));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** tshark's raw chunks: node 0 at the start of the line, node 1 after a tab. */
    private static List<Turn> tshark(List<String> lines) {
        List<Turn> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("Node 1:")) {
                in = true;
                continue;
            }
            if (!in || l.startsWith("====")) {
                continue;
            }
            if (!l.isBlank()) {
                out.add(new Turn(l.startsWith("\t") ? 1 : 0, l.trim()));
            }
        }
        return out;
    }

    private static List<Turn> ours(Conversation c) {
        List<Turn> out = new ArrayList<>();
        for (StreamChunk ch : c.chunks()) {
            if (!ch.isGap() && ch.data().length > 0) {
                out.add(new Turn(ch.direction(), HexFormat.of().formatHex(ch.data())));
            }
        }
        return out;
    }

    /** Joins consecutive chunks of one direction; for UDP first drops a tunnel datagram that ends with the next. */
    private static List<Turn> turns(List<Turn> chunks, boolean dropTunnelDatagrams) {
        List<Turn> kept = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Turn t = chunks.get(i);
            if (dropTunnelDatagrams && i + 1 < chunks.size()) {
                Turn next = chunks.get(i + 1);
                if (next.direction() == t.direction() && t.hex().length() > next.hex().length()
                        && t.hex().endsWith(next.hex())) {
                    continue;
                }
            }
            kept.add(t);
        }
        List<Turn> out = new ArrayList<>();
        for (Turn t : kept) {
            if (!out.isEmpty() && out.get(out.size() - 1).direction() == t.direction()) {
                Turn last = out.remove(out.size() - 1);
                out.add(new Turn(t.direction(), last.hex() + t.hex()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static Path capture(String name) {
        Path fixture = TestCaptures.resource("/fixtures/captures");
        return Files.exists(fixture.resolve(name)) ? fixture.resolve(name) : TestCaptures.corpus(name);
    }
}
