package net.backup.yaml;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt keys, group and platform names. */
public final class Suggestions {
    private Suggestions() {
    }

    public static Optional<String> nearest(String typed, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(typed.toLowerCase(), k.toLowerCase())))
                .filter(k -> distance(typed.toLowerCase(), k.toLowerCase()) <= Math.max(2, k.length() / 3));
    }

    public static String didYouMean(String typed, Collection<String> known) {
        return nearest(typed, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    /**
     * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), since
     * "cisco_iso" for "cisco_ios" is the typo people make. The strings here are a few characters long.
     */
    public static int distance(String a, String b) {
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
