package net.backup.session;

import java.io.Closeable;
import net.backup.platform.RegexGuard;

/**
 * Lets whoever runs a session stop it from another thread: the connection is handed over as soon as it
 * exists, and closing it wakes any read, write or connect that is blocked on it.
 */
@FunctionalInterface
public interface CancelHook extends RegexGuard {
    /** Hands over the resource to close on cancellation; closes it at once if cancellation already happened. */
    void attach(Closeable resource);

    /** True once the session's task was cancelled: the platform's patterns stop, as the connection does. */
    @Override
    default boolean stopped() {
        return false;
    }

    CancelHook NONE = resource -> { };
}
