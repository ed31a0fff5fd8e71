package org.opencpm.server.config.internal;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt keys: the closest candidate by edit distance, ignoring case, '-' and '_'. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate closest to {@code name}, or {@code null} when none is close enough to be a likely typo. */
    public static String closest(String name, Collection<String> candidates) {
        String n = fold(name);
        int limit = n.length() <= 4 ? 1 : n.length() <= 10 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(n, fold(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
