package dev.mirrorscope.engine.query;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IP address text as the IP functions read it: dotted-quad IPv4 (no leading zeros) and IPv6 in any
 * RFC 4291 text form, including {@code ::} and a dotted IPv4 tail. The same rules are written as
 * regular expressions for SQL, so the engines and this class agree.
 */
public final class IpAddresses {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    /** A whole IPv4 address, without anchors (for full-match functions). */
    public static final String IPV4_REGEX = OCTET + "(\\." + OCTET + "){3}";
    /** A whole IPv6 address, without anchors: every placement of {@code ::}, with and without an IPv4 tail. */
    public static final String IPV6_REGEX = ipv6Regex();

    private static final Pattern IPV4 = Pattern.compile(IPV4_REGEX);
    private static final Pattern IPV6 = Pattern.compile(IPV6_REGEX);

    private IpAddresses() {
    }

    private static String ipv6Regex() {
        String h = "[0-9a-fA-F]{1,4}";
        StringBuilder b = new StringBuilder("(");
        b.append("(").append(h).append(":){7}").append(h);
        b.append("|(").append(h).append(":){6}").append(IPV4_REGEX);
        for (int k = 0; k <= 7; k++) {
            b.append('|').append(left(h, k)).append("::");
            int m = 7 - k;
            if (m > 0) {
                b.append("(").append(h).append("(:").append(h).append("){0,").append(m - 1).append("})?");
            }
        }
        for (int k = 0; k <= 5; k++) {
            b.append('|').append(left(h, k)).append("::");
            int m = 5 - k;
            if (m > 0) {
                b.append("(").append(h).append(":){0,").append(m).append("}");
            }
            b.append(IPV4_REGEX);
        }
        return b.append(")").toString();
    }

    private static String left(String h, int k) {
        if (k == 0) {
            return "";
        }
        return k == 1 ? h : "(" + h + ":){" + (k - 1) + "}" + h;
    }

    public static boolean isIpv4(String s) {
        return s != null && IPV4.matcher(s).matches();
    }

    public static boolean isIpv6(String s) {
        return s != null && IPV6.matcher(s).matches();
    }

    /** The IPv4 address as an unsigned 32-bit number, or -1 when {@code s} is not one. */
    public static long ipv4(String s) {
        if (!isIpv4(s)) {
            return -1;
        }
        long v = 0;
        for (String part : s.split("\\.")) {
            v = v * 256 + Integer.parseInt(part);
        }
        return v;
    }

    /** The IPv6 address as 32 lower-case hex digits, or null when {@code s} is not one. */
    public static String ipv6Hex(String s) {
        if (!isIpv6(s)) {
            return null;
        }
        String t = s.toLowerCase(Locale.ROOT);
        int dot = t.indexOf('.');
        if (dot >= 0) {
            int colon = t.lastIndexOf(':');
            long v4 = ipv4(t.substring(colon + 1));
            t = t.substring(0, colon + 1) + Long.toHexString(v4 >>> 16) + ":" + Long.toHexString(v4 & 0xffff);
        }
        String[] groups;
        int dc = t.indexOf("::");
        if (dc >= 0) {
            String[] l = t.substring(0, dc).isEmpty() ? new String[0] : t.substring(0, dc).split(":");
            String[] r = t.substring(dc + 2).isEmpty() ? new String[0] : t.substring(dc + 2).split(":");
            groups = new String[8];
            for (int i = 0; i < 8; i++) {
                groups[i] = "0";
            }
            System.arraycopy(l, 0, groups, 0, l.length);
            System.arraycopy(r, 0, groups, 8 - r.length, r.length);
        } else {
            groups = t.split(":");
        }
        StringBuilder b = new StringBuilder(32);
        for (String g : groups) {
            b.append("0".repeat(4 - g.length())).append(g);
        }
        return b.toString();
    }

    /** A CIDR block: IPv4 as a number range, IPv6 as a range of 32-digit hex strings. */
    public record Cidr(int family, int prefix, long v4Low, long v4High, String v6Low, String v6High) {
        /** Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; an address without /n is a single host. */
        public static Cidr parse(String text) {
            if (text == null) {
                return null;
            }
            String t = text.trim();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            int prefix;
            if (isIpv4(addr)) {
                prefix = slash < 0 ? 32 : prefix(t.substring(slash + 1), 32);
                if (prefix < 0) {
                    return null;
                }
                long a = ipv4(addr);
                long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
                long low = a & mask;
                return new Cidr(4, prefix, low, low | (~mask & 0xffffffffL), null, null);
            }
            if (isIpv6(addr)) {
                prefix = slash < 0 ? 128 : prefix(t.substring(slash + 1), 128);
                if (prefix < 0) {
                    return null;
                }
                String hex = ipv6Hex(addr);
                StringBuilder low = new StringBuilder(32);
                StringBuilder high = new StringBuilder(32);
                for (int i = 0; i < 32; i++) {
                    int nibble = Character.digit(hex.charAt(i), 16);
                    int keep = Math.max(0, Math.min(4, prefix - 4 * i));
                    int mask = (0xf << (4 - keep)) & 0xf;
                    low.append(Character.forDigit(nibble & mask, 16));
                    high.append(Character.forDigit((nibble & mask) | (~mask & 0xf), 16));
                }
                return new Cidr(6, prefix, 0, 0, low.toString(), high.toString());
            }
            return null;
        }

        private static int prefix(String s, int max) {
            if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int p = Integer.parseInt(s);
            return p > max ? -1 : p;
        }

        /** Whether {@code ip} is an address of this block's family inside it. */
        public boolean contains(String ip) {
            if (family == 4) {
                long v = ipv4(ip);
                return v >= 0 && v >= v4Low && v <= v4High;
            }
            String h = ipv6Hex(ip);
            return h != null && h.compareTo(v6Low) >= 0 && h.compareTo(v6High) <= 0;
        }
    }
}
