package dev.mirrorscope.app.common;

import java.util.Comparator;
import java.util.function.Function;

/**
 * One column of a table, defined once for the table on screen and its CSV export: an id (for remembered
 * widths), a title, a width, the alignment, the text shown, and a value to sort by (null sorts last).
 */
public record ColumnSpec<T>(String id, String title, double width, boolean alignRight, Function<T, String> text,
                            Function<T, ? extends Comparable<?>> sortKey) {

    public static <T> ColumnSpec<T> text(String id, String title, double width, Function<T, String> text) {
        return new ColumnSpec<>(id, title, width, false, text, text);
    }

    public static <T> ColumnSpec<T> number(String id, String title, double width, Function<T, ? extends Number> value) {
        Function<T, String> text = t -> {
            Number n = value.apply(t);
            return n == null ? "" : n.toString();
        };
        return new ColumnSpec<>(id, title, width, true, text, t -> {
            Number n = value.apply(t);
            return n == null ? null : n.doubleValue();
        });
    }

    public ColumnSpec<T> sortedBy(Function<T, ? extends Comparable<?>> key) {
        return new ColumnSpec<>(id, title, width, alignRight, text, key);
    }

    /** Orders rows by this column's sort key, nulls last. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Comparator<T> comparator() {
        Comparator<Comparable> natural = Comparator.nullsLast(Comparator.naturalOrder());
        Function<T, ? extends Comparable<?>> key = sortKey != null ? sortKey : text;
        return (a, b) -> natural.compare((Comparable) key.apply(a), (Comparable) key.apply(b));
    }
}
