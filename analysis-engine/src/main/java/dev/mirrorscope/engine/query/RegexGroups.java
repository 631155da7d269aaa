package dev.mirrorscope.engine.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Capture groups of a regular expression as Logs Insights writes them ({@code (?<name>...)}), and the
 * rewrite to RE2's spelling ({@code (?P<name>...)}) that DuckDB needs.
 */
final class RegexGroups {
    /** A named group and its 1-based capture-group number. */
    record Named(String name, int index) {
    }

    private RegexGroups() {
    }

    /** Named groups in order of their opening parenthesis. */
    static List<Named> named(String pattern) {
        List<Named> out = new ArrayList<>();
        scan(pattern, out, null);
        return out;
    }

    /** The number of capturing groups, named or not. */
    static int count(String pattern) {
        return scan(pattern, new ArrayList<>(), null);
    }

    /** {@code pattern} with {@code (?<name>} written as {@code (?P<name>}. */
    static String toRe2(String pattern) {
        StringBuilder b = new StringBuilder();
        scan(pattern, new ArrayList<>(), b);
        return b.toString();
    }

    /** Checks the pattern with Java's regex syntax; returns null or "reason" with the 0-based index in it. */
    static PatternSyntaxException check(String pattern) {
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return e;
        }
    }

    private static int scan(String p, List<Named> named, StringBuilder rewrite) {
        int group = 0;
        int i = 0;
        boolean inClass = false;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                append(rewrite, p, i, Math.min(i + 2, p.length()));
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                append(rewrite, p, i, i + 1);
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                append(rewrite, p, i, i + 1);
                i++;
                if (i < p.length() && p.charAt(i) == '^') {
                    append(rewrite, p, i, i + 1);
                    i++;
                }
                if (i < p.length() && p.charAt(i) == ']') {
                    append(rewrite, p, i, i + 1);
                    i++;
                }
                continue;
            }
            if (c == '(') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '?') {
                    int nameStart = -1;
                    int skip = 0;
                    if (p.startsWith("(?<", i) && i + 3 < p.length() && p.charAt(i + 3) != '=' && p.charAt(i + 3) != '!') {
                        nameStart = i + 3;
                        skip = 3;
                    } else if (p.startsWith("(?P<", i)) {
                        nameStart = i + 4;
                        skip = 4;
                    }
                    if (nameStart >= 0) {
                        int close = p.indexOf('>', nameStart);
                        if (close > nameStart) {
                            group++;
                            named.add(new Named(p.substring(nameStart, close), group));
                            if (rewrite != null) {
                                rewrite.append("(?P<").append(p, nameStart, close + 1);
                            }
                            i = close + 1;
                            continue;
                        }
                    }
                    append(rewrite, p, i, i + 2 + Math.max(0, skip - 2));
                    i += 2 + Math.max(0, skip - 2);
                    continue;
                }
                group++;
            }
            append(rewrite, p, i, i + 1);
            i++;
        }
        return group;
    }

    private static void append(StringBuilder b, String p, int from, int to) {
        if (b != null) {
            b.append(p, from, to);
        }
    }
}
