package net.backup.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.platform.RegexGuard;

/**
 * Matches a whole line against a pattern, ignoring blanks around it, without copying the line or making
 * a new {@link Matcher}: this runs several times on every line of every backup.
 */
final class LineMatcher {
    private final Matcher matcher;
    private final RegexGuard.GuardedText view;

    LineMatcher(Pattern pattern) {
        this(pattern, RegexGuard.NONE);
    }

    /** @param guard stops the match once the task is over (the pattern is the user's, the line the device's) */
    LineMatcher(Pattern pattern, RegexGuard guard) {
        this.matcher = pattern.matcher("");
        this.view = new RegexGuard.GuardedText(guard);
    }

    boolean matches(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return matcher.reset(view.reset(line)).region(start, end).matches();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
