package dev.mirrorscope.engine.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" candidates: the known names closest to a misspelt one. */
final class Suggestions {
    private Suggestions() {
    }

    /** Up to {@code max} names of {@code known} closest to {@code name}, closest first; empty when none is close. */
    static List<String> closest(String name, Collection<String> known, int max) {
        record Scored(String name, int distance) {
        }
        String lower = name.toLowerCase(Locale.ROOT);
        List<Scored> scored = new ArrayList<>();
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            int d = kl.equals(lower) ? 0 : distance(lower, kl) + 1;
            if (kl.contains(lower) || lower.contains(kl)) {
                d = Math.min(d, 2);
            }
            int budget = Math.max(2, Math.max(lower.length(), kl.length()) / 2);
            if (d <= budget) {
                scored.add(new Scored(k, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        List<String> out = new ArrayList<>();
        for (Scored s : scored) {
            if (out.size() == max) {
                break;
            }
            out.add(s.name);
        }
        return out;
    }

    /** ", did you mean a, b or c?" or "" */
    static String didYouMean(String name, Collection<String> known) {
        List<String> c = closest(name, known, 3);
        if (c.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; did you mean ");
        for (int i = 0; i < c.size(); i++) {
            if (i > 0) {
                b.append(i == c.size() - 1 ? " or " : ", ");
            }
            b.append(c.get(i));
        }
        return b.append('?').toString();
    }

    /** Levenshtein distance with adjacent transposition counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
