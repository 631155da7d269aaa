package dev.mirrorscope.engine.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Result values as text, the same everywhere (table, CSV, console): timestamps as CloudWatch shows them. */
public final class QueryValues {
    /** {@code yyyy-MM-dd HH:mm:ss.SSS}, UTC, as Logs Insights prints {@code @timestamp}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private QueryValues() {
    }

    /** The value as text, or null when absent. */
    public static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return TIME.format(i);
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return d.longValue() + ".0";
            }
            return d.toString();
        }
        return v.toString();
    }

    /** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
    public static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
