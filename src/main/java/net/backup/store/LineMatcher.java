package net.backup.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.platform.MatchPrefilter;
import net.backup.platform.RegexGuard;

/**
 * Matches a whole line against a pattern, ignoring blanks around it, without copying the line or making
 * a new {@link Matcher}: this runs several times on every line of every backup. A line too short for a
 * match, or whose first character no match begins with, is answered without the regex ({@link MatchPrefilter}).
 */
final class LineMatcher {
    private final Matcher matcher;
    private final RegexGuard.GuardedText view;
    private final MatchPrefilter prefilter;

    LineMatcher(Pattern pattern) {
        this(pattern, RegexGuard.NONE);
    }

    /** @param guard stops the match once the task is over (the pattern is the user's, the line the device's) */
    LineMatcher(Pattern pattern, RegexGuard guard) {
        this.view = new RegexGuard.GuardedText(guard);
        this.matcher = pattern.matcher(view);
        this.prefilter = MatchPrefilter.of(pattern);
    }

    boolean matches(String line) {
        return matches(line, 0, line.length());
    }

    /**
     * The line {@code text[from, to)}, matched as if it were a string of its own: the region's bounds are
     * opaque to lookarounds and boundaries, and anchor {@code ^} and {@code $}.
     */
    boolean matches(CharSequence text, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        if (!prefilter.mayMatchWhole(text, start, end)) {
            return false;
        }
        view.reset(text);
        return matcher.region(start, end).matches();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
