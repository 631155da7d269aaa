package dev.mirrorscope.engine.decode;

/** Text forms of addresses held as primitives: IPv4 dotted quad, IPv6 in RFC 5952 form, MAC with colons. */
public final class Addresses {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addresses() {
    }

    /** IPv4 when version is 4 (lo holds the address), IPv6 when 6, else the empty string. */
    public static String format(int version, long hi, long lo) {
        if (version == 4) {
            return ipv4(lo);
        }
        if (version == 6) {
            return ipv6(hi, lo);
        }
        return "";
    }

    public static String ipv4(long a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (of two or more) of zero groups as "::", the first on ties. */
    public static String ipv6(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    public static String mac(long m) {
        char[] c = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = (int) ((m >>> (40 - 8 * i)) & 0xFF);
            c[i * 3] = HEX[b >>> 4];
            c[i * 3 + 1] = HEX[b & 0xF];
            if (i < 5) {
                c[i * 3 + 2] = ':';
            }
        }
        return new String(c);
    }
}
