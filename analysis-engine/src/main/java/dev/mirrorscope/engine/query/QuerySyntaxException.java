package dev.mirrorscope.engine.query;

/**
 * A query that cannot run as written: where (0-based character offset, 1-based line and column) and
 * why. Thrown for syntax errors and for errors found against the data's fields (an unknown field, an
 * aggregate outside {@code stats}), so the console can underline the spot either way.
 */
public final class QuerySyntaxException extends Exception {
    private final int position;
    private final int line;
    private final int column;
    private final String reason;

    public QuerySyntaxException(String query, int position, String reason) {
        super(format(query, position, reason));
        this.position = position;
        int[] lc = lineColumn(query, position);
        this.line = lc[0];
        this.column = lc[1];
        this.reason = reason;
    }

    /** 0-based character offset into the query text. */
    public int position() {
        return position;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The reason alone, without the position. */
    public String reason() {
        return reason;
    }

    private static String format(String query, int position, String reason) {
        int[] lc = lineColumn(query, position);
        return "query line " + lc[0] + ", column " + lc[1] + ": " + reason;
    }

    static int[] lineColumn(String text, int position) {
        int line = 1;
        int col = 1;
        int end = Math.min(Math.max(position, 0), text == null ? 0 : text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }
}
