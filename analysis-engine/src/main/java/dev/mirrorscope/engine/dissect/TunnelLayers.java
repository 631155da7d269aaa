package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Part;
import java.util.List;

/** The mirror tunnels: VXLAN (and VXLAN-GPE), Geneve with its options (AWS GWLB's named), GRE, ERSPAN, NSH. */
final class TunnelLayers {
    /** Geneve option class of AWS (Gateway Load Balancer): type 1 endpoint id, 2 attachment id, 3 flow cookie. */
    static final int AWS_CLASS = 0x0108;
    private static final int GOOGLE_CLASS = 0x0132;

    private TunnelLayers() {
    }

    static ProtocolNode vxlan(Context c, int o, int n) {
        TreeWriter w = c.w;
        String vni = w.fits(o + 4, 3) ? ", VNI: " + w.u24(o + 4) : "";
        ProtocolNode vx = c.open(TreeWriter.protocol("Virtual eXtensible Local Area Network" + vni, "vxlan", o, n));
        int flags = w.u16(o);
        StringBuilder fl = new StringBuilder("Flags: " + TreeWriter.hex(flags, 4));
        if ((flags & 0x8000) != 0) {
            fl.append(", GBP Extension");
        }
        if ((flags & 0x0800) != 0) {
            fl.append(", VXLAN Network ID (VNI)");
        }
        if ((flags & 0x0040) != 0) {
            fl.append(", Don't Learn");
        }
        if ((flags & 0x0008) != 0) {
            fl.append(", Policy Applied");
        }
        ProtocolNode f = w.field(vx, "vxlan.flags", fl.toString(), TreeWriter.hex(flags, 4), o, 2);
        w.flag(f, "vxlan.flag_g", o, 2, 0x8000, "GBP Extension", "Defined", "Not defined");
        w.flag(f, "vxlan.flag_i", o, 2, 0x0800, "VXLAN Network ID (VNI)", "True", "False");
        w.flag(f, "vxlan.flag_d", o, 2, 0x0040, "Don't Learn", "True", "False");
        w.flag(f, "vxlan.flag_a", o, 2, 0x0008, "Policy Applied", "True", "False");
        w.bits(f, "vxlan.flags_reserved", o, 2, 0x77B7, "Reserved(R)", TreeWriter.hex(flags & 0x77B7, 4), 4);
        w.number(vx, "vxlan.gbp", "Group Policy ID", o + 2, 2);
        w.field(vx, "vxlan.vni", "VXLAN Network Identifier (VNI): " + w.u24(o + 4), Integer.toString(w.u24(o + 4)), o + 4, 3);
        w.number(vx, "vxlan.reserved8", "Reserved", o + 7, 1);
        return vx;
    }

    static ProtocolNode vxlanGpe(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode vx = c.open(TreeWriter.protocol("Virtual eXtensible Local Area Network (GPE)", "vxlan", o, n));
        int flags = w.u8(o);
        ProtocolNode f = w.field(vx, "vxlan.flags", "Flags: " + TreeWriter.hex(flags, 2), TreeWriter.hex(flags, 2), o, 1);
        w.bits(f, "vxlan.ver", o, 1, 0x30, "Version", Integer.toString(flags >>> 4 & 3), 0);
        w.bits(f, "vxlan.i_bit", o, 1, 0x08, "Instance", Integer.toString(flags >>> 3 & 1), 0);
        w.bits(f, "vxlan.p_bit", o, 1, 0x04, "Next Protocol Bit", Integer.toString(flags >>> 2 & 1), 0);
        w.bits(f, "vxlan.o_bit", o, 1, 0x01, "OAM bit", Integer.toString(flags & 1), 0);
        w.bits(f, "vxlan.flags_reserved", o, 1, 0xC2, "Reserved(R)", Integer.toString(flags & 0xC2), 0);
        w.number(vx, "vxlan.reserved_16", "Reserved", o + 1, 2);
        int next = w.u8(o + 3);
        String name = switch (next) {
            case 1 -> "IPv4";
            case 2 -> "IPv6";
            case 3 -> "Ethernet";
            case 4 -> "Network Service Header";
            case 5 -> "MPLS";
            default -> "Unknown";
        };
        w.field(vx, "vxlan.next_proto", "Next Protocol: " + name + " (" + next + ")", Integer.toString(next), o + 3, 1);
        w.field(vx, "vxlan.vni", "VXLAN Network Identifier (VNI): " + w.u24(o + 4), Integer.toString(w.u24(o + 4)), o + 4, 3);
        w.number(vx, "vxlan.reserved8", "Reserved", o + 7, 1);
        return vx;
    }

    static ProtocolNode geneve(Context c, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        String vni = w.fits(o + 4, 3) ? ", VNI: " + TreeWriter.hex(w.u24(o + 4), 6) + " (" + w.u24(o + 4) + ")" : "";
        ProtocolNode g = c.open(TreeWriter.protocol("Generic Network Virtualization Encapsulation" + vni, "geneve", o, n));
        int first = w.u8(o);
        w.field(g, "geneve.version", "Version: " + (first >>> 6), Integer.toString(first >>> 6), o, 1);
        int optionsLength = (first & 0x3F) * 4;
        w.field(g, "geneve.option.length", "Length: " + optionsLength + " bytes", Integer.toString(optionsLength), o, 1);
        int flags = w.u8(o + 1);
        ProtocolNode f = w.field(g, "geneve.flags", "Flags: " + TreeWriter.hex(flags, 2), TreeWriter.hex(flags, 2), o + 1, 1);
        w.flag(f, "geneve.flags.oam", o + 1, 1, 0x80, "Operations, Administration and Management Frame", "True", "False");
        w.flag(f, "geneve.flags.critical", o + 1, 1, 0x40, "Critical Options Present", "True", "False");
        w.bits(f, "geneve.flags.reserved", o + 1, 1, 0x3F, "Reserved", (flags & 0x3F) != 0 ? "True" : "False", 0);
        int type = w.u16(o + 2);
        w.field(g, "geneve.proto_type", "Protocol Type: " + Names.etherType(type) + " (" + TreeWriter.hex(type, 4) + ")",
                TreeWriter.hex(type, 4), o + 2, 2);
        int v = w.u24(o + 4);
        w.field(g, "geneve.vni", "Virtual Network Identifier (VNI): " + TreeWriter.hex(v, 6) + " (" + v + ")",
                TreeWriter.hex(v, 6), o + 4, 3);
        int reserved = w.u8(o + 7);
        w.field(g, "geneve.reserved", "Reserved: " + TreeWriter.hex(reserved, 2), TreeWriter.hex(reserved, 2), o + 7, 1);
        if (optionsLength > 0) {
            ProtocolNode options = w.group(g, "geneve.options", "Options: (" + optionsLength + " bytes)",
                    w.colonHex(o + 8, Math.min(optionsLength, Math.max(0, w.cap - o - 8))), o + 8, optionsLength);
            for (Context.Part p : parts) {
                if (p.kind() == Part.GENEVE_OPTION) {
                    option(w, options, p.offset(), p.length());
                }
            }
        }
        return g;
    }

    private static void option(TreeWriter w, ProtocolNode options, int o, int n) {
        int cls = w.u16(o);
        int type = w.u8(o + 2);
        boolean critical = (type & 0x80) != 0;
        String className = cls == AWS_CLASS ? "Amazon.com, Inc." : cls == GOOGLE_CLASS ? "Google LLC"
                : cls == 0x0000 ? "Open Virtual Networking (OVN)" : cls == 0x0101 ? "Open vSwitch (OVS)" : "Unknown";
        String name = cls == AWS_CLASS ? awsOptionName(type & 0x7F) : "Unknown";
        ProtocolNode opt = w.field(options, "geneve.option", name + ", Class: " + className + " (" + TreeWriter.hex(cls, 4)
                + ") Type: " + TreeWriter.hex(type, 2) + " (" + (critical ? "Critical" : "Non-critical") + ")",
                w.colonHex(o, n), o, n);
        w.field(opt, "geneve.option.class", "Class: " + className + " (" + TreeWriter.hex(cls, 4) + ")",
                TreeWriter.hex(cls, 4), o, 2);
        w.field(opt, "geneve.option.type", "Type: " + TreeWriter.hex(type, 2) + " (" + (critical ? "Critical" : "Non-critical")
                + ")", TreeWriter.hex(type, 2), o + 2, 1);
        int flags = w.u8(o + 3);
        w.bits(opt, "geneve.option.flags.reserved", o + 3, 1, 0xE0, "Reserved", (flags & 0xE0) != 0 ? "True" : "False", 0);
        w.field(opt, "geneve.option.length", "Length: " + n + " bytes", Integer.toString(n), o + 3, 1);
        int data = n - 4;
        if (data <= 0) {
            return;
        }
        if (cls == AWS_CLASS && (type & 0x7F) >= 1 && (type & 0x7F) <= 3) {
            String field = switch (type & 0x7F) {
                case 1 -> "geneve.option.aws.gwlbe_id";
                case 2 -> "geneve.option.aws.attachment_id";
                default -> "geneve.option.aws.flow_cookie";
            };
            String value = data == 8 ? TreeWriter.hex(w.u64(o + 4), 16) : data == 4 ? TreeWriter.hex(w.u32(o + 4), 8)
                    : w.colonHex(o + 4, data);
            w.field(opt, field, awsOptionName(type & 0x7F) + ": " + value, value, o + 4, data);
        } else if (cls == GOOGLE_CLASS) {
            w.text(opt, "Option Data: " + w.plainHex(o + 4, data), o + 4, data);
        } else {
            w.field(opt, "geneve.option.unknown.data", "Unknown Option Data: " + w.plainHex(o + 4, data),
                    w.colonHex(o + 4, data), o + 4, data);
        }
    }

    private static String awsOptionName(int type) {
        switch (type) {
            case 1: return "AWS GWLB Endpoint ID";
            case 2: return "AWS Attachment ID";
            case 3: return "AWS Flow Cookie";
            default: return "Unknown";
        }
    }

    static ProtocolNode gre(Context c, int o, int n) {
        TreeWriter w = c.w;
        int proto = w.fits(o, 4) ? w.u16(o + 2) : -1;
        ProtocolNode gre = c.open(TreeWriter.protocol("Generic Routing Encapsulation" + (proto >= 0 ? " ("
                + greProtocol(proto) + ")" : ""), "gre", o, n));
        int fv = w.u16(o);
        int version = fv & 7;
        ProtocolNode f = w.field(gre, "gre.flags_and_version", "Flags and Version: " + TreeWriter.hex(fv, 4),
                TreeWriter.hex(fv, 4), o, 2);
        w.flag(f, "gre.flags.checksum", o, 2, 0x8000, "Checksum Bit", "Yes", "No");
        w.flag(f, "gre.flags.routing", o, 2, 0x4000, "Routing Bit", "Yes", "No");
        w.flag(f, "gre.flags.key", o, 2, 0x2000, "Key Bit", "Yes", "No");
        w.flag(f, "gre.flags.sequence_number", o, 2, 0x1000, "Sequence Number Bit", "Yes", "No");
        w.flag(f, "gre.flags.strict_source_route", o, 2, 0x0800, "Strict Source Route Bit", "Yes", "No");
        w.bits(f, "gre.flags.recursion_control", o, 2, 0x0700, "Recursion control", Integer.toString(fv >>> 8 & 7), 0);
        if (version == 1) {
            w.flag(f, "gre.flags.ack", o, 2, 0x0080, "Acknowledgment", "Yes", "No");
            w.bits(f, "gre.flags.reserved", o, 2, 0x0078, "Flags (Reserved)", Integer.toString(fv >>> 3 & 0xF), 0);
        } else {
            w.bits(f, "gre.flags.reserved", o, 2, 0x00F8, "Flags (Reserved)", Integer.toString(fv >>> 3 & 0x1F), 0);
        }
        w.bits(f, "gre.flags.version", o, 2, 0x0007, "Version", (version == 0 ? "GRE" : version == 1 ? "Enhanced GRE"
                : "Unknown") + " (" + version + ")", 0);
        w.field(gre, "gre.proto", "Protocol Type: " + greProtocol(proto) + " (" + TreeWriter.hex(proto, 4) + ")",
                TreeWriter.hex(proto, 4), o + 2, 2);
        int p = o + 4;
        if ((fv & 0xC000) != 0) {
            int sum = w.u16(p);
            w.field(gre, "gre.checksum", "Checksum: " + TreeWriter.hex(sum, 4) + " [unverified]", TreeWriter.hex(sum, 4), p, 2);
            w.number(gre, "gre.offset", "Offset", p + 2, 2);
            p += 4;
        }
        if ((fv & 0x2000) != 0) {
            if (version == 1) {
                w.number(gre, "gre.key.payload_length", "Payload Length", p, 2);
                w.number(gre, "gre.key.call_id", "Call ID", p + 2, 2);
            } else {
                long key = w.u32(p);
                w.field(gre, "gre.key", "Key: " + TreeWriter.hex(key, 8), TreeWriter.hex(key, 8), p, 4);
            }
            p += 4;
        }
        if ((fv & 0x1000) != 0) {
            w.number(gre, "gre.sequence_number", "Sequence Number", p, 4);
            p += 4;
        }
        if (version == 1 && (fv & 0x0080) != 0) {
            w.number(gre, "gre.ack_number", "Acknowledgment Number", p, 4);
            p += 4;
        }
        if ((fv & 0x4000) != 0 && o + n > p) {
            w.text(gre, "Routing (" + (o + n - p) + " bytes)", p, o + n - p);
        }
        return gre;
    }

    private static String greProtocol(int proto) {
        switch (proto) {
            case 0x0800: return "IP";
            case 0x86DD: return "IPv6";
            case 0x6558: return "Transparent Ethernet bridging";
            case 0x88BE: return "ERSPAN";
            case 0x22EB: return "ERSPAN";
            case 0x880B: return "PPP";
            case 0x8909: return "Cisco MetaData";
            case 0x8847: return "MPLS label switched packet";
            default: return Names.etherType(proto);
        }
    }

    static ProtocolNode erspan(Context c, int o, int n) {
        TreeWriter w = c.w;
        if (n == 0) {
            return c.open(TreeWriter.protocol("Encapsulated Remote Switch Packet ANalysis Type I", "erspan", o, 0));
        }
        int version = w.fits(o, 1) ? w.u8(o) >>> 4 : -1;
        String type = version == 1 ? "Type II" : version == 2 ? "Type III" : "(unknown version)";
        int session = w.fits(o + 2, 2) ? w.u16(o + 2) & 0x3FF : -1;
        ProtocolNode e = c.open(TreeWriter.protocol("Encapsulated Remote Switch Packet ANalysis " + type
                + (session >= 0 ? ", Session: " + session : ""), "erspan", o, n));
        int first = w.u16(o);
        w.bits(e, "erspan.version", o, 2, 0xF000, "Version", (version == 1 ? "Type II" : version == 2 ? "Type III"
                : "Unknown") + " (" + version + ")", 0);
        w.bits(e, "erspan.vlan", o, 2, 0x0FFF, "Vlan", Integer.toString(first & 0x0FFF), 0);
        int second = w.u16(o + 2);
        w.bits(e, "erspan.cos", o + 2, 2, 0xE000, "COS", Integer.toString(second >>> 13), 0);
        if (version == 2) {
            int bso = second >>> 11 & 3;
            w.bits(e, "erspan.bso", o + 2, 2, 0x1800, "Bad/Short/Oversized", (bso == 0 ? "Good or unknown integrity"
                    : bso == 1 ? "Short frame" : bso == 2 ? "Oversized frame" : "Bad frame") + " (" + bso + ")", 0);
        } else {
            int encap = second >>> 11 & 3;
            w.bits(e, "erspan.encap", o + 2, 2, 0x1800, "Encap", (encap == 0 ? "Originally without VLAN tag"
                    : encap == 1 ? "ISL encapsulated" : encap == 2 ? "802.1Q encapsulated"
                    : "VLAN tag preserved in frame") + " (" + encap + ")", 0);
        }
        int truncated = second >>> 10 & 1;
        w.bits(e, "erspan.truncated", o + 2, 2, 0x0400, "Truncated", (truncated == 0 ? "Not truncated" : "Truncated")
                + " (" + truncated + ")", 0);
        w.bits(e, "erspan.spanid", o + 2, 2, 0x03FF, "SpanID", Integer.toString(second & 0x03FF), 0);
        if (version == 1) {
            w.bits(e, "erspan.reserved", o + 4, 4, 0xFFF00000L, "Reserved", Long.toString(w.u32(o + 4) >>> 20), 0);
            w.bits(e, "erspan.index", o + 4, 4, 0x000FFFFFL, "Index", Long.toString(w.u32(o + 4) & 0xFFFFF), 0);
            return e;
        }
        if (version != 2) {
            return e;
        }
        w.bits(e, "erspan.timestamp", o + 4, 4, 0xFFFFFFFFL, "Timestamp", Long.toString(w.u32(o + 4)), 0);
        w.bits(e, "erspan.sgt", o + 8, 2, 0xFFFF, "Security Group Tag", Integer.toString(w.u16(o + 8)), 0);
        int last = w.u16(o + 10);
        w.bits(e, "erspan.p", o + 10, 2, 0x8000, "Has Ethernet PDU", Integer.toString(last >>> 15), 0);
        int ft = last >>> 10 & 0x1F;
        w.bits(e, "erspan.ft", o + 10, 2, 0x7C00, "Frame Type", (ft == 0 ? "Ethernet" : ft == 2 ? "IP" : "Unknown")
                + " (" + ft + ")", 0);
        w.bits(e, "erspan.hw", o + 10, 2, 0x03F0, "Hardware ID", Integer.toString(last >>> 4 & 0x3F), 0);
        w.bits(e, "erspan.direction", o + 10, 2, 0x0008, "Direction", (last & 8) != 0 ? "Egress" : "Ingress", 0);
        int gra = last >>> 1 & 3;
        w.bits(e, "erspan.gra", o + 10, 2, 0x0006, "Timestamp granularity", (gra == 0 ? "100 microseconds granularity"
                : gra == 1 ? "100 nanoseconds granularity" : gra == 2 ? "IEEE 1588 granularity" : "Custom granularity")
                + " (" + gra + ")", 0);
        w.bits(e, "erspan.o", o + 10, 2, 0x0001, "Optional Sub headers", Integer.toString(last & 1), 0);
        if ((last & 1) != 0 && n >= 20) {
            w.text(e, "Platform Specific Sub-header: " + w.plainHex(o + 12, 8), o + 12, 8);
        }
        return e;
    }

    static ProtocolNode nsh(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode nsh = c.open(TreeWriter.protocol("Network Service Header", "nsh", o, n));
        if (n >= 8) {
            long path = w.u32(o + 4);
            w.text(nsh, "Service Path Identifier: " + (path >>> 8) + ", Service Index: " + (path & 0xFF), o + 4, 4);
        }
        return nsh;
    }
}
