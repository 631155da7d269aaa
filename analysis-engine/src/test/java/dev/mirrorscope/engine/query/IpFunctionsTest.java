package dev.mirrorscope.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The IP functions in DuckDB SQL against the JDK's address parser ({@link InetAddress} for IPv6,
 * which never resolves names for literals containing ':') and plain arithmetic for IPv4 subnets, over
 * generated addresses in every IPv6 text form (full, {@code ::} anywhere, IPv4 tails, upper case) and
 * malformed ones.
 */
class IpFunctionsTest {
    private static final String[] CIDRS6 = {"2001:db8::/32", "2001:db8:0:1::/64", "fe80::/10", "::/0", "::1/128",
        "2001:db8:abcd:12::/63", "ff00::/8", "::ffff:0:0/96"};
    private static final String[] CIDRS4 = {"10.0.0.0/8", "10.0.0.8/29", "192.168.1.0/24", "0.0.0.0/0", "203.0.113.7/32",
        "172.16.0.0/12"};

    static List<String> addresses() {
        Random r = new Random(11);
        List<String> out = new ArrayList<>(List.of("::", "::1", "1::", "2001:db8::", "::ffff:10.1.2.3",
                "::10.1.2.3", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4",
                "1::5:6:1.2.3.4", "FE80::1", "fe80::1:2", "2001:DB8:0:1::25", "1:2:3:4:5:6:7:8:9", "1::2::3",
                "12345::1", "g::1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7", "::1.2.3", "::256.1.1.1",
                "1:2:3:4:5:6:7:1.2.3.4", "", " ::1", "::1 ", "10.0.0.1", "0.0.0.0", "255.255.255.255",
                "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "10.0.0.08", "a.b.c.d", "::ffff:0:10.1.2.3",
                "1:2:3:4::5:1.2.3.4", "1:2:3:4:5::1.2.3.4"));
        for (int i = 0; i < 400; i++) {
            int[] g = new int[8];
            for (int k = 0; k < 8; k++) {
                g[k] = r.nextInt(4) == 0 ? 0 : r.nextInt(0x10000);
            }
            if (i % 3 == 0) {
                g[0] = 0x2001;
                g[1] = 0xdb8;
            }
            if (i % 7 == 0) {
                g[0] = 0xfe80 | r.nextInt(0x40);
            }
            byte[] b = new byte[16];
            for (int k = 0; k < 8; k++) {
                b[2 * k] = (byte) (g[k] >> 8);
                b[2 * k + 1] = (byte) g[k];
            }
            String full = String.format("%x:%x:%x:%x:%x:%x:%x:%x", g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
            out.add(i % 5 == 0 ? full.toUpperCase() : full);
            out.add(compress(g, r.nextInt(8), 1 + r.nextInt(3)));
            if (i % 4 == 0) {
                out.add(full.substring(0, full.lastIndexOf(':', full.lastIndexOf(':') - 1) + 1)
                        + (g[6] >> 8) + "." + (g[6] & 255) + "." + (g[7] >> 8) + "." + (g[7] & 255));
            }
            out.add(r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256));
            out.add(i % 2 == 0 ? "10." + r.nextInt(3) + "." + r.nextInt(256) + "." + r.nextInt(256)
                    : "192.168.1." + r.nextInt(300));
        }
        return out;
    }

    /** The groups with a run of {@code len} groups from {@code at} written as {@code ::} (always, even if not zero). */
    private static String compress(int[] g, int at, int len) {
        StringBuilder b = new StringBuilder();
        int end = Math.min(8, at + len);
        for (int k = 0; k < at; k++) {
            b.append(k == 0 ? "" : ":").append(Integer.toHexString(g[k]));
        }
        b.append("::");
        for (int k = end; k < 8; k++) {
            b.append(k == end ? "" : ":").append(Integer.toHexString(g[k]));
        }
        return b.toString();
    }

    /** 128-bit value by the JDK, or null when the JDK does not read {@code s} as an IPv6 literal. */
    static BigInteger jdkIpv6(String s) {
        if (s.indexOf(':') < 0 || s.contains("%") || s.isBlank() || !s.equals(s.strip())) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            byte[] b = a.getAddress();
            if (a instanceof Inet6Address) {
                return new BigInteger(1, b);
            }
            // the JDK folds IPv4-mapped ::ffff:a.b.c.d to IPv4; it is still an IPv6 literal
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            return new BigInteger(1, mapped);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean jdkIpv4(String s) {
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String o : s.split("\\.")) {
            if ((o.length() > 1 && o.charAt(0) == '0') || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean inV6(BigInteger v, String cidr) throws UnknownHostException {
        int slash = cidr.indexOf('/');
        BigInteger net = new BigInteger(1, InetAddress.getByName(cidr.substring(0, slash)).getAddress().length == 16
                ? InetAddress.getByName(cidr.substring(0, slash)).getAddress() : jdkIpv6(cidr.substring(0, slash))
                .toByteArray());
        int p = Integer.parseInt(cidr.substring(slash + 1));
        return p == 0 || v.shiftRight(128 - p).equals(net.shiftRight(128 - p));
    }

    static boolean inV4(String ip, String cidr) {
        long v = 0;
        for (String o : ip.split("\\.")) {
            v = v * 256 + Integer.parseInt(o);
        }
        int slash = cidr.indexOf('/');
        long n = 0;
        for (String o : cidr.substring(0, slash).split("\\.")) {
            n = n * 256 + Integer.parseInt(o);
        }
        int p = Integer.parseInt(cidr.substring(slash + 1));
        return p == 0 || (v >>> (32 - p)) == (n >>> (32 - p));
    }

    @Test
    void validityAndSubnetsAgreeWithTheJdk() throws Exception {
        List<String> addrs = addresses();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE ips (n INTEGER, addr VARCHAR)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ips VALUES (?, ?)")) {
                for (int i = 0; i < addrs.size(); i++) {
                    p.setInt(1, i);
                    p.setString(2, addrs.get(i));
                    p.addBatch();
                }
                p.executeBatch();
            }
            SourceSchema schema = new SourceSchema("ips", "\"ips\"", List.of(
                    new SourceSchema.SourceField("n", "\"n\"", FieldType.INTEGER),
                    new SourceSchema.SourceField("addr", "\"addr\"", FieldType.STRING)), "CAST(0 AS BIGINT)", List.of(),
                    List.of("\"n\""));
            StringBuilder q = new StringBuilder("fields n, isValidIp(addr) as v, isValidIpV4(addr) as v4,"
                    + " isValidIpV6(addr) as v6");
            for (int i = 0; i < CIDRS6.length; i++) {
                q.append(", isIpv6InSubnet(addr, \"").append(CIDRS6[i]).append("\") as s6_").append(i);
            }
            for (int i = 0; i < CIDRS4.length; i++) {
                q.append(", isIpv4InSubnet(addr, \"").append(CIDRS4[i]).append("\") as s4_").append(i);
                q.append(", isIpInSubnet(addr, \"").append(CIDRS4[i]).append("\") as s_").append(i);
            }
            q.append(" | sort n");
            List<Object[]> rows = new ArrayList<>();
            try (LocalQueryEngine e = LocalQueryEngine.over(c, schema, false)) {
                e.run(q.toString(), null, new ResultSink() {
                    @Override
                    public void columns(List<OutputColumn> columns) {
                    }

                    @Override
                    public boolean row(Object[] values) {
                        rows.add(values);
                        return true;
                    }
                }, null);
            }
            assertThat(rows).hasSize(addrs.size());
            int v6 = 0;
            for (Object[] row : rows) {
                String a = addrs.get(((Long) row[0]).intValue());
                BigInteger six = jdkIpv6(a);
                boolean four = jdkIpv4(a);
                v6 += six != null ? 1 : 0;
                assertThat(row[2]).as("isValidIpV4(%s)", a).isEqualTo(four);
                assertThat(row[3]).as("isValidIpV6(%s)", a).isEqualTo(six != null);
                assertThat(row[1]).as("isValidIp(%s)", a).isEqualTo(four || six != null);
                assertThat(IpAddresses.isIpv6(a)).as(a).isEqualTo(six != null);
                assertThat(IpAddresses.isIpv4(a)).as(a).isEqualTo(four);
                for (int i = 0; i < CIDRS6.length; i++) {
                    assertThat(row[4 + i]).as("isIpv6InSubnet(%s, %s)", a, CIDRS6[i])
                            .isEqualTo(six != null && inV6(six, CIDRS6[i]));
                }
                for (int i = 0; i < CIDRS4.length; i++) {
                    boolean in = four && inV4(a, CIDRS4[i]);
                    assertThat(row[4 + CIDRS6.length + 2 * i]).as("isIpv4InSubnet(%s, %s)", a, CIDRS4[i]).isEqualTo(in);
                    assertThat(row[5 + CIDRS6.length + 2 * i]).as("isIpInSubnet(%s, %s)", a, CIDRS4[i]).isEqualTo(in);
                }
            }
            assertThat(v6).as("enough valid IPv6 samples").isGreaterThan(800);
        }
    }

    @Test
    void cidrParsing() {
        IpAddresses.Cidr c = IpAddresses.Cidr.parse("10.1.2.3/8");
        assertThat(c.v4Low()).isEqualTo(10L << 24);
        assertThat(c.v4High()).isEqualTo((11L << 24) - 1);
        IpAddresses.Cidr six = IpAddresses.Cidr.parse("2001:db8::/33");
        assertThat(six.v6Low()).isEqualTo("20010db8000000000000000000000000");
        assertThat(six.v6High()).isEqualTo("20010db87fffffffffffffffffffffff");
        assertThat(IpAddresses.Cidr.parse("10.0.0.0/33")).isNull();
        assertThat(IpAddresses.Cidr.parse("2001:db8::/129")).isNull();
        assertThat(IpAddresses.Cidr.parse("nonsense")).isNull();
        assertThat(IpAddresses.Cidr.parse("10.0.0.1").contains("10.0.0.1")).isTrue();
        assertThat(IpAddresses.ipv6Hex("::ffff:10.1.2.3")).isEqualTo("00000000000000000000ffff0a010203");
    }
}
