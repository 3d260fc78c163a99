package net.backup.session;

/**
 * Why a conversation with a device failed, with a message fit for the device's line in the report. The
 * {@link Cause} tells the caller whether trying again could help.
 */
public final class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as it decides what to do next. */
    public enum Cause {
        /** Refused, reset, unreachable, timed out: the next attempt may work. */
        NETWORK(true),
        /** No output for command_timeout: a device that hangs once may answer next time. */
        TIMEOUT(true),
        /** Wrong credentials: trying again only risks a lockout. */
        AUTHENTICATION(false),
        /** The device's key is not the one on record: never talk to it. */
        HOST_KEY(false),
        /** The device answered, but not with what a healthy device says. */
        DEVICE(false),
        /** What the device sent cannot be stored as its configuration: too large, maybe wrapped, out of step. */
        OUTPUT(false),
        /**
         * This machine could not do its part (a known_hosts file that cannot be written): no fault of the device
         * or the network, and the same on every try.
         */
        LOCAL_IO(false);

        private final boolean transientFailure;

        Cause(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Cause cause;
    private final boolean retryable;

    public SessionException(Cause cause, String message) {
        this(cause, message, null);
    }

    public SessionException(Cause cause, String message, Throwable detail) {
        this(cause, message, detail, cause.isTransient());
    }

    private SessionException(Cause cause, String message, Throwable detail, boolean retryable) {
        super(nonEmpty(message, detail), detail);
        this.cause = cause;
        this.retryable = retryable;
    }

    /**
     * A failure that another attempt would only repeat, whatever its cause usually means: a device that kept
     * sending past its command_deadline would keep sending as long next time.
     */
    public static SessionException notRetried(Cause cause, String message, Throwable detail) {
        return new SessionException(cause, message, detail, false);
    }

    /**
     * A failure that another attempt may well not repeat, whatever its cause usually means: output interrupted
     * by the device's messages twice is bad output this time, not a device that always sends it.
     */
    public static SessionException retried(Cause cause, String message) {
        return new SessionException(cause, message, null, true);
    }

    /** A device's line and the report never say nothing: at least they name what was thrown. */
    private static String nonEmpty(String message, Throwable detail) {
        if (message != null && !message.isBlank()) {
            return message;
        }
        return detail == null ? "failed without a reason" : SshErrors.kindOf(detail);
    }

    public Cause failureCause() {
        return cause;
    }

    /** Whether trying the device again could help: its cause is transient, unless said otherwise. */
    public boolean retryable() {
        return retryable;
    }
}
