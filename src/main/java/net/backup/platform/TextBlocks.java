package net.backup.platform;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the free text of one configuration, line by line, as its platform declares it ({@link TextBlock}):
 * inside a block, a line that reads like the device refusing a command ({@code % Access denied to unauthorized
 * users} in a login banner), like a pager prompt, or like the end of the output (the end marker, then a line that
 * is the prompt) is the operator's text, which the configuration check keeps and the session's reader reads on
 * past.
 */
public final class TextBlocks {
    private final List<TextBlock> kinds;
    private final MatchPrefilter[] starts;
    /** What closes the open block: a delimiter anywhere in a line, or a line that matches the block's end. */
    private String closingDelimiter;
    private Pattern closingLine;

    public TextBlocks(List<TextBlock> kinds) {
        this.kinds = List.copyOf(kinds);
        this.starts = kinds.stream().map(kind -> MatchPrefilter.of(kind.start())).toArray(MatchPrefilter[]::new);
    }

    /** Whether the line {@code output[from, to)}, the next one in order, is a block's text (its first line not). */
    public boolean isText(String output, int from, int to) {
        if (isOpen()) {
            boolean closes = closingLine != null
                    ? closingLine.matcher(output.substring(from, to).strip()).matches()
                    : output.substring(from, to).contains(closingDelimiter);
            if (closes) {
                closingDelimiter = null;
                closingLine = null;
            }
            return true;
        }
        if (!mayOpen(output, from, to)) {
            return false;
        }
        String line = output.substring(from, to).strip();
        for (TextBlock kind : kinds) {
            Matcher m = kind.start().matcher(line);
            if (m.matches()) {
                open(kind, m);
                return false;
            }
        }
        return false;
    }

    private void open(TextBlock kind, Matcher m) {
        if (kind.end().isPresent()) {
            closingLine = kind.end().get();
            return;
        }
        String delimiter = m.group(TextBlock.DELIMITER);
        if (delimiter != null && !delimiter.isEmpty() && !m.group().substring(m.end(TextBlock.DELIMITER)).contains(delimiter)) {
            closingDelimiter = delimiter;
        }
    }

    /** Whether the lines given so far leave a block open: the next line would be its text. */
    public boolean isOpen() {
        return closingDelimiter != null || closingLine != null;
    }

    /**
     * False only if the line {@code text[from, to)} cannot open a block (by the first character and length of
     * what each start matches): a reader that follows blocks looks closer only at a line that may, and leaves a
     * configuration's thousands of other lines unread.
     */
    public boolean mayOpen(CharSequence text, int from, int to) {
        int first = from;
        while (first < to && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        int last = to;
        while (last > first && Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        for (MatchPrefilter start : starts) {
            if (start.mayMatchWhole(text, first, last)) {
                return true;
            }
        }
        return false;
    }
}
