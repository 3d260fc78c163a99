package net.backup.session;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;

/** Short, human words for what the network and sshj throw. */
final class SshErrors {
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

    static String describe(Throwable error) {
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
            if (e.getMessage() != null && e.getMessage().startsWith("Timeout expired")) {
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
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ").trim();
    }
}
