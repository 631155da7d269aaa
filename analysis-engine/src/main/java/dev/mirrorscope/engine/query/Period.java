package dev.mirrorscope.engine.query;

import java.util.Locale;

/**
 * A time period literal such as {@code 5m} or {@code 1h}: a count and a unit. Units up to days are fixed
 * lengths aligned to the Unix epoch (UTC); weeks start on Monday; months, quarters and years follow the
 * calendar (UTC), as bins of one unit only.
 */
public record Period(long count, Unit unit) {
    public enum Unit {
        MILLISECOND("ms", 1), SECOND("s", 1_000), MINUTE("m", 60_000), HOUR("h", 3_600_000),
        DAY("d", 86_400_000), WEEK("w", 0), MONTH("mo", 0), QUARTER("q", 0), YEAR("y", 0);

        final String symbol;
        final long millis;

        Unit(String symbol, long millis) {
            this.symbol = symbol;
            this.millis = millis;
        }

        /** The calendar unit name for SQL date_trunc, or null for fixed-length units. */
        public String calendarName() {
            return switch (this) {
                case WEEK -> "week";
                case MONTH -> "month";
                case QUARTER -> "quarter";
                case YEAR -> "year";
                default -> null;
            };
        }
    }

    static Unit unit(String symbol) {
        String s = symbol.toLowerCase(Locale.ROOT);
        for (Unit u : Unit.values()) {
            if (u.symbol.equals(s)) {
                return u;
            }
        }
        return switch (s) {
            case "sec", "secs", "second", "seconds" -> Unit.SECOND;
            case "min", "mins", "minute", "minutes" -> Unit.MINUTE;
            case "hr", "hrs", "hour", "hours" -> Unit.HOUR;
            case "day", "days" -> Unit.DAY;
            case "week", "weeks" -> Unit.WEEK;
            case "month", "months", "mon" -> Unit.MONTH;
            case "qtr", "quarter", "quarters" -> Unit.QUARTER;
            case "yr", "year", "years" -> Unit.YEAR;
            default -> null;
        };
    }

    /** 0 for an unknown unit, else a positive number (fixed length in ms, or 1 for calendar units). */
    static long unitMillis(String symbol) {
        Unit u = unit(symbol);
        return u == null ? 0 : Math.max(1, u.millis);
    }

    /** Parses text like {@code 5m}; the lexer has checked the unit. */
    static Period parse(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        long count = Long.parseLong(text.substring(0, i));
        return new Period(count, unit(text.substring(i)));
    }

    /** True for units with a fixed length in milliseconds. */
    public boolean fixed() {
        return unit.calendarName() == null;
    }

    /** The fixed length in milliseconds; only for {@link #fixed()} periods. */
    public long millis() {
        return Math.multiplyExact(count, unit.millis);
    }

    @Override
    public String toString() {
        return count + unit.symbol;
    }
}
