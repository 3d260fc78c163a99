package net.backup.session;

import java.util.Optional;
import java.util.regex.Pattern;
import net.backup.platform.RegexGuard;

/**
 * Turns what a terminal would have shown into plain text: line ends become LF, a backspace deletes the
 * character before it, a bare CR starts its line over, and the pager prompts the session answered disappear.
 *
 * <p>Only those: a pager prompt is recognised where the reader met it and typed its key, which it marks in
 * the text with {@link #ANSWERED_PAGER}. A device shows its pager prompt ({@code  --More-- }) with no line
 * end, as the last thing it sends, waits for the key, then erases it (backspaces, or CR and blanks) and goes
 * on on the same line. Text that merely looks like a pager prompt (a banner line {@code --More--} after
 * {@code terminal length 0}) was never answered, and is configuration: it is kept byte for byte.
 */
final class OutputCleaner {
    /**
     * Stands where the reader answered a pager prompt, right after the prompt. Bytes are read one char per
     * byte (ISO-8859-1), so no device can send this char.
     */
    static final char ANSWERED_PAGER = '\u0100';

    private OutputCleaner() {
    }

    static String clean(String raw) {
        var out = new StringBuilder(raw.length());
        var terminal = new TerminalLine();
        int length = raw.length();
        for (int lineStart = 0; lineStart <= length; ) {
            // One look at each character finds the line's end and whether the terminal would change it: only
            // a backspace, an erase, an answered pager or a CR before the end of the line does (the CRs that
            // end it are dropped).
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
                    if (trailingCr >= 0 || c == '\b' || c == TerminalFilter.ERASE_LINE || c == ANSWERED_PAGER) {
                        plain = false;
                    }
                    trailingCr = -1;
                }
                i++;
            }
            int shownEnd = trailingCr >= 0 ? trailingCr : i;
            if (plain) {
                if (i > lineStart || i < length) {
                    out.append(raw, lineStart, shownEnd).append('\n');
                }
            } else if (!onlyAnAnsweredPager(raw, lineStart, shownEnd)) {
                out.append(terminal.render(raw, lineStart, i)).append('\n');
            }
            lineStart = i + 1;
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1); // no newline after the last line
        }
        return out.toString();
    }

    /**
     * A line that ends right after an answered pager prompt held nothing but the prompt: the device went on
     * on a new line instead of erasing it. (Where it erased it first, the line that follows is the device's,
     * blank or not.)
     */
    private static boolean onlyAnAnsweredPager(String raw, int lineStart, int shownEnd) {
        return shownEnd > lineStart && raw.charAt(shownEnd - 1) == ANSWERED_PAGER;
    }

    static Optional<String> firstMatchingLine(String text, Pattern pattern, RegexGuard guard) {
        return clean(text).lines().map(String::strip)
                .filter(line -> pattern.matcher(guard.text(line)).matches())
                .findFirst();
    }

    /**
     * One line as a terminal shows it: a backspace deletes the character before it, a bare CR starts the
     * line over, an answered pager prompt leaves the screen. Devices use backspaces and CRs to erase their
     * pager prompt, and only that: if what they erased is not blanks, the raw line is kept, control characters
     * and all, so the configuration check refuses it. Line noise must never be tidied into something that
     * looks like a configuration.
     */
    private static final class TerminalLine {
        private final StringBuilder shown = new StringBuilder(256);
        private final StringBuilder erased = new StringBuilder();

        CharSequence render(String raw, int from, int to) {
            shown.setLength(0);
            erased.setLength(0);
            for (int i = from; i < to; i++) {
                char c = raw.charAt(i);
                if (c == ANSWERED_PAGER) {
                    // All the line showed was the prompt (the reader answered it only then), which the device
                    // is about to erase: whatever it sends to do so now erases blanks.
                    shown.setLength(0);
                } else if (c == '\r') {
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
            if (erased.toString().isBlank()) {
                return shown;
            }
            int end = to;
            while (end > from && raw.charAt(end - 1) == '\r') {
                end--; // the line's own CR LF ending is not noise
            }
            var kept = new StringBuilder(end - from);
            for (int i = from; i < end; i++) {
                char c = raw.charAt(i);
                if (c != ANSWERED_PAGER && c != TerminalFilter.ERASE_LINE) { // marks, not bytes the device sent
                    kept.append(c);
                }
            }
            return kept;
        }
    }
}
