package dev.mirrorscope.engine.dissect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One packet taken apart: its captured bytes and the protocol tree over them (the frame line first, then
 * one line per protocol, tunnels' inner frames after their envelope, as Wireshark lists them).
 */
public record Dissection(FrameInfo frame, byte[] bytes, List<ProtocolNode> roots) {
    public Dissection {
        roots = List.copyOf(roots);
    }

    /**
     * The lines from a root down to the deepest line that covers the byte at {@code frameOffset}: what
     * Wireshark selects when a byte is clicked. Empty when no line covers it.
     */
    public List<ProtocolNode> pathTo(int frameOffset) {
        List<ProtocolNode> path = new ArrayList<>();
        List<ProtocolNode> level = roots;
        boolean descended = true;
        while (descended) {
            descended = false;
            ProtocolNode best = null;
            for (ProtocolNode n : level) {
                // The frame line covers everything: prefer any other line that covers the byte.
                if (!n.detail && n.covers(frameOffset) && (best == null || n.length() < best.length())) {
                    best = n;
                }
            }
            if (best != null) {
                path.add(best);
                level = best.children();
                descended = true;
            }
        }
        return path;
    }

    /** Visits every line, depth first, parents before children. */
    public void visit(Consumer<ProtocolNode> visitor) {
        for (ProtocolNode n : roots) {
            visit(n, visitor);
        }
    }

    private static void visit(ProtocolNode n, Consumer<ProtocolNode> visitor) {
        visitor.accept(n);
        for (ProtocolNode c : n.children()) {
            visit(c, visitor);
        }
    }

    /** Every line with this field abbreviation, in tree order. */
    public List<ProtocolNode> find(String field) {
        List<ProtocolNode> out = new ArrayList<>();
        visit(n -> {
            if (field.equals(n.field())) {
                out.add(n);
            }
        });
        return out;
    }
}
