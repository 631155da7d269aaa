package dev.mirrorscope.engine.query;

import dev.mirrorscope.engine.query.Token.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Colouring spans for a query editor, made with the parser's own lexer so the colours agree with what
 * runs. Tolerant: from the first thing that does not lex, the rest is one {@link Style#ERROR} span.
 */
public final class QueryHighlighter {
    public enum Style { COMMAND, KEYWORD, FUNCTION, FIELD, STRING, REGEX, NUMBER, PERIOD, OPERATOR, COMMENT, ERROR }

    /** [start, end) of the text in one style. */
    public record Span(int start, int end, Style style) {
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "like", "as", "by", "asc", "desc");

    private QueryHighlighter() {
    }

    public static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        QueryLexer lexer;
        try {
            lexer = new QueryLexer(text);
        } catch (QuerySyntaxException e) {
            return List.of(new Span(0, text.length(), Style.ERROR));
        }
        boolean commandStart = true;
        boolean inParse = false;
        Token previous = null;
        try {
            while (true) {
                Token t = lexer.next();
                if (t.kind() == Kind.EOF) {
                    break;
                }
                if (t.kind() == Kind.SLASH && previous != null && (previous.kind() == Kind.MATCH
                        || previous.isWord("like") || (inParse && (previous.isWord("parse")
                        || previous.kind() == Kind.IDENT || previous.kind() == Kind.QUOTED_IDENT)))) {
                    t = lexer.regexAt(t);
                }
                Style style = switch (t.kind()) {
                    case IDENT -> {
                        if (commandStart) {
                            yield Style.COMMAND;
                        }
                        if (KEYWORDS.contains(t.value().toLowerCase(Locale.ROOT))) {
                            yield Style.KEYWORD;
                        }
                        yield lexer.peek().kind() == Kind.LPAREN ? Style.FUNCTION : Style.FIELD;
                    }
                    case QUOTED_IDENT -> Style.FIELD;
                    case STRING -> Style.STRING;
                    case REGEX -> Style.REGEX;
                    case NUMBER -> Style.NUMBER;
                    case PERIOD -> Style.PERIOD;
                    default -> Style.OPERATOR;
                };
                out.add(new Span(t.start(), t.end(), style));
                if (commandStart && t.kind() == Kind.IDENT) {
                    inParse = t.isWord("parse");
                }
                commandStart = t.kind() == Kind.PIPE;
                if (commandStart) {
                    inParse = false;
                }
                previous = t;
            }
        } catch (QuerySyntaxException e) {
            int from = out.isEmpty() ? 0 : out.get(out.size() - 1).end();
            from = Math.min(Math.max(from, e.position()), text.length());
            addComments(lexer, out);
            out.add(new Span(from, text.length(), Style.ERROR));
            out.sort(Comparator.comparingInt(Span::start));
            return out;
        }
        addComments(lexer, out);
        out.sort(Comparator.comparingInt(Span::start));
        return out;
    }

    private static void addComments(QueryLexer lexer, List<Span> out) {
        for (int[] c : lexer.comments()) {
            out.add(new Span(c[0], c[1], Style.COMMENT));
        }
    }
}
