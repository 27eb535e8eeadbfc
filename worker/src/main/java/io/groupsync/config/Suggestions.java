package io.groupsync.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/** "Did you mean …?" for a misspelt key, name or environment variable. */
final class Suggestions {

    private static final DamerauLevenshteinDistance DISTANCE = new DamerauLevenshteinDistance();

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code wrong}, if close enough to be a typo. Case, dashes, underscores and dots are
     * ignored, so {@code bootstrapServers} and {@code bootstrap_servers} both find {@code bootstrap-servers}; a swap
     * of two neighbouring letters counts as one edit.
     */
    static Optional<String> closest(String wrong, Collection<String> candidates) {
        String w = normalize(wrong);
        int tolerance = Math.max(2, w.length() / 3);
        return candidates.stream()
                .filter(c -> distance(w, c) <= tolerance && distance(w, c) < w.length())
                .min(Comparator.comparingInt(c -> distance(w, c)));
    }

    private static int distance(String normalized, String candidate) {
        return DISTANCE.apply(normalized, normalize(candidate));
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }
}
