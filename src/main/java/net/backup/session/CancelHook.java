package net.backup.session;

import java.io.Closeable;
import java.io.IOException;
import net.backup.platform.RegexGuard;

/**
 * Lets whoever runs a session stop it from another thread: the connection is handed over as soon as it
 * exists, and closing it wakes any read, write or connect that is blocked on it.
 */
@FunctionalInterface
public interface CancelHook extends RegexGuard {
    /** Hands over the resource to close on cancellation; closes it at once if cancellation already happened. */
    void attach(Closeable resource);

    /**
     * Closes a connection or stream to wake whatever is blocked on it; a failure to close is ignored, since
     * the other side may be gone already.
     */
    static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the point is to wake what is blocked on it, or to let go of a dead connection.
        }
    }

    /** True once the session's task was cancelled: the platform's patterns stop, as the connection does. */
    @Override
    default boolean stopped() {
        return false;
    }
}
