package dev.mirrorscope.app.follow;

import dev.mirrorscope.engine.dissect.Conversation;
import dev.mirrorscope.engine.dissect.FlowKey;
import dev.mirrorscope.engine.dissect.StreamChunk;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A conversation as lines of text to show or save: ASCII, a hex dump, or raw hex, per direction or both. */
public final class StreamText {
    /** Which side of the conversation to show. */
    public enum Show { ENTIRE, A_TO_B, B_TO_A }

    /** How to show the payload, as Wireshark's "Show data as". */
    public enum Format {
        ASCII("ASCII"), HEX_DUMP("Hex Dump"), RAW("Raw");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One line: its direction (FlowKey.A_TO_B or B_TO_A) and whether it stands for missing bytes. */
    public record Line(int direction, boolean gap, String text) {
    }

    /** Lines shown at most; saving writes everything. */
    public static final int MAX_SHOWN_LINES = 250_000;
    static final int RAW_BYTES_PER_LINE = 32;
    private static final int HEX_BYTES_PER_LINE = 16;

    private StreamText() {
    }

    /** The lines to show, at most {@code maxLines} (then one more that says the rest is left out). */
    public static List<Line> lines(Conversation c, Show show, Format format, int maxLines) {
        List<Line> out = new ArrayList<>();
        long[] offsets = new long[2];
        for (Block b : blocks(c, show)) {
            if (b.missing > 0) {
                out.add(new Line(b.direction, true, "[" + String.format(Locale.ROOT, "%,d", b.missing)
                        + " bytes missing in capture]"));
                offsets[b.direction] += b.missing;
                continue;
            }
            switch (format) {
                case ASCII -> ascii(b, out, maxLines);
                case HEX_DUMP -> {
                    hexDump(b, offsets[b.direction], out, maxLines);
                    offsets[b.direction] += b.data.length;
                }
                case RAW -> raw(b, out, maxLines);
                default -> throw new IllegalStateException(format.name());
            }
            if (out.size() >= maxLines) {
                out.add(new Line(b.direction, true, "[… the rest is not shown here; Save as… writes all of it]"));
                return out;
            }
        }
        return out;
    }

    /** Everything shown, as a file: raw bytes for Raw (the payload itself), else the text in UTF-8. */
    public static byte[] export(Conversation c, Show show, Format format) {
        if (format == Format.RAW) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Block b : blocks(c, show)) {
                out.writeBytes(b.data);
            }
            return out.toByteArray();
        }
        StringBuilder sb = new StringBuilder();
        for (Line l : lines(c, show, format, Integer.MAX_VALUE)) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Consecutive chunks of one direction joined, gaps kept apart. */
    private record Block(int direction, byte[] data, long missing) {
    }

    private static List<Block> blocks(Conversation c, Show show) {
        List<Block> out = new ArrayList<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int pendingDirection = -1;
        for (StreamChunk ch : c.chunks()) {
            if (show == Show.A_TO_B && ch.direction() != FlowKey.A_TO_B
                    || show == Show.B_TO_A && ch.direction() != FlowKey.B_TO_A) {
                continue;
            }
            if (ch.isGap() || ch.direction() != pendingDirection) {
                if (pending.size() > 0) {
                    out.add(new Block(pendingDirection, pending.toByteArray(), 0));
                    pending.reset();
                }
                pendingDirection = ch.direction();
            }
            if (ch.isGap()) {
                out.add(new Block(ch.direction(), new byte[0], ch.missing()));
            } else {
                pending.writeBytes(ch.data());
            }
        }
        if (pending.size() > 0) {
            out.add(new Block(pendingDirection, pending.toByteArray(), 0));
        }
        return out;
    }

    /** Printable ASCII as is, line feeds end lines, CR is dropped, other bytes are dots, as Wireshark shows. */
    private static void ascii(Block b, List<Line> out, int maxLines) {
        StringBuilder line = new StringBuilder();
        for (byte x : b.data) {
            if (out.size() >= maxLines) {
                return;
            }
            int v = x & 0xFF;
            if (v == '\n') {
                out.add(new Line(b.direction, false, line.toString()));
                line.setLength(0);
            } else if (v == '\r') {
                continue;
            } else if (v == '\t' || v >= 0x20 && v < 0x7F) {
                line.append((char) v);
            } else {
                line.append('.');
            }
        }
        if (line.length() > 0) {
            out.add(new Line(b.direction, false, line.toString()));
        }
    }

    /** "00000000  16 03 01 00 eb 01 00 00  e7 03 03 9e db f9 5c bd  ..............\." per 16 bytes. */
    private static void hexDump(Block b, long base, List<Line> out, int maxLines) {
        String indent = b.direction == FlowKey.B_TO_A ? "    " : "";
        for (int at = 0; at < b.data.length && out.size() < maxLines; at += HEX_BYTES_PER_LINE) {
            StringBuilder sb = new StringBuilder(indent).append(String.format(Locale.ROOT, "%08x  ", base + at));
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < HEX_BYTES_PER_LINE; i++) {
                if (i == 8) {
                    sb.append(' ');
                }
                if (at + i < b.data.length) {
                    int v = b.data[at + i] & 0xFF;
                    sb.append(String.format(Locale.ROOT, "%02x ", v));
                    ascii.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
                } else {
                    sb.append("   ");
                }
            }
            out.add(new Line(b.direction, false, sb.append(' ').append(ascii).toString()));
        }
    }

    private static void raw(Block b, List<Line> out, int maxLines) {
        for (int at = 0; at < b.data.length && out.size() < maxLines; at += RAW_BYTES_PER_LINE) {
            StringBuilder sb = new StringBuilder();
            for (int i = at; i < Math.min(b.data.length, at + RAW_BYTES_PER_LINE); i++) {
                sb.append(String.format(Locale.ROOT, "%02x", b.data[i] & 0xFF));
            }
            out.add(new Line(b.direction, false, sb.toString()));
        }
    }
}
