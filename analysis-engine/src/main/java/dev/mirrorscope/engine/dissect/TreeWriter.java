package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Addresses;
import java.nio.charset.StandardCharsets;

/**
 * Reads one frame's captured bytes and adds lines to its tree. A read or a field past the captured bytes
 * throws {@link OutOfBytes}: the layer being written stops there, as tshark's dissectors stop at their
 * first short read, and the decoders' anomaly says why.
 */
final class TreeWriter {
    /** Thrown when a layer's fields run past the captured bytes; cheap, without a stack trace. */
    static final class OutOfBytes extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfBytes() {
            super(null, null, false, false);
        }
    }

    private static final OutOfBytes OUT_OF_BYTES = new OutOfBytes();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Bytes of a byte-string value written in full; longer ones end in an ellipsis, as Wireshark's labels do. */
    static final int MAX_LABEL_BYTES = 36;

    final byte[] b;
    final int cap;

    TreeWriter(byte[] b) {
        this.b = b;
        this.cap = b.length;
    }

    boolean fits(int o, int n) {
        return o >= 0 && n >= 0 && (long) o + n <= cap;
    }

    void need(int o, int n) {
        if (!fits(o, n)) {
            throw OUT_OF_BYTES;
        }
    }

    int u8(int o) {
        need(o, 1);
        return b[o] & 0xFF;
    }

    int u16(int o) {
        need(o, 2);
        return (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
    }

    int u24(int o) {
        need(o, 3);
        return (b[o] & 0xFF) << 16 | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF);
    }

    long u32(int o) {
        need(o, 4);
        return ((long) (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF));
    }

    long u64(int o) {
        return u32(o) << 32 | u32(o + 4);
    }

    /** Unsigned big-endian value of 1 to 4 bytes. */
    long uint(int o, int n) {
        switch (n) {
            case 1: return u8(o);
            case 2: return u16(o);
            case 3: return u24(o);
            default: return u32(o);
        }
    }

    String ipv4(int o) {
        return Addresses.ipv4(u32(o));
    }

    String ipv6(int o) {
        return Addresses.ipv6(u64(o), u64(o + 8));
    }

    String mac(int o) {
        need(o, 6);
        return Addresses.mac((long) u16(o) << 32 | u32(o + 2));
    }

    String ascii(int o, int n) {
        need(o, n);
        return new String(b, o, n, StandardCharsets.ISO_8859_1);
    }

    /** tshark's {@code show} of a byte string: "0a:1b:2c". */
    String colonHex(int o, int n) {
        need(o, n);
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int v = b[o + i] & 0xFF;
            sb.append(HEX[v >>> 4]).append(HEX[v & 0xF]);
        }
        return sb.toString();
    }

    /** A byte string in a label: "0a1b2c", cut with an ellipsis after {@link #MAX_LABEL_BYTES}. */
    String plainHex(int o, int n) {
        need(o, n);
        int shown = Math.min(n, MAX_LABEL_BYTES);
        StringBuilder sb = new StringBuilder(shown * 2 + 1);
        for (int i = 0; i < shown; i++) {
            int v = b[o + i] & 0xFF;
            sb.append(HEX[v >>> 4]).append(HEX[v & 0xF]);
        }
        return n > shown ? sb.append('…').toString() : sb.toString();
    }

    static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        StringBuilder sb = new StringBuilder(digits + 2).append("0x");
        for (int i = h.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(h).toString();
    }

    /** Wireshark's bit picture of a masked field: "0100 ....", ".... ..1. .... ....". */
    static String bits(long raw, long mask, int width) {
        StringBuilder sb = new StringBuilder(width + width / 4);
        for (int i = width - 1; i >= 0; i--) {
            if ((mask >>> i & 1) != 0) {
                sb.append((raw >>> i & 1) != 0 ? '1' : '0');
            } else {
                sb.append('.');
            }
            if (i % 4 == 0 && i != 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    static ProtocolNode protocol(String label, String field, int o, int n) {
        return new ProtocolNode(ProtocolNode.Kind.PROTOCOL, label, field, null, o, n, ProtocolNode.Severity.NONE);
    }

    /** A field read from {@code [o, o + n)}; throws OutOfBytes when those bytes were not captured. */
    ProtocolNode field(ProtocolNode parent, String field, String label, String value, int o, int n) {
        need(o, n);
        return parent.add(new ProtocolNode(ProtocolNode.Kind.FIELD, label, field, value, o, n,
                ProtocolNode.Severity.NONE));
    }

    /** A field whose value is a number shown as it is read. */
    ProtocolNode number(ProtocolNode parent, String field, String name, int o, int n) {
        long v = uint(o, n);
        return field(parent, field, name + ": " + v, Long.toString(v), o, n);
    }

    /**
     * A bit field of the {@code n}-byte value at {@code o}: label "0100 .... = Name: text", value the
     * masked and shifted number in decimal (or hex with {@code hexDigits} > 0, as tshark shows it).
     */
    ProtocolNode bits(ProtocolNode parent, String field, int o, int n, long mask, String name, String text,
                      int hexDigits) {
        long raw = uint(o, n);
        long v = (raw & mask) >>> Long.numberOfTrailingZeros(mask);
        String show = hexDigits > 0 ? hex(v, hexDigits) : Long.toString(v);
        return subfield(parent, field(parent, field, bits(raw, mask, n * 8) + " = " + name + ": " + text, show, o, n));
    }

    /** A one-bit flag: "Set"/"Not set" (or the given words), value 1 or 0. */
    ProtocolNode flag(ProtocolNode parent, String field, int o, int n, long mask, String name, String set,
                      String notSet) {
        long raw = uint(o, n);
        boolean on = (raw & mask) != 0;
        return subfield(parent, field(parent, field, bits(raw, mask, n * 8) + " = " + name + ": " + (on ? set : notSet),
                on ? "1" : "0", o, n));
    }

    ProtocolNode text(ProtocolNode parent, String label, int o, int n) {
        need(o, n);
        return parent.add(new ProtocolNode(ProtocolNode.Kind.TEXT, label, null, null, o, n,
                ProtocolNode.Severity.NONE));
    }

    /** A subtree heading that has a field of its own (tcp.options, tls.record, geneve.option). */
    ProtocolNode group(ProtocolNode parent, String field, String label, String value, int o, int n) {
        return field(parent, field, label, value, o, Math.min(n, Math.max(0, cap - o)));
    }

    /** A value computed rather than read: bracketed label, no bytes of its own (offset kept for tshark's pos). */
    ProtocolNode generated(ProtocolNode parent, String field, String label, String value, int o) {
        return parent.add(new ProtocolNode(ProtocolNode.Kind.FIELD, "[" + label + "]", field, value, o, 0,
                ProtocolNode.Severity.NONE));
    }

    /** Bits under a field are details of it (a click on their byte selects the field); under a protocol they are not. */
    private static ProtocolNode subfield(ProtocolNode parent, ProtocolNode n) {
        n.detail = parent.kind() == ProtocolNode.Kind.FIELD;
        return n;
    }

    static ProtocolNode detail(ProtocolNode n) {
        n.detail = true;
        return n;
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
