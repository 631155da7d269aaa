package dev.mirrorscope.engine.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What may be typed at a caret: command names where a command starts, else fields (the engine's and
 * the aliases the query defines before the caret), functions and keywords, each matching the word
 * being typed (ignoring case). Nothing inside strings, regular expressions or comments.
 */
public final class QueryCompletion {
    public enum Kind { COMMAND, FIELD, FUNCTION, KEYWORD }

    /** A candidate: the text that replaces [{@code replaceStart}, caret) and a line of help. */
    public record Candidate(String text, Kind kind, String detail, int replaceStart) {
    }

    private static final List<String> KEYWORDS = List.of("and", "or", "not", "in", "like", "as", "by", "asc", "desc");

    private QueryCompletion() {
    }

    public static List<Candidate> at(String text, int caret, Collection<String> fields) {
        caret = Math.max(0, Math.min(caret, text.length()));
        int start = caret;
        while (start > 0 && QueryLexer.isIdentPart(text.charAt(start - 1))) {
            start--;
        }
        String prefix = text.substring(start, caret);
        String before = text.substring(0, start);
        if (insideLiteral(before)) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        String lead = before.strip();
        boolean commandStart = lead.isEmpty() || lead.endsWith("|");
        if (commandStart) {
            for (String c : QueryParser.COMMANDS) {
                if (matches(c, prefix)) {
                    out.add(new Candidate(c, Kind.COMMAND, "command", start));
                }
            }
            return out;
        }
        Set<String> names = new LinkedHashSet<>(fields);
        names.addAll(aliases(before));
        for (String f : names) {
            if (matches(f, prefix)) {
                boolean plain = f.chars().allMatch(ch -> QueryLexer.isIdentPart((char) ch))
                        && QueryLexer.isIdentStart(f.charAt(0));
                out.add(new Candidate(plain ? f : "`" + f.replace("`", "``") + "`", Kind.FIELD, "field", start));
            }
        }
        for (Functions.Function f : Functions.all()) {
            if (matches(f.name(), prefix)) {
                out.add(new Candidate(f.name() + "(", Kind.FUNCTION, f.signature() + ": " + f.description(), start));
            }
        }
        for (String k : KEYWORDS) {
            if (!prefix.isEmpty() && matches(k, prefix)) {
                out.add(new Candidate(k, Kind.KEYWORD, "keyword", start));
            }
        }
        return out;
    }

    private static boolean matches(String candidate, String prefix) {
        return candidate.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                && !candidate.equals(prefix);
    }

    /** Names after {@code as} (and parse's named groups are left out: the query is still being typed). */
    private static List<String> aliases(String before) {
        List<String> out = new ArrayList<>();
        String[] words = before.split("[\\s,|()]+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equalsIgnoreCase("as") && !words[i + 1].isEmpty()) {
                out.add(words[i + 1].replace("`", ""));
            }
        }
        return out;
    }

    /** True when an open string, backtick name or comment runs up to the caret. */
    private static boolean insideLiteral(String before) {
        char open = 0;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (open != 0) {
                if (c == '\\' && open != '`') {
                    i++;
                } else if (c == open || (open == '#' && c == '\n')) {
                    open = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`' || c == '#') {
                open = c;
            }
        }
        return open != 0;
    }
}
