package dev.mirrorscope.engine.dissect;

import java.nio.file.Path;

/** The tree as indented text: for failure messages and for looking at a packet while working on the dissector. */
final class TreeText {
    private TreeText() {
    }

    static String render(Dissection d) {
        StringBuilder sb = new StringBuilder();
        for (ProtocolNode n : d.roots()) {
            render(n, 0, sb);
        }
        return sb.toString();
    }

    private static void render(ProtocolNode n, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(n.label());
        if (n.field() != null) {
            sb.append("   [").append(n.field()).append(" @").append(n.offset()).append('+').append(n.length());
            if (n.value() != null) {
                sb.append(" = ").append(n.value().length() > 60 ? n.value().substring(0, 60) + "…" : n.value());
            }
            sb.append(']');
        }
        sb.append('\n');
        for (ProtocolNode c : n.children()) {
            render(c, depth + 1, sb);
        }
    }

    /** Prints packet {@code args[1]} of capture {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        int want = Integer.parseInt(args[1]);
        TsharkFields.dissectAll(Path.of(args[0]), want, (no, d) -> {
            if (no == want) {
                System.out.print(render(d));
            }
        });
    }
}
