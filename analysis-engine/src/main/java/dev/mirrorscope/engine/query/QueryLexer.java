package dev.mirrorscope.engine.query;

import dev.mirrorscope.engine.query.Token.Kind;

/**
 * Splits Logs Insights query text into tokens on demand. A slash is division or the start of a
 * {@code /regular expression/} depending on where the parser is, so the parser asks for a regular
 * expression explicitly ({@link #regexAt}) when it expects an operand.
 */
final class QueryLexer {
    private final String text;
    private int pos;
    private Token peeked;
    private final java.util.List<int[]> comments = new java.util.ArrayList<>();

    QueryLexer(String text) throws QuerySyntaxException {
        this.text = text;
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new QuerySyntaxException(text, nul, "the query contains a NUL character");
        }
    }

    String text() {
        return text;
    }

    /** [start, end) of the comments skipped so far. */
    java.util.List<int[]> comments() {
        return comments;
    }

    Token peek() throws QuerySyntaxException {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    Token next() throws QuerySyntaxException {
        Token t = peek();
        peeked = null;
        return t;
    }

    /** Re-reads from the slash token {@code slash} as a regular expression up to the closing slash. */
    Token regexAt(Token slash) throws QuerySyntaxException {
        int i = slash.start() + 1;
        StringBuilder b = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(i + 1);
                if (n == '/') {
                    b.append('/');
                } else {
                    b.append(c).append(n);
                }
                i += 2;
                continue;
            }
            if (c == '/') {
                pos = i + 1;
                peeked = null;
                return new Token(Kind.REGEX, b.toString(), slash.start(), i + 1);
            }
            if (c == '\n') {
                break;
            }
            b.append(c);
            i++;
        }
        throw new QuerySyntaxException(text, slash.start(), "the regular expression starting here has no closing /");
    }

    private Token scan() throws QuerySyntaxException {
        skipSpaceAndComments();
        if (pos >= text.length()) {
            return new Token(Kind.EOF, "", text.length(), text.length());
        }
        int start = pos;
        char c = text.charAt(pos);
        if (isIdentStart(c)) {
            pos++;
            while (pos < text.length() && isIdentPart(text.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.IDENT, text.substring(start, pos), start, pos);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        switch (c) {
            case '"', '\'':
                return string(start, c);
            case '`':
                return backticked(start);
            case '|':
                return single(Kind.PIPE, start);
            case ',':
                return single(Kind.COMMA, start);
            case '(':
                return single(Kind.LPAREN, start);
            case ')':
                return single(Kind.RPAREN, start);
            case '[':
                return single(Kind.LBRACKET, start);
            case ']':
                return single(Kind.RBRACKET, start);
            case '*':
                return single(Kind.STAR, start);
            case '+':
                return single(Kind.PLUS, start);
            case '-':
                return single(Kind.MINUS, start);
            case '/':
                return single(Kind.SLASH, start);
            case '^':
                return single(Kind.CARET, start);
            case '%':
                return single(Kind.PERCENT, start);
            case '=':
                if (at(pos + 1) == '~') {
                    pos += 2;
                    return new Token(Kind.MATCH, "=~", start, pos);
                }
                if (at(pos + 1) == '=') {
                    pos += 2;
                    return new Token(Kind.EQ, "==", start, pos);
                }
                return single(Kind.EQ, start);
            case '!':
                if (at(pos + 1) == '=') {
                    pos += 2;
                    return new Token(Kind.NE, "!=", start, pos);
                }
                throw new QuerySyntaxException(text, start, "unexpected '!'; use != or not");
            case '<':
                if (at(pos + 1) == '=') {
                    pos += 2;
                    return new Token(Kind.LE, "<=", start, pos);
                }
                if (at(pos + 1) == '>') {
                    pos += 2;
                    return new Token(Kind.NE, "<>", start, pos);
                }
                return single(Kind.LT, start);
            case '>':
                if (at(pos + 1) == '=') {
                    pos += 2;
                    return new Token(Kind.GE, ">=", start, pos);
                }
                return single(Kind.GT, start);
            default:
                throw new QuerySyntaxException(text, start, "unexpected character '" + c + "'"
                        + (Character.isLetter(c) ? "" : "; names with characters other than letters, digits,"
                        + " _, @ and . need backticks"));
        }
    }

    private Token single(Kind kind, int start) {
        pos = start + 1;
        return new Token(kind, text.substring(start, pos), start, pos);
    }

    private char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                int from = pos;
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
                comments.add(new int[] {from, pos});
            } else {
                return;
            }
        }
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@';
    }

    static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '.';
    }

    private Token number(int start) throws QuerySyntaxException {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        int integralEnd = pos;
        if (at(pos) == '.' && Character.isDigit(at(pos + 1))) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if ((at(pos) == 'e' || at(pos) == 'E')
                && (Character.isDigit(at(pos + 1)) || ((at(pos + 1) == '+' || at(pos + 1) == '-')
                && Character.isDigit(at(pos + 2))))) {
            pos += 2;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            int unitStart = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            String unit = text.substring(unitStart, pos);
            boolean more = pos < text.length() && isIdentPart(text.charAt(pos)) && text.charAt(pos) != '.';
            if (Period.unitMillis(unit) == 0 || more) {
                while (pos < text.length() && isIdentPart(text.charAt(pos))) {
                    pos++;
                }
                throw new QuerySyntaxException(text, start, "'" + text.substring(start, pos) + "' is neither a number"
                        + " nor a time period (units ms, s, m, h, d, w, mo, q, y, as in 5m); a name starting with a"
                        + " digit needs backticks");
            }
            if (integralEnd != unitStart) {
                throw new QuerySyntaxException(text, start, "a time period needs a whole number, like 90s");
            }
            return new Token(Kind.PERIOD, text.substring(start, pos), start, pos);
        }
        if (pos < text.length() && isIdentPart(text.charAt(pos)) && text.charAt(pos) != '.') {
            throw new QuerySyntaxException(text, start, "a name cannot start with a digit; put it in backticks");
        }
        return new Token(Kind.NUMBER, text.substring(start, pos), start, pos);
    }

    private Token string(int start, char quote) throws QuerySyntaxException {
        StringBuilder b = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(i + 1);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\', '"', '\'' -> b.append(n);
                    default -> b.append(c).append(n);
                }
                i += 2;
                continue;
            }
            if (c == quote) {
                pos = i + 1;
                return new Token(Kind.STRING, b.toString(), start, pos);
            }
            b.append(c);
            i++;
        }
        throw new QuerySyntaxException(text, start, "the string starting here has no closing " + quote);
    }

    private Token backticked(int start) throws QuerySyntaxException {
        StringBuilder b = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`') {
                if (at(i + 1) == '`') {
                    b.append('`');
                    i += 2;
                    continue;
                }
                pos = i + 1;
                if (b.length() == 0) {
                    throw new QuerySyntaxException(text, start, "empty name between backticks");
                }
                return new Token(Kind.QUOTED_IDENT, b.toString(), start, pos);
            }
            b.append(c);
            i++;
        }
        throw new QuerySyntaxException(text, start, "the name starting here has no closing backtick");
    }
}
