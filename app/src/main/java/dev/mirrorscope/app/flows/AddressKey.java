package dev.mirrorscope.app.flows;

/** Orders addresses by value: IPv4 before IPv6, each numerically (10.0.0.9 before 10.0.0.10). */
record AddressKey(int family, long hi, long lo, String text) implements Comparable<AddressKey> {

    static AddressKey of(String address) {
        if (address == null) {
            return new AddressKey(9, 0, 0, "");
        }
        long v4 = ipv4(address);
        if (v4 >= 0) {
            return new AddressKey(4, 0, v4, address);
        }
        long[] v6 = ipv6(address);
        return v6 != null ? new AddressKey(6, v6[0], v6[1], address) : new AddressKey(9, 0, 0, address);
    }

    @Override
    public int compareTo(AddressKey o) {
        int c = Integer.compare(family, o.family);
        c = c != 0 ? c : Long.compareUnsigned(hi, o.hi);
        c = c != 0 ? c : Long.compareUnsigned(lo, o.lo);
        return c != 0 ? c : text.compareTo(o.text);
    }

    private static long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            v = v << 8 | octet;
        }
        return v;
    }

    /** RFC 4291 text (with "::", without an embedded IPv4 tail) to two longs; null when it is not that. */
    private static long[] ipv6(String s) {
        if (s.indexOf(':') < 0) {
            return null;
        }
        int gap = s.indexOf("::");
        String[] head;
        String[] tail;
        if (gap >= 0) {
            head = s.substring(0, gap).isEmpty() ? new String[0] : s.substring(0, gap).split(":");
            tail = s.substring(gap + 2).isEmpty() ? new String[0] : s.substring(gap + 2).split(":");
        } else {
            head = s.split(":");
            tail = new String[0];
        }
        if (head.length + tail.length > 8 || gap < 0 && head.length != 8) {
            return null;
        }
        int[] g = new int[8];
        try {
            for (int i = 0; i < head.length; i++) {
                g[i] = Integer.parseInt(head[i], 16);
            }
            for (int i = 0; i < tail.length; i++) {
                g[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | (g[i] & 0xFFFF);
            lo = lo << 16 | (g[i + 4] & 0xFFFF);
        }
        return new long[] {hi, lo};
    }
}
