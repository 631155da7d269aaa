package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Part;
import java.util.List;

/** TCP with its options, UDP, ICMP and ICMPv6 (the packet an error quotes goes under them), SCTP. */
final class TransportLayers {
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    private TransportLayers() {
    }

    static ProtocolNode tcp(Context c, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        StringBuilder label = new StringBuilder("Transmission Control Protocol");
        int hl = w.fits(o + 12, 1) ? (w.u8(o + 12) >>> 4) * 4 : 0;
        int segment = Math.max(0, c.ipEnd - (o + hl));
        if (w.fits(o, 4)) {
            label.append(", Src Port: ").append(w.u16(o)).append(", Dst Port: ").append(w.u16(o + 2));
        }
        if (w.fits(o, 14)) {
            label.append(", Seq: ").append(w.u32(o + 4));
            if ((w.u8(o + 13) & 0x10) != 0) {
                label.append(", Ack: ").append(w.u32(o + 8));
            }
            if (hl >= 20) {
                label.append(", Len: ").append(segment);
            }
        }
        ProtocolNode tcp = c.open(TreeWriter.protocol(label.toString(), "tcp", o, n));
        c.transport = dev.mirrorscope.engine.decode.Layer.TCP;
        w.number(tcp, "tcp.srcport", "Source Port", o, 2);
        w.number(tcp, "tcp.dstport", "Destination Port", o + 2, 2);
        w.need(o + 12, 1);
        if (hl >= 20) {
            w.generated(tcp, "tcp.len", "TCP Segment Len: " + segment, Integer.toString(segment), o);
        }
        long seq = w.u32(o + 4);
        w.field(tcp, "tcp.seq", "Sequence Number: " + seq, Long.toString(seq), o + 4, 4);
        int flags = w.fits(o + 12, 2) ? w.u16(o + 12) & 0x0FFF : 0;
        if (hl >= 20) {
            long next = seq + segment + ((flags & 0x03) != 0 ? 1 : 0);
            w.generated(tcp, "tcp.nxtseq", "Next Sequence Number: " + (next & 0xFFFF_FFFFL),
                    Long.toString(next & 0xFFFF_FFFFL), o);
        }
        long ack = w.u32(o + 8);
        c.tcpAck = ack;
        c.tcpAckFlag = (flags & 0x10) != 0;
        w.field(tcp, "tcp.ack", "Acknowledgment Number: " + ack, Long.toString(ack), o + 8, 4);
        int offByte = w.u8(o + 12);
        w.field(tcp, "tcp.hdr_len", TreeWriter.bits(offByte, 0xF0, 8) + " = Header Length: " + hl + " bytes ("
                + (offByte >>> 4) + ")", Integer.toString(hl), o + 12, 1);
        flags(w, tcp, o, w.u16(o + 12) & 0x0FFF);
        w.field(tcp, "tcp.window_size_value", "Window: " + w.u16(o + 14), Integer.toString(w.u16(o + 14)), o + 14, 2);
        int sum = w.u16(o + 16);
        w.field(tcp, "tcp.checksum", "Checksum: " + TreeWriter.hex(sum, 4) + " [unverified]", TreeWriter.hex(sum, 4),
                o + 16, 2);
        w.number(tcp, "tcp.urgent_pointer", "Urgent Pointer", o + 18, 2);
        if (hl > 20) {
            options(c, tcp, o + 20, hl - 20, parts);
        }
        int start = o + hl;
        int captured = Math.min(w.cap, c.ipEnd) - start;
        if (hl >= 20 && captured > 0) {
            w.field(tcp, "tcp.payload", "TCP payload (" + captured + " byte" + (captured == 1 ? "" : "s") + ")",
                    w.colonHex(start, captured), start, captured);
        }
        return tcp;
    }

    private static void flags(TreeWriter w, ProtocolNode tcp, int o, int flags) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags >>> i & 1) != 0) {
                names.append(names.length() > 0 ? ", " : "").append(FLAG_NAMES[i]);
            }
        }
        if ((flags & 0xE00) != 0) {
            names.append(names.length() > 0 ? ", " : "").append("Reserved");
        }
        ProtocolNode f = w.field(tcp, "tcp.flags", "Flags: " + TreeWriter.hex(flags, 3)
                + (names.length() > 0 ? " (" + names + ")" : ""), TreeWriter.hex(flags, 4), o + 12, 2);
        twelve(w, f, "tcp.flags.res", o + 12, 0x0E, 0xE00, "Reserved", flags);
        twelve(w, f, "tcp.flags.ae", o + 12, 0x01, 0x100, "Accurate ECN", flags);
        twelve(w, f, "tcp.flags.cwr", o + 13, 0x80, 0x080, "Congestion Window Reduced", flags);
        twelve(w, f, "tcp.flags.ece", o + 13, 0x40, 0x040, "ECN-Echo", flags);
        twelve(w, f, "tcp.flags.urg", o + 13, 0x20, 0x020, "Urgent", flags);
        twelve(w, f, "tcp.flags.ack", o + 13, 0x10, 0x010, "Acknowledgment", flags);
        twelve(w, f, "tcp.flags.push", o + 13, 0x08, 0x008, "Push", flags);
        twelve(w, f, "tcp.flags.reset", o + 13, 0x04, 0x004, "Reset", flags);
        twelve(w, f, "tcp.flags.syn", o + 13, 0x02, 0x002, "Syn", flags);
        twelve(w, f, "tcp.flags.fin", o + 13, 0x01, 0x001, "Fin", flags);
        String letters = "RRRACEUAPRSF";
        StringBuilder str = new StringBuilder(12);
        for (int i = 11; i >= 0; i--) {
            str.append((flags >>> i & 1) != 0 ? letters.charAt(11 - i) : '·');
        }
        TreeWriter.detail(w.field(f, "tcp.flags.str", "TCP Flags: " + str, str.toString(), o + 12, 2));
    }

    /** One TCP flag: one byte in tshark's ranges, drawn over the 12 flag bits as Wireshark draws it. */
    private static void twelve(TreeWriter w, ProtocolNode f, String field, int at, int byteMask, int mask12, String name,
                               int flags) {
        w.need(at, 1);
        boolean on = (flags & mask12) != 0;
        TreeWriter.detail(w.field(f, field, TreeWriter.bits(flags, mask12, 12) + " = " + name + ": " + (on ? "Set" : "Not set"),
                on ? "1" : "0", at, 1));
    }

    private static void options(Context c, ProtocolNode tcp, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        int shown = Math.min(n, Math.max(0, w.cap - o));
        ProtocolNode options = w.group(tcp, "tcp.options", "Options: (" + n + " bytes)", w.colonHex(o, shown), o, n);
        StringBuilder summary = new StringBuilder("Options: (" + n + " bytes)");
        for (Context.Part p : parts) {
            if (p.kind() != Part.TCP_OPTION) {
                continue;
            }
            String name = option(c, options, p.offset(), p.length());
            summary.append(", ").append(name);
        }
        options.label(summary.toString());
    }

    /** Adds one option; returns its name for the summary. */
    private static String option(Context c, ProtocolNode options, int o, int n) {
        TreeWriter w = c.w;
        int kind = w.u8(o);
        String kindName = Names.of(Names.TCP_OPTION_KINDS, kind, "Unknown");
        if (kind > 1 && (n < 2 || w.u8(o + 1) != n)) {
            // An option cut short by the header or the capture: its kind and length, as tshark shows them.
            boolean known = Names.TCP_OPTION_KINDS.containsKey(kind);
            ProtocolNode opt = w.group(options, known ? null : "tcp.options.unknown", "TCP Option - " + kindName
                    + (known ? " (cut short)" : ""), known ? null : w.colonHex(o, n), o, n);
            kind(w, opt, o, kindName, kind);
            w.number(opt, "tcp.option_len", "Length", o + 1, 1);
            return kindName;
        }
        switch (kind) {
            case 0: {
                ProtocolNode opt = w.field(options, "tcp.options.eol", "TCP Option - End of Option List (EOL)", "00", o, 1);
                kind(w, opt, o, "End of Option List", 0);
                return "End of Option List (EOL)";
            }
            case 1: {
                ProtocolNode opt = w.field(options, "tcp.options.nop", "TCP Option - No-Operation (NOP)", "01", o, 1);
                kind(w, opt, o, "No-Operation", 1);
                return "No-Operation (NOP)";
            }
            case 2: {
                int mss = w.u16(o + 2);
                ProtocolNode opt = w.field(options, "tcp.options.mss", "TCP Option - Maximum segment size: " + mss + " bytes",
                        w.colonHex(o, n), o, n);
                kindAndLength(w, opt, o, kindName, kind);
                w.field(opt, "tcp.options.mss_val", "MSS Value: " + mss, Integer.toString(mss), o + 2, 2);
                return "Maximum segment size";
            }
            case 3: {
                int shift = w.u8(o + 2);
                long multiplier = shift > 14 ? 1L << 14 : 1L << shift;
                ProtocolNode opt = w.field(options, "tcp.options.wscale", "TCP Option - Window scale: " + shift
                        + " (multiply by " + multiplier + ")", w.colonHex(o, n), o, n);
                kindAndLength(w, opt, o, kindName, kind);
                w.field(opt, "tcp.options.wscale.shift", "Shift count: " + shift, Integer.toString(shift), o + 2, 1);
                w.field(opt, "tcp.options.wscale.multiplier", "Multiplier: " + multiplier, Long.toString(multiplier), o + 2, 1);
                return "Window scale";
            }
            case 4: {
                ProtocolNode opt = w.field(options, "tcp.options.sack_perm", "TCP Option - SACK permitted", w.colonHex(o, n),
                        o, n);
                kindAndLength(w, opt, o, kindName, kind);
                return "SACK permitted";
            }
            case 5:
                return sack(c, options, o, n, kindName);
            case 8: {
                long tsval = w.u32(o + 2);
                long tsecr = w.u32(o + 6);
                ProtocolNode opt = w.field(options, "tcp.options.timestamp", "TCP Option - Timestamps: TSval " + tsval
                        + ", TSecr " + tsecr, w.colonHex(o, n), o, n);
                kindAndLength(w, opt, o, kindName, kind);
                w.field(opt, "tcp.options.timestamp.tsval", "Timestamp value: " + tsval, Long.toString(tsval), o + 2, 4);
                w.field(opt, "tcp.options.timestamp.tsecr", "Timestamp echo reply: " + tsecr, Long.toString(tsecr), o + 6, 4);
                return "Timestamps";
            }
            case 34: {
                ProtocolNode opt = w.field(options, "tcp.options.tfo", "TCP Option - TCP Fast Open", w.colonHex(o, n), o, n);
                kindAndLength(w, opt, o, kindName, kind);
                if (n == 2) {
                    w.field(opt, "tcp.options.tfo.request", "Fast Open Cookie Request", "", o, 2);
                } else {
                    w.field(opt, "tcp.options.tfo.cookie", "Fast Open Cookie: " + w.plainHex(o + 2, n - 2),
                            w.colonHex(o + 2, n - 2), o + 2, n - 2);
                }
                return "TCP Fast Open";
            }
            default: {
                boolean known = Names.TCP_OPTION_KINDS.containsKey(kind);
                ProtocolNode opt = w.group(options, known ? null : "tcp.options.unknown", "TCP Option - " + kindName
                        + " (" + n + " bytes)", known ? null : w.colonHex(o, n), o, n);
                kindAndLength(w, opt, o, kindName, kind);
                if (n > 2) {
                    w.text(opt, "Data: " + w.plainHex(o + 2, n - 2), o + 2, n - 2);
                }
                return kindName;
            }
        }
    }

    private static String sack(Context c, ProtocolNode options, int o, int n, String kindName) {
        TreeWriter w = c.w;
        StringBuilder label = new StringBuilder("TCP Option - SACK");
        for (int p = o + 2; p + 8 <= o + n; p += 8) {
            label.append(' ').append(w.u32(p)).append('-').append(w.u32(p + 4));
        }
        ProtocolNode opt = w.field(options, "tcp.options.sack", label.toString(), w.colonHex(o, n), o, n);
        kindAndLength(w, opt, o, kindName, 5);
        int blocks = 0;
        int dsack = -1;
        for (int p = o + 2; p + 8 <= o + n; p += 8, blocks++) {
            long le = w.u32(p);
            long re = w.u32(p + 4);
            // RFC 2883: a first block below the cumulative ACK reports a duplicate (D-SACK), as tshark reads it.
            w.field(opt, "tcp.options.sack_le", "left edge = " + le, Long.toString(le), p, 4);
            w.field(opt, "tcp.options.sack_re", "right edge = " + re, Long.toString(re), p + 4, 4);
            if (blocks == 0 && c.tcpAckFlag && serialLess(le, c.tcpAck)) {
                dsack = p;
            }
        }
        w.generated(opt, "tcp.options.sack.count", "TCP SACK Count: " + blocks, Integer.toString(blocks), o);
        if (dsack >= 0) {
            long le = w.u32(dsack);
            long re = w.u32(dsack + 4);
            w.field(opt, "tcp.options.sack.dsack_le", "D-SACK Left Edge = " + le, Long.toString(le), dsack, 4);
            w.field(opt, "tcp.options.sack.dsack_re", "D-SACK Right Edge = " + re, Long.toString(re), dsack + 4, 4);
        }
        return "SACK";
    }

    static boolean serialLess(long a, long b) {
        return a != b && ((b - a) & 0xFFFF_FFFFL) < 0x8000_0000L;
    }

    private static void kind(TreeWriter w, ProtocolNode opt, int o, String name, int kind) {
        w.field(opt, "tcp.option_kind", "Kind: " + name + " (" + kind + ")", Integer.toString(kind), o, 1);
    }

    private static void kindAndLength(TreeWriter w, ProtocolNode opt, int o, String name, int kind) {
        kind(w, opt, o, name, kind);
        w.number(opt, "tcp.option_len", "Length", o + 1, 1);
    }

    static ProtocolNode udp(Context c, int o, int n) {
        TreeWriter w = c.w;
        String label = w.fits(o, 4) ? "User Datagram Protocol, Src Port: " + w.u16(o) + ", Dst Port: " + w.u16(o + 2)
                : "User Datagram Protocol";
        ProtocolNode udp = c.open(TreeWriter.protocol(label, "udp", o, n));
        c.transport = dev.mirrorscope.engine.decode.Layer.UDP;
        w.number(udp, "udp.srcport", "Source Port", o, 2);
        w.number(udp, "udp.dstport", "Destination Port", o + 2, 2);
        int length = w.u16(o + 4);
        if (length == 0 && c.ipVersion == 6) {
            length = c.ipEnd - o;
        }
        w.field(udp, "udp.length", "Length: " + w.u16(o + 4) + (length < 8 ? " (bogus, must be >= 8)" : ""),
                Integer.toString(w.u16(o + 4)), o + 4, 2);
        if (length < 8) {
            return udp;
        }
        int sum = w.u16(o + 6);
        w.field(udp, "udp.checksum", "Checksum: " + TreeWriter.hex(sum, 4) + (sum == 0 ? " [zero-value ignored]"
                : " [unverified]"), TreeWriter.hex(sum, 4), o + 6, 2);
        c.narrow(o + length);
        int captured = Math.min(w.cap, c.ipEnd) - (o + 8);
        if (captured > 0) {
            w.field(udp, "udp.payload", "UDP payload (" + captured + " byte" + (captured == 1 ? "" : "s") + ")",
                    w.colonHex(o + 8, captured), o + 8, captured);
        }
        return udp;
    }

    static ProtocolNode icmp(Context c, int o, int n) {
        TreeWriter w = c.w;
        // The message runs to the end of the datagram, the quoted packet of an error included.
        ProtocolNode icmp = c.open(TreeWriter.protocol("Internet Control Message Protocol", "icmp", o,
                Math.max(n, Math.min(w.cap, c.ipEnd) - o)));
        c.icmp = icmp;
        if (c.ipEnd - o < 4) {
            return icmp;
        }
        int type = w.u8(o);
        w.field(icmp, "icmp.type", "Type: " + type + " (" + Names.of(Names.ICMP_TYPES, type, "Unknown") + ")",
                Integer.toString(type), o, 1);
        int code = w.u8(o + 1);
        String codeName = type == 3 ? Names.ICMP_UNREACHABLE.get(code) : type == 5 ? Names.ICMP_REDIRECT.get(code)
                : type == 11 ? Names.ICMP_TIME_EXCEEDED.get(code) : null;
        w.field(icmp, "icmp.code", "Code: " + code + (codeName != null ? " (" + codeName + ")" : ""),
                Integer.toString(code), o + 1, 1);
        int sum = w.u16(o + 2);
        w.field(icmp, "icmp.checksum", "Checksum: " + TreeWriter.hex(sum, 4) + " " + verdict(w, o, c.ipEnd, sum),
                TreeWriter.hex(sum, 4), o + 2, 2);
        int end = Math.min(w.cap, c.ipEnd);
        switch (type) {
            case 0, 8, 13, 14, 17, 18 -> {
                int id = w.u16(o + 4);
                w.field(icmp, "icmp.ident", "Identifier (BE): " + id + " (" + TreeWriter.hex(id, 4) + ")",
                        Integer.toString(id), o + 4, 2);
                int idLe = Integer.reverseBytes(id) >>> 16;
                w.field(icmp, "icmp.ident_le", "Identifier (LE): " + idLe + " (" + TreeWriter.hex(idLe, 4) + ")",
                        Integer.toString(idLe), o + 4, 2);
                int seq = w.u16(o + 6);
                w.field(icmp, "icmp.seq", "Sequence Number (BE): " + seq + " (" + TreeWriter.hex(seq, 4) + ")",
                        Integer.toString(seq), o + 6, 2);
                int seqLe = Integer.reverseBytes(seq) >>> 16;
                w.field(icmp, "icmp.seq_le", "Sequence Number (LE): " + seqLe + " (" + TreeWriter.hex(seqLe, 4) + ")",
                        Integer.toString(seqLe), o + 6, 2);
                if (end > o + 8) {
                    w.text(icmp, "Data (" + (end - o - 8) + " bytes)", o + 8, end - o - 8);
                }
            }
            case 3 -> {
                if (code == 4) {
                    w.field(icmp, "icmp.unused", "Unused: " + w.plainHex(o + 4, 2), w.colonHex(o + 4, 2), o + 4, 2);
                    w.number(icmp, "icmp.mtu", "MTU of next hop", o + 6, 2);
                } else {
                    w.field(icmp, "icmp.unused", "Unused: " + w.plainHex(o + 4, 4), w.colonHex(o + 4, 4), o + 4, 4);
                }
            }
            case 4, 11 -> w.field(icmp, "icmp.unused", "Unused: " + w.plainHex(o + 4, 4), w.colonHex(o + 4, 4), o + 4, 4);
            case 5 -> {
                String gw = w.ipv4(o + 4);
                w.field(icmp, "icmp.redir_gw", "Gateway Address: " + gw, gw, o + 4, 4);
            }
            case 12 -> w.number(icmp, "icmp.pointer", "Pointer", o + 4, 1);
            default -> {
                if (end > o + 4) {
                    w.text(icmp, "Data (" + (end - o - 4) + " bytes)", o + 4, end - o - 4);
                }
            }
        }
        return icmp;
    }

    /** The Internet checksum of the whole message when it was captured, as "[correct]" or what it should be. */
    private static String verdict(TreeWriter w, int o, int end, int sum) {
        if (end > w.cap || end - o < 4) {
            return "[unverified]";
        }
        long acc = 0;
        for (int i = o; i < end; i += 2) {
            int word = i == o + 2 ? 0 : ((w.b[i] & 0xFF) << 8) | (i + 1 < end ? w.b[i + 1] & 0xFF : 0);
            acc += word;
        }
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        int expected = (int) (~acc & 0xFFFF);
        return expected == sum ? "[correct]" : "[incorrect, should be " + TreeWriter.hex(expected, 4) + "]";
    }

    static ProtocolNode icmpv6(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode icmp = c.open(TreeWriter.protocol("Internet Control Message Protocol v6", "icmpv6", o,
                Math.max(n, Math.min(w.cap, c.ipEnd) - o)));
        c.icmp = icmp;
        int type = w.u8(o);
        w.field(icmp, "icmpv6.type", "Type: " + Names.of(Names.ICMPV6_TYPES, type, "Unknown") + " (" + type + ")",
                Integer.toString(type), o, 1);
        int code = w.u8(o + 1);
        String codeName = type == 1 ? Names.ICMPV6_UNREACHABLE.get(code) : null;
        w.field(icmp, "icmpv6.code", "Code: " + code + (codeName != null ? " (" + codeName + ")" : ""),
                Integer.toString(code), o + 1, 1);
        int sum = w.u16(o + 2);
        w.field(icmp, "icmpv6.checksum", "Checksum: " + TreeWriter.hex(sum, 4) + " [unverified]", TreeWriter.hex(sum, 4),
                o + 2, 2);
        int end = Math.min(w.cap, c.ipEnd);
        switch (type) {
            case 128, 129 -> {
                int id = w.u16(o + 4);
                w.field(icmp, "icmpv6.echo.identifier", "Identifier: " + TreeWriter.hex(id, 4), TreeWriter.hex(id, 4),
                        o + 4, 2);
                w.field(icmp, "icmpv6.echo.sequence_number", "Sequence: " + w.u16(o + 6), Integer.toString(w.u16(o + 6)),
                        o + 6, 2);
                if (end > o + 8) {
                    w.text(icmp, "Data (" + (end - o - 8) + " bytes)", o + 8, end - o - 8);
                }
            }
            case 1, 3, 133 -> w.field(icmp, "icmpv6.reserved", "Reserved: " + w.plainHex(o + 4, 4), w.colonHex(o + 4, 4),
                    o + 4, 4);
            case 2 -> w.number(icmp, "icmpv6.mtu", "MTU", o + 4, 4);
            case 4 -> w.number(icmp, "icmpv6.pointer", "Pointer", o + 4, 4);
            case 135 -> {
                w.field(icmp, "icmpv6.reserved", "Reserved: " + w.plainHex(o + 4, 4), w.colonHex(o + 4, 4), o + 4, 4);
                String target = w.ipv6(o + 8);
                w.field(icmp, "icmpv6.nd.ns.target_address", "Target Address: " + target, target, o + 8, 16);
            }
            case 136 -> {
                long flags = w.u32(o + 4);
                w.field(icmp, "icmpv6.nd.na.flag", "Flags: " + TreeWriter.hex(flags, 8), TreeWriter.hex(flags, 8), o + 4, 4);
                String target = w.ipv6(o + 8);
                w.field(icmp, "icmpv6.nd.na.target_address", "Target Address: " + target, target, o + 8, 16);
            }
            default -> {
                if (end > o + 4) {
                    w.text(icmp, "Message body (" + (end - o - 4) + " bytes)", o + 4, end - o - 4);
                }
            }
        }
        return icmp;
    }

    static ProtocolNode sctp(Context c, int o, int n) {
        TreeWriter w = c.w;
        String label = w.fits(o, 4) ? "Stream Control Transmission Protocol, Src Port: " + w.u16(o) + ", Dst Port: "
                + w.u16(o + 2) : "Stream Control Transmission Protocol";
        ProtocolNode sctp = c.open(TreeWriter.protocol(label, "sctp", o, n));
        w.number(sctp, "sctp.srcport", "Source port", o, 2);
        w.number(sctp, "sctp.dstport", "Destination port", o + 2, 2);
        long tag = w.u32(o + 4);
        w.field(sctp, "sctp.verification_tag", "Verification tag: " + TreeWriter.hex(tag, 8), TreeWriter.hex(tag, 8),
                o + 4, 4);
        long sum = w.u32(o + 8);
        w.field(sctp, "sctp.checksum", "Checksum: " + TreeWriter.hex(sum, 8) + " [unverified]", TreeWriter.hex(sum, 8),
                o + 8, 4);
        return sctp;
    }
}
