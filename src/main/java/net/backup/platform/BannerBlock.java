package net.backup.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the banners of a configuration shown as IOS, IOS-XE and NX-OS show them ({@code banner motd ^C}, the
 * operator's lines, and the delimiter again, {@code ^C} or the character they chose, to close it, at the end of
 * a line or on one of its own) and as Arista EOS shows them ({@code banner motd} alone, the lines, and {@code EOF}
 * on a line of its own). A login banner commonly reads {@code % Access denied to unauthorized
 * users} or {@code % Error: authorised use only}, which the platform's error lines would take for the
 * device refusing the command; inside a banner such a line is configuration. So is a line that is the platform's
 * end marker, which the session's reader would otherwise take for the end of the output.
 */
public final class BannerBlock {
    /**
     * IOS, IOS-XE and IOS-XR show every banner's delimiter as {@code ^C}, its text possibly on the same line;
     * NX-OS shows the character chosen, alone at the end of the line. Anything else ({@code banner motd
     * Authorized use only}, as ASA shows each line of a banner) opens no block: its first character would be
     * taken for a delimiter that may never come again. EOS shows the keyword alone (group 4), and closes the
     * banner with a line that is just {@code EOF}.
     */
    private static final Pattern START = Pattern.compile("\\s*banner\\s+\\S+(?:\\s+(?:(\\^C)(.*)|([^\\w\\s])\\s*)|(\\s*))");
    private static final String EOS_END = "EOF";

    /** What closes the open banner: a delimiter anywhere in a line, or (EOS) a line of its own. */
    private String closing;
    private boolean closingIsALine;

    /** Whether the line {@code output[from, to)}, the next one in order, is a banner's text (its first line not). */
    public boolean isText(String output, int from, int to) {
        if (closing != null) {
            String line = output.substring(from, to);
            if (closingIsALine ? line.strip().equals(closing) : line.contains(closing)) {
                closing = null;
            }
            return true;
        }
        if (output.startsWith("banner", firstNonBlank(output, from, to))) {
            Matcher m = START.matcher(output.subSequence(from, to));
            if (!m.matches()) {
                return false;
            }
            closingIsALine = m.group(4) != null;
            if (closingIsALine) {
                closing = EOS_END;
            } else if (m.group(1) != null && !m.group(2).contains(m.group(1))) {
                closing = m.group(1);
            } else if (m.group(3) != null) {
                closing = m.group(3);
            }
        }
        return false;
    }

    /** Whether the lines given so far leave a banner open: the next line would be its text. */
    public boolean isOpen() {
        return closing != null;
    }

    private static int firstNonBlank(String output, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(output.charAt(i))) {
            i++;
        }
        return i;
    }
}
