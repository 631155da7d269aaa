package dev.mirrorscope.engine.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every field reference written in a query, in text order (for highlighting and rewriting). */
public final class QueryFields {
    private QueryFields() {
    }

    public static List<Expr.Field> references(Query query) {
        List<Expr.Field> out = new ArrayList<>();
        for (Command c : query.commands()) {
            if (c instanceof Command.Fields f) {
                for (Command.Item i : f.items()) {
                    walk(i.expr(), out);
                }
            } else if (c instanceof Command.Filter f) {
                walk(f.condition(), out);
            } else if (c instanceof Command.Stats s) {
                for (Command.Item i : s.aggregates()) {
                    walk(i.expr(), out);
                }
                for (Command.Item i : s.groups()) {
                    walk(i.expr(), out);
                }
            } else if (c instanceof Command.Sort s) {
                for (Command.SortKey k : s.keys()) {
                    walk(k.expr(), out);
                }
            } else if (c instanceof Command.Parse p) {
                if (p.source().end() > p.source().start() && p.source().start() > p.start()) {
                    walk(p.source(), out);
                }
            } else if (c instanceof Command.Display d) {
                out.addAll(d.fields());
            } else if (c instanceof Command.Dedup d) {
                out.addAll(d.fields());
            }
        }
        out.sort(Comparator.comparingInt(Expr.Field::start));
        return out;
    }

    private static void walk(Expr e, List<Expr.Field> out) {
        if (e instanceof Expr.Field f) {
            out.add(f);
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) {
                walk(a, out);
            }
        } else if (e instanceof Expr.Unary u) {
            walk(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            walk(b.left(), out);
            walk(b.right(), out);
        } else if (e instanceof Expr.Match m) {
            walk(m.subject(), out);
        } else if (e instanceof Expr.In in) {
            walk(in.subject(), out);
            for (Expr v : in.values()) {
                walk(v, out);
            }
        }
    }
}
