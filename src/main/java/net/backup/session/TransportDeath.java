package net.backup.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.DisconnectListener;

/**
 * Why sshj's own side gave up on a connection. The thread that waits on it may not learn this: sshj's reader
 * closes the socket as it dies, and a login's next write then fails with "Socket closed" rather than with the
 * reason. The reasons that change what a failure is are the device breaking the SSH protocol: a packet longer
 * than sshj takes, a message with a field longer than it reads (it takes at most 32 KiB per field; OpenSSH sends
 * a login banner of any size), data beyond the window the client gave. Those are the device's doing, the same on
 * every try, and no lost connection; nor a refused login, although sshj names an oversized packet with the
 * reason a device's hang-up on a login has (PROTOCOL_ERROR).
 */
final class TransportDeath implements DisconnectListener {
    /** sshj's words (net.schmizz.sshj.common.Buffer) for a field longer than it reads. */
    private static final Pattern OVERSIZED_FIELD = Pattern.compile("Bad item length: (\\d+)");
    /** sshj's words (net.schmizz.sshj.transport.Decoder) for a packet longer than it takes (256 KiB). */
    private static final Pattern OVERSIZED_PACKET = Pattern.compile("invalid packet length: (\\d+)");
    /** sshj's words (net.schmizz.sshj.connection.channel.Window) for channel data beyond the window it gave. */
    private static final String WINDOW_OVERRUN = "Window consumed to below 0";

    private volatile String message;
    private volatile boolean loggedIn;
    /** The key exchange is over: what breaks the protocol before the login may be a login banner. */
    private volatile boolean keysExchanged;

    /**
     * sshj's own death carries no reason code (UNKNOWN) or, for a packet or message it will not read,
     * PROTOCOL_ERROR; a device's goodbye carries one too, and its words are the device's, which could read like
     * anything: only sshj's own phrases below are ever explained.
     */
    @Override
    public void notifyDisconnect(DisconnectReason reason, String message) {
        if (this.message == null && (reason == DisconnectReason.UNKNOWN || reason == DisconnectReason.PROTOCOL_ERROR)) {
            this.message = message;
        }
    }

    /** The handshake is over: a login banner can come now (never during the key exchange, probe K). */
    void keysExchanged() {
        keysExchanged = true;
    }

    /** The login is over: what the device sends now is no login banner. */
    void loggedIn() {
        loggedIn = true;
    }

    /**
     * {@code failure}, or what it really was if it reads as a lost connection, a hang-up on the login or a request
     * never answered (sshj does not always wake a channel request that waits when it dies) and sshj gave up on the
     * device's breach of the protocol.
     */
    SessionException explain(SessionException failure) {
        String said = message;
        SessionException.Cause cause = failure.failureCause();
        if (said == null || cause != SessionException.Cause.NETWORK && cause != SessionException.Cause.AUTHENTICATION
                && cause != SessionException.Cause.TIMEOUT) {
            return failure;
        }
        String breach = breach(said);
        return breach == null ? failure : new SessionException(SessionException.Cause.DEVICE, breach, failure);
    }

    private String breach(String said) {
        String banner = keysExchanged && !loggedIn ? " (a login banner that long?)" : "";
        Matcher field = OVERSIZED_FIELD.matcher(said);
        if (field.matches()) {
            return "the device sent an SSH message with a field of " + field.group(1)
                    + " bytes, and the SSH library reads at most 32 KiB" + banner;
        }
        Matcher packet = OVERSIZED_PACKET.matcher(said);
        if (packet.matches()) {
            return "the device sent an SSH packet of " + packet.group(1) + " bytes, larger than SSH allows (the SSH"
                    + " library takes at most 256 KiB)" + banner;
        }
        if (said.equals(WINDOW_OVERRUN)) {
            return "the device broke the SSH protocol: it sent more data than the channel's window allowed";
        }
        return null;
    }
}
