package dev.mirrorscope.engine.query;

import dev.mirrorscope.engine.query.Command.Item;
import dev.mirrorscope.engine.query.Expr.BinaryOp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translates a parsed query into one SQL statement over a {@link SourceSchema}: each command becomes a
 * common table expression over the previous one, so commands apply in order as in Logs Insights.
 *
 * <p>Semantics kept from Logs Insights: {@code fields} adds or replaces columns and chooses what is
 * shown, without hiding other fields from later commands; {@code display} (the last one) chooses the
 * shown columns; {@code stats} replaces the records by its groups; {@code sort} orders what follows
 * (strings in Logs Insights' natural order, absent values last; ties keep the previous order);
 * without a sort, records come newest first ({@code @timestamp} descending, then file order) and
 * {@code stats} groups by their keys ascending; {@code dedup} keeps the first record per key in the
 * current order and never merges absent values; no row cap. Comparisons follow SQL: a comparison
 * with an absent value is not true. A number compared with a string compares as numbers when the
 * string is one.
 */
public final class SqlTranslator {
    /** Optional bounds on {@code @timestamp} in epoch milliseconds, inclusive; null for open. */
    public record TimeRange(Long startMillis, Long endMillis) {
        public static final TimeRange ALL = new TimeRange(null, null);
    }

    private static final String HIDDEN = "__ms_";
    private static final Pattern NUMBER = Pattern.compile("\\s*-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*");
    private static final String NUMBER_TEXT = "-?[0-9]+(\\.[0-9]+)?";

    /** A column; {@code lazy} is set for one not yet computed (its SQL over the current columns). */
    private record Col(String name, FieldType type, boolean hidden, String lazy, Set<String> inputs) {
        Col(String name, FieldType type, boolean hidden) {
            this(name, type, hidden, null, Set.of());
        }
    }

    private record OrderKey(String column, boolean desc, boolean natural) {
    }

    private record Sql(String text, FieldType type) {
    }

    private static final class Rel {
        final String name;
        final List<Col> cols;
        final List<OrderKey> order;
        final boolean aggregated;

        Rel(String name, List<Col> cols, List<OrderKey> order, boolean aggregated) {
            this.name = name;
            this.cols = List.copyOf(cols);
            this.order = List.copyOf(order);
            this.aggregated = aggregated;
        }

        Col col(String n) {
            for (Col c : cols) {
                if (c.name.equals(n)) {
                    return c;
                }
            }
            return null;
        }

        List<String> visibleNames() {
            List<String> out = new ArrayList<>();
            for (Col c : cols) {
                if (!c.hidden) {
                    out.add(c.name);
                }
            }
            return out;
        }
    }

    private final Query query;
    private final SqlDialect d;
    private final List<Object> params = new ArrayList<>();
    private final List<SqlPlan.RegexUse> regexes = new ArrayList<>();
    private final List<String> ctes = new ArrayList<>();
    private int hiddenCounter;
    private Rel cur;
    private List<String> shown;
    private Command.Display display;

    private SqlTranslator(Query query, SqlDialect dialect) {
        this.query = query;
        this.d = dialect;
    }

    public static SqlPlan translate(Query query, SourceSchema source, SqlDialect dialect)
            throws QuerySyntaxException {
        return translate(query, source, dialect, TimeRange.ALL, List.of());
    }

    /**
     * @param baseConditions extra SQL conditions on the source relation written by the caller's own code
     *                       (partition pruning), never query text
     */
    public static SqlPlan translate(Query query, SourceSchema source, SqlDialect dialect, TimeRange range,
                                    List<String> baseConditions) throws QuerySyntaxException {
        return new SqlTranslator(query, dialect).run(source, range, baseConditions);
    }

    private QuerySyntaxException error(int pos, String reason) {
        return new QuerySyntaxException(query.text(), pos, reason);
    }

    private String q(String name) {
        return d.quote(name);
    }

    private SqlPlan run(SourceSchema source, TimeRange range, List<String> baseConditions)
            throws QuerySyntaxException {
        base(source, range, baseConditions);
        for (Command c : query.commands()) {
            materializeFor(c);
            if (c instanceof Command.Fields f) {
                fields(f);
            } else if (c instanceof Command.Filter f) {
                filter(f);
            } else if (c instanceof Command.Stats s) {
                stats(s);
            } else if (c instanceof Command.Sort s) {
                sort(s);
            } else if (c instanceof Command.Limit l) {
                limit(l);
            } else if (c instanceof Command.Parse p) {
                parse(p);
            } else if (c instanceof Command.Display disp) {
                for (Expr.Field f : disp.fields()) {
                    resolve(f);
                }
                display = disp;
            } else if (c instanceof Command.Dedup dd) {
                dedup(dd);
            }
        }
        List<String> out = new ArrayList<>();
        if (display != null) {
            for (Expr.Field f : display.fields()) {
                if (cur.col(f.name()) == null || cur.col(f.name()).hidden) {
                    throw error(f.start(), f.name() + " is no longer available at the end of the query (stats"
                            + " replaced the records); display one of " + String.join(", ", cur.visibleNames()));
                }
                if (!out.contains(f.name())) {
                    out.add(f.name());
                }
            }
        } else if (shown != null) {
            out.addAll(shown);
        } else {
            for (String n : List.of("@timestamp", "@message")) {
                if (cur.col(n) != null) {
                    out.add(n);
                }
            }
        }
        for (String n : out) {
            Col c = cur.col(n);
            if (c != null && c.lazy != null) {
                materialize();
            }
        }
        List<OutputColumn> columns = new ArrayList<>();
        StringBuilder select = new StringBuilder();
        for (String n : out) {
            Col c = cur.col(n);
            columns.add(new OutputColumn(n, c.type));
            if (select.length() > 0) {
                select.append(", ");
            }
            select.append(q(n));
        }
        StringBuilder sql = new StringBuilder("WITH ");
        for (int i = 0; i < ctes.size(); i++) {
            if (i > 0) {
                sql.append(",\n");
            }
            sql.append(ctes.get(i));
        }
        sql.append("\nSELECT ").append(select).append(" FROM ").append(q(cur.name));
        String order = orderBy(cur.order);
        if (!order.isEmpty()) {
            sql.append(" ORDER BY ").append(order);
        }
        return new SqlPlan(sql.toString(), params, columns, regexes);
    }

    /** Computes lazy columns a command reads, or whose inputs it is about to replace. */
    private void materializeFor(Command c) {
        boolean needed = false;
        for (Col col : cur.cols) {
            if (col.lazy == null) {
                continue;
            }
            Set<String> refs = new HashSet<>();
            Set<String> writes = new HashSet<>();
            if (c instanceof Command.Fields f) {
                for (Item i : f.items()) {
                    fieldRefs(i.expr(), refs);
                    writes.add(i.name());
                }
            } else if (c instanceof Command.Filter f) {
                fieldRefs(f.condition(), refs);
            } else if (c instanceof Command.Stats st) {
                for (Item i : st.aggregates()) {
                    fieldRefs(i.expr(), refs);
                }
                for (Item i : st.groups()) {
                    fieldRefs(i.expr(), refs);
                }
            } else if (c instanceof Command.Sort st) {
                for (Command.SortKey k : st.keys()) {
                    fieldRefs(k.expr(), refs);
                }
            } else if (c instanceof Command.Parse p) {
                fieldRefs(p.source(), refs);
                writes.addAll(p.names());
            } else if (c instanceof Command.Dedup dd) {
                for (Expr.Field f : dd.fields()) {
                    refs.add(f.name());
                }
            }
            if (refs.contains(col.name) || writes.contains(col.name)) {
                needed = true;
            }
            for (String w : writes) {
                needed |= col.inputs.contains(w);
            }
        }
        if (needed) {
            materialize();
        }
    }

    private void materialize() {
        List<String> select = new ArrayList<>();
        List<Col> cols = new ArrayList<>();
        for (Col c : cur.cols) {
            select.add(c.lazy == null ? q(c.name) : c.lazy + " AS " + q(c.name));
            cols.add(c.lazy == null ? c : new Col(c.name, c.type, c.hidden));
        }
        cur = new Rel(stage("SELECT " + String.join(", ", select) + " FROM " + q(cur.name)), cols, cur.order,
                cur.aggregated);
    }

    private String stage(String select) {
        String name = "q" + ctes.size();
        ctes.add(q(name) + " AS (" + select + ")");
        return name;
    }

    private void base(SourceSchema source, TimeRange range, List<String> baseConditions) {
        StringBuilder s = new StringBuilder("SELECT ");
        List<Col> cols = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SourceSchema.SourceField f : source.fields()) {
            s.append(f.sql()).append(" AS ").append(q(f.name())).append(", ");
            cols.add(new Col(f.name(), f.type(), false));
            names.add(f.name());
        }
        s.append(source.timestampSql()).append(" AS ").append(q("@timestamp"));
        cols.add(new Col("@timestamp", FieldType.TIMESTAMP, false));
        if (!source.messageFields().isEmpty()) {
            // computed where first needed: building it for every record before a limit cost more than the scan
            StringBuilder m = new StringBuilder("concat_ws(' '");
            for (String f : source.messageFields()) {
                SourceSchema.SourceField sf = source.field(f);
                m.append(", coalesce(").append(castText(q(sf.name()), sf.type())).append(", '-')");
            }
            cols.add(new Col("@message", FieldType.STRING, false, m.append(")").toString(),
                    Set.copyOf(source.messageFields())));
        }
        List<OrderKey> order = new ArrayList<>();
        order.add(new OrderKey("@timestamp", true, false));
        for (int i = 0; i < source.orderSql().size(); i++) {
            String n = HIDDEN + "t" + i;
            s.append(", ").append(source.orderSql().get(i)).append(" AS ").append(q(n));
            cols.add(new Col(n, FieldType.INTEGER, true));
            order.add(new OrderKey(n, false, false));
        }
        s.append(" FROM ").append(source.fromSql());
        List<String> where = new ArrayList<>(baseConditions);
        if (range.startMillis() != null) {
            where.add("(" + source.timestampSql() + ") >= " + range.startMillis());
        }
        if (range.endMillis() != null) {
            where.add("(" + source.timestampSql() + ") <= " + range.endMillis());
        }
        if (!where.isEmpty()) {
            s.append(" WHERE ").append(String.join(" AND ", where));
        }
        cur = new Rel(stage(s.toString()), cols, order, false);
    }

    private String castText(String sql, FieldType type) {
        return switch (type) {
            case STRING -> sql;
            case TIMESTAMP -> d.timestampText(sql);
            default -> "CAST(" + sql + " AS VARCHAR)";
        };
    }

    // Commands

    private void fields(Command.Fields f) throws QuerySyntaxException {
        List<Item> pending = new ArrayList<>();
        List<Sql> pendingSql = new ArrayList<>();
        Set<String> pendingNames = new HashSet<>();
        for (Item item : f.items()) {
            checkName(item.name(), item.start());
            if (!pendingNames.isEmpty() && referencesAny(item.expr(), pendingNames)) {
                project(pending, pendingSql);
                pending.clear();
                pendingSql.clear();
                pendingNames.clear();
            }
            Sql sql = compile(item.expr(), new Scope(cur, false));
            show(item.name());
            if (item.expr() instanceof Expr.Field fld && fld.name().equals(item.name())) {
                continue;
            }
            pending.add(item);
            pendingSql.add(sql);
            pendingNames.add(item.name());
        }
        if (!pending.isEmpty()) {
            project(pending, pendingSql);
        }
    }

    private void show(String name) {
        if (shown == null) {
            shown = new ArrayList<>();
            if (cur.aggregated) {
                shown.addAll(cur.visibleNames());
            }
        }
        if (!shown.contains(name)) {
            shown.add(name);
        }
    }

    private void checkName(String name, int pos) throws QuerySyntaxException {
        if (name.startsWith(HIDDEN)) {
            throw error(pos, "names starting with " + HIDDEN + " are reserved; choose another name");
        }
    }

    /** A stage that adds or replaces columns, keeping every other column and the current order. */
    private void project(List<Item> items, List<Sql> sqls) {
        project(items, sqls, false);
    }

    private void project(List<Item> items, List<Sql> sqls, boolean hidden) {
        Map<String, Integer> last = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            last.put(items.get(i).name(), i);
        }
        List<OrderKey> order = new ArrayList<>(cur.order);
        List<Col> cols = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (Col c : cur.cols) {
            Integer idx = last.get(c.name);
            if (idx == null) {
                if (c.lazy == null) {
                    select.add(q(c.name));
                }
                cols.add(c);
                continue;
            }
            for (int k = 0; k < order.size(); k++) {
                if (order.get(k).column.equals(c.name)) {
                    String keep = HIDDEN + "o" + (hiddenCounter++);
                    select.add(q(c.name) + " AS " + q(keep));
                    cols.add(new Col(keep, c.type, true));
                    order.set(k, new OrderKey(keep, order.get(k).desc, order.get(k).natural));
                }
            }
            select.add(sqls.get(idx).text + " AS " + q(c.name));
            cols.add(new Col(c.name, sqls.get(idx).type, c.hidden));
        }
        for (Map.Entry<String, Integer> e : last.entrySet()) {
            if (cur.col(e.getKey()) == null) {
                select.add(sqls.get(e.getValue()).text + " AS " + q(e.getKey()));
                cols.add(new Col(e.getKey(), sqls.get(e.getValue()).type, hidden));
            }
        }
        String s = "SELECT " + String.join(", ", select) + " FROM " + q(cur.name);
        cur = new Rel(stage(s), cols, order, cur.aggregated);
    }

    private void filter(Command.Filter f) throws QuerySyntaxException {
        Sql cond = compile(f.condition(), new Scope(cur, false));
        String s = "SELECT * FROM " + q(cur.name) + " WHERE " + bool(cond).text;
        cur = new Rel(stage(s), cur.cols, cur.order, cur.aggregated);
    }

    private void stats(Command.Stats st) throws QuerySyntaxException {
        List<String> names = new ArrayList<>();
        List<Col> cols = new ArrayList<>();
        StringBuilder s = new StringBuilder("SELECT ");
        List<OrderKey> order = new ArrayList<>();
        for (Item g : st.groups()) {
            checkName(g.name(), g.start());
            if (containsAggregate(g.expr())) {
                throw error(g.start(), "aggregate functions cannot be used after by");
            }
            Sql sql = compile(g.expr(), new Scope(cur, false));
            addStatsColumn(names, g, s);
            s.append(sql.text).append(" AS ").append(q(g.name()));
            cols.add(new Col(g.name(), sql.type, false));
            order.add(new OrderKey(g.name(), false, false));
        }
        for (Item a : st.aggregates()) {
            checkName(a.name(), a.start());
            if (!containsAggregate(a.expr())) {
                throw error(a.start(), "stats needs an aggregate function here (count, sum, avg, min, max, ...)");
            }
            checkFieldsInsideAggregates(a.expr(), false);
            Sql sql = compile(a.expr(), new Scope(cur, true));
            addStatsColumn(names, a, s);
            s.append(sql.text).append(" AS ").append(q(a.name()));
            cols.add(new Col(a.name(), sql.type, false));
        }
        s.append(" FROM ").append(q(cur.name));
        if (!st.groups().isEmpty()) {
            s.append(" GROUP BY ");
            for (int i = 0; i < st.groups().size(); i++) {
                s.append(i == 0 ? "" : ", ").append(i + 1);
            }
        }
        cur = new Rel(stage(s.toString()), cols, order, true);
        shown = new ArrayList<>(names);
        display = null;
    }

    private void addStatsColumn(List<String> names, Item item, StringBuilder s) throws QuerySyntaxException {
        if (names.contains(item.name())) {
            throw error(item.start(), "two stats columns are named " + item.name() + "; rename one with as");
        }
        if (!names.isEmpty()) {
            s.append(", ");
        }
        names.add(item.name());
    }

    private void sort(Command.Sort st) throws QuerySyntaxException {
        List<OrderKey> keys = new ArrayList<>();
        List<Item> computed = new ArrayList<>();
        List<Sql> computedSql = new ArrayList<>();
        for (Command.SortKey k : st.keys()) {
            Col named = k.expr() instanceof Expr.Call ? cur.col(QueryParser.normalize(query.text(), k.expr().start(),
                    k.expr().end())) : null;
            if (k.expr() instanceof Expr.Field f) {
                Col c = resolve(f);
                keys.add(new OrderKey(c.name, k.descending(), c.type == FieldType.STRING));
            } else if (named != null && !named.hidden) {
                keys.add(new OrderKey(named.name, k.descending(), named.type == FieldType.STRING));
            } else {
                Sql sql = compile(k.expr(), new Scope(cur, false));
                String n = HIDDEN + "o" + (hiddenCounter++);
                computed.add(new Item(k.expr(), n, true, k.start(), k.end()));
                computedSql.add(sql);
                keys.add(new OrderKey(n, k.descending(), sql.type == FieldType.STRING));
            }
        }
        if (!computed.isEmpty()) {
            project(computed, computedSql, true);
        }
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).natural) {
                keys.set(i, new OrderKey(naturalRank(keys.get(i).column), keys.get(i).desc, false));
            }
        }
        List<OrderKey> order = new ArrayList<>(keys);
        Set<String> seen = new HashSet<>();
        for (OrderKey k : keys) {
            seen.add(k.column);
        }
        for (OrderKey k : cur.order) {
            if (seen.add(k.column)) {
                order.add(k);
            }
        }
        cur = new Rel(cur.name, cur.cols, order, cur.aggregated);
    }

    /**
     * A hidden column ranking {@code column}'s strings in Logs Insights' natural order (numbers after other
     * values, digit runs by length then value). The order key is costly per value, so it is computed once
     * per distinct value and joined back, not once per record.
     */
    private String naturalRank(String column) {
        String v = HIDDEN + "nv";
        String nr = HIDDEN + "nr";
        String rank = HIDDEN + "r" + (hiddenCounter++);
        String distinct = stage("SELECT DISTINCT " + q(column) + " AS " + q(v) + " FROM " + q(cur.name) + " WHERE "
                + q(column) + " IS NOT NULL");
        String x = q(v);
        String isNum = d.fullMatch(x, NUMBER_TEXT);
        String natural = "CASE WHEN " + isNum + " THEN 1 ELSE 0 END, CASE WHEN " + isNum + " THEN TRY_CAST(" + x
                + " AS DOUBLE) END, CASE WHEN " + isNum + " THEN " + x + " ELSE coalesce(" + d.naturalKey(x) + ", '') END, "
                + x;
        String ranked = stage("SELECT " + x + ", " + d.rowNumber("", natural) + " AS " + q(nr) + " FROM "
                + q(distinct));
        StringBuilder s = new StringBuilder("SELECT ");
        List<Col> cols = new ArrayList<>();
        for (Col c : cur.cols) {
            if (c.lazy == null) {
                s.append("t.").append(q(c.name)).append(", ");
            }
            cols.add(c);
        }
        s.append("r.").append(q(nr)).append(" AS ").append(q(rank)).append(" FROM ").append(q(cur.name))
                .append(" AS t LEFT JOIN ").append(q(ranked)).append(" AS r ON t.").append(q(column)).append(" = r.")
                .append(x);
        cols.add(new Col(rank, FieldType.INTEGER, true));
        cur = new Rel(stage(s.toString()), cols, cur.order, cur.aggregated);
        return rank;
    }

    private void limit(Command.Limit l) {
        String order = orderBy(cur.order);
        String s = "SELECT * FROM " + q(cur.name) + (order.isEmpty() ? "" : " ORDER BY " + order) + " LIMIT "
                + l.count();
        cur = new Rel(stage(s), cur.cols, cur.order, cur.aggregated);
    }

    private void parse(Command.Parse p) throws QuerySyntaxException {
        Sql source = str(compile(p.source(), new Scope(cur, false)));
        String re = d.regex(p.regex(), params);
        regexes.add(new SqlPlan.RegexUse(p.regex(), p.patternStart()));
        List<Item> items = new ArrayList<>();
        List<Sql> sqls = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        if (p.glob()) {
            for (int i = 0; i < p.names().size(); i++) {
                groups.add(i + 1);
            }
        } else {
            for (RegexGroups.Named g : RegexGroups.named(p.regex())) {
                groups.add(g.index());
            }
        }
        for (int i = 0; i < p.names().size(); i++) {
            String n = p.names().get(i);
            checkName(n, p.start());
            items.add(new Item(p.source(), n, true, p.start(), p.end()));
            sqls.add(new Sql(d.regexExtract(source.text, re, groups.get(i), RegexGroups.count(p.regex())),
                    FieldType.STRING));
            show(n);
        }
        project(items, sqls);
    }

    private void dedup(Command.Dedup dd) throws QuerySyntaxException {
        StringBuilder partition = new StringBuilder();
        StringBuilder nulls = new StringBuilder();
        for (Expr.Field f : dd.fields()) {
            Col c = resolve(f);
            partition.append(partition.length() == 0 ? "" : ", ").append(q(c.name));
            nulls.append(" OR ").append(q(c.name)).append(" IS NULL");
        }
        String rn = HIDDEN + "rn" + (hiddenCounter++);
        String numbered = stage("SELECT *, " + d.rowNumber(partition.toString(), orderBy(cur.order)) + " AS "
                + q(rn) + " FROM " + q(cur.name));
        StringBuilder s = new StringBuilder("SELECT ");
        boolean first = true;
        for (Col c : cur.cols) {
            if (c.lazy == null) {
                s.append(first ? "" : ", ").append(q(c.name));
                first = false;
            }
        }
        s.append(" FROM ").append(q(numbered)).append(" WHERE ").append(q(rn)).append(" = 1").append(nulls);
        cur = new Rel(stage(s.toString()), cur.cols, cur.order, cur.aggregated);
    }

    private String orderBy(List<OrderKey> keys) {
        StringBuilder b = new StringBuilder();
        for (OrderKey k : keys) {
            b.append(b.length() > 0 ? ", " : "").append(q(k.column)).append(k.desc ? " DESC NULLS LAST" : " ASC NULLS LAST");
        }
        return b.toString();
    }

    // Names

    private Col resolve(Expr.Field f) throws QuerySyntaxException {
        Col c = cur.col(f.name());
        if (c == null || c.hidden) {
            throw unknownField(f, cur);
        }
        return c;
    }

    private QuerySyntaxException unknownField(Expr.Field f, Rel rel) {
        List<String> known = rel.visibleNames();
        String hint = Suggestions.didYouMean(f.name(), known);
        if (hint.isEmpty()) {
            hint = rel.aggregated ? "; after stats the fields are " + String.join(", ", known)
                    : "; fields include " + String.join(", ", known.subList(0, Math.min(known.size(), 12)))
                    + (known.size() > 12 ? ", ..." : "");
        }
        return error(f.start(), "unknown field '" + f.name() + "'" + hint);
    }

    private static boolean referencesAny(Expr e, Set<String> names) {
        Set<String> refs = new LinkedHashSet<>();
        fieldRefs(e, refs);
        for (String r : refs) {
            if (names.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private static void fieldRefs(Expr e, Set<String> out) {
        if (e instanceof Expr.Field f) {
            out.add(f.name());
        } else if (e instanceof Expr.Call c) {
            if (c.function().name().equals("bin")) {
                out.add("@timestamp");
            }
            for (Expr a : c.args()) {
                fieldRefs(a, out);
            }
        } else if (e instanceof Expr.Unary u) {
            fieldRefs(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            fieldRefs(b.left(), out);
            fieldRefs(b.right(), out);
        } else if (e instanceof Expr.Match m) {
            fieldRefs(m.subject(), out);
        } else if (e instanceof Expr.In in) {
            fieldRefs(in.subject(), out);
            for (Expr v : in.values()) {
                fieldRefs(v, out);
            }
        }
    }

    private static boolean containsAggregate(Expr e) {
        if (e instanceof Expr.Call c) {
            if (c.function().aggregate()) {
                return true;
            }
            for (Expr a : c.args()) {
                if (containsAggregate(a)) {
                    return true;
                }
            }
            return false;
        }
        if (e instanceof Expr.Unary u) {
            return containsAggregate(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return containsAggregate(b.left()) || containsAggregate(b.right());
        }
        if (e instanceof Expr.Match m) {
            return containsAggregate(m.subject());
        }
        if (e instanceof Expr.In in) {
            if (containsAggregate(in.subject())) {
                return true;
            }
            for (Expr v : in.values()) {
                if (containsAggregate(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** In a stats item every field must sit inside an aggregate: there is no single value otherwise. */
    private void checkFieldsInsideAggregates(Expr e, boolean inside) throws QuerySyntaxException {
        if (e instanceof Expr.Field f && !inside) {
            throw error(f.start(), f.name() + " is neither inside an aggregate function nor grouped with by");
        }
        if (e instanceof Expr.Call c) {
            if (c.function().name().equals("bin") && !inside) {
                throw error(c.start(), "bin() belongs after by, as in stats count(*) by bin(5m)");
            }
            for (Expr a : c.args()) {
                checkFieldsInsideAggregates(a, inside || c.function().aggregate());
            }
        } else if (e instanceof Expr.Unary u) {
            checkFieldsInsideAggregates(u.operand(), inside);
        } else if (e instanceof Expr.Binary b) {
            checkFieldsInsideAggregates(b.left(), inside);
            checkFieldsInsideAggregates(b.right(), inside);
        } else if (e instanceof Expr.Match m) {
            checkFieldsInsideAggregates(m.subject(), inside);
        } else if (e instanceof Expr.In in) {
            checkFieldsInsideAggregates(in.subject(), inside);
            for (Expr v : in.values()) {
                checkFieldsInsideAggregates(v, inside);
            }
        }
    }

    // Expressions

    private static final class Scope {
        final Rel rel;
        final boolean aggregates;
        boolean insideAggregate;

        Scope(Rel rel, boolean aggregates) {
            this.rel = rel;
            this.aggregates = aggregates;
        }
    }

    private Sql compile(Expr e, Scope s) throws QuerySyntaxException {
        if (e instanceof Expr.Field f) {
            Col c = s.rel.col(f.name());
            if (c == null || c.hidden) {
                throw unknownField(f, s.rel);
            }
            if (c.lazy != null) {
                throw new IllegalStateException(c.name + " used before it was computed");
            }
            return new Sql(q(c.name), c.type);
        }
        if (e instanceof Expr.NumberLit n) {
            return n.integral() ? new Sql(Long.toString(n.longValue()), FieldType.INTEGER)
                    : new Sql(d.doubleLiteral(n.value()), FieldType.DOUBLE);
        }
        if (e instanceof Expr.StringLit st) {
            return new Sql(d.string(st.value(), params), FieldType.STRING);
        }
        if (e instanceof Expr.PeriodLit p) {
            throw error(p.start(), "a time period such as " + p.period() + " only goes in bin, datefloor or dateceil");
        }
        if (e instanceof Expr.RegexLit r) {
            throw error(r.start(), "a /regular expression/ can only follow like or =~");
        }
        if (e instanceof Expr.Star st) {
            throw error(st.start(), "* only goes in count(*)");
        }
        if (e instanceof Expr.Unary u) {
            Sql x = compile(u.operand(), s);
            if (u.op() == Expr.UnaryOp.NOT) {
                return new Sql("(NOT " + bool(x).text + ")", FieldType.BOOLEAN);
            }
            Sql n = num(x);
            return new Sql("(-" + n.text + ")", n.type);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, s);
        }
        if (e instanceof Expr.Match m) {
            Sql subject = str(compile(m.subject(), s));
            String test;
            if (m.pattern() instanceof Expr.RegexLit r) {
                regexes.add(new SqlPlan.RegexUse(r.pattern(), r.start()));
                test = d.regexMatches(subject.text, d.regex(r.pattern(), params));
            } else {
                test = d.contains(subject.text, d.string(((Expr.StringLit) m.pattern()).value(), params));
            }
            return new Sql(m.negated() ? "(NOT " + test + ")" : test, FieldType.BOOLEAN);
        }
        if (e instanceof Expr.In in) {
            return in(in, s);
        }
        if (e instanceof Expr.Call c) {
            return call(c, s);
        }
        throw new IllegalStateException("unhandled expression " + e);
    }

    private Sql binary(Expr.Binary b, Scope s) throws QuerySyntaxException {
        if (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR) {
            Sql l = bool(compile(b.left(), s));
            Sql r = bool(compile(b.right(), s));
            return new Sql("(" + l.text + " " + b.op().name() + " " + r.text + ")", FieldType.BOOLEAN);
        }
        if (b.op().comparison()) {
            Sql[] sides = comparands(b.left(), b.right(), s);
            return compare(b.op(), sides[0], sides[1]);
        }
        Sql l = compile(b.left(), s);
        Sql r = compile(b.right(), s);
        Sql ln = num(l);
        Sql rn = num(r);
        FieldType t = ln.type == FieldType.INTEGER && rn.type == FieldType.INTEGER ? FieldType.INTEGER
                : FieldType.DOUBLE;
        return switch (b.op()) {
            case ADD, SUB, MUL -> new Sql("(" + ln.text + " " + b.op().symbol + " " + rn.text + ")", t);
            case MOD -> new Sql("(" + ln.text + " % NULLIF(" + rn.text + ", 0))", t);
            case DIV -> new Sql("(CAST(" + ln.text + " AS DOUBLE) / NULLIF(CAST(" + rn.text + " AS DOUBLE), 0))",
                    FieldType.DOUBLE);
            case POW -> new Sql("power(CAST(" + ln.text + " AS DOUBLE), CAST(" + rn.text + " AS DOUBLE))",
                    FieldType.DOUBLE);
            default -> throw new IllegalStateException(b.op().name());
        };
    }

    /**
     * Both sides of a comparison. A string literal facing a non-string reads as a number (or a time) when
     * it is one; it becomes a parameter only when it stays a string, so no parameter goes unused.
     */
    private Sql[] comparands(Expr le, Expr re, Scope s) throws QuerySyntaxException {
        if (le instanceof Expr.StringLit sl && !(re instanceof Expr.StringLit)) {
            Sql r = compile(re, s);
            return new Sql[] {r.type == FieldType.STRING ? compile(le, s) : literalFor(sl, r.type), r};
        }
        Sql l = compile(le, s);
        if (re instanceof Expr.StringLit sr && l.type != FieldType.STRING) {
            return new Sql[] {l, literalFor(sr, l.type)};
        }
        return new Sql[] {l, compile(re, s)};
    }

    /** Comparison with Logs Insights' loose typing: strings compare as strings, anything else as numbers. */
    private Sql compare(BinaryOp op, Sql l, Sql r) {
        String sym = op == BinaryOp.NE ? "<>" : op.symbol;
        String text;
        if (l.type == FieldType.STRING && r.type == FieldType.STRING) {
            text = l.text + " " + sym + " " + r.text;
        } else if (l.type == FieldType.BOOLEAN && r.type == FieldType.BOOLEAN) {
            text = l.text + " " + sym + " " + r.text;
        } else {
            text = num(l).text + " " + sym + " " + num(r).text;
        }
        return new Sql("(" + text + ")", FieldType.BOOLEAN);
    }

    /** A string literal compared with a value of {@code other}'s type: a number or time when it reads as one. */
    private Sql literalFor(Expr.StringLit lit, FieldType other) {
        String v = lit.value();
        if (NUMBER.matcher(v).matches()) {
            double dv = Double.parseDouble(v.trim());
            if (dv == Math.rint(dv) && Math.abs(dv) < 9e15 && !v.contains(".") && !v.toLowerCase().contains("e")) {
                return new Sql(Long.toString((long) dv), FieldType.INTEGER);
            }
            return new Sql(d.doubleLiteral(dv), FieldType.DOUBLE);
        }
        if (other == FieldType.TIMESTAMP) {
            Long ms = parseTime(v);
            if (ms != null) {
                return new Sql(Long.toString(ms), FieldType.INTEGER);
            }
        }
        return new Sql(d.string(v, params), FieldType.STRING);
    }

    static Long parseTime(String v) {
        String t = v.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private Sql in(Expr.In in, Scope s) throws QuerySyntaxException {
        Sql subject = compile(in.subject(), s);
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < in.values().size(); i++) {
            Expr v = in.values().get(i);
            Sql vs = v instanceof Expr.StringLit lit && subject.type != FieldType.STRING ? literalFor(lit, subject.type)
                    : compile(v, s);
            if (i > 0) {
                b.append(" OR ");
            }
            b.append(compare(BinaryOp.EQ, subject, vs).text);
        }
        b.append(")");
        return new Sql(in.negated() ? "(NOT " + b + ")" : b.toString(), FieldType.BOOLEAN);
    }

    private Sql num(Sql x) {
        return switch (x.type) {
            case INTEGER, DOUBLE -> x;
            case TIMESTAMP -> new Sql(x.text, FieldType.INTEGER);
            case BOOLEAN -> new Sql("CAST(" + x.text + " AS INTEGER)", FieldType.INTEGER);
            case STRING -> new Sql("TRY_CAST(" + x.text + " AS DOUBLE)", FieldType.DOUBLE);
        };
    }

    private Sql str(Sql x) {
        return x.type == FieldType.STRING ? x : new Sql(castText(x.text, x.type), FieldType.STRING);
    }

    private Sql bool(Sql x) {
        return switch (x.type) {
            case BOOLEAN -> x;
            case INTEGER, DOUBLE -> new Sql("(" + x.text + " <> 0)", FieldType.BOOLEAN);
            case STRING -> new Sql("(" + x.text + " <> '')", FieldType.BOOLEAN);
            case TIMESTAMP -> new Sql("(" + x.text + " IS NOT NULL)", FieldType.BOOLEAN);
        };
    }

    private List<Sql> args(Expr.Call c, Scope s) throws QuerySyntaxException {
        List<Sql> out = new ArrayList<>();
        for (Expr a : c.args()) {
            out.add(compile(a, s));
        }
        return out;
    }

    private Sql call(Expr.Call c, Scope s) throws QuerySyntaxException {
        Functions.Function f = c.function();
        if (!s.aggregates) {
            // after stats, count(*) or bin(5m) written again names the column stats made
            Col made = s.rel.col(QueryParser.normalize(query.text(), c.start(), c.end()));
            if (made != null && !made.hidden) {
                return new Sql(q(made.name), made.type);
            }
        }
        if (f.aggregate()) {
            if (!s.aggregates) {
                throw error(c.start(), f.name() + " is an aggregate function; use it in stats");
            }
            if (s.insideAggregate) {
                throw error(c.start(), "aggregate functions cannot be nested");
            }
            s.insideAggregate = true;
            try {
                return aggregate(c, s);
            } finally {
                s.insideAggregate = false;
            }
        }
        String name = f.name();
        switch (name) {
            case "bin":
                return new Sql(floorPeriod(timestamp(c, s), period(c, 0)), FieldType.TIMESTAMP);
            case "datefloor":
                return new Sql(floorPeriod(num(compile(c.args().get(0), s)).text, period(c, 1)), FieldType.TIMESTAMP);
            case "dateceil":
                return new Sql(ceilPeriod(num(compile(c.args().get(0), s)).text, period(c, 1)), FieldType.TIMESTAMP);
            case "isIpInSubnet":
            case "isIpv4InSubnet":
            case "isIpv6InSubnet":
                return subnet(c, s);
            default:
                break;
        }
        List<Sql> a = args(c, s);
        switch (name) {
            case "abs": {
                Sql x = num(a.get(0));
                return new Sql("abs(" + x.text + ")", x.type);
            }
            case "ceil":
            case "floor": {
                Sql x = num(a.get(0));
                return x.type == FieldType.INTEGER ? x
                        : new Sql("TRY_CAST(" + name + "(" + x.text + ") AS BIGINT)", FieldType.INTEGER);
            }
            case "greatest":
            case "least": {
                StringBuilder b = new StringBuilder(name).append('(');
                FieldType t = FieldType.INTEGER;
                for (int i = 0; i < a.size(); i++) {
                    Sql x = num(a.get(i));
                    if (x.type != FieldType.INTEGER) {
                        t = FieldType.DOUBLE;
                    }
                    b.append(i == 0 ? "" : ", ").append(x.text);
                }
                if (t == FieldType.DOUBLE) {
                    b = new StringBuilder(name).append('(');
                    for (int i = 0; i < a.size(); i++) {
                        b.append(i == 0 ? "" : ", ").append("CAST(").append(num(a.get(i)).text).append(" AS DOUBLE)");
                    }
                }
                return new Sql(b.append(')').toString(), t);
            }
            case "log": {
                String x = num(a.get(0)).text;
                return new Sql("CASE WHEN " + x + " > 0 THEN " + d.ln("CAST(" + x + " AS DOUBLE)") + " END",
                        FieldType.DOUBLE);
            }
            case "sqrt": {
                String x = num(a.get(0)).text;
                return new Sql("CASE WHEN " + x + " >= 0 THEN sqrt(CAST(" + x + " AS DOUBLE)) END", FieldType.DOUBLE);
            }
            case "ispresent":
                return new Sql("(" + a.get(0).text + " IS NOT NULL)", FieldType.BOOLEAN);
            case "coalesce": {
                FieldType t = a.get(0).type;
                boolean same = true;
                boolean numeric = true;
                for (Sql x : a) {
                    same &= x.type == t;
                    numeric &= x.type.numeric();
                }
                StringBuilder b = new StringBuilder("coalesce(");
                FieldType rt = same ? t : numeric ? FieldType.DOUBLE : FieldType.STRING;
                for (int i = 0; i < a.size(); i++) {
                    Sql x = a.get(i);
                    String text = same ? x.text : numeric ? "CAST(" + x.text + " AS DOUBLE)" : str(x).text;
                    b.append(i == 0 ? "" : ", ").append(text);
                }
                return new Sql(b.append(')').toString(), rt);
            }
            case "isempty": {
                Sql x = str(a.get(0));
                return new Sql("(" + x.text + " IS NULL OR " + x.text + " = '')", FieldType.BOOLEAN);
            }
            case "isblank": {
                Sql x = str(a.get(0));
                return new Sql("(" + x.text + " IS NULL OR " + d.fullMatch(x.text, "\\s*") + ")", FieldType.BOOLEAN);
            }
            case "concat": {
                StringBuilder b = new StringBuilder("concat(");
                for (int i = 0; i < a.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append("coalesce(").append(str(a.get(i)).text).append(", '')");
                }
                if (a.size() == 1) {
                    b.append(", ''");
                }
                return new Sql(b.append(')').toString(), FieldType.STRING);
            }
            case "ltrim":
            case "rtrim":
            case "trim": {
                String x = str(a.get(0)).text;
                String side = name.equals("ltrim") ? "LEADING" : name.equals("rtrim") ? "TRAILING" : "BOTH";
                if (a.size() == 2) {
                    return new Sql(d.trimChars(side, x, str(a.get(1)).text), FieldType.STRING);
                }
                String re = side.equals("LEADING") ? "^\\s+" : side.equals("TRAILING") ? "\\s+$" : "^\\s+|\\s+$";
                return new Sql("regexp_replace(" + x + ", " + d.constant(re) + ", ''"
                        + (d instanceof DuckDbDialect ? ", 'g'" : "") + ")", FieldType.STRING);
            }
            case "strlen":
                return new Sql("length(" + str(a.get(0)).text + ")", FieldType.INTEGER);
            case "toupper":
                return new Sql("upper(" + str(a.get(0)).text + ")", FieldType.STRING);
            case "tolower":
                return new Sql("lower(" + str(a.get(0)).text + ")", FieldType.STRING);
            case "substr": {
                String x = str(a.get(0)).text;
                String start = "greatest(CAST(" + num(a.get(1)).text + " AS BIGINT), 0) + 1";
                String text = a.size() == 3
                        ? "substr(" + x + ", " + start + ", greatest(CAST(" + num(a.get(2)).text + " AS BIGINT), 0))"
                        : "substr(" + x + ", " + start + ")";
                return new Sql(text, FieldType.STRING);
            }
            case "replace":
                return new Sql("replace(" + str(a.get(0)).text + ", " + str(a.get(1)).text + ", " + str(a.get(2)).text
                        + ")", FieldType.STRING);
            case "strcontains":
                return new Sql("CAST(" + d.contains(str(a.get(0)).text, str(a.get(1)).text) + " AS INTEGER)",
                        FieldType.INTEGER);
            case "fromMillis":
                return new Sql("CAST(" + num(a.get(0)).text + " AS BIGINT)", FieldType.TIMESTAMP);
            case "toMillis":
                return new Sql(num(a.get(0)).text, a.get(0).type == FieldType.DOUBLE ? FieldType.DOUBLE
                        : FieldType.INTEGER);
            case "isValidIp": {
                String x = str(a.get(0)).text;
                return new Sql("(" + d.isIpv4(x) + " OR " + d.isIpv6(x) + ")", FieldType.BOOLEAN);
            }
            case "isValidIpV4":
                return new Sql(d.isIpv4(str(a.get(0)).text), FieldType.BOOLEAN);
            case "isValidIpV6":
                return new Sql(d.isIpv6(str(a.get(0)).text), FieldType.BOOLEAN);
            default:
                throw new IllegalStateException("function without translation: " + name);
        }
    }

    private Period period(Expr.Call c, int index) throws QuerySyntaxException {
        Expr a = c.args().get(index);
        if (!(a instanceof Expr.PeriodLit p)) {
            throw error(a.start(), c.function().name() + " needs a time period here, such as 5m or 1h");
        }
        if (p.period().count() <= 0) {
            throw error(a.start(), "the period must be longer than zero");
        }
        if (!p.period().fixed() && p.period().count() != 1) {
            throw error(a.start(), "calendar periods (w, mo, q, y) work one at a time: use 1" + p.period().unit().symbol);
        }
        return p.period();
    }

    private String timestamp(Expr.Call c, Scope s) throws QuerySyntaxException {
        Col t = s.rel.col("@timestamp");
        if (t == null || t.type != FieldType.TIMESTAMP) {
            throw error(c.start(), c.function().name() + " needs @timestamp, which stats has replaced here");
        }
        return q("@timestamp");
    }

    private String floorPeriod(String ms, Period p) {
        if (!p.fixed()) {
            return d.calendarFloor(ms, p.unit().calendarName());
        }
        long n = p.millis();
        return "(" + ms + " - (((" + ms + " % " + n + ") + " + n + ") % " + n + "))";
    }

    private String ceilPeriod(String ms, Period p) {
        if (!p.fixed()) {
            String floor = d.calendarFloor(ms, p.unit().calendarName());
            String next = d.calendarFloor("(" + floor + " + " + calendarStep(p) + ")", p.unit().calendarName());
            return "CASE WHEN " + floor + " = " + ms + " THEN " + floor + " ELSE " + next + " END";
        }
        long n = p.millis();
        return "(" + ms + " + ((" + n + " - (((" + ms + " % " + n + ") + " + n + ") % " + n + ")) % " + n + "))";
    }

    /** More than one and less than two of the calendar unit, in milliseconds. */
    private static long calendarStep(Period p) {
        return switch (p.unit()) {
            case WEEK -> 8L * 86_400_000;
            case MONTH -> 32L * 86_400_000;
            case QUARTER -> 93L * 86_400_000;
            default -> 367L * 86_400_000;
        };
    }

    private Sql subnet(Expr.Call c, Scope s) throws QuerySyntaxException {
        Sql ip = str(compile(c.args().get(0), s));
        Expr cidrArg = c.args().get(1);
        if (!(cidrArg instanceof Expr.StringLit lit)) {
            throw error(cidrArg.start(), "the subnet must be a CIDR block in quotes, such as \"10.0.0.0/8\"");
        }
        IpAddresses.Cidr cidr = IpAddresses.Cidr.parse(lit.value());
        if (cidr == null) {
            throw error(cidrArg.start(), "\"" + lit.value() + "\" is not a CIDR block such as 10.0.0.0/8 or"
                    + " 2001:db8::/32");
        }
        String fn = c.function().name();
        if (fn.equals("isIpv4InSubnet") && cidr.family() != 4) {
            throw error(cidrArg.start(), "isIpv4InSubnet needs an IPv4 CIDR block; use isIpv6InSubnet");
        }
        if (fn.equals("isIpv6InSubnet") && cidr.family() != 6) {
            throw error(cidrArg.start(), "isIpv6InSubnet needs an IPv6 CIDR block; use isIpv4InSubnet");
        }
        String text = cidr.family() == 4 ? d.ipv4InSubnet(ip.text, cidr) : d.ipv6InSubnet(ip.text, cidr);
        return new Sql("coalesce(" + text + ", false)", FieldType.BOOLEAN);
    }

    private Sql aggregate(Expr.Call c, Scope s) throws QuerySyntaxException {
        String name = c.function().name();
        if (name.equals("count")) {
            if (c.args().isEmpty() || c.args().get(0) instanceof Expr.Star) {
                return new Sql("count(*)", FieldType.INTEGER);
            }
            return new Sql("count(" + compile(c.args().get(0), s).text + ")", FieldType.INTEGER);
        }
        Sql x = compile(c.args().get(0), s);
        switch (name) {
            case "avg":
                return new Sql("avg(" + num(x).text + ")", FieldType.DOUBLE);
            case "sum": {
                Sql n = num(x);
                return new Sql("sum(" + n.text + ")", n.type);
            }
            case "stddev":
                return new Sql("stddev_samp(" + num(x).text + ")", FieldType.DOUBLE);
            case "min":
            case "max":
                return new Sql(name + "(" + x.text + ")", x.type);
            case "count_distinct":
                return new Sql("count(DISTINCT " + x.text + ")", FieldType.INTEGER);
            case "pct": {
                Expr p = c.args().get(1);
                if (!(p instanceof Expr.NumberLit n) || n.value() < 0 || n.value() > 100) {
                    throw error(p.start(), "pct needs a percentile between 0 and 100 as a number, such as 95");
                }
                Sql v = num(x);
                return new Sql(d.percentile(v.text, d.doubleLiteral(n.value() / 100.0)), v.type);
            }
            case "earliest":
            case "latest": {
                Col t = s.rel.col("@timestamp");
                if (t == null || t.type != FieldType.TIMESTAMP) {
                    throw error(c.start(), name + " needs @timestamp, which an earlier stats has replaced");
                }
                List<String> parts = new ArrayList<>();
                parts.add(q("@timestamp"));
                for (Col col : s.rel.cols) {
                    if (col.hidden && col.name.startsWith(HIDDEN + "t")) {
                        parts.add(q(col.name));
                    }
                }
                String key = parts.size() == 1 ? parts.get(0) : d.tuple(parts);
                boolean max = name.equals("latest");
                return new Sql(d.argMin(x.text, key, max) + " FILTER (WHERE " + x.text + " IS NOT NULL)", x.type);
            }
            case "sortsFirst":
            case "sortsLast": {
                boolean max = name.equals("sortsLast");
                if (x.type != FieldType.STRING) {
                    return new Sql((max ? "max(" : "min(") + x.text + ")", x.type);
                }
                String isNum = d.fullMatch(x.text, NUMBER_TEXT);
                String key = d.row(List.of("CASE WHEN " + isNum + " THEN 1 ELSE 0 END", "CASE WHEN " + isNum
                        + " THEN TRY_CAST(" + x.text + " AS DOUBLE) END", "CASE WHEN " + isNum + " THEN " + x.text
                        + " ELSE coalesce(" + d.naturalKey(x.text) + ", '') END"));
                return new Sql(d.argMin(x.text, key, max), x.type);
            }
            default:
                throw new IllegalStateException("aggregate without translation: " + name);
        }
    }
}
