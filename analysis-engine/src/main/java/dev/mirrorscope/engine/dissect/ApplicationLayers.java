package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.DnsNames;
import dev.mirrorscope.engine.decode.Layer;
import dev.mirrorscope.engine.decode.Part;
import java.util.List;
import java.util.Locale;

/** DNS (every question and record), TLS records with the ClientHello taken apart, HTTP/1.x headers. */
final class ApplicationLayers {
    /** Handshake messages read in one record: a 16 KiB record of 4-byte empty messages would be 4096. */
    private static final int MAX_HANDSHAKE_MESSAGES = 64;

    private ApplicationLayers() {
    }

    static ProtocolNode dns(Context c, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        boolean tcp = c.transport == Layer.TCP && w.fits(o - 2, 2);
        int flags = w.fits(o + 2, 2) ? w.u16(o + 2) : 0;
        boolean response = (flags & 0x8000) != 0;
        int start = tcp ? o - 2 : o;
        ProtocolNode dns = c.open(TreeWriter.protocol("Domain Name System (" + (response ? "response" : "query") + ")",
                "dns", start, o + n - start));
        if (tcp) {
            w.number(dns, "dns.length", "Length", o - 2, 2);
        }
        int id = w.u16(o);
        w.field(dns, "dns.id", "Transaction ID: " + TreeWriter.hex(id, 4), TreeWriter.hex(id, 4), o, 2);
        flags(w, dns, o + 2, flags);
        w.number(dns, "dns.count.queries", "Questions", o + 4, 2);
        w.number(dns, "dns.count.answers", "Answer RRs", o + 6, 2);
        w.number(dns, "dns.count.auth_rr", "Authority RRs", o + 8, 2);
        w.number(dns, "dns.count.add_rr", "Additional RRs", o + 10, 2);
        int limit = o + n;
        ProtocolNode section = null;
        int sectionKind = -1;
        for (Context.Part p : parts) {
            if (p.kind() < Part.DNS_QUESTION || p.kind() > Part.DNS_ADDITIONAL) {
                continue;
            }
            if (p.kind() != sectionKind) {
                sectionKind = p.kind();
                int end = p.offset();
                for (Context.Part q : parts) {
                    if (q.kind() == sectionKind) {
                        end = q.offset() + q.length();
                    }
                }
                section = w.text(dns, sectionName(sectionKind), p.offset(), end - p.offset());
            }
            if (p.kind() == Part.DNS_QUESTION) {
                question(w, section, o, limit, p);
            } else {
                record(w, section, o, limit, p);
            }
        }
        return dns;
    }

    private static String sectionName(int kind) {
        switch (kind) {
            case Part.DNS_QUESTION: return "Queries";
            case Part.DNS_ANSWER: return "Answers";
            case Part.DNS_AUTHORITY: return "Authoritative nameservers";
            default: return "Additional records";
        }
    }

    private static void flags(TreeWriter w, ProtocolNode dns, int o, int flags) {
        boolean response = (flags & 0x8000) != 0;
        int opcode = flags >>> 11 & 0xF;
        int rcode = flags & 0xF;
        String summary = Names.of(Names.DNS_OPCODES, opcode, "Unknown operation") + (response ? " response" : "")
                + (response ? ", " + Names.of(Names.DNS_RCODES, rcode, "Unknown error") : "");
        ProtocolNode f = w.field(dns, "dns.flags", "Flags: " + TreeWriter.hex(flags, 4) + " " + summary,
                TreeWriter.hex(flags, 4), o, 2);
        w.flag(f, "dns.flags.response", o, 2, 0x8000, "Response", "Message is a response", "Message is a query");
        w.bits(f, "dns.flags.opcode", o, 2, 0x7800, "Opcode", Names.of(Names.DNS_OPCODES, opcode, "Unknown") + " ("
                + opcode + ")", 0);
        if (response) {
            w.flag(f, "dns.flags.authoritative", o, 2, 0x0400, "Authoritative", "Server is an authority for domain",
                    "Server is not an authority for domain");
        }
        w.flag(f, "dns.flags.truncated", o, 2, 0x0200, "Truncated", "Message is truncated", "Message is not truncated");
        w.flag(f, "dns.flags.recdesired", o, 2, 0x0100, "Recursion desired", "Do query recursively",
                "Don't do query recursively");
        if (response) {
            w.flag(f, "dns.flags.recavail", o, 2, 0x0080, "Recursion available", "Server can do recursive queries",
                    "Server can't do recursive queries");
        }
        w.flag(f, "dns.flags.z", o, 2, 0x0040, "Z", "reserved (1)", "reserved (0)");
        if (response) {
            w.flag(f, "dns.flags.authenticated", o, 2, 0x0020, "Answer authenticated",
                    "Answer/authority portion was authenticated by the server",
                    "Answer/authority portion was not authenticated by the server");
        } else if ((flags & 0x0020) != 0) {
            w.flag(f, "dns.flags.authenticated", o, 2, 0x0020, "AD bit", "Set", "Not set");
        }
        w.flag(f, "dns.flags.checkdisable", o, 2, 0x0010, "Non-authenticated data", "Acceptable", "Unacceptable");
        if (response) {
            w.bits(f, "dns.flags.rcode", o, 2, 0x000F, "Reply code", Names.of(Names.DNS_RCODES, rcode, "Unknown") + " ("
                    + rcode + ")", 0);
        }
    }

    /** A name in presentation form and the number of its labels. */
    private record Name(String text, int labels, int end) {
    }

    private static Name name(TreeWriter w, int message, int p, int limit) {
        StringBuilder sb = new StringBuilder();
        int end = DnsNames.append(w.b, message, p, Math.min(limit, w.cap), sb);
        if (end < 0) {
            throw new TreeWriter.OutOfBytes();
        }
        String text = sb.toString();
        // tshark counts the root name as one label.
        int labels = "<Root>".equals(text) ? 1 : 1 + (int) text.chars().filter(ch -> ch == '.').count();
        return new Name(text, labels, end);
    }

    private static void question(TreeWriter w, ProtocolNode section, int message, int limit, Context.Part p) {
        Name name = name(w, message, p.offset(), limit);
        int type = w.u16(name.end());
        int cls = w.u16(name.end() + 2);
        ProtocolNode q = w.text(section, name.text() + ": type " + Names.dnsTypeShort(type) + ", class "
                + Names.of(Names.DNS_CLASSES, cls, TreeWriter.hex(cls, 4)), p.offset(), p.length());
        int nameLength = name.end() - p.offset();
        w.field(q, "dns.qry.name", "Name: " + name.text(), name.text(), p.offset(), nameLength);
        w.field(q, "dns.qry.name.len", "[Name Length: " + displayLength(name) + "]", Integer.toString(displayLength(name)),
                p.offset(), nameLength);
        w.field(q, "dns.count.labels", "[Label Count: " + name.labels() + "]", Integer.toString(name.labels()),
                p.offset(), nameLength);
        w.field(q, "dns.qry.type", "Type: " + Names.dnsType(type) + " (" + type + ")", Integer.toString(type), name.end(), 2);
        w.field(q, "dns.qry.class", "Class: " + Names.of(Names.DNS_CLASSES, cls, "Unknown") + " (" + TreeWriter.hex(cls, 4)
                + ")", TreeWriter.hex(cls, 4), name.end() + 2, 2);
    }

    private static int displayLength(Name name) {
        return "<Root>".equals(name.text()) ? 6 : name.text().length();
    }

    private static void record(TreeWriter w, ProtocolNode section, int message, int limit, Context.Part p) {
        Name name = name(w, message, p.offset(), limit);
        int e = name.end();
        int type = w.u16(e);
        int cls = w.u16(e + 2);
        long ttl = w.u32(e + 4);
        int rdlength = w.u16(e + 8);
        int rdata = e + 10;
        String summary = name.text() + ": type " + Names.dnsTypeShort(type);
        ProtocolNode rr = w.text(section, summary, p.offset(), p.length());
        int nameLength = e - p.offset();
        w.field(rr, "dns.resp.name", "Name: " + name.text(), name.text(), p.offset(), nameLength);
        w.field(rr, "dns.resp.type", "Type: " + Names.dnsType(type) + " (" + type + ")", Integer.toString(type), e, 2);
        if (type == 41) {
            w.field(rr, "dns.rr.udp_payload_size", "UDP payload size: " + cls, Integer.toString(cls), e + 2, 2);
            int ext = w.u8(e + 4);
            w.field(rr, "dns.resp.ext_rcode", "Higher bits in extended RCODE: " + TreeWriter.hex(ext, 2),
                    TreeWriter.hex(ext, 2), e + 4, 1);
            w.number(rr, "dns.resp.edns0_version", "EDNS0 version", e + 5, 1);
            int z = w.u16(e + 6);
            w.field(rr, "dns.resp.z", "Z: " + TreeWriter.hex(z, 4), TreeWriter.hex(z, 4), e + 6, 2);
            w.number(rr, "dns.resp.len", "Data length", e + 8, 2);
            rr.label(summary);
            return;
        }
        String className = Names.of(Names.DNS_CLASSES, cls, "Unknown");
        w.field(rr, "dns.resp.class", "Class: " + className + " (" + TreeWriter.hex(cls, 4) + ")", TreeWriter.hex(cls, 4),
                e + 2, 2);
        w.field(rr, "dns.resp.ttl", "Time to live: " + ttl + " (" + duration(ttl) + ")", Long.toString(ttl), e + 4, 4);
        w.number(rr, "dns.resp.len", "Data length", e + 8, 2);
        summary += ", class " + className;
        String data = rdata(w, rr, message, limit, type, rdata, rdlength);
        rr.label(data != null ? summary + ", " + data : summary);
    }

    /** Adds the record data's field and returns its summary ("addr 10.0.0.5"), or null. */
    private static String rdata(TreeWriter w, ProtocolNode rr, int message, int limit, int type, int o, int n) {
        switch (type) {
            case 1:
                if (n == 4) {
                    String a = w.ipv4(o);
                    w.field(rr, "dns.a", "Address: " + a, a, o, 4);
                    return "addr " + a;
                }
                break;
            case 28:
                if (n == 16) {
                    String a = w.ipv6(o);
                    w.field(rr, "dns.aaaa", "AAAA Address: " + a, a, o, 16);
                    return "addr " + a;
                }
                break;
            case 2:
            case 5:
            case 12: {
                Name target = name(w, message, o, Math.min(limit, o + n));
                String field = type == 2 ? "dns.ns" : type == 5 ? "dns.cname" : "dns.ptr.domain_name";
                String label = type == 2 ? "Name Server" : type == 5 ? "CNAME" : "Domain Name";
                w.field(rr, field, label + ": " + target.text(), target.text(), o, n);
                return (type == 2 ? "ns " : type == 5 ? "cname " : "") + target.text();
            }
            case 15: {
                int preference = w.u16(o);
                w.number(rr, "dns.mx.preference", "Preference", o, 2);
                Name exchange = name(w, message, o + 2, Math.min(limit, o + n));
                w.field(rr, "dns.mx.mail_exchange", "Mail Exchange: " + exchange.text(), exchange.text(), o + 2, n - 2);
                return "preference " + preference + ", mx " + exchange.text();
            }
            case 16:
                w.text(rr, "TXT: " + w.ascii(o, n).replaceAll("[^\\x20-\\x7e]", "."), o, n);
                return null;
            default:
                break;
        }
        if (n > 0) {
            w.text(rr, "Data: " + w.plainHex(o, n), o, n);
        }
        return null;
    }

    /** "1 hour, 2 minutes, 3 seconds" as Wireshark writes a time to live. */
    static String duration(long s) {
        if (s == 0) {
            return "0 seconds";
        }
        long[] units = {86400, 3600, 60, 1};
        String[] names = {"day", "hour", "minute", "second"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < units.length; i++) {
            long v = s / units[i];
            s %= units[i];
            if (v > 0) {
                sb.append(sb.length() > 0 ? ", " : "").append(TreeWriter.plural(v, names[i], names[i] + "s"));
            }
        }
        return sb.toString();
    }

    static ProtocolNode tls(Context c, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        int end = o + n;
        for (Context.Part p : parts) {
            if (p.kind() == Part.TLS_RECORD) {
                end = Math.max(end, p.offset() + p.length());
            }
        }
        ProtocolNode tls = c.open(TreeWriter.protocol("Transport Layer Security", "tls", o, end - o));
        boolean any = false;
        for (Context.Part p : parts) {
            if (p.kind() == Part.TLS_RECORD) {
                any = true;
                record(w, tls, p.offset(), p.length(), parts);
            }
        }
        if (!any) {
            record(w, tls, o, n, parts);
        }
        return tls;
    }

    private static void record(TreeWriter w, ProtocolNode tls, int o, int n, List<Context.Part> parts) {
        int type = w.u8(o);
        int version = w.fits(o + 1, 2) ? w.u16(o + 1) : 0;
        int length = w.fits(o + 3, 2) ? w.u16(o + 3) : 0;
        String typeName = Names.of(Names.TLS_CONTENT_TYPES, type, "Unknown");
        int body = o + 5;
        int bodyLength = Math.max(0, Math.min(length, o + n - body));
        String what = typeName + " Protocol";
        if (type == 22 && bodyLength >= 4 && 4 + w.u24(body + 1) <= length) {
            what += ": " + Names.of(Names.TLS_HANDSHAKE_TYPES, w.u8(body), "Unknown");
        } else if (type == 22) {
            what += ": Encrypted Handshake Message";
        } else if (type == 23) {
            what += ": Application Data";
        }
        ProtocolNode r = w.group(tls, "tls.record", Names.of(Names.TLS_RECORD_VERSIONS, version, "TLS") + " Record Layer: "
                + what, "", o, n);
        w.field(r, "tls.record.content_type", "Content Type: " + typeName + " (" + type + ")", Integer.toString(type), o, 1);
        w.field(r, "tls.record.version", "Version: " + Names.of(Names.TLS_VERSIONS, version, "Unknown") + " ("
                + TreeWriter.hex(version, 4) + ")", TreeWriter.hex(version, 4), o + 1, 2);
        w.number(r, "tls.record.length", "Length", o + 3, 2);
        if (bodyLength <= 0) {
            return;
        }
        switch (type) {
            case 20 -> w.field(r, "tls.change_cipher_spec", "Change Cipher Spec Message", "", body, Math.min(1, bodyLength));
            case 21 -> {
                if (length == 2) {
                    ProtocolNode alert = w.text(r, "Alert Message", body, 2);
                    int level = w.u8(body);
                    w.field(alert, "tls.alert_message.level", "Level: " + (level == 1 ? "Warning" : level == 2 ? "Fatal"
                            : "Unknown") + " (" + level + ")", Integer.toString(level), body, 1);
                    w.number(alert, "tls.alert_message.desc", "Description", body + 1, 1);
                } else {
                    w.text(r, "Alert Message: Encrypted Alert", body, bodyLength);
                }
            }
            case 22 -> handshakes(w, r, body, bodyLength, length, parts);
            case 23 -> w.field(r, "tls.app_data", "Encrypted Application Data: " + w.plainHex(body, bodyLength),
                    w.colonHex(body, bodyLength), body, bodyLength);
            default -> w.text(r, "Data: " + w.plainHex(body, bodyLength), body, bodyLength);
        }
    }

    private static void handshakes(TreeWriter w, ProtocolNode r, int o, int captured, int length, List<Context.Part> parts) {
        int p = o;
        int end = o + captured;
        for (int k = 0; k < MAX_HANDSHAKE_MESSAGES && end - p >= 4; k++) {
            int type = w.u8(p);
            int len = w.u24(p + 1);
            if (p + 4 + len > o + length || !Names.TLS_HANDSHAKE_TYPES.containsKey(type)) {
                w.text(r, "Handshake Protocol: Encrypted Handshake Message", p, end - p);
                return;
            }
            String name = Names.of(Names.TLS_HANDSHAKE_TYPES, type, "Unknown");
            ProtocolNode hs = w.group(r, "tls.handshake", "Handshake Protocol: " + name, "", p, Math.min(4 + len, end - p));
            w.field(hs, "tls.handshake.type", "Handshake Type: " + name + " (" + type + ")", Integer.toString(type), p, 1);
            w.number(hs, "tls.handshake.length", "Length", p + 1, 3);
            try {
                if (type == 1) {
                    clientHello(w, hs, p + 4, parts);
                } else if (type == 2) {
                    serverHello(w, hs, p + 4, Math.min(p + 4 + len, end));
                }
            } catch (TreeWriter.OutOfBytes e) {
                return;
            }
            p += 4 + len;
        }
    }

    private static int hello(TreeWriter w, ProtocolNode hs, int p) {
        int version = w.u16(p);
        w.field(hs, "tls.handshake.version", "Version: " + Names.of(Names.TLS_VERSIONS, version, "Unknown") + " ("
                + TreeWriter.hex(version, 4) + ")", TreeWriter.hex(version, 4), p, 2);
        w.field(hs, "tls.handshake.random", "Random: " + w.plainHex(p + 2, 32), w.colonHex(p + 2, 32), p + 2, 32);
        int sid = w.u8(p + 34);
        w.number(hs, "tls.handshake.session_id_length", "Session ID Length", p + 34, 1);
        if (sid > 0) {
            w.field(hs, "tls.handshake.session_id", "Session ID: " + w.plainHex(p + 35, sid), w.colonHex(p + 35, sid),
                    p + 35, sid);
        }
        return p + 35 + sid;
    }

    private static void clientHello(TreeWriter w, ProtocolNode hs, int p, List<Context.Part> parts) {
        p = hello(w, hs, p);
        int suitesLength = w.u16(p);
        w.number(hs, "tls.handshake.cipher_suites_length", "Cipher Suites Length", p, 2);
        ProtocolNode suites = w.group(hs, "tls.handshake.ciphersuites", "Cipher Suites (" + suitesLength / 2 + " suites)",
                "", p + 2, suitesLength);
        for (int s = p + 2; s + 2 <= p + 2 + suitesLength; s += 2) {
            int suite = w.u16(s);
            w.field(suites, "tls.handshake.ciphersuite", "Cipher Suite: " + Names.of(Names.TLS_CIPHER_SUITES, suite,
                    grease(suite) ? "Reserved (GREASE)" : "Unknown") + " (" + TreeWriter.hex(suite, 4) + ")",
                    TreeWriter.hex(suite, 4), s, 2);
        }
        p += 2 + suitesLength;
        int methods = w.u8(p);
        w.number(hs, "tls.handshake.comp_methods_length", "Compression Methods Length", p, 1);
        ProtocolNode comp = w.group(hs, "tls.handshake.comp_methods", "Compression Methods (" + TreeWriter.plural(methods,
                "method", "methods") + ")", "", p + 1, methods);
        for (int m = p + 1; m < p + 1 + methods; m++) {
            int method = w.u8(m);
            w.field(comp, "tls.handshake.comp_method", "Compression Method: " + (method == 0 ? "null" : method == 1
                    ? "DEFLATE" : "Unknown") + " (" + method + ")", Integer.toString(method), m, 1);
        }
        p += 1 + methods;
        w.number(hs, "tls.handshake.extensions_length", "Extensions Length", p, 2);
        for (Context.Part part : parts) {
            if (part.kind() == Part.TLS_EXTENSION) {
                extension(w, hs, part.offset(), part.length());
            }
        }
    }

    private static void serverHello(TreeWriter w, ProtocolNode hs, int p, int end) {
        p = hello(w, hs, p);
        int suite = w.u16(p);
        w.field(hs, "tls.handshake.ciphersuite", "Cipher Suite: " + Names.of(Names.TLS_CIPHER_SUITES, suite, "Unknown")
                + " (" + TreeWriter.hex(suite, 4) + ")", TreeWriter.hex(suite, 4), p, 2);
        int method = w.u8(p + 2);
        w.field(hs, "tls.handshake.comp_method", "Compression Method: " + (method == 0 ? "null" : "Unknown") + " ("
                + method + ")", Integer.toString(method), p + 2, 1);
        p += 3;
        if (end - p < 2) {
            return;
        }
        int extensionsEnd = Math.min(end, p + 2 + w.u16(p));
        w.number(hs, "tls.handshake.extensions_length", "Extensions Length", p, 2);
        for (int e = p + 2; extensionsEnd - e >= 4; ) {
            int length = w.u16(e + 2);
            if (e + 4 + length > extensionsEnd) {
                return;
            }
            extension(w, hs, e, 4 + length);
            e += 4 + length;
        }
    }

    private static boolean grease(int v) {
        return (v & 0x0F0F) == 0x0A0A && (v >>> 8) == (v & 0xFF);
    }

    private static void extension(TreeWriter w, ProtocolNode hs, int o, int n) {
        int type = w.u16(o);
        int length = n - 4;
        String name = Names.of(Names.TLS_EXTENSIONS, type, grease(type) ? "Reserved (GREASE)" : "Unknown type " + type);
        ProtocolNode ext = w.group(hs, null, "Extension: " + name + " (len=" + length + ")", null, o, n);
        w.field(ext, "tls.handshake.extension.type", "Type: " + name + " (" + type + ")", Integer.toString(type), o, 2);
        w.number(ext, "tls.handshake.extension.len", "Length", o + 2, 2);
        int p = o + 4;
        int end = o + n;
        switch (type) {
            case 0 -> {
                if (length < 2) {
                    return;
                }
                ProtocolNode sni = w.text(ext, "Server Name Indication extension", p, length);
                w.number(sni, "tls.handshake.extensions_server_name_list_len", "Server Name list length", p, 2);
                for (int q = p + 2; end - q >= 3; ) {
                    int nameType = w.u8(q);
                    int nameLength = w.u16(q + 1);
                    w.field(sni, "tls.handshake.extensions_server_name_type", "Server Name Type: "
                            + (nameType == 0 ? "host_name" : "Unknown") + " (" + nameType + ")", Integer.toString(nameType),
                            q, 1);
                    w.number(sni, "tls.handshake.extensions_server_name_len", "Server Name length", q + 1, 2);
                    String host = w.ascii(q + 3, Math.min(nameLength, end - q - 3));
                    w.field(sni, "tls.handshake.extensions_server_name", "Server Name: " + host, host, q + 3,
                            Math.min(nameLength, end - q - 3));
                    q += 3 + nameLength;
                }
            }
            case 10 -> {
                int listLength = w.u16(p);
                w.number(ext, "tls.handshake.extensions_supported_groups_length", "Supported Groups List Length", p, 2);
                ProtocolNode groups = w.group(ext, "tls.handshake.extensions_supported_groups", "Supported Groups ("
                        + listLength / 2 + " groups)", "", p + 2, listLength);
                for (int q = p + 2; q + 2 <= Math.min(end, p + 2 + listLength); q += 2) {
                    int g = w.u16(q);
                    w.field(groups, "tls.handshake.extensions_supported_group", "Supported Group: "
                            + Names.of(Names.TLS_GROUPS, g, grease(g) ? "Reserved (GREASE)" : "Unknown") + " ("
                            + TreeWriter.hex(g, 4) + ")", TreeWriter.hex(g, 4), q, 2);
                }
            }
            case 16 -> {
                int listLength = w.u16(p);
                w.number(ext, "tls.handshake.extensions_alpn_len", "ALPN Extension Length", p, 2);
                ProtocolNode list = w.group(ext, "tls.handshake.extensions_alpn_list", "ALPN Protocol", "", p + 2,
                        listLength);
                for (int q = p + 2; q < Math.min(end, p + 2 + listLength); ) {
                    int l = w.u8(q);
                    w.number(list, "tls.handshake.extensions_alpn_str_len", "ALPN string length", q, 1);
                    String proto = w.ascii(q + 1, l);
                    w.field(list, "tls.handshake.extensions_alpn_str", "ALPN Next Protocol: " + proto, proto, q + 1, l);
                    q += 1 + l;
                }
            }
            case 43 -> {
                if (length == 2) {
                    int v = w.u16(p);
                    w.field(ext, "tls.handshake.extensions.supported_version", "Supported Version: "
                            + Names.of(Names.TLS_VERSIONS, v, "Unknown") + " (" + TreeWriter.hex(v, 4) + ")",
                            TreeWriter.hex(v, 4), p, 2);
                    return;
                }
                int listLength = w.u8(p);
                w.number(ext, "tls.handshake.extensions.supported_versions_len", "Supported Versions length", p, 1);
                for (int q = p + 1; q + 2 <= Math.min(end, p + 1 + listLength); q += 2) {
                    int v = w.u16(q);
                    w.field(ext, "tls.handshake.extensions.supported_version", "Supported Version: "
                            + Names.of(Names.TLS_VERSIONS, v, grease(v) ? "Reserved (GREASE)" : "Unknown") + " ("
                            + TreeWriter.hex(v, 4) + ")", TreeWriter.hex(v, 4), q, 2);
                }
            }
            default -> {
                if (length > 0) {
                    w.text(ext, "Data (" + length + " bytes): " + w.plainHex(p, length), p, length);
                }
            }
        }
    }

    static ProtocolNode http(Context c, int o, int n, List<Context.Part> parts) {
        TreeWriter w = c.w;
        ProtocolNode http = c.open(TreeWriter.protocol("Hypertext Transfer Protocol", "http", o, n));
        int lineEnd = o;
        while (lineEnd < o + n && w.b[lineEnd] != '\n') {
            lineEnd++;
        }
        int lineLength = Math.min(o + n, lineEnd + 1) - o;
        ProtocolNode start = w.text(http, escape(w.ascii(o, lineLength)), o, lineLength);
        DecodedFields f = new DecodedFields(c);
        if (f.status >= 0) {
            w.field(start, "http.response.version", "Response Version: " + w.ascii(o, 8), w.ascii(o, 8), o, 8);
            String code = Integer.toString(f.status);
            w.field(start, "http.response.code", "Status Code: " + code, code, o + 9, 3);
            String desc = Names.of(Names.HTTP_STATUS, f.status, "Unknown");
            w.field(start, "http.response.code.desc", "Status Code Description: " + desc, desc, o + 9, 3);
            int phraseEnd = o + f.lineLength;
            if (phraseEnd > o + 13) {
                String phrase = w.ascii(o + 13, phraseEnd - o - 13);
                w.field(start, "http.response.phrase", "Response Phrase: " + phrase, phrase, o + 13, phraseEnd - o - 13);
            }
        } else if (f.methodLength > 0) {
            String method = w.ascii(o, f.methodLength);
            w.field(start, "http.request.method", "Request Method: " + method, method, o, f.methodLength);
            String uri = w.ascii(f.targetOffset, f.targetLength);
            ProtocolNode u = w.field(start, "http.request.uri", "Request URI: " + uri, uri, f.targetOffset, f.targetLength);
            int q = uri.indexOf('?');
            if (q >= 0) {
                String path = uri.substring(0, q);
                w.field(u, "http.request.uri.path", "Request URI Path: " + path, path, f.targetOffset, q);
                String query = uri.substring(q + 1);
                ProtocolNode qn = w.field(u, "http.request.uri.query", "Request URI Query: " + query, query,
                        f.targetOffset + q + 1, query.length());
                int at = f.targetOffset + q + 1;
                for (String parameter : query.split("&", -1)) {
                    w.field(qn, "http.request.uri.query.parameter", "Request URI Query Parameter: " + parameter, parameter,
                            at, parameter.length());
                    at += parameter.length() + 1;
                }
            }
            if (f.versionLength > 0) {
                String version = w.ascii(f.versionOffset, f.versionLength);
                w.field(start, "http.request.version", "Request Version: " + version, version, f.versionOffset,
                        f.versionLength);
            }
        }
        int bodyStart = -1;
        for (Context.Part p : parts) {
            if (p.kind() == Part.HTTP_HEADER) {
                header(w, http, p.offset(), p.length());
            } else if (p.kind() == Part.HTTP_HEADER_END) {
                w.text(http, escape(w.ascii(p.offset(), p.length())), p.offset(), p.length());
                bodyStart = p.offset() + p.length();
            }
        }
        if (bodyStart > 0 && bodyStart < o + n) {
            w.text(http, "File Data: " + TreeWriter.plural(o + n - bodyStart, "byte", "bytes"), bodyStart, o + n - bodyStart);
        }
        return http;
    }

    /** The HTTP start line as the decoder found it. */
    private static final class DecodedFields {
        final int status;
        final int lineLength;
        final int methodLength;
        final int targetOffset;
        final int targetLength;
        final int versionOffset;
        final int versionLength;

        DecodedFields(Context c) {
            status = c.d.httpStatus;
            lineLength = c.d.httpLineLength;
            methodLength = c.d.httpMethodLength;
            targetOffset = c.d.httpTargetOffset;
            targetLength = c.d.httpTargetLength;
            versionOffset = c.d.httpVersionOffset;
            versionLength = c.d.httpVersionLength;
        }
    }

    private static void header(TreeWriter w, ProtocolNode http, int o, int n) {
        String line = w.ascii(o, n);
        int colon = line.indexOf(':');
        if (colon < 0) {
            w.text(http, escape(line), o, n);
            return;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        String field = Names.HTTP_HEADERS.get(name);
        if (field == null) {
            w.text(http, escape(line), o, n);
            return;
        }
        ProtocolNode h = w.field(http, field, escape(line), value, o, n);
        if ("content-length".equals(name)) {
            w.field(h, "http.content_length", "Content length: " + value, value, o, n);
        }
    }

    /** A line as Wireshark shows it: CR and LF written as \r and \n. */
    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
