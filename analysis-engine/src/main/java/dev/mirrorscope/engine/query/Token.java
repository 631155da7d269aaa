package dev.mirrorscope.engine.query;

/** One lexical token: its kind, its decoded value and its [start, end) range in the query text. */
record Token(Kind kind, String value, int start, int end) {
    enum Kind {
        IDENT, QUOTED_IDENT, NUMBER, PERIOD, STRING, REGEX,
        PIPE, COMMA, LPAREN, RPAREN, LBRACKET, RBRACKET,
        STAR, PLUS, MINUS, SLASH, CARET, PERCENT,
        EQ, NE, LT, LE, GT, GE, MATCH, EOF
    }

    /** True for a bare (not backticked) identifier equal to {@code word}, ignoring case. */
    boolean isWord(String word) {
        return kind == Kind.IDENT && value.equalsIgnoreCase(word);
    }

    String describe() {
        return switch (kind) {
            case EOF -> "the end of the query";
            case STRING -> "the string \"" + value + "\"";
            case REGEX -> "the regular expression /" + value + "/";
            case QUOTED_IDENT -> "`" + value + "`";
            default -> "'" + value + "'";
        };
    }
}
