package dev.mirrorscope.app.packets;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the packet table's Time column reads, as in a packet analyser's View › Time Display Format. */
public enum TimeFormat {
    RELATIVE("Seconds since the first packet"),
    DELTA("Seconds since the previous displayed packet"),
    ABSOLUTE("Date and time of day"),
    UTC("Date and time of day, UTC");

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final String label;

    TimeFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The next format, for a shortcut that cycles through them. */
    public TimeFormat next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** Parses a stored name, falling back to relative for anything unknown. */
    public static TimeFormat parse(String name) {
        for (TimeFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return RELATIVE;
    }

    /** The Time column's text: nanosecond precision like the capture, seconds with nine decimals. */
    public String format(long tsNs, long sinceFirstNs, long sincePreviousNs, ZoneId zone) {
        return switch (this) {
            case RELATIVE -> seconds(sinceFirstNs);
            case DELTA -> seconds(sincePreviousNs);
            case ABSOLUTE -> dateTime(tsNs, zone);
            case UTC -> dateTime(tsNs, ZoneOffset.UTC);
        };
    }

    static String seconds(long ns) {
        String sign = ns < 0 ? "-" : "";
        long abs = Math.abs(ns);
        return String.format(Locale.ROOT, "%s%d.%09d", sign, abs / 1_000_000_000L, abs % 1_000_000_000L);
    }

    private static String dateTime(long tsNs, ZoneId zone) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(tsNs, 1_000_000_000L), Math.floorMod(tsNs, 1_000_000_000L));
        return DATE_TIME.format(t.atZone(zone)) + String.format(Locale.ROOT, ".%09d", t.getNano());
    }
}
