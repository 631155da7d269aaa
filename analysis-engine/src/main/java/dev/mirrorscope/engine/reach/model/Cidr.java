package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Optional;

/** An IPv4 or IPv6 prefix, normalised to its network address (AWS does the same with host bits). */
public final class Cidr implements Comparable<Cidr> {
    public static final Cidr ANY_V4 = parse("0.0.0.0/0");
    public static final Cidr ANY_V6 = parse("::/0");
    public static final List<Cidr> RFC1918 = List.of(parse("10.0.0.0/8"), parse("172.16.0.0/12"),
            parse("192.168.0.0/16"));
    static final Cidr GLOBAL_UNICAST_V6 = parse("2000::/3");
    /** IPv4 space that is never an internet host: private, shared (RFC 6598), loopback, link-local, reserved. */
    public static final List<Cidr> NOT_INTERNET_V4 = List.of(parse("0.0.0.0/8"), parse("10.0.0.0/8"),
            parse("100.64.0.0/10"), parse("127.0.0.0/8"), parse("169.254.0.0/16"), parse("172.16.0.0/12"),
            parse("192.168.0.0/16"), parse("224.0.0.0/3"));

    private final Ip network;
    private final int prefix;

    private Cidr(Ip network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    public static Cidr of(Ip address, int prefix) {
        int max = address.isV6() ? 128 : 32;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix length " + prefix + " out of range for " + address);
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    /** Parses {@code a.b.c.d/n} or {@code x::/n}; a bare address is a host prefix. */
    public static Optional<Cidr> tryParse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        int slash = s.indexOf('/');
        Optional<Ip> ip = Ip.tryParse(slash < 0 ? s : s.substring(0, slash));
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int max = ip.get().isV6() ? 128 : 32;
        int p = max;
        if (slash >= 0) {
            String len = s.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            p = Integer.parseInt(len);
            if (p > max) {
                return Optional.empty();
            }
        }
        return Optional.of(of(ip.get(), p));
    }

    public static Cidr parse(String s) {
        return tryParse(s).orElseThrow(() -> new IllegalArgumentException("not a CIDR block: '" + s + "'"));
    }

    private static Ip mask(Ip a, int prefix) {
        if (!a.isV6()) {
            long m = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return Ip.v4(a.lo() & m);
        }
        long mh = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long ml = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return Ip.v6(a.hi() & mh, a.lo() & ml);
    }

    public Ip network() {
        return network;
    }

    public int prefix() {
        return prefix;
    }

    public boolean isV6() {
        return network.isV6();
    }

    public boolean contains(Ip ip) {
        return ip.isV6() == network.isV6() && mask(ip, prefix).equals(network);
    }

    /** True when {@code other} lies wholly inside this prefix. */
    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    /** The last address of the prefix. */
    public Ip last() {
        if (!network.isV6()) {
            return Ip.v4(network.lo() | (prefix == 0 ? 0xFFFF_FFFFL : (1L << (32 - prefix)) - 1));
        }
        long hostHi = prefix >= 64 ? 0 : prefix == 0 ? -1L : (1L << (64 - prefix)) - 1;
        long hostLo = prefix >= 128 ? 0 : prefix <= 64 ? -1L : (1L << (128 - prefix)) - 1;
        return Ip.v6(network.hi() | hostHi, network.lo() | hostLo);
    }

    @Override
    public int compareTo(Cidr o) {
        int c = network.compareTo(o.network);
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && c.network.equals(network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 131 + prefix;
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
