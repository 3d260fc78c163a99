package net.backup.platform;

import java.util.regex.Pattern;

/**
 * One form in which a configuration line carries a secret, for {@code --redact}.
 *
 * @param pattern matches the whole line; its group {@code secret} is the text replaced by a marker
 */
public record SecretRule(String name, Pattern pattern) {
    public SecretRule {
        if (!pattern.pattern().contains("(?<secret>")) {
            throw new IllegalArgumentException("secret rule " + name + " needs a group named 'secret'");
        }
    }

    public static SecretRule of(String name, String regex) {
        return new SecretRule(name, Pattern.compile(regex));
    }
}
