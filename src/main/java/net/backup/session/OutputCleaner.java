package net.backup.session;

import java.util.ArrayList;
import java.util.List;
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
        List<String> lines = terminalLines(raw);
        var kept = new ArrayList<String>(lines.size());
        for (String line : lines) {
            Matcher pager = pagerPrompt.matcher(line);
            if (pager.lookingAt()) {
                line = line.substring(pager.end());
                if (line.isEmpty()) {
                    continue;
                }
            }
            kept.add(line);
        }
        if (!kept.isEmpty() && kept.get(0).strip().equals(echoedCommand.strip())) {
            kept.remove(0);
        }
        return String.join("\n", kept);
    }

    static Optional<String> firstMatchingLine(String text, Pattern pattern) {
        return text.lines().map(line -> line.replace("\r", "").strip())
                .filter(line -> pattern.matcher(line).matches())
                .findFirst();
    }

    private static List<String> terminalLines(String raw) {
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\n' -> {
                    lines.add(line.toString());
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
            lines.add(line.toString());
        }
        return lines;
    }
}
