package net.backup.session;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a terminal would have shown into plain text: line ends become LF, a backspace deletes the
 * character before it, a bare CR starts its line over, pager prompts disappear. IOS erases
 * {@code --More--} with backspaces, spaces and backspaces again, which this reduces to nothing.
 */
final class OutputCleaner {
    private OutputCleaner() {
    }

    static String clean(String raw, String echoedCommand, Pattern pagerPrompt) {
        var out = new StringBuilder(raw.length());
        Matcher pager = pagerPrompt.matcher("");
        var line = new StringBuilder(256);
        boolean first = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\n' -> {
                    first = emit(line, out, pager, first, echoedCommand);
                    line.setLength(0);
                }
                case '\r' -> {
                    boolean endsLine = i + 1 < raw.length() && (raw.charAt(i + 1) == '\n' || raw.charAt(i + 1) == '\r');
                    if (!endsLine && i + 1 < raw.length()) {
                        line.setLength(0);
                    }
                }
                case '\b' -> {
                    if (line.length() > 0) {
                        line.setLength(line.length() - 1);
                    }
                }
                default -> line.append(c);
            }
        }
        if (line.length() > 0) {
            emit(line, out, pager, first, echoedCommand);
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1); // no newline after the last line
        }
        return out.toString();
    }

    /** Appends one finished line (less any pager prompt at its start); the echo of the command is dropped. */
    private static boolean emit(StringBuilder line, StringBuilder out, Matcher pager, boolean first, String echoedCommand) {
        int start = 0;
        if (pager.reset(line).lookingAt()) {
            start = pager.end();
            if (start == line.length()) {
                return first;
            }
        }
        if (first && line.toString().strip().equals(echoedCommand.strip())) {
            return false;
        }
        out.append(line, start, line.length()).append('\n');
        return false;
    }

    static Optional<String> firstMatchingLine(String text, Pattern pattern) {
        return text.lines().map(line -> line.replace("\r", "").strip())
                .filter(line -> pattern.matcher(line).matches())
                .findFirst();
    }
}
