package net.backup.session;

import java.io.Closeable;
import java.net.Socket;
import net.schmizz.sshj.SSHClient;

/**
 * Ends a connection from another thread at once, whatever its threads are doing. sshj's own close says goodbye
 * first (SSH_MSG_DISCONNECT), for which it takes the transport's write lock; a device that stops reading while
 * it makes the client write (answers to messages it sends, probe K) leaves sshj's reader thread blocked in a
 * write, holding that lock, and such a close then waits for ever. Closing the socket first fails the blocked
 * write at once, which lets the lock go; the goodbye then fails as quickly, and the client is closed.
 */
final class Hangup {
    private Hangup() {
    }

    /** What a task's cancellation closes: the connection, at once. */
    static Closeable of(SSHClient client) {
        return () -> now(client);
    }

    static void now(SSHClient client) {
        Socket socket = client.getSocket();
        if (socket != null) {
            CancelHook.closeQuietly(socket);
        }
        CancelHook.closeQuietly(client);
    }
}
