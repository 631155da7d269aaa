package dev.mirrorscope.engine.dissect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One line of a packet's protocol tree, as Wireshark shows it: the label ("Source Port: 443"), the
 * Wireshark field abbreviation ({@code tcp.srcport}) where there is one, the value as tshark's PDML
 * {@code show} attribute writes it, and the bytes it covers (offset from the start of the frame, length;
 * a length of 0 marks a value computed rather than read, shown in brackets). Built by the dissector and
 * not changed afterwards.
 */
public final class ProtocolNode {
    /** What the line is. */
    public enum Kind {
        /** A protocol layer (a top-level line, or a header quoted inside ICMP). */
        PROTOCOL,
        /** A field with a Wireshark abbreviation. */
        FIELD,
        /** A line without a field of its own (a subtree heading). */
        TEXT,
        /** An anomaly: malformed or suspicious bytes. */
        EXPERT
    }

    /** How serious an {@link Kind#EXPERT} line is; NONE for other lines. */
    public enum Severity { NONE, NOTE, WARNING, ERROR }

    private String label;
    private final String field;
    private final String value;
    private final int offset;
    private final int length;
    private final Kind kind;
    private final Severity severity;
    private final List<ProtocolNode> children = new ArrayList<>(0);
    private final List<ProtocolNode> view = Collections.unmodifiableList(children);
    /** A bit of a wider field or an alias of its parent: clicking a byte selects the parent instead. */
    boolean detail;

    ProtocolNode(Kind kind, String label, String field, String value, int offset, int length, Severity severity) {
        this.kind = kind;
        this.label = label;
        this.field = field;
        this.value = value;
        this.offset = Math.max(0, offset);
        this.length = Math.max(0, length);
        this.severity = severity;
    }

    public String label() {
        return label;
    }

    /** The Wireshark field abbreviation ({@code ip.src}), or null for a line that has none. */
    public String field() {
        return field;
    }

    /** The value as tshark's PDML {@code show} attribute has it ("10.0.0.1", "0x0800", "1"), or null. */
    public String value() {
        return value;
    }

    /** Start of the bytes this line covers, from the start of the frame. */
    public int offset() {
        return offset;
    }

    /** Bytes covered; 0 for a value that is computed, not read. */
    public int length() {
        return length;
    }

    public Kind kind() {
        return kind;
    }

    public Severity severity() {
        return severity;
    }

    public List<ProtocolNode> children() {
        return view;
    }

    /** True when the byte at {@code frameOffset} lies in this line's bytes. */
    public boolean covers(int frameOffset) {
        return length > 0 && frameOffset >= offset && frameOffset < offset + length;
    }

    /** Summary lines (a TCP header's option list, a DNS message's kind) are completed once their parts are read. */
    void label(String label) {
        this.label = label;
    }

    List<ProtocolNode> mutableChildren() {
        return children;
    }

    ProtocolNode add(ProtocolNode child) {
        children.add(child);
        return child;
    }

    /** The first child with this field abbreviation, or null. */
    public ProtocolNode child(String fieldName) {
        for (ProtocolNode c : children) {
            if (fieldName.equals(c.field)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label + (field != null ? " [" + field + " @" + offset + "+" + length + "]" : "");
    }
}
