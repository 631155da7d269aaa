package dev.mirrorscope.engine.query;

import java.util.List;

/** One command of a query; {@code start} is the position of its keyword. */
public sealed interface Command {
    int start();

    /** Position just after the command's last token. */
    int end();

    /** An expression with the name its result takes: the alias, the field name, or the text as written. */
    record Item(Expr expr, String name, boolean aliased, int start, int end) {
    }

    record Fields(List<Item> items, int start, int end) implements Command {
    }

    record Display(List<Expr.Field> fields, int start, int end) implements Command {
    }

    record Filter(Expr condition, int start, int end) implements Command {
    }

    record Stats(List<Item> aggregates, List<Item> groups, int start, int end) implements Command {
    }

    record SortKey(Expr expr, boolean descending, int start, int end) {
    }

    record Sort(List<SortKey> keys, int start, int end) implements Command {
    }

    record Limit(long count, int start, int end) implements Command {
    }

    /**
     * {@code parse}: a glob (each {@code *} captures, names from {@code as}) or a regular expression with
     * named groups. {@code regex} is the pattern to run (for a glob, derived from it); {@code names} the
     * fields it creates, in capture-group order.
     */
    record Parse(Expr source, boolean glob, String pattern, String regex, List<String> names, int patternStart,
                 int start, int end) implements Command {
    }

    record Dedup(List<Expr.Field> fields, int start, int end) implements Command {
    }
}
