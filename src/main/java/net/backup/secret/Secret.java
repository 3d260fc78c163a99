package net.backup.secret;

import java.util.Objects;

/**
 * A credential. Its text is reachable only through {@link #reveal()}, so that no log line, exception
 * message or {@code toString()} of an enclosing record can ever print it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public char[] toChars() {
        return value.toCharArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "******";
    }
}
