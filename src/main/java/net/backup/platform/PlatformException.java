package net.backup.platform;

/** A mistake in a platform file, with a message fit to print: file, line, column, key, problem. */
public final class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlatformException(String message) {
        super(message);
    }
}
