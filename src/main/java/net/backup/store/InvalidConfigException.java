package net.backup.store;

/** The device's output is not a configuration we would restore from; the message says why. */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
