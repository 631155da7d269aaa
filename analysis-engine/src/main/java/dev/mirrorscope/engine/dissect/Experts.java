package dev.mirrorscope.engine.dissect;

import dev.mirrorscope.engine.decode.Anomaly;
import dev.mirrorscope.engine.decode.DecodeLimits;
import dev.mirrorscope.engine.decode.DecodedPacket;
import java.util.Locale;

/** The expert lines for the decoders' anomalies: "[Malformed: ...]" for bad bytes, warnings for the rest. */
final class Experts {
    record Text(ProtocolNode.Severity severity, String label) {
    }

    private Experts() {
    }

    static Text text(Anomaly a, DecodedPacket d, int capLen) {
        String reason = reason(a);
        switch (a) {
            case TOO_MANY_TUNNELS:
                return new Text(ProtocolNode.Severity.WARNING, "[Expert: more than " + DecodeLimits.MAX_NESTING
                        + " nested tunnels; decoding stopped here (" + a.id() + ")]");
            case TOO_MANY_VLAN_TAGS:
            case TOO_MANY_MPLS_LABELS:
            case TOO_MANY_IPV6_EXTENSIONS:
                return new Text(ProtocolNode.Severity.WARNING, "[Expert: " + reason + "; decoding stopped here ("
                        + a.id() + ")]");
            case UNKNOWN_LINK_TYPE:
                return new Text(ProtocolNode.Severity.NOTE, "[Expert: this link type is not decoded (" + a.id() + ")]");
            case UNSUPPORTED_GRE_VERSION:
                return new Text(ProtocolNode.Severity.WARNING, "[Expert: GRE version not supported; read as"
                        + " version 0 (" + a.id() + ")]");
            case CAPTURED_LENGTH_EXCEEDS_ORIGINAL:
                return new Text(ProtocolNode.Severity.WARNING, "[Expert: captured length exceeds the length on the"
                        + " wire (" + a.id() + ")]");
            case MIRROR_TRUNCATED:
                return new Text(ProtocolNode.Severity.NOTE, "[Expert: cut short by the mirror session, which copies"
                        + " only the first bytes of each packet; the rest was never captured (" + a.id() + ")]");
            case DECODER_BUG:
                return new Text(ProtocolNode.Severity.ERROR, "[Malformed: the decoder failed on these bytes; what"
                        + " follows is not shown (" + a.id() + ")]");
            default:
                break;
        }
        return new Text(ProtocolNode.Severity.ERROR, "[Malformed: " + reason + " (" + a.id() + ")]");
    }

    /** "truncated_ipv4_header" as "truncated IPv4 header". */
    static String reason(Anomaly a) {
        String[] words = a.id().split("_");
        StringBuilder sb = new StringBuilder();
        for (String word : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word(word));
        }
        return sb.toString();
    }

    private static String word(String w) {
        switch (w) {
            case "ipv4": return "IPv4";
            case "ipv6": return "IPv6";
            case "ip": case "tcp": case "udp": case "icmp": case "dns": case "tls": case "http": case "arp":
            case "vlan": case "gre": case "erspan": case "vxlan": case "sctp": case "esp": case "ppp": case "mpls":
            case "nsh": case "ah":
                return w.toUpperCase(Locale.ROOT);
            case "geneve": return "Geneve";
            case "cisco": return "Cisco";
            default: return w;
        }
    }
}
