package net.backup.platform;

import java.util.regex.Pattern;

/**
 * One form in which a configuration line carries a secret, for {@code --redact}.
 *
 * @param pattern matches the whole line; its group {@code secret} is the text replaced by a marker
 */
public record SecretRule(String name, Pattern pattern) {
    public SecretRule {
        if (!marksTheSecret(pattern)) {
            throw new IllegalArgumentException("secret rule " + name + " needs a group named 'secret'");
        }
    }

    /** Whether the pattern has the group {@code (?<secret>...)} around the text to replace. */
    static boolean marksTheSecret(Pattern pattern) {
        return pattern.pattern().contains("(?<secret>");
    }
}
