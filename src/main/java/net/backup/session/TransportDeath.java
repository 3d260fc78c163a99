package net.backup.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.DisconnectListener;

/**
 * Why sshj's own side gave up on a connection. The thread that waits on it may not learn this: sshj's reader
 * closes the socket as it dies, and a login's next write then fails with "Socket closed" rather than with the
 * reason. The one reason that changes what a failure is: a message with a field sshj will not read (it takes
 * at most 32 KiB per field; OpenSSH sends a login banner of any size), which is the device's doing, the same
 * on every try, and no lost connection.
 */
final class TransportDeath implements DisconnectListener {
    /** sshj's words (net.schmizz.sshj.common.Buffer) for a field longer than it reads. */
    private static final Pattern OVERSIZED_FIELD = Pattern.compile("Bad item length: (\\d+)");

    private volatile String message;

    /**
     * sshj's own death carries no reason code (UNKNOWN); a device's goodbye carries one, and its words are the
     * device's, which could read like anything.
     */
    @Override
    public void notifyDisconnect(DisconnectReason reason, String message) {
        if (this.message == null && reason == DisconnectReason.UNKNOWN) {
            this.message = message;
        }
    }

    /** {@code failure}, or what it really was if it reads as a lost connection and sshj gave up on a message. */
    SessionException explain(SessionException failure) {
        String said = message;
        Matcher oversized = said == null ? null : OVERSIZED_FIELD.matcher(said);
        if (failure.failureCause() != SessionException.Cause.NETWORK || oversized == null || !oversized.matches()) {
            return failure;
        }
        return new SessionException(SessionException.Cause.DEVICE, "the device sent an SSH message with a field of "
                + oversized.group(1) + " bytes, and the SSH library reads at most 32 KiB (a login banner that long?)", failure);
    }
}
