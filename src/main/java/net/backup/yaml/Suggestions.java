package net.backup.yaml;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** "Did you mean" for misspelt keys, group and platform names, and the command line's options and commands. */
public final class Suggestions {
    /** More near names than this is no suggestion: what was typed was too vague to point anywhere. */
    private static final int MOST = 3;

    private Suggestions() {
    }

    /**
     * The known names nearest what was typed, sorted; none when nothing is near, or too much is. A misspelling
     * ({@code hots} for {@code host}) gives the names fewest edits away, if that is at most a third of the name (one
     * edit in a short one: 'foo' is not a misspelt 'log'). Else a name written with only some of its words gives the
     * names that hold all of them, the shortest in words: {@code timeout} gives {@code command_timeout} and
     * {@code connect_timeout}, {@code --hosts} gives {@code --known-hosts}.
     */
    public static List<String> near(String typed, Collection<String> known) {
        String word = typed.toLowerCase(Locale.ROOT);
        List<String> misspelt = fewest(known.stream()
                .filter(k -> distance(word, k.toLowerCase(Locale.ROOT)) <= Math.max(1, k.length() / 3)).toList(),
                k -> distance(word, k.toLowerCase(Locale.ROOT)));
        if (!misspelt.isEmpty()) {
            return misspelt;
        }
        Set<String> words = words(typed);
        return fewest(known.stream().filter(k -> words(k).containsAll(words)).toList(), k -> words(k).size());
    }

    /** {@code  (did you mean 'host'?)}, {@code  (did you mean 'a' or 'b'?)}, or nothing. */
    public static String didYouMean(String typed, Collection<String> known) {
        List<String> near = near(typed, known);
        return near.isEmpty() ? "" : " (did you mean " + near.stream().map(k -> "'" + k + "'")
                .collect(Collectors.joining(" or ")) + "?)";
    }

    /** The names that score lowest, sorted (a Set's order differs from run to run); none if more than {@link #MOST}. */
    private static List<String> fewest(List<String> names, ToIntFunction<String> score) {
        int best = names.stream().mapToInt(score).min().orElse(0);
        List<String> nearest = names.stream().filter(k -> score.applyAsInt(k) == best).distinct()
                .sorted(Comparator.naturalOrder()).toList();
        return nearest.size() <= MOST ? nearest : List.of();
    }

    /** {@code --known-hosts} and {@code known_hosts} are the words known and hosts. */
    private static Set<String> words(String name) {
        return Set.copyOf(Arrays.asList(name.toLowerCase(Locale.ROOT).replaceFirst("^-+", "").split("[-_]+", -1)));
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
