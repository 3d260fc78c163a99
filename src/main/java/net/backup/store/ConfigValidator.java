package net.backup.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import net.backup.platform.Platform;
import net.backup.platform.RegexGuard;
import net.backup.platform.SecretRule;
import net.backup.platform.TextBlocks;

/**
 * Decides whether command output is a configuration worth keeping, and gives it its stored form. A
 * configuration is kept only if it is not empty, holds no CLI error line and no control characters, and
 * (where the platform has an end marker) is complete. A line that looks like a pager prompt is kept: the
 * session removed the pager prompts it answered, so any other is the device's text (a banner line).
 */
public final class ConfigValidator {
    private ConfigValidator() {
    }

    /**
     * @return the configuration as it is stored: volatile lines (timestamps, byte counts) dropped, LF line
     *         ends, one final newline
     * @throws InvalidConfigException naming what is wrong and where
     */
    public static String validate(Platform platform, String output) throws InvalidConfigException {
        return validate(platform, output, RegexGuard.NONE);
    }

    /**
     * @param guard stops the platform's patterns once the device's task is over (they are the user's, and a
     *              careless one can take long even over the bounded lines a session delivers)
     * @throws RegexGuard.Stopped when it does
     */
    public static String validate(Platform platform, String output, RegexGuard guard) throws InvalidConfigException {
        return validate(platform, output, guard, true);
    }

    /**
     * @param ownCommands the platform's own backup commands ran, not an inventory's {@code commands:}: only then is
     *                    the last line the configuration's ({@code [show configuration, show chassis hardware]} ends
     *                    with the hardware; the second review)
     */
    public static String validate(Platform platform, String output, RegexGuard guard, boolean ownCommands)
            throws InvalidConfigException {
        var volatileLine = new LineMatcher(platform.volatileLines(), guard);
        var checks = new LineChecks(platform, guard);
        var blocks = new TextBlocks(platform.textBlocks(), guard);
        // One pass over the lines, each an index range of the output: kept lines go straight into the stored
        // form, and only a refused line becomes a string. A line ends at LF, its CRs before the LF with it; a CR
        // inside a line is not a line end but a control character (the session keeps a line whose CR overwrote
        // text raw, so that it is refused here rather than stored as two lines the device never had).
        var config = new StringBuilder(output.length() + 1);
        int kept = 0;
        int keptEnd = 0; // the stored form's length after its last non-blank line: trailing blank lines go
        int lastFrom = 0;
        int lastTo = 0;
        for (int from = 0, length = output.length(); from < length; ) {
            int next = output.indexOf('\n', from);
            next = next < 0 ? length : next;
            int to = next;
            while (to > from && output.charAt(to - 1) == '\r') {
                to--;
            }
            boolean blank = isBlank(output, from, to);
            boolean freeText = blocks.isText(output, from, to);
            if (!(volatileLine.matches(output, from, to) || kept == 0 && blank)) {
                checks.refuseIfNoConfiguration(output, from, to, kept + 1, freeText);
                config.append(output, from, to).append('\n');
                kept++;
                if (!blank) {
                    keptEnd = config.length();
                    lastFrom = from;
                    lastTo = to;
                }
            }
            from = next + 1;
        }
        if (kept == 0) {
            throw new InvalidConfigException("the device returned an empty configuration");
        }
        config.setLength(keptEnd);
        if (platform.braces()) {
            BraceBalance.Scan braces = BraceBalance.scan(config);
            if (braces.problem().isPresent()) {
                throw new InvalidConfigException("incomplete configuration: " + braces.problem().get() + " (truncated?)");
            }
            // Where the platform's own commands ran (the configuration last), and not in the set form ('| display
            // set'), whose lines end no statement; a configuration cut before its first block is not the set form.
            String last = output.substring(lastFrom, lastTo);
            if (ownCommands && (braces.blocks() || !BraceBalance.isSetForm(config.toString()))
                    && !BraceBalance.endsAStatement(last)) {
                throw new InvalidConfigException("incomplete configuration: it ends with '"
                        + abbreviate(checks.quotePerhapsCutShort(last)) + "', in the middle of a statement (truncated?)");
            }
        }
        Optional<Pattern> end = platform.completeLastLine();
        if (!hasSettings(config, end.map(marker -> new LineMatcher(marker, guard)))) {
            // IOS shows a user below privilege 15 a 'show running-config' of comments and 'end' (probe K): stored, it
            // replaced the full backup, exit 0.
            throw new InvalidConfigException("the device returned an empty configuration: nothing but comments and its"
                    + " end marker (an account without the privilege to see the configuration?)");
        }
        if (end.isPresent() && !new LineMatcher(end.get(), guard).matches(output, lastFrom, lastTo)) {
            throw new InvalidConfigException("incomplete configuration: it ends with '"
                    + abbreviate(checks.quotePerhapsCutShort(output.substring(lastFrom, lastTo)))
                    + "' instead of '" + end.get().pattern() + "' (truncated?)");
        }
        return config.toString();
    }

    /** What a kept line must not be, and how an error quotes a device's line. */
    private record LineChecks(Platform platform, RegexGuard guard, LineMatcher errorLine, LineMatcher pagerLine) {
        LineChecks(Platform platform, RegexGuard guard) {
            this(platform, guard, new LineMatcher(platform.errorLines(), guard), new LineMatcher(platform.pagerPrompt(), guard));
        }

        /**
         * Refuses a line that is to be kept as line {@code number} if it is no part of a configuration. A
         * banner's text (or a macro's, any block of free text the platform declares) is what an operator wrote, not
         * the device's answer: it is not taken for an error line.
         */
        void refuseIfNoConfiguration(String output, int from, int to, int number, boolean freeText)
                throws InvalidConfigException {
            if (!freeText && errorLine.matches(output, from, to)) {
                throw new InvalidConfigException("the device answered with an error: " + quote(output.substring(from, to)));
            }
            // The session removes the pager prompts it answered; one left outside a banner was not answered, and
            // a device does not print its pager as configuration: output went wrong.
            if (!freeText && pagerLine.matches(output, from, to)) {
                throw new InvalidConfigException("pager residue in the output: '" + quote(output.substring(from, to))
                        + "' in line " + number);
            }
            if (isPrintableAscii(output, from, to)) {
                return;
            }
            String line = output.substring(from, to);
            int control = firstControlCharacter(line);
            if (control >= 0) {
                throw new InvalidConfigException(String.format("garbage in the output: control character 0x%02x in line %d",
                        (int) line.charAt(control), number));
            }
            String text = asText(line);
            if (text == null) {
                throw new InvalidConfigException("garbage in the output: bytes that are not text (not ASCII, not UTF-8) "
                        + "in line " + number);
            }
            int c1 = firstC1Control(text);
            if (c1 >= 0) {
                throw new InvalidConfigException(String.format("garbage in the output: control character U+%04X in line %d",
                        (int) text.charAt(c1), number));
            }
        }

        /** See {@link SecretRule#quotable}: errors go to the terminal, cron's mail and the JSON report. */
        String quote(String line) {
            return SecretRule.quotable(line, platform.secrets(), guard);
        }

        /** The last line of a configuration that may have been cut short part-way through. */
        String quotePerhapsCutShort(String line) {
            return SecretRule.quotablePerhapsCutShort(line, platform.secrets(), guard);
        }
    }

    /**
     * Whether the output holds a message the device printed into it (the platform's {@code messages}: a log
     * message under {@code terminal monitor}, a broadcast to logged-in users), outside the free text an operator
     * wrote. Such a line is dropped like a volatile one, but it may have come in the middle of a configuration
     * line and cut it in two, and neither half says so (probe J: {@code  ip address 192.0}, the message,
     * {@code .2.1 255.255.255.0}, stored as two lines).
     */
    public static boolean interrupted(Platform platform, String output, RegexGuard guard) {
        var message = new LineMatcher(platform.messageLines(), guard);
        if (!anyLine(output, message, null)) {
            return false; // almost every output: one look per line, no free text followed
        }
        return anyLine(output, message, new TextBlocks(platform.textBlocks(), guard)); // a banner's line is the operator's
    }

    /** Whether a line of {@code output} matches, outside {@code blocks}' free text when given. */
    private static boolean anyLine(String output, LineMatcher matcher, TextBlocks blocks) {
        for (int from = 0, length = output.length(); from < length; ) {
            int next = output.indexOf('\n', from);
            next = next < 0 ? length : next;
            boolean freeText = blocks != null && blocks.isText(output, from, next);
            if (!freeText && matcher.matches(output, from, next)) {
                return true;
            }
            from = next + 1;
        }
        return false;
    }

    /**
     * Whether a line of the stored form says anything: a letter or a digit, on a line that is neither a comment
     * ({@code !}, {@code #}, ASA's {@code :} first) nor the end marker. Every configuration has one (a hostname, a
     * version); IOS-XR's "!! IOS XR Configuration 7.3.2" is a comment however worded (the cold review).
     */
    private static boolean hasSettings(CharSequence config, Optional<LineMatcher> endMarker) {
        for (int from = 0, length = config.length(); from < length; ) {
            int next = from;
            int first = -1;
            boolean word = false;
            while (next < length && config.charAt(next) != '\n') {
                char c = config.charAt(next);
                if (first < 0 && c != ' ' && c != '\t') {
                    first = c;
                }
                word |= Character.isLetterOrDigit(c);
                next++;
            }
            boolean comment = first == '!' || first == '#' || first == ':';
            if (word && !comment && !(endMarker.isPresent() && endMarker.get().matches(config, from, next))) {
                return true;
            }
            from = next + 1;
        }
        return false;
    }

    /** What almost every line is: neither {@link #firstControlCharacter} nor {@link #isText} has anything to say. */
    private static boolean isPrintableAscii(String output, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = output.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@link String#isBlank()} of the line: no surrogate or supplementary character is white space. */
    private static boolean isBlank(String output, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(output.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The first CLI error line in a command's output, if any, as an error may quote it (secrets hidden). */
    public static Optional<String> errorLine(Platform platform, String output) {
        return errorLine(platform, output, RegexGuard.NONE);
    }

    public static Optional<String> errorLine(Platform platform, String output, RegexGuard guard) {
        var errorLine = new LineMatcher(platform.errorLines(), guard);
        return output.lines().filter(errorLine::matches).findFirst()
                .map(line -> SecretRule.quotable(line, platform.secrets(), guard));
    }

    /**
     * The line's bytes (one char per byte, as read) as text, if they are ASCII or well-formed UTF-8 (what a
     * configuration holds, and what line noise almost never is); null if not.
     */
    private static String asText(String line) {
        boolean ascii = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c > 0xFF) {
                return null; // one of the reader's own marks: no byte a device sends becomes one, so it never leaks
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return line;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The C1 controls (U+0080 to U+009F, well-formed UTF-8 all the same) are no more a configuration's than
     * C0's: U+009B introduces an escape sequence to a terminal that honours them, as ESC [ does.
     */
    private static int firstC1Control(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                return i;
            }
        }
        return -1;
    }

    /** Tabs are text; every other C0 control or DEL is not something a configuration contains. */
    private static int firstControlCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String line) {
        String stripped = line.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 57) + "...";
    }
}
