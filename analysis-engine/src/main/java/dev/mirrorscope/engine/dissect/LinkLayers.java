package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Layer;

/** Ethernet, 802.1Q/802.1ad tags, ARP, LLC, Linux cooked capture, loopback, PPP, MPLS, Cisco MetaData. */
final class LinkLayers {
    /** Ethernet's minimum frame without FCS: shorter payloads are padded with zeros up to it. */
    private static final int MIN_FRAME = 60;

    private LinkLayers() {
    }

    static ProtocolNode ethernet(Context c, int o, int n) {
        TreeWriter w = c.w;
        boolean complete = w.fits(o, 14);
        int type = complete ? w.u16(o + 12) : -1;
        String label = !complete ? "Ethernet II" : type >= 0x0600
                ? "Ethernet II, Src: " + w.mac(o + 6) + ", Dst: " + w.mac(o) : "IEEE 802.3 Ethernet";
        ProtocolNode eth = c.open(TreeWriter.protocol(label, "eth", o, n));
        address(w, eth, o, "dst", "Destination");
        address(w, eth, o + 6, "src", "Source");
        if (w.u16(o + 12) >= 0x0600) {
            int t = w.u16(o + 12);
            w.field(eth, "eth.type", "Type: " + Names.etherType(t) + " (" + TreeWriter.hex(t, 4) + ")",
                    TreeWriter.hex(t, 4), o + 12, 2);
        } else {
            w.number(eth, "eth.len", "Length", o + 12, 2);
        }
        return eth;
    }

    private static void address(TreeWriter w, ProtocolNode eth, int o, String which, String name) {
        String mac = w.mac(o);
        ProtocolNode a = w.field(eth, "eth." + which, name + ": " + mac, mac, o, 6);
        TreeWriter.detail(w.field(a, "eth.addr", "Address: " + mac, mac, o, 6));
        w.flag(a, "eth." + which + ".lg", o, 3, 0x020000, "LG bit",
                "Locally administered address (this is NOT the factory default)",
                "Globally unique address (factory default)");
        w.flag(a, "eth." + which + ".ig", o, 3, 0x010000, "IG bit", "Group address (multicast/broadcast)",
                "Individual address (unicast)");
    }

    /** Where the payload after an Ethernet header at its next layer ends by that layer's own length; -1 when unknown. */
    static int payloadEnd(Context c, int ethStart, int nextType, int o) {
        TreeWriter w = c.w;
        if (w.fits(ethStart + 12, 2) && w.u16(ethStart + 12) < 0x0600 && w.u16(ethStart + 12) > 0) {
            return ethStart + 14 + w.u16(ethStart + 12);
        }
        if (nextType == Layer.IPV4 && w.fits(o, 4) && w.u8(o) >>> 4 == 4 && w.u16(o + 2) >= 20) {
            return o + w.u16(o + 2);
        }
        if (nextType == Layer.IPV6 && w.fits(o, 6) && w.u16(o + 4) > 0) {
            return o + 40 + w.u16(o + 4);
        }
        if (nextType == Layer.ARP && w.fits(o, 6)) {
            return o + 8 + 2 * (w.u8(o + 4) + w.u8(o + 5));
        }
        return -1;
    }

    /**
     * Bytes after the payload, as tshark splits them: while the frame is at least Ethernet's minimum, the
     * bytes that bring the frame without them up to that minimum are padding; what follows is a trailer
     * (perhaps an FCS, perhaps a monitoring tag: shown without a field, since which is a guess).
     */
    static void trailer(Context c, ProtocolNode eth, int payloadEnd, int end) {
        TreeWriter w = c.w;
        int trailer = end - payloadEnd;
        int frameLength = c.reportedEnd;
        int padding = frameLength >= MIN_FRAME && frameLength - trailer < MIN_FRAME
                ? Math.min(trailer, MIN_FRAME - (frameLength - trailer)) : 0;
        int shownPadding = Math.max(0, Math.min(padding, w.cap - payloadEnd));
        for (int i = payloadEnd; i < payloadEnd + shownPadding; i++) {
            if (w.b[i] != 0) {
                shownPadding = 0; // padding is zeros; anything else is a trailer, as tshark decides
                break;
            }
        }
        if (shownPadding > 0) {
            w.field(eth, "eth.padding", "Padding: " + w.plainHex(payloadEnd, shownPadding),
                    w.colonHex(payloadEnd, shownPadding), payloadEnd, shownPadding);
        }
        int rest = Math.min(end, w.cap) - payloadEnd - shownPadding;
        if (rest > 0) {
            w.text(eth, "Trailer: " + w.plainHex(payloadEnd + shownPadding, rest), payloadEnd + shownPadding, rest);
        }
    }

    static ProtocolNode vlan(Context c, int o, int n) {
        TreeWriter w = c.w;
        if (w.fits(o - 2, 2) && w.u16(o - 2) == 0x88A8) {
            return providerTag(c, o, n);
        }
        String label = "802.1Q Virtual LAN";
        if (w.fits(o, 2)) {
            int tci = w.u16(o);
            label += ", PRI: " + (tci >>> 13) + ", DEI: " + (tci >>> 12 & 1) + ", ID: " + (tci & 0x0FFF);
        }
        ProtocolNode v = c.open(TreeWriter.protocol(label, "vlan", o, n));
        int tci = w.u16(o);
        w.bits(v, "vlan.priority", o, 2, 0xE000, "Priority", Names.VLAN_PRIORITY[tci >>> 13] + " (" + (tci >>> 13) + ")", 0);
        w.flag(v, "vlan.dei", o, 2, 0x1000, "DEI", "Eligible", "Ineligible");
        w.bits(v, "vlan.id", o, 2, 0x0FFF, "ID", Integer.toString(tci & 0x0FFF), 0);
        int type = w.u16(o + 2);
        if (type >= 0x0600) {
            w.field(v, "vlan.etype", "Type: " + Names.etherType(type) + " (" + TreeWriter.hex(type, 4) + ")",
                    TreeWriter.hex(type, 4), o + 2, 2);
        } else {
            w.number(v, "vlan.len", "Length", o + 2, 2);
        }
        return v;
    }

    /** An 802.1ad service tag, under tshark's names for it. */
    private static ProtocolNode providerTag(Context c, int o, int n) {
        TreeWriter w = c.w;
        String label = "IEEE 802.1ad" + (w.fits(o, 2) ? ", ID: " + (w.u16(o) & 0x0FFF) : "");
        ProtocolNode v = c.open(TreeWriter.protocol(label, "ieee8021ad", o, n));
        int tci = w.u16(o);
        w.field(v, "ieee8021ad.priority", TreeWriter.bits(tci, 0xE000, 16) + " = Priority: " + (tci >>> 13),
                Integer.toString(tci >>> 13), o, 1);
        w.field(v, "ieee8021ad.dei", TreeWriter.bits(tci, 0x1000, 16) + " = DEI: " + (tci >>> 12 & 1),
                Integer.toString(tci >>> 12 & 1), o, 1);
        w.bits(v, "ieee8021ad.id", o, 2, 0x0FFF, "ID", Integer.toString(tci & 0x0FFF), 0);
        int type = w.u16(o + 2);
        w.field(v, "ieee8021ah.etype", "Type: " + Names.etherType(type) + " (" + TreeWriter.hex(type, 4) + ")",
                TreeWriter.hex(type, 4), o + 2, 2);
        return v;
    }

    static ProtocolNode arp(Context c, int o, int n) {
        TreeWriter w = c.w;
        int op = w.fits(o + 6, 2) ? w.u16(o + 6) : -1;
        String opName = op == 1 ? "request" : op == 2 ? "reply" : op == 3 ? "reverse request"
                : op == 4 ? "reverse reply" : "opcode " + op;
        ProtocolNode arp = c.open(TreeWriter.protocol("Address Resolution Protocol" + (op >= 0 ? " (" + opName + ")" : ""),
                "arp", o, n));
        int hw = w.u16(o);
        w.field(arp, "arp.hw.type", "Hardware type: " + (hw == 1 ? "Ethernet" : "Unknown") + " (" + hw + ")",
                Integer.toString(hw), o, 2);
        int pt = w.u16(o + 2);
        w.field(arp, "arp.proto.type", "Protocol type: " + Names.etherType(pt) + " (" + TreeWriter.hex(pt, 4) + ")",
                TreeWriter.hex(pt, 4), o + 2, 2);
        int hs = w.u8(o + 4);
        int ps = w.u8(o + 5);
        w.number(arp, "arp.hw.size", "Hardware size", o + 4, 1);
        w.number(arp, "arp.proto.size", "Protocol size", o + 5, 1);
        w.field(arp, "arp.opcode", "Opcode: " + opName + " (" + op + ")", Integer.toString(op), o + 6, 2);
        int p = o + 8;
        boolean ether = hw == 1 && hs == 6;
        boolean ipv4 = pt == 0x0800 && ps == 4;
        addresses(w, arp, p, hs, ps, ether, ipv4, "src", "Sender");
        addresses(w, arp, p + hs + ps, hs, ps, ether, ipv4, "dst", "Target");
        return arp;
    }

    private static void addresses(TreeWriter w, ProtocolNode arp, int p, int hs, int ps, boolean ether, boolean ipv4,
                                  String which, String name) {
        if (ether) {
            String mac = w.mac(p);
            w.field(arp, "arp." + which + ".hw_mac", name + " MAC address: " + mac, mac, p, 6);
        } else {
            w.text(arp, name + " hardware address: " + w.plainHex(p, hs), p, hs);
        }
        if (ipv4) {
            String ip = w.ipv4(p + hs);
            w.field(arp, "arp." + which + ".proto_ipv4", name + " IP address: " + ip, ip, p + hs, 4);
        } else {
            w.text(arp, name + " protocol address: " + w.plainHex(p + hs, ps), p + hs, ps);
        }
    }

    static ProtocolNode llc(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode llc = c.open(TreeWriter.protocol("Logical-Link Control", "llc", o, n));
        int dsap = w.u8(o);
        w.field(llc, "llc.dsap", "DSAP: " + TreeWriter.hex(dsap, 2), TreeWriter.hex(dsap, 2), o, 1);
        int ssap = w.u8(o + 1);
        w.field(llc, "llc.ssap", "SSAP: " + TreeWriter.hex(ssap, 2), TreeWriter.hex(ssap, 2), o + 1, 1);
        if (n > 3) {
            w.text(llc, "Data: " + w.plainHex(o + 3, n - 3), o + 3, n - 3);
        }
        return llc;
    }

    static ProtocolNode sll(Context c, int type, int o, int n) {
        TreeWriter w = c.w;
        boolean v2 = type == Layer.LINUX_SLL2;
        ProtocolNode sll = c.open(TreeWriter.protocol("Linux cooked capture " + (v2 ? "v2" : "v1"), v2 ? "sll" : "sll",
                o, n));
        int protocol = v2 ? w.u16(o) : w.u16(o + 14);
        int p = v2 ? o : o + 14;
        w.field(sll, "sll.etype", "Protocol: " + Names.etherType(protocol) + " (" + TreeWriter.hex(protocol, 4) + ")",
                TreeWriter.hex(protocol, 4), p, 2);
        return sll;
    }

    static ProtocolNode nullLoopback(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode lo = c.open(TreeWriter.protocol("Null/Loopback", "null", o, n));
        w.text(lo, "Family: " + w.plainHex(o, Math.min(4, n)), o, Math.min(4, n));
        return lo;
    }

    static ProtocolNode ppp(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode ppp = c.open(TreeWriter.protocol("Point-to-Point Protocol", "ppp", o, n));
        if (n > 0) {
            w.text(ppp, "Header: " + w.plainHex(o, n), o, n);
        }
        return ppp;
    }

    static ProtocolNode mpls(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode mpls = c.open(TreeWriter.protocol("MultiProtocol Label Switching Header", "mpls", o, n));
        for (int p = o; p + 4 <= o + n; p += 4) {
            long entry = w.u32(p);
            w.text(mpls, "Label: " + (entry >>> 12) + ", Exp: " + (entry >>> 9 & 7) + ", S: " + (entry >>> 8 & 1)
                    + ", TTL: " + (entry & 0xFF), p, 4);
        }
        return mpls;
    }

    static ProtocolNode ciscoMetadata(Context c, int o, int n) {
        TreeWriter w = c.w;
        ProtocolNode cmd = c.open(TreeWriter.protocol("Cisco MetaData", "cmd", o, n));
        if (n > 0) {
            w.text(cmd, "Header: " + w.plainHex(o, n), o, n);
        }
        return cmd;
    }
}
