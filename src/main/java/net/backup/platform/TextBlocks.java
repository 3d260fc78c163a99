package net.backup.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the blocks of free text in a configuration: the operator's lines, which may read like anything. Banners
 * as IOS, IOS-XE and NX-OS show them ({@code banner motd ^C}, the lines, and the delimiter again, {@code ^C} or
 * the character they chose, to close it, at the end of a line or on one of its own) and as Arista EOS shows them
 * ({@code banner motd} alone, the lines, and {@code EOF} on a line of its own); IOS's other delimited messages
 * ({@code vacant-message} and {@code refuse-message} under a {@code line}, a {@code menu}'s {@code title} and
 * {@code prompt}), shown the same way; and IOS's macros ({@code macro name NAME}, the lines, and {@code @} on a
 * line of its own). A login banner commonly reads {@code % Access denied to unauthorized users} or
 * {@code % Error: authorised use only}, which the platform's error lines would take for the device refusing the
 * command; inside such a block the line is configuration. So is a line that is the platform's end marker, which
 * the session's reader would otherwise take for the end of the output (a macro may hold the line {@code end}:
 * Cisco only advises against it).
 */
public final class BannerBlock {
    /**
     * How a delimited block's first line ends. IOS, IOS-XE and IOS-XR show every delimiter as {@code ^C}, the
     * text possibly on the same line (groups 1 and 2); NX-OS shows the character chosen, alone at the end of the
     * line (group 3). Anything else ({@code banner motd Authorized use only}, as ASA shows each line of a banner)
     * opens no block: its first character would be taken for a delimiter that may never come again.
     */
    private static final String DELIMITED = "\\s+(?:(\\^C)(.*)|([^\\w\\s])\\s*)";
    /** EOS shows the keyword alone (group 4), and closes the banner with a line that is just {@code EOF}. */
    private static final Pattern BANNER = Pattern.compile("\\s*banner\\s+\\S+(?:" + DELIMITED + "|(\\s*))");
    private static final Pattern MESSAGE = Pattern.compile("\\s*(?:vacant-message|refuse-message|menu\\s+\\S+\\s+(?:title|prompt))"
            + DELIMITED);
    private static final Pattern MACRO = Pattern.compile("\\s*macro\\s+name\\s+\\S+\\s*");
    private static final String EOS_END = "EOF";
    private static final String MACRO_END = "@";
    /** The words one of the lines that open a block holds: only a line holding one needs a closer look. */
    private static final String[] OPENING_WORDS = {"banner", "macro", "-message", "menu"};

    /** What closes the open block: a delimiter anywhere in a line, or (EOS, a macro) a line of its own. */
    private String closing;
    private boolean closingIsALine;

    /** Whether the line {@code output[from, to)}, the next one in order, is a block's text (its first line not). */
    public boolean isText(String output, int from, int to) {
        if (closing != null) {
            String line = output.substring(from, to);
            if (closingIsALine ? line.strip().equals(closing) : line.contains(closing)) {
                closing = null;
            }
            return true;
        }
        int start = firstNonBlank(output, from, to);
        if (output.startsWith("banner", start)) {
            Matcher m = BANNER.matcher(output.subSequence(from, to));
            if (m.matches()) {
                if (m.group(4) != null) {
                    closing = EOS_END;
                    closingIsALine = true;
                } else {
                    openDelimited(m);
                }
            }
        } else if (output.startsWith("macro", start)) {
            if (MACRO.matcher(output.subSequence(from, to)).matches()) {
                closing = MACRO_END;
                closingIsALine = true;
            }
        } else if (output.startsWith("vacant-message", start) || output.startsWith("refuse-message", start)
                || output.startsWith("menu", start)) {
            Matcher m = MESSAGE.matcher(output.subSequence(from, to));
            if (m.matches()) {
                openDelimited(m);
            }
        }
        return false;
    }

    /** Groups 1 to 3 as {@link #DELIMITED} has them: text closed on the first line opens nothing. */
    private void openDelimited(Matcher m) {
        closingIsALine = false;
        if (m.group(1) != null && !m.group(2).contains(m.group(1))) {
            closing = m.group(1);
        } else if (m.group(3) != null) {
            closing = m.group(3);
        }
    }

    /** Whether the lines given so far leave a block open: the next line would be its text. */
    public boolean isOpen() {
        return closing != null;
    }

    /**
     * Finds the lines that may open a block in a text that grows only at its end (a reply as it arrives): only a
     * line holding one of the opening words can, so a reader that follows blocks jumps from one such word to the
     * next and leaves a configuration's thousands of other lines unread. Each word's search goes on where it
     * last stopped, so the text is read about once per word however often it is asked.
     */
    public static final class Openings {
        private final StringBuilder text;
        private final int[] next = new int[OPENING_WORDS.length];
        private final int[] searchedTo = new int[OPENING_WORDS.length];

        public Openings(StringBuilder text) {
            this.text = text;
            java.util.Arrays.fill(next, -1);
        }

        /** Where the first opening word at or after {@code from} and before {@code to} stands, or -1. */
        public int next(int from, int to) {
            int nearest = -1;
            for (int w = 0; w < OPENING_WORDS.length; w++) {
                if (next[w] < from) {
                    String word = OPENING_WORDS[w];
                    int at = text.indexOf(word, Math.max(from, searchedTo[w] - word.length() + 1));
                    next[w] = at;
                    searchedTo[w] = at < 0 ? text.length() : at;
                }
                if (next[w] >= 0 && next[w] < to && (nearest < 0 || next[w] < nearest)) {
                    nearest = next[w];
                }
            }
            return nearest;
        }
    }

    private static int firstNonBlank(String output, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(output.charAt(i))) {
            i++;
        }
        return i;
    }
}
