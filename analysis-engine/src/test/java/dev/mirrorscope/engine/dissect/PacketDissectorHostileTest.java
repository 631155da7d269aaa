package dev.mirrorscope.engine.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mirrorscope.engine.TestCaptures;
import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.decode.DecodeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Truncated, mutated and random bytes: the tree is always built, never throws, and every line stays inside
 * the captured bytes.
 */
class PacketDissectorHostileTest {
    private static final int[] LINK_TYPES = {LinkTypes.ETHERNET, LinkTypes.RAW, LinkTypes.NULL, LinkTypes.LINUX_SLL,
        LinkTypes.LINUX_SLL2, LinkTypes.IPV4, LinkTypes.IPV6, LinkTypes.LOOP, 4242};

    private final PacketDissector dissector = new PacketDissector(DecodeOptions.defaults());

    private Dissection checked(FrameInfo info, byte[] b) {
        Dissection d = dissector.dissect(info, b, 0);
        int cap = d.bytes().length;
        assertThat(d.roots()).isNotEmpty();
        assertThat(d.roots().get(0).field()).isEqualTo("frame");
        // Plain checks: an assertion object per line would make this test ten times slower.
        d.visit(n -> {
            if (n.label() == null || n.offset() < 0 || n.offset() > cap || n.offset() + n.length() > cap) {
                throw new AssertionError(n + " lies outside the " + cap + " captured bytes");
            }
        });
        for (int i = 0; i < cap; i += 7) {
            d.pathTo(i);
        }
        return d;
    }

    private static List<Packets.Packet> samples() throws IOException {
        List<Packets.Packet> out = new ArrayList<>();
        for (String f : List.of("mirror-mixed.pcap", "mirror-gwlb.pcapng")) {
            List<Packets.Packet> all = Packets.read(TestCaptures.fixture(f));
            for (int i = 0; i < all.size(); i += 3) {
                out.add(all.get(i));
            }
        }
        try (Stream<Path> files = Files.list(TestCaptures.resource("/corpus/captures"))) {
            for (Path p : files.sorted().toList()) {
                try {
                    List<Packets.Packet> all = Packets.read(p);
                    out.addAll(all.subList(0, Math.min(5, all.size())));
                } catch (java.io.UncheckedIOException e) {
                    // files the reader rejects are the reader's tests' business
                }
            }
        }
        return out;
    }

    @Test
    void everyPacketCutAtEveryLengthKeepsItsLinesInsideTheCapturedBytes() throws IOException {
        List<Packets.Packet> packets = samples();
        assertThat(packets).hasSizeGreaterThan(150);
        int cuts = 0;
        for (Packets.Packet p : packets.subList(0, Math.min(40, packets.size()))) {
            for (int cap = 0; cap <= p.bytes().length; cap++) {
                // Every length through the headers, then a sample of the payload's lengths.
                if (cap > 160 && cap % 13 != 0 && cap != p.bytes().length) {
                    continue;
                }
                cuts++;
                FrameInfo info = new FrameInfo(1, p.info().tsNs(), p.info().origLen(), cap, p.info().linkType(), null);
                Dissection d = checked(info, p.bytes());
                if (cap > 0 && cap < p.bytes().length && cap < 40) {
                    boolean expert = hasExpert(d);
                    assertThat(expert || cap >= p.info().origLen()).as("anomaly line when cut at %d", cap).isTrue();
                }
            }
        }
        assertThat(cuts).isGreaterThan(2_000);
    }

    private static boolean hasExpert(Dissection d) {
        boolean[] found = {false};
        d.visit(n -> found[0] |= n.kind() == ProtocolNode.Kind.EXPERT);
        return found[0];
    }

    @Test
    void randomMutationsOfRealPacketsNeverThrow() throws IOException {
        List<Packets.Packet> packets = samples();
        Random random = new Random(20261102);
        int[] hostile = {0x00, 0x01, 0x02, 0x05, 0x08, 0x0a, 0x40, 0x45, 0x60, 0x7f, 0x80, 0xc0, 0xff};
        for (int round = 0; round < 5_000; round++) {
            Packets.Packet p = packets.get(random.nextInt(packets.size()));
            byte[] b = p.bytes().clone();
            if (b.length == 0) {
                continue;
            }
            for (int k = random.nextInt(8); k >= 0; k--) {
                b[random.nextInt(b.length)] = (byte) (random.nextBoolean() ? hostile[random.nextInt(hostile.length)]
                        : random.nextInt(256));
            }
            int cap = random.nextInt(4) == 0 ? random.nextInt(b.length + 1) : b.length;
            int orig = random.nextInt(10) == 0 ? random.nextInt(2 * b.length + 1) : p.info().origLen();
            checked(new FrameInfo(round, p.info().tsNs(), orig, cap, p.info().linkType(), null), b);
        }
    }

    @Test
    void randomBytesOnEveryLinkTypeNeverThrow() {
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            int link = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
            checked(new FrameInfo(round, random.nextLong(), b.length, b.length, link, null), b);
        }
    }

    @Test
    void nullEmptyAndOutOfRangeInputGiveAFrameLine() {
        checked(new FrameInfo(1, 0, 0, 0, LinkTypes.ETHERNET, null), new byte[0]);
        Dissection d = dissector.dissect(new FrameInfo(1, 0, 60, 60, LinkTypes.ETHERNET, null), null, 0);
        assertThat(d.bytes()).isEmpty();
        assertThat(hasExpert(d)).isTrue();
        d = dissector.dissect(new FrameInfo(1, 0, 60, 60, LinkTypes.ETHERNET, null), new byte[10], 5);
        assertThat(d.bytes()).hasSize(5);
    }
}
