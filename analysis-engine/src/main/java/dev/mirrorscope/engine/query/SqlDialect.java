package dev.mirrorscope.engine.query;

import java.util.List;

/**
 * The SQL spellings that differ between the engines the translator writes for. Expressions passed in
 * are already SQL; values from the query text reach SQL only through {@link #string} and
 * {@link #regex} (a bound parameter, or an escaped literal where the engine takes no parameters).
 */
public interface SqlDialect {
    /** A string value from the query: a parameter appended to {@code params}, or an escaped literal. */
    String string(String value, List<Object> params);

    /** A regular expression from the query (Java syntax as written), in the engine's syntax. */
    String regex(String javaRegex, List<Object> params);

    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A string literal: single quotes doubled (the lexer refuses NUL characters, the only other hazard). */
    default String constant(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    String contains(String s, String sub);

    String regexMatches(String s, String re);

    /** Group {@code group} of {@code groups} of the first match, or NULL when the expression does not match. */
    String regexExtract(String s, String re, int group, int groups);

    /** Whole-string match against a translator constant pattern. */
    String fullMatch(String s, String constantPattern);

    /** Epoch milliseconds as text {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC). */
    String timestampText(String millis);

    /** Epoch milliseconds truncated to the calendar unit (week, month, quarter, year), as epoch milliseconds. */
    String calendarFloor(String millis, String unit);

    String ln(String x);

    String trimChars(String side, String s, String chars);

    /** The value of {@code value} at the smallest (or largest) {@code key}. */
    String argMin(String value, String key, boolean max);

    /** A percentile (0..1) of the values, a value of the data where the engine can. */
    String percentile(String x, String fraction);

    String isIpv4(String s);

    String isIpv6(String s);

    String ipv4InSubnet(String s, IpAddresses.Cidr cidr);

    String ipv6InSubnet(String s, IpAddresses.Cidr cidr);

    /** A key whose plain order is Logs Insights' natural order of strings (digit runs by length, then value). */
    String naturalKey(String s);

    /** An ordered tuple of values that compares element by element (an ordering key). */
    String tuple(List<String> values);

    /** A row value (struct) of the values, compared field by field. */
    default String row(List<String> values) {
        return "row(" + String.join(", ", values) + ")";
    }

    /** A double literal for a finite value. */
    default String doubleLiteral(double v) {
        String s = Double.toString(v);
        return s.contains("E") ? s : s + "E0";
    }

    /** A stable order expression list for ties the data cannot break (empty where none). */
    default String rowNumber(String partition, String order) {
        return "row_number() OVER (" + (partition.isEmpty() ? "" : "PARTITION BY " + partition + " ")
                + (order.isEmpty() ? "" : "ORDER BY " + order) + ")";
    }
}
