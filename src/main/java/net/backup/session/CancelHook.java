package net.backup.session;

import java.io.Closeable;

/**
 * Lets whoever runs a session stop it from another thread: the connection is handed over as soon as it
 * exists, and closing it wakes any read, write or connect that is blocked on it.
 */
@FunctionalInterface
public interface CancelHook {
    /** Hands over the resource to close on cancellation; closes it at once if cancellation already happened. */
    void attach(Closeable resource);

    CancelHook NONE = resource -> { };
}
