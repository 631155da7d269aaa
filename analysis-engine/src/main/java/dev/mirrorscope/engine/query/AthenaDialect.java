package dev.mirrorscope.engine.query;

import java.util.List;

/**
 * Athena (engine version 3, Trino) SQL. Athena's parameters are themselves SQL text, so query values
 * are written as escaped literals here: single quotes doubled, nothing else special in Trino strings.
 */
public final class AthenaDialect implements SqlDialect {
    public static final AthenaDialect INSTANCE = new AthenaDialect();

    private AthenaDialect() {
    }

    @Override
    public String string(String value, List<Object> params) {
        return constant(value);
    }

    @Override
    public String regex(String javaRegex, List<Object> params) {
        return constant(javaRegex);
    }

    @Override
    public String contains(String s, String sub) {
        return "(strpos(" + s + ", " + sub + ") > 0)";
    }

    @Override
    public String regexMatches(String s, String re) {
        return "regexp_like(" + s + ", " + re + ")";
    }

    @Override
    public String regexExtract(String s, String re, int group, int groups) {
        return "regexp_extract(" + s + ", " + re + ", " + group + ")";
    }

    @Override
    public String fullMatch(String s, String constantPattern) {
        return "regexp_like(" + s + ", " + constant("^(" + constantPattern + ")$") + ")";
    }

    @Override
    public String timestampText(String millis) {
        return "format_datetime(from_unixtime(CAST(" + millis + " AS DOUBLE) / 1000), 'yyyy-MM-dd HH:mm:ss.SSS')";
    }

    @Override
    public String calendarFloor(String millis, String unit) {
        return "CAST(to_unixtime(date_trunc(" + constant(unit) + ", from_unixtime(CAST(" + millis
                + " AS DOUBLE) / 1000))) * 1000 AS BIGINT)";
    }

    @Override
    public String ln(String x) {
        return "ln(" + x + ")";
    }

    @Override
    public String trimChars(String side, String s, String chars) {
        return "trim(" + side + " " + chars + " FROM " + s + ")";
    }

    @Override
    public String argMin(String value, String key, boolean max) {
        return (max ? "max_by(" : "min_by(") + value + ", " + key + ")";
    }

    @Override
    public String percentile(String x, String fraction) {
        return "approx_percentile(" + x + ", " + fraction + ")";
    }

    @Override
    public String isIpv4(String s) {
        return fullMatch(s, IpAddresses.IPV4_REGEX);
    }

    @Override
    public String isIpv6(String s) {
        return "(strpos(" + s + ", ':') > 0 AND TRY_CAST(" + s + " AS IPADDRESS) IS NOT NULL)";
    }

    @Override
    public String ipv4InSubnet(String s, IpAddresses.Cidr cidr) {
        return "(" + isIpv4(s) + " AND contains(" + constant(cidrText(cidr)) + ", TRY_CAST(" + s + " AS IPADDRESS)))";
    }

    @Override
    public String ipv6InSubnet(String s, IpAddresses.Cidr cidr) {
        return "(" + isIpv6(s) + " AND contains(" + constant(cidrText(cidr)) + ", TRY_CAST(" + s
                + " AS IPADDRESS)))";
    }

    private static String cidrText(IpAddresses.Cidr c) {
        if (c.family() == 4) {
            long v = c.v4Low();
            return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255) + "/" + c.prefix();
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(Integer.toHexString(Integer.parseInt(c.v6Low().substring(4 * i, 4 * i + 4), 16)));
        }
        return b + "/" + c.prefix();
    }

    @Override
    public String tuple(List<String> values) {
        return "ARRAY[" + String.join(", ", values) + "]";
    }

    @Override
    public String naturalKey(String s) {
        return "array_join(transform(regexp_extract_all(" + s + ", '[0-9]+|[^0-9]+'), c -> IF(regexp_like(c,"
                + " '^[0-9]'), '0' || lpad(CAST(length(c) AS VARCHAR), 5, '0') || c, c)), '')";
    }
}
