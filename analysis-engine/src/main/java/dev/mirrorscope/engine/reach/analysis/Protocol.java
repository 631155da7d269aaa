package dev.mirrorscope.engine.reach.analysis;

import java.util.Locale;

/** The protocols a question can ask about. ICMP means an echo request (and its reply on the return path). */
public enum Protocol {
    TCP(6), UDP(17), ICMP(1);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IANA number; ICMP over IPv6 is 58. */
    public int number(boolean ipv6) {
        return this == ICMP && ipv6 ? 58 : number;
    }

    public boolean hasPorts() {
        return this != ICMP;
    }

    public static Protocol parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
