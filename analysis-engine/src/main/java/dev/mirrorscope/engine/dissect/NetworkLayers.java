package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Part;
import java.util.List;

/** IPv4 with options, IPv6 with its extension headers and their options, AH and ESP. */
final class NetworkLayers {
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;

    private NetworkLayers() {
    }

    static ProtocolNode ipv4(Context c, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        String label = w.fits(o, 20) ? "Internet Protocol Version 4, Src: " + w.ipv4(o + 12) + ", Dst: " + w.ipv4(o + 16)
                : "Internet Protocol Version 4";
        ProtocolNode ip = c.open(TreeWriter.protocol(label, "ip", o, n));
        int vhl = w.u8(o);
        w.bits(ip, "ip.version", o, 1, 0xF0, "Version", Integer.toString(vhl >>> 4), 0);
        int hl = (vhl & 0x0F) * 4;
        c.ipVersion = 4;
        w.field(ip, "ip.hdr_len", TreeWriter.bits(vhl, 0x0F, 8) + " = Header Length: " + hl
                + " bytes (" + (vhl & 0x0F) + ")", Integer.toString(hl), o, 1);
        if (hl < 20) {
            return ip; // tshark stops at a header length under 20: nothing after it can be trusted
        }
        int ds = w.u8(o + 1);
        ProtocolNode dsf = w.field(ip, "ip.dsfield", "Differentiated Services Field: " + TreeWriter.hex(ds, 2)
                + " (DSCP: " + Names.dscpShort(ds >>> 2) + ", ECN: " + Names.ECN_SHORT[ds & 3] + ")",
                TreeWriter.hex(ds, 2), o + 1, 1);
        w.bits(dsf, "ip.dsfield.dscp", o + 1, 1, 0xFC, "Differentiated Services Codepoint",
                Names.dscp(ds >>> 2) + " (" + (ds >>> 2) + ")", 0);
        w.bits(dsf, "ip.dsfield.ecn", o + 1, 1, 0x03, "Explicit Congestion Notification",
                Names.ECN_LONG[ds & 3] + " (" + (ds & 3) + ")", 0);
        int total = w.u16(o + 2);
        if (total == 0) {
            // Segmentation offload (TSO, BIG TCP): the length is the rest of the frame, as tshark reads it.
            int reported = c.ipEnd - o;
            w.field(ip, "ip.len", "Total Length: " + reported + " bytes (reported as 0, presumed to be because of"
                    + " \"TCP segmentation offload\" (TSO))", Integer.toString(reported), o + 2, 2);
        } else {
            w.number(ip, "ip.len", "Total Length", o + 2, 2);
            c.narrow(o + total);
        }
        int id = w.u16(o + 4);
        w.field(ip, "ip.id", "Identification: " + TreeWriter.hex(id, 4) + " (" + id + ")", TreeWriter.hex(id, 4), o + 4, 2);
        int ff = w.u16(o + 6);
        int flags = ff >>> 13;
        StringBuilder fl = new StringBuilder("Flags: " + TreeWriter.hex(flags, 1));
        if ((flags & 4) != 0) {
            fl.append(", Reserved bit");
        }
        if ((flags & 2) != 0) {
            fl.append(", Don't fragment");
        }
        if ((flags & 1) != 0) {
            fl.append(", More fragments");
        }
        ProtocolNode f = w.field(ip, "ip.flags", TreeWriter.bits(ff >>> 8, 0xE0, 8) + " = " + fl, TreeWriter.hex(flags, 2),
                o + 6, 1);
        w.flag(f, "ip.flags.rb", o + 6, 1, 0x80, "Reserved bit", "Set", "Not set");
        w.flag(f, "ip.flags.df", o + 6, 1, 0x40, "Don't fragment", "Set", "Not set");
        w.flag(f, "ip.flags.mf", o + 6, 1, 0x20, "More fragments", "Set", "Not set");
        w.bits(ip, "ip.frag_offset", o + 6, 2, 0x1FFF, "Fragment Offset", Integer.toString((ff & 0x1FFF) * 8), 0);
        w.number(ip, "ip.ttl", "Time to Live", o + 8, 1);
        int proto = w.u8(o + 9);
        w.field(ip, "ip.proto", "Protocol: " + Names.ipProtocol(proto) + " (" + proto + ")", Integer.toString(proto),
                o + 9, 1);
        int sum = w.u16(o + 10);
        w.field(ip, "ip.checksum", "Header Checksum: " + TreeWriter.hex(sum, 4) + " [validation disabled]",
                TreeWriter.hex(sum, 4), o + 10, 2);
        String src = w.ipv4(o + 12);
        w.field(ip, "ip.src", "Source Address: " + src, src, o + 12, 4);
        String dst = w.ipv4(o + 16);
        w.field(ip, "ip.dst", "Destination Address: " + dst, dst, o + 16, 4);
        if (hl > 20) {
            ipv4Options(w, ip, o + 20, hl - 20, parts);
        }
        return ip;
    }

    private static void ipv4Options(TreeWriter w, ProtocolNode ip, int o, int n, List<Context.Part> parts) {
        ProtocolNode options = w.group(ip, null, "Options: (" + n + " bytes)", null, o, n);
        StringBuilder names = new StringBuilder("Options: (" + n + " bytes)");
        for (Context.Part p : parts) {
            if (p.kind() != Part.IPV4_OPTION) {
                continue;
            }
            int type = w.u8(p.offset());
            String name = ipv4OptionName(type & 0x1F, type);
            names.append(", ").append(name);
            ProtocolNode opt = w.group(options, null, "IP Option - " + name + (p.length() > 1 ? " (" + p.length()
                    + " bytes)" : ""), null, p.offset(), p.length());
            w.field(opt, "ip.opt.type", "Type: " + type, Integer.toString(type), p.offset(), 1);
            if (p.length() > 1) {
                w.number(opt, "ip.opt.len", "Length", p.offset() + 1, 1);
                if (p.length() > 2) {
                    w.text(opt, "Value: " + w.plainHex(p.offset() + 2, p.length() - 2), p.offset() + 2, p.length() - 2);
                }
            }
        }
        options.label(names.toString());
    }

    private static String ipv4OptionName(int number, int type) {
        switch (type) {
            case 0: return "End of Options List (EOL)";
            case 1: return "No Operation (NOP)";
            case 7: return "Record Route";
            case 68: return "Time Stamp";
            case 130: return "Security";
            case 131: return "Loose Source Route";
            case 137: return "Strict Source Route";
            case 148: return "Router Alert";
            case 136: return "Stream ID";
            default: return "Unknown (" + type + ")";
        }
    }

    static ProtocolNode ipv6(Context c, int o, int n) {
        TreeWriter w = c.w;
        String label = w.fits(o, 40) ? "Internet Protocol Version 6, Src: " + w.ipv6(o + 8) + ", Dst: " + w.ipv6(o + 24)
                : "Internet Protocol Version 6";
        ProtocolNode ip = c.open(TreeWriter.protocol(label, "ipv6", o, n));
        c.ipv6 = ip;
        int first = w.u8(o);
        w.bits(ip, "ipv6.version", o, 1, 0xF0, "Version", Integer.toString(first >>> 4), 0);
        long word = w.u32(o);
        int tc = (int) (word >>> 20 & 0xFF);
        ProtocolNode tcn = w.bits(ip, "ipv6.tclass", o, 4, 0x0FF00000L, "Traffic Class", TreeWriter.hex(tc, 2) + " (DSCP: "
                + Names.dscpShort(tc >>> 2) + ", ECN: " + Names.ECN_SHORT[tc & 3] + ")", 8);
        w.bits(tcn, "ipv6.tclass.dscp", o, 4, 0x0FC00000L, "Differentiated Services Codepoint",
                Names.dscp(tc >>> 2) + " (" + (tc >>> 2) + ")", 0);
        w.bits(tcn, "ipv6.tclass.ecn", o, 4, 0x00300000L, "Explicit Congestion Notification",
                Names.ECN_LONG[tc & 3] + " (" + (tc & 3) + ")", 0);
        long flow = word & 0xFFFFF;
        w.field(ip, "ipv6.flow", TreeWriter.bits(w.u24(o + 1), 0x0FFFFF, 24) + " = Flow Label: "
                + TreeWriter.hex(flow, 5), TreeWriter.hex(flow, 6), o + 1, 3);
        int plen = w.u16(o + 4);
        c.ipVersion = 6;
        w.number(ip, "ipv6.plen", "Payload Length", o + 4, 2);
        if (plen != 0) {
            c.narrow(o + 40 + plen);
        }
        int next = w.u8(o + 6);
        c.nextHeader = next;
        w.field(ip, "ipv6.nxt", "Next Header: " + Names.ipProtocol(next) + " (" + next + ")", Integer.toString(next), o + 6, 1);
        w.number(ip, "ipv6.hlim", "Hop Limit", o + 7, 1);
        String src = w.ipv6(o + 8);
        w.field(ip, "ipv6.src", "Source Address: " + src, src, o + 8, 16);
        String dst = w.ipv6(o + 24);
        w.field(ip, "ipv6.dst", "Destination Address: " + dst, dst, o + 24, 16);
        return ip;
    }

    /** One extension header, under the IPv6 line; its kind is the Next Header of what came before it. */
    static ProtocolNode extension(Context c, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        int kind = c.nextHeader;
        ProtocolNode parent = c.ipv6 != null ? c.ipv6 : c.frame;
        String prefix;
        String name;
        switch (kind) {
            case HOP_BY_HOP:
                prefix = "ipv6.hopopts";
                name = "IPv6 Hop-by-Hop Option";
                break;
            case ROUTING:
                prefix = "ipv6.routing";
                name = "Routing Header for IPv6";
                break;
            case FRAGMENT:
                prefix = "ipv6.fraghdr";
                name = "Fragment Header for IPv6";
                break;
            case DESTINATION_OPTIONS:
                prefix = "ipv6.dstopts";
                name = "Destination Options for IPv6";
                break;
            default:
                prefix = "ipv6.ext";
                name = "IPv6 Extension Header (" + kind + ")";
        }
        c.nextHeader = -1;
        if (kind == ROUTING && w.fits(o + 2, 1)) {
            name += " (" + routingType(w.u8(o + 2)) + ")";
        }
        ProtocolNode ext = c.openUnder(parent, TreeWriter.protocol(name, prefix, o, n));
        if (kind == FRAGMENT) {
            w.need(o, 8); // tshark shows a Fragment header's fields only when all 8 bytes are there
        }
        int next = w.u8(o);
        c.nextHeader = next;
        w.field(ext, prefix + ".nxt", (kind == FRAGMENT ? "Next header: " : "Next Header: ") + Names.ipProtocol(next)
                + " (" + next + ")", Integer.toString(next), o, 1);
        if (kind == FRAGMENT) {
            int r = w.u8(o + 1);
            w.field(ext, "ipv6.fraghdr.reserved_octet", "Reserved octet: " + TreeWriter.hex(r, 2), TreeWriter.hex(r, 2),
                    o + 1, 1);
            int off = w.u16(o + 2);
            w.bits(ext, "ipv6.fraghdr.offset", o + 2, 2, 0xFFF8, "Offset", (off >>> 3) + " (" + (off & 0xFFF8) + " bytes)", 0);
            w.bits(ext, "ipv6.fraghdr.reserved_bits", o + 2, 2, 0x0006, "Reserved bits", Integer.toString(off >>> 1 & 3), 0);
            w.flag(ext, "ipv6.fraghdr.more", o + 2, 2, 0x0001, "More Fragments", "Yes", "No");
            long ident = w.u32(o + 4);
            w.field(ext, "ipv6.fraghdr.ident", "Identification: " + TreeWriter.hex(ident, 8), TreeWriter.hex(ident, 8),
                    o + 4, 4);
            return ext;
        }
        int len = w.u8(o + 1);
        w.field(ext, prefix + ".len", "Length: " + len, Integer.toString(len), o + 1, 1);
        w.field(ext, prefix + ".len_oct", "[Length: " + (len + 1) * 8 + " bytes]", Integer.toString((len + 1) * 8), o + 1, 1);
        if (kind == ROUTING) {
            routing(w, ext, o, n);
        } else if (kind == HOP_BY_HOP || kind == DESTINATION_OPTIONS) {
            for (Context.Part p : parts) {
                if (p.kind() == Part.IPV6_OPTION) {
                    option(w, ext, p.offset(), p.length());
                }
            }
        }
        return ext;
    }

    private static String routingType(int type) {
        switch (type) {
            case 0: return "Source Route";
            case 2: return "Type 2 Routing";
            case 3: return "RPL Source Route";
            case 4: return "Segment Routing";
            default: return "Unknown";
        }
    }

    private static void routing(TreeWriter w, ProtocolNode ext, int o, int n) {
        int type = w.u8(o + 2);
        w.field(ext, "ipv6.routing.type", "Type: " + routingType(type) + " (" + type + ")", Integer.toString(type), o + 2, 1);
        w.number(ext, "ipv6.routing.segleft", "Segments Left", o + 3, 1);
        if (type == 0) {
            w.field(ext, "ipv6.routing.src.reserved", "Reserved: " + w.plainHex(o + 4, 4), w.colonHex(o + 4, 4), o + 4, 4);
            for (int p = o + 8, i = 1; p + 16 <= o + n; p += 16, i++) {
                String a = w.ipv6(p);
                w.field(ext, "ipv6.routing.src.addr", "Address[" + i + "]: " + a, a, p, 16);
            }
        } else if (type == 4) {
            w.number(ext, "ipv6.routing.srh.last_entry", "Last Entry", o + 4, 1);
            int flags = w.u8(o + 5);
            w.field(ext, "ipv6.routing.srh.flags", "Flags: " + TreeWriter.hex(flags, 2), TreeWriter.hex(flags, 2), o + 5, 1);
            w.field(ext, "ipv6.routing.srh.tag", "Tag: " + w.plainHex(o + 6, 2), w.colonHex(o + 6, 2), o + 6, 2);
            int segments = w.u8(o + 4) + 1;
            for (int i = 0, p = o + 8; i < segments && p + 16 <= o + n; i++, p += 16) {
                String a = w.ipv6(p);
                w.field(ext, "ipv6.routing.srh.addr", "Address[" + i + "]: " + a, a, p, 16);
            }
        } else if (n > 4) {
            w.text(ext, "Type data: " + w.plainHex(o + 4, n - 4), o + 4, n - 4);
        }
    }

    private static void option(TreeWriter w, ProtocolNode ext, int o, int n) {
        int type = w.u8(o);
        if (type == 0) {
            ProtocolNode pad = w.group(ext, "ipv6.opt", "Pad1", "", o, 1);
            w.field(pad, "ipv6.opt.type", "Type: Pad1 (0x00)", "0x00", o, 1);
            w.field(pad, "ipv6.opt.pad1", "Pad1", "", o, 1);
            return;
        }
        String name = optionName(type);
        ProtocolNode opt = w.group(ext, "ipv6.opt", name, "", o, n);
        ProtocolNode t = w.field(opt, "ipv6.opt.type", "Type: " + name + " (" + TreeWriter.hex(type, 2) + ")",
                TreeWriter.hex(type, 2), o, 1);
        w.bits(t, "ipv6.opt.type.action", o, 1, 0xC0, "Action", optionAction(type >>> 6) + " (" + (type >>> 6) + ")", 0);
        w.bits(t, "ipv6.opt.type.change", o, 1, 0x20, "May Change", (type & 0x20) != 0 ? "Yes" : "No", 0);
        w.bits(t, "ipv6.opt.type.rest", o, 1, 0x1F, "Low-Order Bits", TreeWriter.hex(type & 0x1F, 2), 2);
        w.number(opt, "ipv6.opt.length", "Length", o + 1, 1);
        int len = Math.max(0, n - 2);
        switch (type) {
            case 0x01:
                w.field(opt, "ipv6.opt.padn", "PadN: " + (len == 0 ? "<none>" : w.plainHex(o + 2, len)),
                        w.colonHex(o + 2, len), o + 2, len);
                break;
            case 0x30:
                // tshark reads the PMTU option's fixed 4 bytes whatever its length byte says
                w.number(opt, "ipv6.opt.pmtu.min", "Minimum Reported PMTU", o + 2, 2);
                int rtn = w.u16(o + 4);
                w.field(opt, "ipv6.opt.pmtu.rtn", "Return Minimum PMTU: " + (rtn & 0xFFFE), Integer.toString(rtn & 0xFFFE), o + 4, 2);
                w.field(opt, "ipv6.opt.pmtu.r_flag", "Return Flag: " + ((rtn & 1) != 0 ? "True" : "False"),
                        Integer.toString(rtn & 1), o + 5, 1);
                break;
            case 0xC2:
                if (len == 4) {
                    w.number(opt, "ipv6.opt.jumbo", "Payload Length", o + 2, 4);
                }
                break;
            case 0x05:
                if (len == 2) {
                    int ra = w.u16(o + 2);
                    w.field(opt, "ipv6.opt.router_alert", "Router Alert: " + (ra == 0 ? "MLD" : ra == 2 ? "Active Networks"
                            : ra == 1 ? "RSVP" : "Unknown") + " (" + ra + ")", Integer.toString(ra), o + 2, 2);
                }
                break;
            case 0x04:
                if (len == 1) {
                    w.number(opt, "ipv6.opt.tel", "Tunnel Encapsulation Limit", o + 2, 1);
                }
                break;
            default:
                w.field(opt, "ipv6.opt.unknown", "Unknown Option Payload: " + (len == 0 ? "<MISSING>" : w.plainHex(o + 2, len)),
                        w.colonHex(o + 2, len), o + 2, len);
        }
    }

    private static String optionName(int type) {
        switch (type) {
            case 0x01: return "PadN";
            case 0x04: return "Tunnel Encapsulation Limit";
            case 0x05: return "Router Alert";
            case 0x26: return "Quick-Start";
            case 0x30: return "Path MTU Option";
            case 0x63: return "RPL Option";
            case 0xC2: return "Jumbo Payload";
            case 0xC9: return "Home Address Option";
            default: return "Unknown IPv6 Option (" + TreeWriter.hex(type, 2) + ")";
        }
    }

    private static String optionAction(int action) {
        switch (action) {
            case 0: return "Skip and continue";
            case 1: return "Discard";
            case 2: return "Discard and send ICMP Parameter Problem";
            default: return "Discard and send ICMP if not multicast";
        }
    }

    static ProtocolNode ah(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode ah = c.open(TreeWriter.protocol("Authentication Header", "ah", o, n));
        int next = w.u8(o);
        w.field(ah, "ah.next_header", "Next header: " + Names.ipProtocol(next) + " (" + next + ")", Integer.toString(next), o, 1);
        w.number(ah, "ah.length", "Length", o + 1, 1);
        long spi = w.u32(o + 4);
        w.field(ah, "ah.spi", "AH SPI: " + TreeWriter.hex(spi, 8), TreeWriter.hex(spi, 8), o + 4, 4);
        w.number(ah, "ah.sequence", "AH Sequence", o + 8, 4);
        if (n > 12) {
            w.field(ah, "ah.icv", "AH ICV: " + w.plainHex(o + 12, n - 12), w.colonHex(o + 12, n - 12), o + 12, n - 12);
        }
        return ah;
    }

    static ProtocolNode esp(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode esp = c.open(TreeWriter.protocol("Encapsulating Security Payload", "esp", o, n));
        long spi = w.u32(o);
        w.field(esp, "esp.spi", "ESP SPI: " + TreeWriter.hex(spi, 8) + " (" + spi + ")", TreeWriter.hex(spi, 8), o, 4);
        w.number(esp, "esp.sequence", "ESP Sequence", o + 4, 4);
        return esp;
    }
}
