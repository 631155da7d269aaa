package dev.mirrorscope.engine.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions of the language (CloudWatch Logs Insights' documented set), with arity and a line of
 * help each, for the parser, the translators and the console's completion. Names match ignoring case.
 */
public final class Functions {
    public enum Kind {
        /** Usable anywhere an expression is. */
        SCALAR,
        /** Only inside {@code stats}. */
        AGGREGATE
    }

    /** {@code maxArgs} is -1 for any number of arguments. */
    public record Function(String name, Kind kind, String category, int minArgs, int maxArgs, String signature,
                           String description) {
        public boolean aggregate() {
            return kind == Kind.AGGREGATE;
        }
    }

    private static final Map<String, Function> BY_NAME = new LinkedHashMap<>();

    static {
        scalar("abs", "numeric", 1, 1, "abs(a)", "Absolute value.");
        scalar("ceil", "numeric", 1, 1, "ceil(a)", "Rounds up to the nearest whole number.");
        scalar("floor", "numeric", 1, 1, "floor(a)", "Rounds down to the nearest whole number.");
        scalar("greatest", "numeric", 1, -1, "greatest(a, b, ...)", "The largest value.");
        scalar("least", "numeric", 1, -1, "least(a, b, ...)", "The smallest value.");
        scalar("log", "numeric", 1, 1, "log(a)", "Natural logarithm.");
        scalar("sqrt", "numeric", 1, 1, "sqrt(a)", "Square root.");
        scalar("ispresent", "general", 1, 1, "ispresent(field)", "True when the field has a value.");
        scalar("coalesce", "general", 1, -1, "coalesce(a, b, ...)", "The first value that is present.");
        scalar("isempty", "string", 1, 1, "isempty(s)", "True when missing or the empty string.");
        scalar("isblank", "string", 1, 1, "isblank(s)", "True when missing, empty or only white space.");
        scalar("concat", "string", 1, -1, "concat(s1, s2, ...)", "Joins the strings.");
        scalar("ltrim", "string", 1, 2, "ltrim(s [, chars])", "Removes white space (or the given characters) on the left.");
        scalar("rtrim", "string", 1, 2, "rtrim(s [, chars])", "Removes white space (or the given characters) on the right.");
        scalar("trim", "string", 1, 2, "trim(s [, chars])", "Removes white space (or the given characters) on both sides.");
        scalar("strlen", "string", 1, 1, "strlen(s)", "Length in Unicode code points.");
        scalar("toupper", "string", 1, 1, "toupper(s)", "Upper case.");
        scalar("tolower", "string", 1, 1, "tolower(s)", "Lower case.");
        scalar("substr", "string", 2, 3, "substr(s, start [, length])", "Substring from the 0-based start.");
        scalar("replace", "string", 3, 3, "replace(s, search, replacement)", "Replaces every occurrence.");
        scalar("strcontains", "string", 2, 2, "strcontains(s, search)", "1 when s contains search, else 0.");
        scalar("bin", "datetime", 1, 1, "bin(period)", "@timestamp rounded down to the period, e.g. bin(5m).");
        scalar("datefloor", "datetime", 2, 2, "datefloor(timestamp, period)", "Rounds the timestamp down to the period.");
        scalar("dateceil", "datetime", 2, 2, "dateceil(timestamp, period)", "Rounds the timestamp up to the period.");
        scalar("fromMillis", "datetime", 1, 1, "fromMillis(ms)", "Milliseconds since the epoch as a timestamp.");
        scalar("toMillis", "datetime", 1, 1, "toMillis(timestamp)", "A timestamp as milliseconds since the epoch.");
        scalar("isValidIp", "ip", 1, 1, "isValidIp(s)", "True for a valid IPv4 or IPv6 address.");
        scalar("isValidIpV4", "ip", 1, 1, "isValidIpV4(s)", "True for a valid IPv4 address.");
        scalar("isValidIpV6", "ip", 1, 1, "isValidIpV6(s)", "True for a valid IPv6 address.");
        scalar("isIpInSubnet", "ip", 2, 2, "isIpInSubnet(ip, \"cidr\")", "True when the address is in the IPv4 or IPv6 CIDR block.");
        scalar("isIpv4InSubnet", "ip", 2, 2, "isIpv4InSubnet(ip, \"cidr\")", "True when the IPv4 address is in the CIDR block.");
        scalar("isIpv6InSubnet", "ip", 2, 2, "isIpv6InSubnet(ip, \"cidr\")", "True when the IPv6 address is in the CIDR block.");
        aggregate("avg", 1, 1, "avg(field)", "Average of the values.");
        aggregate("count", 0, 1, "count(*) | count(field)", "Number of records, or of records with the field present.");
        aggregate("count_distinct", 1, 1, "count_distinct(field)", "Number of distinct values (exact).");
        aggregate("max", 1, 1, "max(field)", "Largest value.");
        aggregate("min", 1, 1, "min(field)", "Smallest value.");
        aggregate("pct", 2, 2, "pct(field, percent)", "The value at the given percentile (0-100), a value of the field.");
        aggregate("stddev", 1, 1, "stddev(field)", "Sample standard deviation.");
        aggregate("sum", 1, 1, "sum(field)", "Sum of the values.");
        aggregate("earliest", 1, 1, "earliest(field)", "The value from the record with the earliest @timestamp.");
        aggregate("latest", 1, 1, "latest(field)", "The value from the record with the latest @timestamp.");
        aggregate("sortsFirst", 1, 1, "sortsFirst(field)", "The value that sorts first.");
        aggregate("sortsLast", 1, 1, "sortsLast(field)", "The value that sorts last.");
    }

    private Functions() {
    }

    private static void scalar(String name, String category, int min, int max, String sig, String doc) {
        BY_NAME.put(name.toLowerCase(Locale.ROOT), new Function(name, Kind.SCALAR, category, min, max, sig, doc));
    }

    private static void aggregate(String name, int min, int max, String sig, String doc) {
        BY_NAME.put(name.toLowerCase(Locale.ROOT), new Function(name, Kind.AGGREGATE, "aggregate", min, max, sig,
                doc));
    }

    /** The function called {@code name} (any case), or null. */
    public static Function find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every function, in catalogue order. */
    public static List<Function> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
    }

    /** Names of every function, for suggestions. */
    static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Function f : BY_NAME.values()) {
            n.add(f.name());
        }
        return n;
    }
}
