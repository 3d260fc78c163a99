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
            Matcher m = rule.pattern().matcher(view.reset(result));
            if (m.matches() && m.start("secret") >= 0) {
                result = result.substring(0, m.start("secret")) + replacement.apply(m.group("secret"))
                        + result.substring(m.end("secret"));
            }
        }
        return result;
    }

    /**
     * As {@link #replaceSecrets} with {@link #HIDDEN}, but a rule may match the line from any word on, not
     * only whole: a device's error line quotes the configuration it choked on after words of its own
     * ({@code % Error near: snmp-server community S3cret RO}), and that secret is as secret as in the
     * configuration. Only error messages quote lines, so the extra matching costs nothing on a backup's path.
     */
    static String hideSecretsFromAnyWord(String line, List<SecretRule> rules, RegexGuard.GuardedText view) {
        String result = line;
        for (int from = 0; from < result.length(); from++) {
            if (from > 0 && !Character.isWhitespace(result.charAt(from - 1))) {
                continue;
            }
            for (SecretRule rule : rules) {
                Matcher m = rule.pattern().matcher(view.reset(result)).region(from, result.length());
                if (m.matches() && m.start("secret") >= 0 && !m.group("secret").equals(HIDDEN)) {
                    result = result.substring(0, m.start("secret")) + HIDDEN + result.substring(m.end("secret"));
                }
            }
        }
        return result;
    }

    /**
     * A device's line as an error message may quote it (stripped): its secrets shown as {@link #HIDDEN}, and
     * the whole line withheld if it may be the start of a line with a secret. A configuration cut short ends
     * part-way through a line ({@code crypto isakmp key S3cr}), which then matches no rule whole: a rule that
     * ran out of line before it failed could have matched a longer one.
     */
    public static String quotable(String line, List<SecretRule> rules, RegexGuard guard) {
        var view = new RegexGuard.GuardedText(guard);
        String hidden = hideSecretsFromAnyWord(line, rules, view);
        for (SecretRule rule : rules) {
            Matcher m = rule.pattern().matcher(view.reset(hidden));
            if (!m.matches() && m.hitEnd()) {
                return WITHHELD;
            }
        }
        return hidden.strip();
    }
}
