package net.backup.platform;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One form in which a configuration line carries a secret: what {@code --redact} replaces with a marker, and
 * what an error message never quotes.
 *
 * @param pattern matches the whole line; its group {@code secret} is the text replaced by a marker
 */
public record SecretRule(String name, Pattern pattern) {
    /** Stands for a secret in a line an error message quotes. */
    public static final String HIDDEN = "<secret>";
    /** Stands for a line an error message would quote that may be the start of one with a secret. */
    public static final String WITHHELD = "<a line cut short that may hold a secret, not shown>";

    public SecretRule {
        if (!marksTheSecret(pattern)) {
            throw new IllegalArgumentException("secret rule " + name + " needs a group named 'secret'");
        }
    }

    /** Whether the pattern has the group {@code (?<secret>...)} around the text to replace. */
    static boolean marksTheSecret(Pattern pattern) {
        return pattern.pattern().contains("(?<secret>");
    }

    /**
     * The line with each secret the rules find replaced by what {@code replacement} makes of it. Every rule
     * gets its turn, each on the line as the ones before left it: one line may hold several secrets (an SNMPv3
     * user's auth and priv keys), each found by its own rule. A rule whose secret group took no part in the
     * match (an optional group) replaces nothing.
     */
    public static String replaceSecrets(String line, List<SecretRule> rules, UnaryOperator<String> replacement,
            RegexGuard.GuardedText view) {
        String result = line;
        for (SecretRule rule : rules) {
            // Blanks after the line's text are no part of what a rule describes (probe H: a trailing blank kept a
            // covered secret in clear); blanks before it are, as rules for indented lines begin with them.
            Matcher m = rule.pattern().matcher(view.reset(result)).region(0, withoutTrailingBlanks(result));
            if (m.matches() && m.start("secret") >= 0) {
                result = withSecret(result, m, replacement.apply(m.group("secret")));
            }
        }
        return result;
    }

    private static int withoutTrailingBlanks(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return end;
    }

    /** {@code text} with what {@code matched}'s group "secret" found in it replaced by {@code replacement}. */
    private static String withSecret(String text, Matcher matched, String replacement) {
        return text.substring(0, matched.start("secret")) + replacement + text.substring(matched.end("secret"));
    }

    /** Longer quoted lines are cut here: error messages stay readable, and the matching below stays cheap. */
    static final int MAX_QUOTED = 512;

    /**
     * As {@link #replaceSecrets} with {@link #HIDDEN}, but a rule may match from any word on, or from the blanks
     * before it (rules for indented lines start with blanks), and need not reach the end of the line: a device's
     * error line quotes the configuration it choked on among words of its own ({@code % Error near: snmp-server
     * community S3cret RO}, {@code ... enable secret 5 $1$x (line 3)}), and that secret is as secret as in the
     * configuration. Hiding too much in an error message costs nothing; only error messages quote lines.
     *
     * @return the line with secrets hidden; if {@code mayBeCutShort} and a rule ran out of line before it
     *         failed (it could have matched a longer line), the line up to where that rule's secret would
     *         start, then {@link #HIDDEN}, or {@link #WITHHELD} where that place cannot be told
     */
    static String hideSecretsFromAnyWord(String line, List<SecretRule> rules, RegexGuard.GuardedText view,
            boolean mayBeCutShort) {
        String result = line;
        for (int from = 0; from < result.length(); from++) {
            boolean wordStart = from == 0 || Character.isWhitespace(result.charAt(from - 1))
                    && !Character.isWhitespace(result.charAt(from));
            boolean blanksStart = Character.isWhitespace(result.charAt(from))
                    && (from == 0 || !Character.isWhitespace(result.charAt(from - 1)));
            if (!wordStart && !blanksStart) {
                continue;
            }
            for (SecretRule rule : rules) {
                Matcher m = rule.pattern().matcher(view.reset(result)).region(from, result.length());
                if (m.lookingAt()) {
                    if (m.start("secret") >= 0 && !m.group("secret").equals(HIDDEN)) {
                        result = withSecret(result, m, HIDDEN);
                    }
                } else if (mayBeCutShort && m.hitEnd()) {
                    int secretFrom = secretCouldStartAt(rule, view, result, from);
                    if (secretFrom == WITHHOLD) {
                        return WITHHELD;
                    }
                    if (secretFrom < result.length()) {
                        // The rest is hidden; the rules go on over what is kept, which may hold a secret too.
                        result = result.substring(0, secretFrom) + HIDDEN;
                    }
                }
            }
        }
        return result;
    }

    private static final String SECRET_GROUP = "(?<secret>";
    private static final int WITHHOLD = -1;

    /**
     * What a cut-short line might have gone on with, to try the part of a rule before its secret on: nothing,
     * a word, a blank and a word. A part that looks ahead to the line's end ({@code (?!\d+$)}, "not a key
     * chain's number") fails on {@code  key 1234} only because the line stops there.
     */
    private static final List<String> GOING_ON = List.of("", "x", " x");

    /**
     * Where a longer line could have had its secret, for a rule that ran out of {@code line} from {@code from}
     * on: the earliest end of what the rule's part before its secret group matches there, the line as it is or
     * going on ({@link #GOING_ON}), or {@code line}'s length if that part matches none of them before the end
     * (the line never got as far as a secret: {@code root@mx1:RE:0% } against {@code ' *(?:\S+ )?secret
     * "(?<secret>...'}). {@link #WITHHOLD} if the rule cannot be split there (its secret group inside another).
     */
    private static int secretCouldStartAt(SecretRule rule, RegexGuard.GuardedText view, String line, int from) {
        String regex = rule.pattern().pattern();
        String head = regex.substring(0, regex.indexOf(SECRET_GROUP));
        if (!isBalanced(head)) {
            return WITHHOLD;
        }
        Pattern part = Pattern.compile(head, rule.pattern().flags());
        int earliest = line.length();
        for (String more : GOING_ON) {
            String longer = line + more;
            Matcher m = part.matcher(view.reset(longer)).region(from, longer.length());
            if (m.lookingAt()) {
                earliest = Math.min(earliest, m.end());
            }
        }
        return earliest;
    }

    /** Whether every group {@code regex} opens it also closes (escaped and bracketed parentheses aside). */
    private static boolean isBalanced(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth == 0 && !inClass;
    }

    /**
     * A whole line from a device as an error message may quote it (stripped, at most {@link #MAX_QUOTED}
     * characters): its secrets shown as {@link #HIDDEN}.
     */
    public static String quotable(String line, List<SecretRule> rules, RegexGuard guard) {
        return quote(line, rules, guard, false);
    }

    /**
     * As {@link #quotable}, for a line that may have been cut short: the last line of a configuration that stops
     * part-way ({@code crypto isakmp key S3cr}), what a stalled device showed last. Such a line may match no
     * rule whole and still hold the start of a secret: where a rule ran out of line with its part before the
     * secret matched, the rest of the line is hidden ({@code crypto isakmp key <secret>}).
     */
    public static String quotablePerhapsCutShort(String line, List<SecretRule> rules, RegexGuard guard) {
        return quote(line, rules, guard, true);
    }

    private static String quote(String line, List<SecretRule> rules, RegexGuard guard, boolean mayBeCutShort) {
        boolean cut = line.length() > MAX_QUOTED;
        String quoted = cut ? line.substring(0, MAX_QUOTED) : line;
        String hidden = hideSecretsFromAnyWord(quoted, rules, new RegexGuard.GuardedText(guard), mayBeCutShort || cut);
        return hidden.equals(WITHHELD) ? hidden : asText(hidden.strip()) + (cut ? "..." : "");
    }

    /**
     * A device's line is read a char per byte; quoted in a message, it is the text those bytes are where they are
     * UTF-8 ({@code Zürich}, not {@code ZÃ¼rich} on the console and in the report), and the bytes otherwise (a
     * line cut inside a character, noise), which the console shows escaped.
     */
    private static String asText(String bytes) {
        boolean ascii = true;
        for (int i = 0; i < bytes.length() && ascii; i++) {
            ascii = bytes.charAt(i) < 0x80;
        }
        if (ascii) {
            return bytes;
        }
        for (int i = 0; i < bytes.length(); i++) {
            if (bytes.charAt(i) > 0xFF) {
                return bytes; // not bytes as read
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return bytes;
        }
    }
}
