package dev.mirrorscope.engine.query;

import java.util.List;

/**
 * DuckDB SQL. Query strings are bound as numbered parameters ({@code $n}), regular expressions are
 * escaped literals; IPv6 helpers are temporary macros that {@link #MACROS} creates once per connection.
 */
public final class DuckDbDialect implements SqlDialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    /** Statements to run once on a connection before translated queries use it. */
    public static final List<String> MACROS = List.of(
            "CREATE OR REPLACE TEMP MACRO __ms_ip4(s) AS CASE WHEN regexp_full_match(s, '"
                    + IpAddresses.IPV4_REGEX + "') THEN CAST(split_part(s, '.', 1) AS BIGINT) * 16777216"
                    + " + CAST(split_part(s, '.', 2) AS BIGINT) * 65536 + CAST(split_part(s, '.', 3) AS BIGINT) * 256"
                    + " + CAST(split_part(s, '.', 4) AS BIGINT) END",
            "CREATE OR REPLACE TEMP MACRO __ms_ip6_norm(s) AS CASE WHEN strpos(s, '.') > 0"
                    + " THEN regexp_replace(s, '[^:]*$', '') || printf('%x:%x',"
                    + " __ms_ip4(regexp_extract(s, '[^:]*$')) // 65536, __ms_ip4(regexp_extract(s, '[^:]*$')) % 65536)"
                    + " ELSE s END",
            "CREATE OR REPLACE TEMP MACRO __ms_ip6_parts(p) AS CASE WHEN p = '' THEN CAST([] AS VARCHAR[])"
                    + " ELSE string_split(p, ':') END",
            "CREATE OR REPLACE TEMP MACRO __ms_ip6_groups(n) AS CASE WHEN strpos(n, '::') > 0"
                    + " THEN list_concat(list_concat(__ms_ip6_parts(split_part(n, '::', 1)),"
                    + " list_transform(range(8 - len(__ms_ip6_parts(split_part(n, '::', 1)))"
                    + " - len(__ms_ip6_parts(split_part(n, '::', 2)))), x -> '0')),"
                    + " __ms_ip6_parts(split_part(n, '::', 2))) ELSE string_split(n, ':') END",
            "CREATE OR REPLACE TEMP MACRO __ms_ip6_hex(s) AS CASE WHEN regexp_full_match(s, '"
                    + IpAddresses.IPV6_REGEX + "') THEN array_to_string(list_transform(__ms_ip6_groups("
                    + "lower(__ms_ip6_norm(s))), g -> lpad(g, 4, '0')), '') END");

    private DuckDbDialect() {
    }

    @Override
    public String string(String value, List<Object> params) {
        params.add(value);
        return "CAST($" + params.size() + " AS VARCHAR)";
    }

    /**
     * Regular expressions are written as escaped string literals rather than parameters: DuckDB compiles a
     * constant pattern once, and extracting more than nine groups needs one.
     */
    @Override
    public String regex(String javaRegex, List<Object> params) {
        return constant(RegexGroups.toRe2(javaRegex));
    }

    @Override
    public String contains(String s, String sub) {
        return "contains(" + s + ", " + sub + ")";
    }

    @Override
    public String regexMatches(String s, String re) {
        return "regexp_matches(" + s + ", " + re + ")";
    }

    /** DuckDB numbers groups 0 to 9 only; beyond that a list of names maps to groups 1, 2, ... in order. */
    @Override
    public String regexExtract(String s, String re, int group, int groups) {
        String extract;
        if (groups <= 9) {
            extract = "regexp_extract(" + s + ", " + re + ", " + group + ")";
        } else {
            StringBuilder names = new StringBuilder("[");
            for (int i = 1; i <= groups; i++) {
                names.append(i == 1 ? "" : ", ").append("'g").append(i).append("'");
            }
            extract = "struct_extract(regexp_extract(" + s + ", " + re + ", " + names + "]), 'g" + group + "')";
        }
        return "CASE WHEN regexp_matches(" + s + ", " + re + ") THEN " + extract + " END";
    }

    @Override
    public String fullMatch(String s, String constantPattern) {
        return "regexp_full_match(" + s + ", " + constant(constantPattern) + ")";
    }

    @Override
    public String timestampText(String millis) {
        return "strftime(make_timestamp(CAST(" + millis + " AS BIGINT) * 1000), '%Y-%m-%d %H:%M:%S.%g')";
    }

    @Override
    public String calendarFloor(String millis, String unit) {
        return "epoch_ms(date_trunc(" + constant(unit) + ", make_timestamp(CAST(" + millis + " AS BIGINT) * 1000)))";
    }

    @Override
    public String ln(String x) {
        return "ln(" + x + ")";
    }

    @Override
    public String trimChars(String side, String s, String chars) {
        String f = switch (side) {
            case "LEADING" -> "ltrim";
            case "TRAILING" -> "rtrim";
            default -> "trim";
        };
        return f + "(" + s + ", " + chars + ")";
    }

    @Override
    public String argMin(String value, String key, boolean max) {
        return (max ? "arg_max(" : "arg_min(") + value + ", " + key + ")";
    }

    @Override
    public String percentile(String x, String fraction) {
        return "quantile_disc(" + x + ", " + fraction + ")";
    }

    @Override
    public String isIpv4(String s) {
        return fullMatch(s, IpAddresses.IPV4_REGEX);
    }

    @Override
    public String isIpv6(String s) {
        return "(strpos(" + s + ", ':') > 0 AND " + fullMatch(s, IpAddresses.IPV6_REGEX) + ")";
    }

    /**
     * The octets the prefix covers whole are a string prefix; only addresses starting with it are checked
     * as IPv4 and, for a prefix within an octet, have that octet compared. Converting every address to a
     * number instead took ten times longer on ten million records.
     */
    @Override
    public String ipv4InSubnet(String s, IpAddresses.Cidr cidr) {
        long v = cidr.v4Low();
        int[] octets = {(int) (v >>> 24), (int) ((v >>> 16) & 255), (int) ((v >>> 8) & 255), (int) (v & 255)};
        int whole = cidr.prefix() / 8;
        StringBuilder b = new StringBuilder("(");
        if (whole == 4) {
            return "(" + s + " = " + constant(octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3]) + ")";
        }
        if (whole > 0) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < whole; i++) {
                prefix.append(octets[i]).append('.');
            }
            b.append("starts_with(").append(s).append(", ").append(constant(prefix.toString())).append(") AND ");
        }
        b.append(isIpv4(s));
        int bits = cidr.prefix() % 8;
        if (bits > 0) {
            int lo = octets[whole];
            int hi = lo | (0xff >> bits);
            b.append(" AND TRY_CAST(split_part(").append(s).append(", '.', ").append(whole + 1)
                    .append(") AS INTEGER) BETWEEN ").append(lo).append(" AND ").append(hi);
        }
        return b.append(")").toString();
    }

    @Override
    public String ipv6InSubnet(String s, IpAddresses.Cidr cidr) {
        return "(strpos(" + s + ", ':') > 0 AND __ms_ip6_hex(" + s + ") BETWEEN " + constant(cidr.v6Low()) + " AND "
                + constant(cidr.v6High()) + ")";
    }

    @Override
    public String tuple(List<String> values) {
        return "[" + String.join(", ", values) + "]";
    }

    @Override
    public String naturalKey(String s) {
        return "array_to_string(list_transform(regexp_extract_all(" + s + ", '[0-9]+|[^0-9]+'), c -> CASE WHEN"
                + " c[1] BETWEEN '0' AND '9' THEN '0' || lpad(CAST(length(c) AS VARCHAR), 5, '0') || c ELSE c END),"
                + " '')";
    }
}
