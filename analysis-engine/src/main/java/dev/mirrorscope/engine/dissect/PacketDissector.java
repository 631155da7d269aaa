package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.capture.LinkTypes;
import dev.mirrorscope.engine.decode.Anomaly;
import dev.mirrorscope.engine.decode.DecodeListener;
import dev.mirrorscope.engine.decode.DecodeOptions;
import dev.mirrorscope.engine.decode.DecodedPacket;
import dev.mirrorscope.engine.decode.Layer;
import dev.mirrorscope.engine.decode.PacketDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Takes one packet apart into a Wireshark-like protocol tree for the details pane. The structure comes
 * from the engine's own decoders ({@link PacketDecoder} with a {@link DecodeListener}): they decide which
 * protocol sits where, exactly as for ingest and the packet table; this class reads the fields of each
 * layer they report and names them as Wireshark does. Bad bytes never throw: the decoders' anomalies
 * become expert lines, and a field past the captured bytes ends its layer's lines.
 */
public final class PacketDissector {
    /**
     * Depth of ICMP errors quoted inside ICMP errors that are taken apart. One is what real traffic
     * holds; three leaves room for crafted packets while keeping the recursion bounded.
     */
    static final int MAX_QUOTED_DEPTH = 3;

    private final PacketDecoder decoder;

    public PacketDissector(DecodeOptions options) {
        this.decoder = new PacketDecoder(options);
    }

    /** The frame {@code b[off, off + frame.capLen())} taken apart. Never throws for any bytes. */
    public Dissection dissect(FrameInfo frame, byte[] b, int off) {
        int cap = b == null ? 0 : Math.max(0, Math.min(frame.capLen(), b.length - Math.max(0, off)));
        byte[] bytes = cap == 0 ? new byte[0] : Arrays.copyOfRange(b, off, off + cap);
        List<ProtocolNode> roots = new ArrayList<>();
        DecodedPacket d = new DecodedPacket();
        Events events = new Events();
        decoder.decode(bytes, 0, bytes.length, frame.origLen(), frame.linkType(), d, events);
        TreeWriter w = new TreeWriter(bytes);
        ProtocolNode frameNode = FrameLines.frame(w, frame, d, events);
        roots.add(frameNode);
        Context c = new Context(w, d, roots, frameNode, 0, this, frame.origLen());
        c.build(events);
        return new Dissection(frame, bytes, roots);
    }

    /** A packet of a session (see {@link dev.mirrorscope.engine.Session#packet(long)}) taken apart. */
    public Dissection dissect(dev.mirrorscope.engine.StoredPacket p) {
        return dissect(new FrameInfo(p.no(), p.tsNs(), p.origLen(), p.capLen(), p.linkType(), null), p.bytes(), 0);
    }

    /** Takes apart the packet quoted in an ICMP error at {@code [o, o + n)} under {@code parent}. */
    void dissectQuoted(TreeWriter w, ProtocolNode parent, int o, int n, int depth) {
        if (depth > MAX_QUOTED_DEPTH || n <= 0) {
            return;
        }
        DecodedPacket d = new DecodedPacket();
        Events events = new Events();
        // The quoted header claims more than the error carries: its own lengths, not the quote, are "declared".
        decoder.decode(w.b, o, n, Integer.MAX_VALUE / 2, LinkTypes.RAW, d, events);
        events.shift(o);
        // A quote is cut short by design; its truncation is not an anomaly of this packet.
        events.dropAnomalies();
        Context c = new Context(w, d, parent.mutableChildren(), parent, depth, this, o + n);
        c.build(events);
    }

    /** What the decoders report, in order. */
    static final class Events implements DecodeListener {
        static final int LAYER = 0;
        static final int PART = 1;
        static final int ANOMALY = 2;
        /** Bounds what one packet can report (each event costs 16 bytes); real packets report dozens. */
        static final int MAX_EVENTS = 16_384;

        int count;
        int[] what = new int[64];
        int[] kind = new int[64];
        int[] offset = new int[64];
        int[] length = new int[64];

        private void add(int w, int k, int o, int n) {
            if (count >= MAX_EVENTS) {
                return;
            }
            if (count == what.length) {
                int size = count * 2;
                what = Arrays.copyOf(what, size);
                kind = Arrays.copyOf(kind, size);
                offset = Arrays.copyOf(offset, size);
                length = Arrays.copyOf(length, size);
            }
            what[count] = w;
            kind[count] = k;
            offset[count] = o;
            length[count] = n;
            count++;
        }

        @Override
        public void layer(int type, int o, int n) {
            add(LAYER, type, o, n);
        }

        @Override
        public void part(int part, int o, int n) {
            add(PART, part, o, n);
        }

        @Override
        public void anomaly(Anomaly anomaly, int o) {
            add(ANOMALY, anomaly.ordinal(), o, 0);
        }

        void shift(int by) {
            for (int i = 0; i < count; i++) {
                offset[i] += by;
            }
        }

        void dropAnomalies() {
            int j = 0;
            for (int i = 0; i < count; i++) {
                if (what[i] != ANOMALY) {
                    what[j] = what[i];
                    kind[j] = kind[i];
                    offset[j] = offset[i];
                    length[j] = length[i];
                    j++;
                }
            }
            count = j;
        }

        List<Integer> layerTypes() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (what[i] == LAYER) {
                    out.add(kind[i]);
                }
            }
            return out;
        }
    }

    static String protocolsInFrame(Events e) {
        StringBuilder sb = new StringBuilder();
        for (int t : e.layerTypes()) {
            if (t == Layer.IPV6_EXT || t == Layer.ICMP_QUOTED) {
                continue;
            }
            sb.append(sb.length() > 0 ? ":" : "").append(Layer.name(t));
        }
        return sb.toString();
    }
}
