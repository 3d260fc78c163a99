package net.backup.session;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.platform.MatchPrefilter;
import net.backup.platform.RegexGuard;

/**
 * Turns what a terminal would have shown into plain text: line ends become LF, a backspace deletes the
 * character before it, a bare CR starts its line over, pager prompts disappear. IOS erases
 * {@code --More--} with backspaces, spaces and backspaces again, which this reduces to nothing.
 */
final class OutputCleaner {
    private OutputCleaner() {
    }

    static String clean(String raw, Pattern pagerPrompt) {
        return clean(raw, pagerPrompt, RegexGuard.NONE);
    }

    /** @param guard stops the pager pattern once the task is over */
    static String clean(String raw, Pattern pagerPrompt, RegexGuard guard) {
        var out = new StringBuilder(raw.length());
        Matcher pager = pagerPrompt.matcher("");
        var terminal = new TerminalLine(pager, guard);
        var pagerStart = MatchPrefilter.of(pagerPrompt);
        int length = raw.length();
        for (int lineStart = 0; lineStart <= length; ) {
            // One look at each character finds the line's end and whether the terminal would change it: only
            // a backspace, an erase or a CR before the end of the line does (the CRs that end it are dropped).
            int i = lineStart;
            int trailingCr = -1;
            boolean plain = true;
            char c;
            while (i < length && (c = raw.charAt(i)) != '\n') {
                if (c == '\r') {
                    if (trailingCr < 0) {
                        trailingCr = i;
                    }
                } else {
                    if (trailingCr >= 0 || c == '\b' || c == TerminalFilter.ERASE_LINE) {
                        plain = false;
                    }
                    trailingCr = -1;
                }
                i++;
            }
            int shownEnd = trailingCr >= 0 ? trailingCr : i;
            if (plain && shownEnd > lineStart && !pagerStart.mayMatchAtStartOf(raw, lineStart, shownEnd)) {
                out.append(raw, lineStart, shownEnd).append('\n'); // what render and emit would do, without copies
            } else if (i > lineStart) {
                emit(terminal.render(raw, lineStart, i), out, pager, terminal.view, pagerStart);
            } else if (i < length) {
                emit(new StringBuilder(), out, pager, terminal.view, pagerStart);
            }
            lineStart = i + 1;
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1); // no newline after the last line
        }
        return out.toString();
    }

    /** Appends one finished line, less any pager prompt at its start. */
    private static void emit(StringBuilder line, StringBuilder out, Matcher pager, RegexGuard.GuardedText view,
            MatchPrefilter pagerStart) {
        int start = 0;
        // Where no prompt can be (the line begins with what none begins with), an empty match, for a pattern
        // that allows one, would leave the line as it is.
        if (pagerStart.mayMatchAtStartOf(line, 0, line.length()) && pager.reset(view.reset(line)).lookingAt()) {
            start = pager.end();
            if (start == line.length()) {
                return;
            }
        }
        out.append(line, start, line.length()).append('\n');
    }

    static Optional<String> firstMatchingLine(String text, Pattern pattern, RegexGuard guard) {
        return text.lines().map(line -> line.replace("\r", "").strip())
                .filter(line -> pattern.matcher(guard.text(line)).matches())
                .findFirst();
    }

    /**
     * One line as a terminal shows it: a backspace deletes the character before it, a bare CR starts the
     * line over. Devices use both to erase their pager prompt, and only that: if what was erased is not
     * blanks or a pager prompt, the raw line is kept, control characters and all, so the configuration
     * check refuses it. Line noise must never be tidied into something that looks like a configuration.
     */
    private static final class TerminalLine {
        private final Matcher pager;
        private final RegexGuard.GuardedText view;
        private final StringBuilder shown = new StringBuilder(256);
        private final StringBuilder erased = new StringBuilder();

        TerminalLine(Matcher pager, RegexGuard guard) {
            this.pager = pager;
            this.view = new RegexGuard.GuardedText(guard);
        }

        StringBuilder render(String raw, int from, int to) {
            shown.setLength(0);
            erased.setLength(0);
            for (int i = from; i < to; i++) {
                char c = raw.charAt(i);
                if (c == '\r') {
                    boolean lineEnd = i + 1 == to || raw.charAt(i + 1) == '\r';
                    if (!lineEnd) {
                        erased.append(shown);
                        shown.setLength(0);
                    }
                } else if (c == '\b') {
                    if (shown.length() > 0) {
                        erased.append(shown.charAt(shown.length() - 1));
                        shown.setLength(shown.length() - 1);
                    }
                } else if (c != TerminalFilter.ERASE_LINE) { // at the end of what is shown, it erases nothing
                    shown.append(c);
                }
            }
            if (erased.toString().isBlank() || erasedOnlyPagerPrompts()) {
                return shown;
            }
            int end = to;
            while (end > from && raw.charAt(end - 1) == '\r') {
                end--; // the line's own CR LF ending is not noise
            }
            return new StringBuilder(end - from).append(raw, from, end);
        }

        /** Backspaces erase right to left, so the erased text is also compared reversed. */
        private boolean erasedOnlyPagerPrompts() {
            String forwards = erased.toString().strip();
            String backwards = new StringBuilder(forwards).reverse().toString();
            return pager.reset(view.reset(forwards)).matches() || pager.reset(view.reset(backwards)).matches();
        }
    }
}
