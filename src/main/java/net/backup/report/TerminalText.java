package net.backup.report;

import java.util.Locale;

/**
 * Text from a device (an error line it sent, a prompt) on its way to a terminal. A device, or whoever
 * configured it, controls those bytes: {@code ESC[2J} would clear the operator's screen, {@code ESC]0;...BEL}
 * retitle the window, a newline forge a line {@code UNCHANGED csr9}. So every control character is shown
 * escaped, C-style: {@code \e}, {@code \r}, {@code \n}, {@code \t}, else {@code \xNN} or a Unicode escape.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * For one line of a log, a stack trace's included: as {@link #escape(String)}, but a tab stays a tab (stack
     * frames are indented with one), and a line break is escaped, so that one record is always one line.
     */
    public static String escapeKeepingTabs(String text) {
        return escape(text, true);
    }

    /**
     * For text of many lines (a diff): each line as {@link #escapeKeepingTabs}, the line feeds between them kept.
     * Printable text of any script stays as it is.
     */
    public static String escapeEachLine(String text) {
        var s = new StringBuilder(text.length());
        int from = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
            s.append(escapeKeepingTabs(text.substring(from, end))).append('\n');
            from = end + 1;
        }
        return s.append(escapeKeepingTabs(text.substring(from))).toString();
    }

    private static String escape(String text, boolean keepTabs) {
        int first = 0;
        while (first < text.length() && !needsEscape(text, first, keepTabs)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        var s = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(text, i, keepTabs)) {
                s.append(c);
                continue;
            }
            switch (c) {
                case 0x1b -> s.append("\\e");
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c)) { // a tag character, the only pair escaped
                        s.append(String.format(Locale.ROOT, "\\U%08x", text.codePointAt(i)));
                        i++;
                    } else {
                        s.append(c < 0x100 ? String.format(Locale.ROOT, "\\x%02x", (int) c)
                                : String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                }
            }
        }
        return s.toString();
    }

    private static boolean needsEscape(String text, int i, boolean keepTabs) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return isTag(text.codePointAt(i));
        }
        return isControl(c) && !(keepTabs && c == '\t');
    }

    /**
     * The tag characters (U+E0000 to U+E007F) are invisible, one for each ASCII character: a line can carry a
     * hidden second text in them ("ASCII smuggling"). Outside a few emoji flags they have no use.
     */
    static boolean isTag(int codePoint) {
        return codePoint >= 0xe0000 && codePoint <= 0xe007f;
    }

    /**
     * C0 and C1 controls and DEL (C1's {@code U+009B} is a CSI on its own for some terminals), the
     * bidirectional overrides and marks that make a terminal show text in another order than it was written, and
     * the invisible characters that make a line hold text the reader does not see (zero width space, word joiner
     * and the invisible operators after it, the soft hyphen, the Hangul fillers, the line and paragraph separators,
     * the byte order mark, interlinear annotation). Not the zero width joiner and non-joiner: Persian, the Indic
     * scripts and emoji sequences need them.
     */
    static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x200b || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 || c >= 0x2060 && c <= 0x2064
                || c == 0xfeff || c == 0x061c || c == 0x180e || c >= 0xfff9 && c <= 0xfffb || c == 0x00ad
                || c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0;
    }
}
