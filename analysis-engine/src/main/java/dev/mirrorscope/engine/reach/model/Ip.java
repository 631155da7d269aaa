package dev.mirrorscope.engine.reach.model;

import java.util.Optional;

/**
 * An IPv4 or IPv6 address as primitive halves: IPv4 in the low 32 bits of {@code lo}, IPv6 as two unsigned
 * 64-bit halves. Immutable, comparable (IPv4 before IPv6, then numerically), printed in dotted or RFC 5952 form.
 */
public final class Ip implements Comparable<Ip> {
    private final long hi;
    private final long lo;
    private final boolean v6;

    private Ip(long hi, long lo, boolean v6) {
        this.hi = hi;
        this.lo = lo;
        this.v6 = v6;
    }

    public static Ip v4(long value) {
        return new Ip(0, value & 0xFFFF_FFFFL, false);
    }

    public static Ip v6(long hi, long lo) {
        return new Ip(hi, lo, true);
    }

    public boolean isV6() {
        return v6;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    /** Parses a dotted IPv4 or a textual IPv6 address; never resolves names. */
    public static Optional<Ip> tryParse(String s) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    public static Ip parse(String s) {
        return tryParse(s).orElseThrow(() -> new IllegalArgumentException("not an IP address: '" + s + "'"));
    }

    private static Optional<Ip> parseV4(String s) {
        long v = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) != '.') {
                char c = s.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) {
                    return Optional.empty();
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            if (i == start || octet > 255) {
                return Optional.empty();
            }
            v = (v << 8) | octet;
            parts++;
            i++;
        }
        return parts == 4 ? Optional.of(v4(v)) : Optional.empty();
    }

    private static Optional<Ip> parseV6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return Optional.of(v6(0, 0));
            }
        } else if (s.startsWith(":")) {
            return Optional.empty();
        }
        while (i < n) {
            int start = i;
            while (i < n && s.charAt(i) != ':') {
                i++;
            }
            String g = s.substring(start, i);
            if (g.indexOf('.') >= 0) {
                if (i != n || count > 6) {
                    return Optional.empty();
                }
                Optional<Ip> tail = parseV4(g);
                if (tail.isEmpty()) {
                    return Optional.empty();
                }
                groups[count++] = (int) (tail.get().lo >>> 16);
                groups[count++] = (int) (tail.get().lo & 0xFFFF);
                break;
            }
            if (g.isEmpty() || g.length() > 4 || count >= 8) {
                return Optional.empty();
            }
            int val = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) {
                    return Optional.empty();
                }
                val = val * 16 + d;
            }
            groups[count++] = val;
            if (i < n) {
                i++;
                if (i < n && s.charAt(i) == ':') {
                    if (gap >= 0) {
                        return Optional.empty();
                    }
                    gap = count;
                    i++;
                } else if (i == n) {
                    return Optional.empty();
                }
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count > 7) {
                return Optional.empty();
            }
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        } else {
            if (count != 8) {
                return Optional.empty();
            }
            full = groups;
        }
        long h = 0;
        long l = 0;
        for (int k = 0; k < 4; k++) {
            h = (h << 16) | full[k];
            l = (l << 16) | full[k + 4];
        }
        return Optional.of(v6(h, l));
    }

    /** The address {@code n} after this one (wrapping within the family). */
    public Ip plus(long n) {
        if (!v6) {
            return v4(lo + n);
        }
        long nl = lo + n;
        long nh = hi + (Long.compareUnsigned(nl, lo) < 0 ? 1 : 0);
        return v6(nh, nl);
    }

    public boolean isPrivate() {
        return Cidr.RFC1918.stream().anyMatch(c -> c.contains(this));
    }

    /**
     * True for an address that can be a host on the internet: IPv4 outside RFC 1918, RFC 6598 shared space,
     * loopback, link-local, "this network", multicast and reserved space; IPv6 in global unicast 2000::/3.
     */
    public boolean isInternet() {
        if (v6) {
            return Cidr.GLOBAL_UNICAST_V6.contains(this);
        }
        for (Cidr c : Cidr.NOT_INTERNET_V4) {
            if (c.contains(this)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Ip o) {
        if (v6 != o.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ip ip && ip.hi == hi && ip.lo == lo && ip.v6 == v6;
    }

    @Override
    public int hashCode() {
        long h = hi * 31 + lo;
        return (int) (h ^ (h >>> 32)) + (v6 ? 1 : 0);
    }

    @Override
    public String toString() {
        if (!v6) {
            return ((lo >>> 24) & 255) + "." + ((lo >>> 16) & 255) + "." + ((lo >>> 8) & 255) + "." + (lo & 255);
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xFFFF);
            g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xFFFF);
        }
        // RFC 5952: compress the longest run of two or more zero groups, the first such run on a tie.
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && g[k] == 0) {
                k++;
            }
            if (k - start > bestLen) {
                bestStart = start;
                bestLen = k - start;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }
}
