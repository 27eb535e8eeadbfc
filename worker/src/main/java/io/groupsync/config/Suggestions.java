package io.groupsync.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for a misspelt key or environment variable. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code wrong}, if close enough to be a typo. Case, dashes, underscores and dots are
     * ignored, so {@code bootstrapServers} and {@code bootstrap_servers} both find {@code bootstrap-servers}; a
     * swap of two neighbouring letters counts as one edit.
     */
    static Optional<String> closest(String wrong, Collection<String> candidates) {
        String w = normalize(wrong);
        int tolerance = Math.max(2, w.length() / 3);
        return candidates.stream()
                .filter(c -> {
                    int d = distance(w, normalize(c));
                    return d <= tolerance && d < w.length();
                })
                .min(Comparator.comparingInt(c -> distance(w, normalize(c))));
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    private static int distance(String a, String b) {
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
