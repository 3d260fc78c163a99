package net.backup.run;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.backup.session.CancelHook;

/**
 * The line between one device's task and the run: the run may cancel the task (deadline, Ctrl-C) until the
 * task commits its file, and not after. Whichever comes first wins, so a device reported as failed never
 * gets a new file afterwards, and a file being written is never cut in half.
 */
final class TaskControl implements CancelHook {
    private final List<Closeable> resources = new ArrayList<>();
    private boolean started;
    /** Written under the lock, read without it by {@link #stopped()}, which patterns ask thousands of times. */
    private volatile boolean cancelled;
    private boolean committed;
    private String reason = "";

    /** @return true if the task was stopped before it committed; false if its file is already written */
    synchronized boolean cancel(String why) {
        if (committed) {
            return false;
        }
        if (!cancelled) {
            cancelled = true;
            reason = why;
            resources.forEach(CancelHook::closeQuietly);
            notifyAll();
        }
        return true;
    }

    @Override
    public synchronized void attach(Closeable resource) {
        if (cancelled) {
            CancelHook.closeQuietly(resource);
        } else {
            resources.add(resource);
        }
    }

    /** @return false if the task was cancelled before it could start: it must not contact the device */
    synchronized boolean markStarted() {
        started = true;
        return !cancelled;
    }

    synchronized boolean started() {
        return started;
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** Once cancelled, the platform's patterns stop too: they may be busy on the task's last output. */
    @Override
    public boolean stopped() {
        return cancelled;
    }

    synchronized String reason() {
        return reason;
    }

    /** Runs the file write unless the task was cancelled; once it ran, cancelling is no longer possible. */
    synchronized <T> T commit(Commit<T> write) throws IOException, CancelledException {
        if (cancelled) {
            throw new CancelledException(reason);
        }
        T result = write.run();
        committed = true;
        return result;
    }

    /** Waits before a retry; returns early (throwing) if the task is cancelled meanwhile. */
    synchronized void pause(Duration delay) throws CancelledException {
        long until = System.nanoTime() + delay.toNanos();
        try {
            while (!cancelled) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            reason = "interrupted";
        }
        throw new CancelledException(reason);
    }

    /** A file write that may fail. */
    @FunctionalInterface
    interface Commit<T> {
        T run() throws IOException;
    }

    /** The task noticed it was cancelled. */
    static final class CancelledException extends Exception {
        private static final long serialVersionUID = 1L;

        CancelledException(String reason) {
            super(reason);
        }
    }
}
