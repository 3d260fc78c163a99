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
    private final MatchPrefilter starts;
    /** The patterns are the user's: stopped with the device, as every other pattern of a platform. */
    private final RegexGuard guard;
    /** What closes the open block: a delimiter anywhere in a line, or a line that matches the block's end. */
    private String closingDelimiter;
    private Pattern closingLine;

    public TextBlocks(List<TextBlock> kinds, RegexGuard guard) {
        this.kinds = List.copyOf(kinds);
        this.guard = guard;
        this.starts = MatchPrefilter.anyOf(kinds.stream().map(TextBlock::start).toList());
    }

    /** Whether the line {@code output[from, to)}, the next one in order, is a block's text (its first line not). */
    public boolean isText(String output, int from, int to) {
        if (isOpen()) {
            boolean closes = closingLine != null
                    ? closingLine.matcher(guard.text(output.substring(from, to).strip())).matches()
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
            Matcher m = kind.start().matcher(guard.text(line));
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
     * what the starts match): the configuration check looks closer only at a line that may.
     */
    public boolean mayOpen(CharSequence text, int from, int to) {
        int first = from;
        while (first < to && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        return starts.mayMatchWhole(text, first, to);
    }

    /**
     * Finds the lines that may open a block in a text that grows only at its end (a reply as it arrives), for
     * a reader that follows blocks and should leave a configuration's thousands of other lines unread: where every
     * start begins with a word ({@code banner}, {@code macro}), it jumps from one such word to the next, each
     * word's search going on where it last stopped, so the text is read about once per word however often it is
     * asked. Where a start does not, every line is a candidate.
     */
    public static final class Openings {
        private final StringBuilder text;
        /** Null where some start begins with no word: every line is then a candidate. */
        private final String[] words;
        private final int[] next;
        private final int[] searchedTo;

        public Openings(List<TextBlock> kinds, StringBuilder text) {
            this.text = text;
            List<String> leading = kinds.stream().map(kind -> leadingWord(kind.start())).toList();
            this.words = leading.contains("") ? null : leading.stream().distinct().toArray(String[]::new);
            this.next = new int[words == null ? 0 : words.length];
            this.searchedTo = new int[next.length];
            java.util.Arrays.fill(next, -1);
        }

        /** Where a line that may open a block stands at or after the line start {@code from}, before {@code to}; -1 if none. */
        public int next(int from, int to) {
            if (words == null) {
                return from < to ? from : -1;
            }
            int nearest = -1;
            for (int w = 0; w < words.length; w++) {
                if (next[w] < from) {
                    String word = words[w];
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

    /**
     * The word every match of the pattern begins with (at least three letters, digits, {@code -} or {@code _}),
     * or "" if there is none this reader is sure of: flags, an alternative at the top level, a quantifier on the
     * word's last character, anything else at its start.
     */
    static String leadingWord(Pattern pattern) {
        String regex = pattern.pattern();
        if (pattern.flags() != 0 || hasTopLevelAlternative(regex)) {
            return "";
        }
        int end = 0;
        while (end < regex.length() && isWordCharacter(regex.charAt(end))) {
            end++;
        }
        if (end < regex.length() && "?*{".indexOf(regex.charAt(end)) >= 0) {
            end--; // the quantifier makes the last character optional
        }
        return end >= 3 ? regex.substring(0, end) : "";
    }

    private static boolean isWordCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** An unescaped {@code |} outside every group and character class. */
    private static boolean hasTopLevelAlternative(String regex) {
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = endOfClass(regex, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** The index of the {@code ]} that closes the class opened at {@code open} (nested classes included). */
    private static int endOfClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a ']' first is a member
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = endOfClass(regex, i);
            } else if (c == ']') {
                return i;
            }
        }
        return regex.length();
    }
}
