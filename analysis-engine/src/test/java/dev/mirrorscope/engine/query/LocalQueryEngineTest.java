package dev.mirrorscope.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mirrorscope.engine.query.FlowLogFixture.Rec;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query results over {@link FlowLogFixture} against the same answers computed here in plain Java from
 * the records, following the semantics the translator documents (order newest first then file order;
 * natural string order; absent values last; SQL comparisons with absent values).
 */
class LocalQueryEngineTest {
    static List<Rec> recs;
    static Connection connection;
    static LocalQueryEngine engine;

    @BeforeAll
    static void setUp() throws Exception {
        recs = FlowLogFixture.records();
        connection = FlowLogFixture.memory(recs);
        engine = LocalQueryEngine.overFlowLogs(connection);
    }

    @AfterAll
    static void tearDown() throws Exception {
        engine.close();
        connection.close();
    }

    record Result(List<OutputColumn> columns, List<List<Object>> rows) {
        List<String> names() {
            return columns.stream().map(OutputColumn::name).toList();
        }

        List<Object> column(int i) {
            return rows.stream().map(r -> r.get(i)).toList();
        }
    }

    static Result run(String query) throws Exception {
        return run(query, null);
    }

    static Result run(String query, SqlTranslator.TimeRange range) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        List<OutputColumn> cols = new ArrayList<>();
        QueryResult r = engine.run(query, range, new ResultSink() {
            @Override
            public void columns(List<OutputColumn> columns) {
                cols.addAll(columns);
            }

            @Override
            public boolean row(Object[] values) {
                rows.add(Arrays.asList(values));
                return true;
            }
        }, null);
        assertThat(r.rows()).isEqualTo(rows.size());
        return new Result(cols, rows);
    }

    static final Comparator<Rec> DEFAULT_ORDER = Comparator.comparingLong(Rec::tsMillis).reversed()
            .thenComparingInt(Rec::importId).thenComparingLong(Rec::lineNo);

    static List<Rec> inDefaultOrder(Predicate<Rec> filter) {
        return recs.stream().filter(filter).sorted(DEFAULT_ORDER).toList();
    }

    static List<Object> ids(List<Rec> rs) {
        return rs.stream().map(r -> (Object) r.interfaceId()).toList();
    }

    /** Logs Insights' documented natural order: numbers after everything else; digit runs by length then value. */
    static int natural(String a, String b) {
        boolean na = a.matches("-?[0-9]+(\\.[0-9]+)?");
        boolean nb = b.matches("-?[0-9]+(\\.[0-9]+)?");
        if (na != nb) {
            return na ? 1 : -1;
        }
        if (na) {
            int c = Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            return c != 0 ? c : a.compareTo(b);
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                if (ei - i != ej - j) {
                    return Integer.compare(ei - i, ej - j);
                }
                int c = a.substring(i, ei).compareTo(b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else if (ca != cb) {
                return Character.compare(ca, cb);
            } else {
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static <T> Comparator<Rec> nullsLast(Function<Rec, T> key, Comparator<T> cmp) {
        return Comparator.comparing(key, Comparator.nullsLast(cmp));
    }

    // Seed queries

    @Test
    void topTalkers() throws Exception {
        Result r = run("stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc"
                + " | limit 15");
        Map<List<String>, Long> sums = new LinkedHashMap<>();
        Set<List<String>> keys = new HashSet<>();
        for (Rec x : recs) {
            List<String> k = Arrays.asList(x.srcAddr(), x.dstAddr());
            keys.add(k);
            if (x.packets() != null) {
                sums.merge(k, x.packets(), Long::sum);
            }
        }
        Comparator<String> plain = Comparator.nullsLast(Comparator.naturalOrder());
        List<List<Object>> expected = keys.stream()
                .sorted(Comparator.<List<String>, Long>comparing(sums::get, Comparator.nullsLast(
                                Comparator.<Long>reverseOrder()))
                        .thenComparing(k -> k.get(0), plain).thenComparing(k -> k.get(1), plain))
                .limit(15).map(k -> Arrays.<Object>asList(k.get(0), k.get(1), sums.get(k))).toList();
        assertThat(r.names()).containsExactly("srcAddr", "dstAddr", "packetsTransferred");
        assertThat(r.rows()).isEqualTo(expected);
    }

    @Test
    void rejectScan() throws Exception {
        Result r = run("filter action=\"REJECT\" | stats count(*) as rejects by srcAddr | sort rejects desc | limit 10");
        Map<String, Long> counts = recs.stream().filter(x -> "REJECT".equals(x.action()))
                .collect(Collectors.groupingBy(Rec::srcAddr, Collectors.counting()));
        List<List<Object>> expected = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> Arrays.<Object>asList(e.getKey(), e.getValue())).toList();
        assertThat(r.rows()).isEqualTo(expected);
        assertThat(r.rows()).isNotEmpty();
    }

    // Commands

    @Test
    void defaultColumnsAreTimestampAndMessageNewestFirst() throws Exception {
        Result r = run("filter logStatus = \"NODATA\"");
        assertThat(r.names()).containsExactly("@timestamp", "@message");
        List<Rec> exp = inDefaultOrder(x -> x.logStatus().equals("NODATA"));
        assertThat(r.column(0)).isEqualTo(exp.stream().map(x -> (Object) Instant.ofEpochMilli(x.tsMillis())).toList());
        assertThat(r.column(1)).isEqualTo(exp.stream().map(x -> (Object) x.message()).toList());
        assertThat((String) r.rows().get(0).get(1)).contains(" - - - ").endsWith(" - NODATA");
    }

    @Test
    void fieldsComputeWithAliasesAndKeepOtherFieldsForLaterCommands() throws Exception {
        Result r = run("fields interfaceId, bytes / packets as size, packets * 2 + 1 as p2, bytes % 7 as m,"
                + " 2 ^ 3 as pow, -packets as neg | filter action = \"ACCEPT\" | limit 20");
        assertThat(r.names()).containsExactly("interfaceId", "size", "p2", "m", "pow", "neg");
        List<Rec> exp = inDefaultOrder(x -> "ACCEPT".equals(x.action())).subList(0, 20);
        for (int i = 0; i < exp.size(); i++) {
            Rec x = exp.get(i);
            assertThat(r.rows().get(i)).containsExactly(x.interfaceId(), (double) x.bytes() / x.packets(),
                    x.packets() * 2 + 1, x.bytes() % 7, 8.0, -x.packets());
        }
    }

    @Test
    void fieldsCanRedefineAndChain() throws Exception {
        Result r = run("fields packets * 10 as packets | fields packets + 1 as p, interfaceId | sort p desc | limit 3");
        List<Rec> exp = recs.stream().filter(x -> x.packets() != null)
                .sorted(Comparator.comparing((Rec x) -> x.packets()).reversed().thenComparing(DEFAULT_ORDER))
                .limit(3).toList();
        assertThat(r.names()).containsExactly("packets", "p", "interfaceId");
        assertThat(r.column(2)).isEqualTo(ids(exp));
        assertThat(r.column(1)).isEqualTo(exp.stream().map(x -> (Object) (x.packets() * 10 + 1)).toList());
    }

    @Test
    void filterComparisonsAndCoercions() throws Exception {
        assertFilter("dstPort = \"443\"", x -> Objects.equals(x.dstPort(), 443));
        assertFilter("dstPort = 443", x -> Objects.equals(x.dstPort(), 443));
        assertFilter("protocol in [6, \"17\"]", x -> x.protocol() != null && (x.protocol() == 6 || x.protocol() == 17));
        assertFilter("dstPort not in [22, 80]", x -> x.dstPort() != null && x.dstPort() != 22 && x.dstPort() != 80);
        assertFilter("action != \"ACCEPT\"", x -> x.action() != null && !x.action().equals("ACCEPT"));
        assertFilter("not (action = \"ACCEPT\")", x -> x.action() != null && !x.action().equals("ACCEPT"));
        assertFilter("packets > 50 and (action = \"REJECT\" or dstPort <= 80)", x -> x.packets() != null
                && x.packets() > 50 && ("REJECT".equals(x.action()) || x.dstPort() <= 80));
        assertFilter("bytes >= 1000 and bytes < 20000", x -> x.bytes() != null && x.bytes() >= 1000
                && x.bytes() < 20000);
        assertFilter("accountId = 123456789012", x -> true);
        assertFilter("futureField > 5", x -> x.futureField() != null && x.futureField().matches("-?[0-9]+(\\.[0-9]+)?")
                && Double.parseDouble(x.futureField()) > 5);
        assertFilter("flowDirection = 'ingress' or tcpFlags = 2", x -> x.flowDirection().equals("ingress")
                || Objects.equals(x.tcpFlags(), 2));
        assertFilter("@timestamp >= 1700000610000", x -> x.tsMillis() >= 1_700_000_610_000L);
        assertFilter("@timestamp < \"2023-11-14 22:20:00\"", x -> x.tsMillis() < 1_700_000_400_000L);
        assertFilter("end - start > 30", x -> x.end() - x.start() > 30);
        assertFilter("ispresent(srcAddr)", x -> x.srcAddr() != null);
        assertFilter("strcontains(srcAddr, \"db8\")", x -> x.srcAddr() != null && x.srcAddr().contains("db8"));
    }

    @Test
    void likeAndRegularExpressions() throws Exception {
        assertFilter("srcAddr like \"10.0.0\"", x -> x.srcAddr() != null && x.srcAddr().contains("10.0.0"));
        assertFilter("srcAddr like /^10\\.0\\.0\\.\\d$/", x -> x.srcAddr() != null
                && x.srcAddr().matches("10\\.0\\.0\\.\\d"));
        assertFilter("srcAddr =~ /(?i)DB8/", x -> x.srcAddr() != null && x.srcAddr().toLowerCase().contains("db8"));
        assertFilter("srcAddr =~ \"::\"", x -> x.srcAddr() != null && x.srcAddr().contains("::"));
        assertFilter("srcAddr not like \"10.\"", x -> x.srcAddr() != null && !x.srcAddr().contains("10."));
        assertFilter("interfaceId like /eni-\\/?1\\d$/", x -> x.interfaceId().matches("eni-1\\d"));
        assertFilter("@message like \"NODATA\"", x -> x.logStatus().equals("NODATA"));
    }

    private void assertFilter(String condition, Predicate<Rec> expected) throws Exception {
        Result r = run("filter " + condition + " | fields interfaceId");
        assertThat(r.column(0)).as(condition).isEqualTo(ids(inDefaultOrder(expected)));
    }

    @Test
    void sortIsNaturalStableAndPutsAbsentValuesLast() throws Exception {
        Result asc = run("fields interfaceId, srcAddr | sort srcAddr");
        List<Rec> exp = recs.stream().sorted(nullsLast(Rec::srcAddr, LocalQueryEngineTest::natural)
                .thenComparing(DEFAULT_ORDER)).toList();
        assertThat(asc.column(0)).isEqualTo(ids(exp));
        int nine = asc.column(1).indexOf("10.0.0.9");
        int ten = asc.column(1).indexOf("10.0.0.10");
        assertThat(nine).isBetween(0, ten);

        Result desc = run("fields interfaceId | sort futureField desc");
        List<Rec> expDesc = recs.stream().sorted(nullsLast(Rec::futureField,
                ((Comparator<String>) LocalQueryEngineTest::natural).reversed())
                .thenComparing(DEFAULT_ORDER)).toList();
        assertThat(desc.column(0)).isEqualTo(ids(expDesc));

        Result two = run("sort action, packets desc | fields interfaceId");
        List<Rec> expTwo = recs.stream().sorted(nullsLast(Rec::action, LocalQueryEngineTest::natural)
                .thenComparing(nullsLast(Rec::packets, Comparator.<Long>reverseOrder())).thenComparing(DEFAULT_ORDER))
                .toList();
        assertThat(two.column(0)).isEqualTo(ids(expTwo));
    }

    @Test
    void naturalOrderMatchesTheDocumentedExample() throws Exception {
        List<String> documented = List.of("!:", "#", "*%04", "0#", "5A", "111A", "2345_", "@", "@_", "A", "A9876fghj",
                "a12345hfh", "0", "01", "1", "2", "3");
        List<String> shuffled = new ArrayList<>(documented);
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v VARCHAR, n INTEGER)");
            }
            try (var p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < shuffled.size(); i++) {
                    p.setString(1, shuffled.get(i));
                    p.setInt(2, i);
                    p.execute();
                }
            }
            SourceSchema schema = new SourceSchema("t", "\"t\"", List.of(new SourceSchema.SourceField("v", "\"v\"",
                    FieldType.STRING)), "CAST(0 AS BIGINT)", List.of(), List.of("\"n\""));
            List<Object> got = new ArrayList<>();
            try (LocalQueryEngine e = LocalQueryEngine.over(c, schema, false)) {
                e.run("fields v | sort v asc", null, new ResultSink() {
                    @Override
                    public void columns(List<OutputColumn> columns) {
                    }

                    @Override
                    public boolean row(Object[] values) {
                        got.add(values[0]);
                        return true;
                    }
                }, null);
            }
            assertThat(got).isEqualTo(documented);
            assertThat(documented.stream().sorted(LocalQueryEngineTest::natural).toList()).isEqualTo(documented);
        }
    }

    @Test
    void limitThenSortSortsOnlyWhatIsLeft() throws Exception {
        Result r = run("sort packets desc | limit 5 | sort srcAddr | fields interfaceId");
        List<Rec> top = recs.stream().sorted(nullsLast(Rec::packets, Comparator.<Long>reverseOrder())
                .thenComparing(DEFAULT_ORDER)).limit(5).toList();
        List<Rec> exp = top.stream().sorted(nullsLast(Rec::srcAddr, LocalQueryEngineTest::natural)
                .thenComparing(nullsLast(Rec::packets, Comparator.<Long>reverseOrder())).thenComparing(DEFAULT_ORDER))
                .toList();
        assertThat(r.column(0)).isEqualTo(ids(exp));
    }

    @Test
    void parseGlobAndRegex() throws Exception {
        Result g = run("parse @message \"* * * * * * * * * * * * * *\" as v, a, e, s, d, sp, dp, pr, pk, by, st, en, ac, ls"
                + " | display e, dp, ls");
        List<Rec> exp = inDefaultOrder(x -> true);
        for (int i = 0; i < exp.size(); i++) {
            String[] parts = exp.get(i).message().split(" ");
            assertThat(g.rows().get(i)).containsExactly(parts[2], parts[6], parts[13]);
        }
        Result re = run("parse interfaceId /eni-(?<num>\\d)(?<rest>\\d*)/ | fields num, rest, interfaceId");
        for (List<Object> row : re.rows()) {
            String id = (String) row.get(2);
            assertThat(row.get(0)).isEqualTo(id.substring(4, 5));
            assertThat(row.get(1)).isEqualTo(id.substring(5));
        }
        Result none = run("parse futureField \"[*]\" as inside | fields inside, futureField");
        assertThat(none.column(0)).containsOnlyNulls();
        Result quotedGlob = run("parse futureField \"x,*\\\"z\" as mid | filter ispresent(mid) | fields mid");
        assertThat(quotedGlob.column(0)).containsOnly("y");
    }

    @Test
    void displayChoosesTheColumnsAndTheLastOneWins() throws Exception {
        Result r = run("fields srcAddr, dstAddr | display dstAddr | fields bytes | display bytes, srcAddr | limit 2");
        assertThat(r.names()).containsExactly("bytes", "srcAddr");
        Result union = run("fields srcAddr | fields dstAddr, srcAddr | limit 1");
        assertThat(union.names()).containsExactly("srcAddr", "dstAddr");
    }

    @Test
    void dedupKeepsTheFirstInTheCurrentOrderAndNeverMergesAbsentValues() throws Exception {
        Result r = run("fields interfaceId | sort bytes desc | dedup srcAddr");
        List<Rec> sorted = recs.stream().sorted(nullsLast(Rec::bytes, Comparator.<Long>reverseOrder())
                .thenComparing(DEFAULT_ORDER)).toList();
        Set<String> seen = new HashSet<>();
        List<Rec> exp = sorted.stream().filter(x -> x.srcAddr() == null || seen.add(x.srcAddr())).toList();
        assertThat(r.column(0)).isEqualTo(ids(exp));
        Result two = run("fields interfaceId | dedup srcAddr, action | limit 4");
        Set<List<String>> seen2 = new HashSet<>();
        List<Rec> exp2 = inDefaultOrder(x -> true).stream().filter(x -> x.srcAddr() == null || x.action() == null
                || seen2.add(List.of(x.srcAddr(), x.action()))).limit(4).toList();
        assertThat(two.column(0)).isEqualTo(ids(exp2));
    }

    // stats

    @Test
    void aggregates() throws Exception {
        Result r = run("stats avg(bytes) as a, count(*) as c, count(srcAddr) as cs, count_distinct(dstPort) as cd,"
                + " min(bytes) as mn, max(srcAddr) as mx, sum(packets) as s, stddev(bytes) as sd,"
                + " pct(bytes, 90) as p90, earliest(srcAddr) as e, latest(srcAddr) as l, sortsFirst(srcAddr) as sf,"
                + " sortsLast(srcAddr) as sl, count() as c2, sortsFirst(futureField) as ff, sortsLast(futureField) as fl by vpcId");
        assertThat(r.names()).containsExactly("vpcId", "a", "c", "cs", "cd", "mn", "mx", "s", "sd", "p90", "e", "l",
                "sf", "sl", "c2", "ff", "fl");
        Map<String, List<Rec>> groups = new TreeMap<>(recs.stream().collect(Collectors.groupingBy(Rec::vpcId)));
        assertThat(r.rows()).hasSize(groups.size());
        int i = 0;
        for (Map.Entry<String, List<Rec>> e : groups.entrySet()) {
            List<Rec> g = e.getValue();
            List<Long> bytes = g.stream().map(Rec::bytes).filter(Objects::nonNull).sorted().toList();
            double avg = bytes.stream().mapToLong(Long::longValue).average().orElseThrow();
            double var = bytes.stream().mapToDouble(b -> (b - avg) * (b - avg)).sum() / (bytes.size() - 1);
            List<String> srcs = g.stream().map(Rec::srcAddr).filter(Objects::nonNull).toList();
            Comparator<Rec> time = Comparator.comparingLong(Rec::tsMillis).thenComparingInt(Rec::importId)
                    .thenComparingLong(Rec::lineNo);
            List<Rec> withSrc = g.stream().filter(x -> x.srcAddr() != null).sorted(time).toList();
            List<Object> row = r.rows().get(i++);
            assertThat(row.get(0)).isEqualTo(e.getKey());
            assertThat((Double) row.get(1)).isCloseTo(avg, within(1e-9));
            assertThat(row.get(2)).isEqualTo((long) g.size());
            assertThat(row.get(3)).isEqualTo((long) srcs.size());
            assertThat(row.get(4)).isEqualTo(g.stream().map(Rec::dstPort).filter(Objects::nonNull).distinct().count());
            assertThat(row.get(5)).isEqualTo(bytes.get(0));
            assertThat(row.get(6)).isEqualTo(srcs.stream().max(Comparator.naturalOrder()).orElseThrow());
            assertThat(row.get(7)).isEqualTo(g.stream().map(Rec::packets).filter(Objects::nonNull)
                    .mapToLong(Long::longValue).sum());
            assertThat((Double) row.get(8)).isCloseTo(Math.sqrt(var), within(1e-6));
            assertThat(row.get(9)).isEqualTo(bytes.get((int) Math.ceil(0.9 * bytes.size()) - 1));
            assertThat(row.get(10)).isEqualTo(withSrc.get(0).srcAddr());
            assertThat(row.get(11)).isEqualTo(withSrc.get(withSrc.size() - 1).srcAddr());
            assertThat(row.get(12)).isEqualTo(srcs.stream().min(LocalQueryEngineTest::natural).orElseThrow());
            assertThat(row.get(13)).isEqualTo(srcs.stream().max(LocalQueryEngineTest::natural).orElseThrow());
            assertThat(row.get(14)).isEqualTo((long) g.size());
            List<String> odd = g.stream().map(Rec::futureField).filter(Objects::nonNull).toList();
            assertThat(row.get(15)).isEqualTo(odd.stream().min(LocalQueryEngineTest::natural).orElseThrow());
            assertThat(row.get(16)).isEqualTo(odd.stream().max(LocalQueryEngineTest::natural).orElseThrow());
        }
    }

    @Test
    void statsByBinAndAggregateExpressions() throws Exception {
        Result r = run("stats count(*) as n, sum(bytes) / sum(packets) as avgSize by bin(5m)");
        assertThat(r.columns().get(0)).isEqualTo(new OutputColumn("bin(5m)", FieldType.TIMESTAMP));
        Map<Long, List<Rec>> bins = new TreeMap<>(recs.stream().collect(Collectors.groupingBy(
                x -> Math.floorDiv(x.tsMillis(), 300_000L) * 300_000L)));
        List<List<Object>> exp = new ArrayList<>();
        for (Map.Entry<Long, List<Rec>> e : bins.entrySet()) {
            long b = e.getValue().stream().map(Rec::bytes).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
            long p = e.getValue().stream().map(Rec::packets).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
            exp.add(Arrays.asList(Instant.ofEpochMilli(e.getKey()), (long) e.getValue().size(), (double) b / p));
        }
        assertThat(r.rows()).isEqualTo(exp);
        Result hourly = run("stats count(*) as n by bin(1h) as hour, action | sort hour, action");
        assertThat(hourly.names()).containsExactly("hour", "action", "n");
        assertThat(hourly.column(2).stream().mapToLong(o -> (Long) o).sum()).isEqualTo(recs.size());
    }

    @Test
    void aggregatesWrittenAgainAfterStatsNameTheirColumns() throws Exception {
        Result r = run("stats count(*) by srcAddr | sort count(*) desc, srcAddr | limit 3 | fields count(*) * 2 as twice");
        Map<String, Long> counts = new TreeMap<>(Comparator.nullsLast(Comparator.<String>naturalOrder()));
        for (Rec x : recs) {
            counts.merge(x.srcAddr(), 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> exp = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey,
                        Comparator.nullsLast(LocalQueryEngineTest::natural))).limit(3).toList();
        assertThat(r.names()).containsExactly("srcAddr", "count(*)", "twice");
        for (int i = 0; i < 3; i++) {
            assertThat(r.rows().get(i)).containsExactly(exp.get(i).getKey(), exp.get(i).getValue(),
                    exp.get(i).getValue() * 2);
        }
        Result bins = run("stats count(*) by bin(10m) | sort bin(10m) desc");
        assertThat(bins.names()).containsExactly("bin(10m)", "count(*)");
        assertThat(((Instant) bins.rows().get(0).get(0))).isAfter((Instant) bins.rows().get(1).get(0));
    }

    @Test
    void messageKeepsTheDefaultPositionsWhenTheTableLacksAField() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE flow_logs (version INTEGER, srcAddr VARCHAR, start BIGINT, action VARCHAR)");
                s.execute("INSERT INTO flow_logs VALUES (3, '10.0.0.1', 1700000000, 'ACCEPT')");
            }
            try (LocalQueryEngine e = LocalQueryEngine.overFlowLogs(c)) {
                List<Object> got = new ArrayList<>();
                e.run("fields @message", null, new ResultSink() {
                    @Override
                    public void columns(List<OutputColumn> columns) {
                    }

                    @Override
                    public boolean row(Object[] values) {
                        got.add(values[0]);
                        return true;
                    }
                }, null);
                assertThat(got).containsExactly("3 - - 10.0.0.1 - - - - - - 1700000000 - ACCEPT -");
            }
        }
    }

    @Test
    void chainedStats() throws Exception {
        Result r = run("stats sum(bytes) as b by srcAddr, dstAddr | stats max(b) as top, count(*) as pairs by srcAddr"
                + " | sort top desc | limit 5");
        Map<List<String>, Long> pairSums = new LinkedHashMap<>();
        for (Rec x : recs) {
            List<String> k = Arrays.asList(x.srcAddr(), x.dstAddr());
            pairSums.merge(k, x.bytes() == null ? 0L : x.bytes(), Long::sum);
        }
        Map<String, List<Map.Entry<List<String>, Long>>> bySrc = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Long> e : pairSums.entrySet()) {
            bySrc.computeIfAbsent(e.getKey().get(0), k -> new ArrayList<>()).add(e);
        }
        List<List<Object>> exp = bySrc.entrySet().stream().filter(e -> e.getKey() != null)
                .map(e -> Arrays.<Object>asList(e.getKey(), e.getValue().stream().mapToLong(Map.Entry::getValue).max()
                        .orElseThrow(), (long) e.getValue().size()))
                .sorted(Comparator.<List<Object>, Long>comparing(l -> (Long) l.get(1)).reversed()
                        .thenComparing(l -> (String) l.get(0)))
                .limit(5).toList();
        assertThat(r.rows()).isEqualTo(exp);
    }

    // Functions

    @Test
    void numericStringAndGeneralFunctions() throws Exception {
        Result r = run("fields interfaceId, abs(-packets) as f1, ceil(bytes / 3) as f2, floor(bytes / 3) as f3,"
                + " greatest(packets, 50) as f4, least(packets, 50, dstPort) as f5, log(bytes) as f6,"
                + " sqrt(packets) as f7, ispresent(srcAddr) as f8, coalesce(srcAddr, futureField, \"none\") as f9,"
                + " isempty(futureField) as f10, isblank(futureField) as f11, concat(action, \"-\", dstPort) as f12,"
                + " ltrim(futureField) as f13, rtrim(futureField) as f14, trim(futureField) as f15,"
                + " trim(futureField, \"xyZ\") as f16, strlen(futureField) as f17, toupper(futureField) as f18,"
                + " tolower(futureField) as f19, substr(interfaceId, 4, 1) as f20, substr(interfaceId, 4) as f21,"
                + " replace(interfaceId, \"eni\", \"ENI\") as f22, strcontains(futureField, \"o\") as f23,"
                + " ltrim(futureField, \"xyZ\") as f24, rtrim(futureField, \"xyZ\") as f25");
        List<Rec> exp = inDefaultOrder(x -> true);
        for (int i = 0; i < exp.size(); i++) {
            Rec x = exp.get(i);
            String f = x.futureField();
            List<Object> row = r.rows().get(i);
            String id = x.interfaceId();
            assertThat(row.get(0)).isEqualTo(id);
            assertThat(row.get(1)).isEqualTo(x.packets() == null ? null : Math.abs(x.packets()));
            assertThat(row.get(2)).isEqualTo(x.bytes() == null ? null : (long) Math.ceil(x.bytes() / 3.0));
            assertThat(row.get(3)).isEqualTo(x.bytes() == null ? null : (long) Math.floor(x.bytes() / 3.0));
            assertThat(row.get(4)).as(id).isEqualTo(x.packets() == null ? 50L : Math.max(x.packets(), 50));
            assertThat(row.get(5)).as(id).isEqualTo(x.packets() == null ? 50L : Math.min(Math.min(x.packets(), 50),
                    x.dstPort()));
            if (x.bytes() == null) {
                assertThat(row.get(6)).isNull();
            } else {
                assertThat((Double) row.get(6)).isCloseTo(Math.log(x.bytes()), within(1e-9));
            }
            assertThat(row.get(7)).isEqualTo(x.packets() == null ? null : Math.sqrt(x.packets()));
            assertThat(row.get(8)).isEqualTo(x.srcAddr() != null);
            assertThat(row.get(9)).isEqualTo(x.srcAddr() != null ? x.srcAddr() : f != null ? f : "none");
            assertThat(row.get(10)).as(id).isEqualTo(f == null || f.isEmpty());
            assertThat(row.get(11)).as(id).isEqualTo(f == null || f.isBlank());
            assertThat(row.get(12)).isEqualTo((x.action() == null ? "" : x.action()) + "-"
                    + (x.dstPort() == null ? "" : x.dstPort()));
            assertThat(row.get(13)).isEqualTo(f == null ? null : f.replaceAll("^\\s+", ""));
            assertThat(row.get(14)).isEqualTo(f == null ? null : f.replaceAll("\\s+$", ""));
            assertThat(row.get(15)).isEqualTo(f == null ? null : f.strip());
            assertThat(row.get(16)).isEqualTo(f == null ? null : f.replaceAll("^[xyZ]+|[xyZ]+$", ""));
            assertThat(row.get(17)).isEqualTo(f == null ? null : (long) f.codePointCount(0, f.length()));
            assertThat(row.get(18)).isEqualTo(f == null ? null : f.toUpperCase());
            assertThat(row.get(19)).isEqualTo(f == null ? null : f.toLowerCase());
            assertThat(row.get(20)).isEqualTo(id.substring(4, 5));
            assertThat(row.get(21)).isEqualTo(id.substring(4));
            assertThat(row.get(22)).isEqualTo(id.replace("eni", "ENI"));
            assertThat(row.get(23)).isEqualTo(f == null ? null : f.contains("o") ? 1L : 0L);
            assertThat(row.get(24)).isEqualTo(f == null ? null : f.replaceAll("^[xyZ]+", ""));
            assertThat(row.get(25)).isEqualTo(f == null ? null : f.replaceAll("[xyZ]+$", ""));
        }
    }

    @Test
    void documentedStringExamples() throws Exception {
        Result r = run("fields ltrim(\"xyZfooxyZ\",\"xyZ\") as l, rtrim(\"xyZfooxyZ\",\"xyZ\") as r,"
                + " trim(\"xyZfooxyZ\",\"xyZ\") as t, substr(\"xyZfooxyZ\", 3, 3) as s, replace(\"foo\",\"o\",\"0\") as p,"
                + " 2 ^ 3 as e, 10 % 3 as m | limit 1");
        assertThat(r.rows().get(0)).containsExactly("fooxyZ", "xyZfoo", "foo", "foo", "f00", 8.0, 1L);
    }

    @Test
    void timeFunctions() throws Exception {
        Result r = run("fields @timestamp, datefloor(@timestamp, 1h) as f, dateceil(@timestamp, 1h) as c,"
                + " toMillis(@timestamp) as ms, fromMillis(start * 1000 + 5) as fm, datefloor(@timestamp, 1d) as d,"
                + " datefloor(@timestamp, 1mo) as mo, dateceil(@timestamp, 1mo) as moc, startTime, endTime");
        List<Rec> exp = inDefaultOrder(x -> true);
        for (int i = 0; i < exp.size(); i++) {
            Rec x = exp.get(i);
            long ts = x.tsMillis();
            Instant t = Instant.ofEpochMilli(ts);
            List<Object> row = r.rows().get(i);
            assertThat(row.get(0)).isEqualTo(t);
            assertThat(row.get(1)).isEqualTo(Instant.ofEpochMilli(ts - ts % 3_600_000));
            assertThat(row.get(2)).isEqualTo(Instant.ofEpochMilli(ts % 3_600_000 == 0 ? ts
                    : ts - ts % 3_600_000 + 3_600_000));
            assertThat(row.get(3)).isEqualTo(ts);
            assertThat(row.get(4)).isEqualTo(Instant.ofEpochMilli(ts + 5));
            assertThat(row.get(5)).isEqualTo(t.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
            java.time.ZonedDateTime month = t.atZone(java.time.ZoneOffset.UTC).withDayOfMonth(1)
                    .truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            assertThat(row.get(6)).isEqualTo(month.toInstant());
            assertThat(row.get(7)).isEqualTo(month.plusMonths(1).toInstant());
            assertThat(row.get(8)).isEqualTo(x.start());
            assertThat(row.get(9)).isEqualTo(x.end());
        }
    }

    @Test
    void ipFunctionsOverTheFixture() throws Exception {
        Result r = run("fields interfaceId, isValidIp(futureField) as a, isValidIpV4(futureField) as b,"
                + " isValidIpV6(srcAddr) as c, isIpInSubnet(srcAddr, \"10.0.0.0/28\") as d,"
                + " isIpv4InSubnet(srcAddr, \"10.0.0.0/16\") as e, isIpv6InSubnet(srcAddr, \"2001:db8::/32\") as f,"
                + " isIpInSubnet(srcAddr, \"2001:db8:0:1::/64\") as g");
        List<Rec> exp = inDefaultOrder(x -> true);
        IpAddresses.Cidr c28 = IpAddresses.Cidr.parse("10.0.0.0/28");
        for (int i = 0; i < exp.size(); i++) {
            Rec x = exp.get(i);
            String f = x.futureField();
            String s = x.srcAddr();
            List<Object> row = r.rows().get(i);
            assertThat(row.get(1)).as(f).isEqualTo(f == null ? null : IpAddresses.isIpv4(f) || Ip6.valid(f));
            assertThat(row.get(2)).as(f).isEqualTo(f == null ? null : f.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
                    && Arrays.stream(f.split("\\.")).allMatch(o -> !(o.length() > 1 && o.startsWith("0"))
                    && Integer.parseInt(o) < 256));
            assertThat(row.get(3)).as(s).isEqualTo(s == null ? null : Ip6.valid(s));
            assertThat(row.get(4)).as(s).isEqualTo(s != null && c28.contains(s));
            assertThat(row.get(5)).as(s).isEqualTo(s != null && s.startsWith("10.0."));
            assertThat(row.get(6)).as(s).isEqualTo(s != null && s.startsWith("2001:db8:"));
            assertThat(row.get(7)).as(s).isEqualTo("2001:db8:0:1::25".equals(s));
        }
    }

    // Fields

    @Test
    void laterVersionFieldsTheTableLacksAreAbsentNotErrors() throws Exception {
        Result r = run("fields pktDstAddr, trafficPath, interfaceId | limit 3");
        assertThat(r.column(0)).containsOnlyNulls();
        assertThat(r.column(1)).containsOnlyNulls();
        assertThat(run("filter ispresent(azId)").rows()).isEmpty();
        assertThat(run("filter flowDirection = \"ingress\" | stats count(*) as n").rows().get(0).get(0))
                .isEqualTo(recs.stream().filter(x -> x.flowDirection().equals("ingress")).count());
        assertThat(engine.fieldNames()).contains("srcAddr", "pktSrcAddr", "futureField", "ecsTaskId", "@timestamp")
                .doesNotContain("import_id", "line_no");
    }

    @Test
    void unknownFieldsNameTheClosestKnownOnes() {
        assertThatThrownBy(() -> run("fields srcaddr")).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("column 8").hasMessageContaining("unknown field 'srcaddr'; did you mean srcAddr");
        assertThatThrownBy(() -> run("stats count(*) as n by srcAddr | fields zzz"))
                .hasMessageContaining("after stats the fields are srcAddr, n");
        assertThatThrownBy(() -> run("stats count(*) as n by srcAddr | display dstAddr"))
                .hasMessageContaining("unknown field 'dstAddr'");
        assertThatThrownBy(() -> run("fields import_id")).hasMessageContaining("unknown field 'import_id'");
    }

    @Test
    void semanticErrorsHavePositions() {
        assertThatThrownBy(() -> run("fields sum(bytes)")).hasMessageContaining("column 8")
                .hasMessageContaining("sum is an aggregate function; use it in stats");
        assertThatThrownBy(() -> run("stats srcAddr")).hasMessageContaining("needs an aggregate function");
        assertThatThrownBy(() -> run("stats sum(bytes) + packets")).hasMessageContaining("column 20")
                .hasMessageContaining("packets is neither inside an aggregate");
        assertThatThrownBy(() -> run("stats sum(sum(bytes))")).hasMessageContaining("cannot be nested");
        assertThatThrownBy(() -> run("stats count(*) as n | stats count(*) by bin(5m)"))
                .hasMessageContaining("needs @timestamp");
        assertThatThrownBy(() -> run("fields bin(5m) as b, 5m as p")).hasMessageContaining("only goes in bin");
        assertThatThrownBy(() -> run("filter isIpv4InSubnet(srcAddr, \"2001:db8::/32\")"))
                .hasMessageContaining("needs an IPv4 CIDR block");
        assertThatThrownBy(() -> run("filter isIpInSubnet(srcAddr, \"10.0.0.0/33\")"))
                .hasMessageContaining("is not a CIDR block");
        assertThatThrownBy(() -> run("filter isIpInSubnet(srcAddr, dstAddr)")).hasMessageContaining("in quotes");
        assertThatThrownBy(() -> run("stats pct(bytes, 101)")).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> run("stats count(*) as n, sum(bytes) as n")).hasMessageContaining("rename one");
        assertThatThrownBy(() -> run("fields 1 as __ms_x")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> run("stats count(*) by bin(2mo)")).hasMessageContaining("one at a time");
    }

    @Test
    void regularExpressionsTheEngineCannotRunAreReportedWhereWritten() {
        assertThatThrownBy(() -> run("filter srcAddr like /(?=10)/")).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("column 21").hasMessageContaining("not supported");
    }

    @Test
    void hostileTextStaysData() throws Exception {
        assertThat(run("filter action = \"'; DROP TABLE flow_logs; --\"").rows()).isEmpty();
        Result r = run("fields \"x\\\"); DROP TABLE flow_logs; --\" as `a\"b`, concat('it\\'s', \"\\\\\") as `c``d` | limit 1");
        assertThat(r.names()).containsExactly("a\"b", "c`d");
        assertThat(r.rows().get(0)).containsExactly("x\"); DROP TABLE flow_logs; --", "it's\\");
        assertThat(run("filter srcAddr like /'\"\\); DROP/ | fields srcAddr").rows()).isEmpty();
        assertThat(run("parse @message \"*'); DROP TABLE flow_logs; --\" as z | filter ispresent(z)").rows()).isEmpty();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM flow_logs")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(recs.size());
        }
        SqlPlan plan = engine.plan("filter action = \"'; DROP TABLE x; --\" and srcAddr like /a'b/",
                SqlTranslator.TimeRange.ALL);
        assertThat(plan.sql()).doesNotContain("DROP").contains("'a''b'");
        assertThat(plan.parameters()).containsExactly("'; DROP TABLE x; --");
    }

    @Test
    void timeRangeBoundsTheRecords() throws Exception {
        long from = 1_700_000_300_000L;
        long to = 1_700_001_000_000L;
        Result r = run("fields interfaceId", new SqlTranslator.TimeRange(from, to));
        assertThat(r.column(0)).isEqualTo(ids(inDefaultOrder(x -> x.tsMillis() >= from && x.tsMillis() <= to)));
    }

    @Test
    void sinksCanStopAndCancel() throws Exception {
        long[] seen = {0};
        QueryResult stopped = engine.run("fields interfaceId", null, new ResultSink() {
            @Override
            public void columns(List<OutputColumn> columns) {
            }

            @Override
            public boolean row(Object[] values) {
                seen[0]++;
                return false;
            }
        }, null);
        assertThat(stopped.rows()).isEqualTo(1);
        QueryCancellation cancel = new QueryCancellation();
        QueryResult cancelled = engine.run("fields interfaceId", null, new ResultSink() {
            @Override
            public void columns(List<OutputColumn> columns) {
            }

            @Override
            public boolean row(Object[] values) {
                cancel.cancel();
                return true;
            }
        }, cancel);
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.rows()).isLessThan(recs.size());
    }

    @Test
    void aFailedQueryLeavesTheEngineUsable() throws Exception {
        assertThatThrownBy(() -> run("fields packets * 9223372036854775807 * 10 as x")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("query failed: ");
        assertThat(run("stats count(*) as n").rows().get(0).get(0)).isEqualTo((long) recs.size());
    }

    /** IPv6 validity by the JDK's own parser, as an independent reference. */
    static final class Ip6 {
        static boolean valid(String s) {
            if (s.indexOf(':') < 0 || s.contains("%") || s.contains("[") || s.isBlank()) {
                return false;
            }
            try {
                java.net.InetAddress.getByName(s);
                return !s.chars().anyMatch(ch -> ch == ' ');
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }
}
