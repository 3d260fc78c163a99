package net.backup.session;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.userauth.UserAuthException;

/** Short, human words for what the network and sshj throw. */
final class SshErrors {
    /** What a device says in its own words (a refusal's reason, the login methods it offers): a line shows this much. */
    static final int MAX_DEVICE_WORDS = 100;
    /** A failure's own message, which may carry a device's words at length (a goodbye message of 32 KiB). */
    private static final int MAX_MESSAGE = 1000;
    /** sshj's words (net.schmizz.concurrent.Promise) for an answer it waited for and did not get. */
    private static final String UNANSWERED = "Timeout expired";
    /** sshj's words (net.schmizz.sshj.connection.channel.Window) for a window that never opened in time. */
    private static final String WINDOW_SHUT = "Timeout when trying to expand the window size";

    private SshErrors() {
    }

    /**
     * The two ends share no algorithm. Either side may notice first: our client ("Unable to reach a
     * settlement") or the device, which then hangs up with reason KEY_EXCHANGE_FAILED.
     */
    static boolean isNegotiationFailure(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SSHException ssh && ssh.getDisconnectReason() == DisconnectReason.KEY_EXCHANGE_FAILED) {
                return true;
            }
            if (e.getMessage() != null && e.getMessage().contains("Unable to reach a settlement")) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a device gives when it hangs up on a login (SSH_MSG_DISCONNECT): OpenSSH says PROTOCOL_ERROR for "Too
     * many authentication failures". Not the reasons sshj itself gives to a broken packet or key exchange (MAC
     * and compression errors, KEY_EXCHANGE_FAILED), which are faults on the way, tried again.
     */
    private static final Set<DisconnectReason> LOGIN_HANG_UPS = EnumSet.of(
            DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, DisconnectReason.ILLEGAL_USER_NAME,
            DisconnectReason.BY_APPLICATION, DisconnectReason.AUTH_CANCELLED_BY_USER, DisconnectReason.PROTOCOL_ERROR,
            DisconnectReason.SERVICE_NOT_AVAILABLE);

    /** The device hung up on a login on purpose: it sent SSH_MSG_DISCONNECT with a reason a login failure has. */
    static boolean isDeliberateDisconnect(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SSHException ssh && LOGIN_HANG_UPS.contains(ssh.getDisconnectReason())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A login request that failed because the connection died under it, not because the device refused it: sshj
     * hands the transport's death to the waiting request as the cause of a {@link UserAuthException}, where a
     * refusal has none.
     */
    static boolean isConnectionDeath(UserAuthException failure) {
        for (Throwable e = failure.getCause(); e != null; e = e.getCause()) {
            if (e instanceof SSHException && !(e instanceof UserAuthException)) {
                return true;
            }
        }
        return false;
    }

    /** A channel refused for want of resources (too many sessions open): busy now, perhaps not in a while. */
    static boolean isTransientChannelRefusal(Throwable error) {
        OpenFailException refusal = channelRefusal(error);
        return refusal != null && refusal.getReason() == OpenFailException.Reason.RESOURCE_SHORTAGE;
    }

    /**
     * The device refused to open a channel (SSH_MSG_CHANNEL_OPEN_FAILURE), if that is what {@code error} is:
     * an answer, not a network fault, and the same answer on every try.
     */
    static boolean isChannelRefusal(Throwable error) {
        return channelRefusal(error) != null;
    }

    private static OpenFailException channelRefusal(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof OpenFailException refusal) {
                return refusal;
            }
        }
        return null;
    }

    /**
     * Never empty: a failure whose exception says nothing (a server may refuse a channel with an empty
     * description) is named by the exception's kind.
     */
    static String describe(Throwable error) {
        OpenFailException refusal = channelRefusal(error);
        if (refusal != null) {
            return describe(refusal);
        }
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ConnectException) {
                return "connection refused";
            }
            if (e instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (e instanceof UnknownHostException) {
                return "unknown host " + e.getMessage();
            }
            if (e instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (e.getMessage() != null && (e.getMessage().contains("encountered EOF")
                    || e.getMessage().equals("Socket closed") || e.getMessage().equals("Stream closed"))) {
                return "the device closed the connection";
            }
            if (says(e, UNANSWERED)) {
                return "timed out";
            }
            if (e.getMessage() != null && e.getMessage().contains("Connection reset")) {
                return "connection reset by the device";
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // Often the device's own words (its goodbye message, its algorithm lists): bounded, and stripped of blanks
        // only (trim() would also drop a leading ESC and leave the rest of its sequence for the terminal).
        String message = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ").strip();
        return message.isEmpty() ? kindOf(root) : Excerpt.of(message, MAX_MESSAGE);
    }

    /** True if {@code error} is sshj giving up on an answer it waited for (a promise's timeout), or caused by that. */
    static boolean isUnanswered(Throwable error) {
        return causedBy(error, UNANSWERED);
    }

    /**
     * True if {@code error} is sshj giving up on a write because the device never widened the channel's window
     * (its wait is the connection's timeout, command_timeout), or caused by that.
     */
    static boolean isSendWindowShut(Throwable error) {
        return causedBy(error, WINDOW_SHUT);
    }

    /** True if {@code error} or one of its causes begins with sshj's {@code phrase}. */
    private static boolean causedBy(Throwable error, String phrase) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (says(e, phrase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean says(Throwable e, String phrase) {
        return e.getMessage() != null && e.getMessage().startsWith(phrase);
    }

    /** The reason code in words, and the server's description if it gave one. */
    private static String describe(OpenFailException refusal) {
        String reason = refusal.getReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String said = refusal.getMessage() == null ? "" : refusal.getMessage().replaceAll("\\s+", " ").strip();
        said = Excerpt.of(said, MAX_DEVICE_WORDS);
        return "the device refused a " + refusal.getChannelType() + " channel (" + reason + (said.isEmpty() ? "" : ": " + said) + ")";
    }

    /** What was thrown, for a failure that carries no message: {@code EOFException}, not an empty line. */
    static String kindOf(Throwable error) {
        return error.getClass().getSimpleName().isEmpty() ? error.getClass().getName() : error.getClass().getSimpleName();
    }
}
