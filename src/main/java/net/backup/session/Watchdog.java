package net.backup.session;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Ends conversations that make no progress. sshj's channel streams block without a timeout, so a session
 * that has waited too long is closed from this one shared thread, which wakes the blocked reader with an
 * error.
 */
public final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoClock;
    private final Executor actions;

    public Watchdog() {
        this(System::nanoTime);
    }

    /** @param nanoClock what {@link System#nanoTime()} says: a test's clock decides whether progress came in time */
    Watchdog(LongSupplier nanoClock) {
        this(nanoClock, Watchdog::onAThreadOfItsOwn);
    }

    /**
     * @param actions runs each expired watch's action. Not the timer's thread: an action that blocks (closing a
     *                connection whose threads are stuck) would hold the timer, and with it every other session's
     *                time limits (probe K: one device's stuck close froze them all, and the run lasted as long as
     *                that device liked). A test may run them on the timer, to order expiries as it likes.
     */
    Watchdog(LongSupplier nanoClock, Executor actions) {
        this.nanoClock = nanoClock;
        this.actions = actions;
        var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "backup-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // A closed watch's pending check goes at once, not at its due time: a run closes a watch per step.
        executor.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** Expiries are rare (a device that timed out): a thread each, which nothing can make wait on another's. */
    private static void onAThreadOfItsOwn(Runnable action) {
        Thread thread = new Thread(action, "backup-watchdog-expiry");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a watch that runs {@code onExpiry} once {@code timeout} passes without a {@link Watch#reset()}. */
    public Watch watch(Duration timeout, Runnable onExpiry) {
        return new Watch(timeout, onExpiry);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * One armed deadline. A reset only notes the time: it runs on every read of every session, and rescheduling
     * there took the timer's lock and made a task each time. The timer instead looks when the deadline as last
     * set comes, and if progress was made since, looks again when the new one comes: the same deadline, found a
     * little later in the timer's work, never sooner.
     */
    public final class Watch implements AutoCloseable {
        private final Duration timeout;
        private final long timeoutNanos;
        private final Runnable onExpiry;
        /** When progress was last made, by the watchdog's clock (nanoseconds). */
        private volatile long lastProgress;
        private ScheduledFuture<?> due;
        private boolean closed;
        private volatile boolean expired;

        private Watch(Duration timeout, Runnable onExpiry) {
            this.timeout = timeout;
            this.timeoutNanos = timeout.toNanos();
            this.onExpiry = onExpiry;
            this.lastProgress = nanoClock.getAsLong();
            scheduleCheck(timeoutNanos);
        }

        /** Progress was made: the full timeout starts again from now. */
        public void reset() {
            lastProgress = nanoClock.getAsLong();
        }

        private synchronized void scheduleCheck(long nanos) {
            if (!closed) {
                due = timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
            }
        }

        /**
         * On the timer's thread, once the deadline as it stood when this was scheduled has come. The clock is read
         * before the last progress: read the other way round, a reset landing between the two reads would be
         * missed, and the watch would expire although progress came in time.
         */
        private void check() {
            long now = nanoClock.getAsLong();
            long left = lastProgress + timeoutNanos - now;
            if (left > 0) {
                scheduleCheck(left);
            } else {
                expire();
            }
        }

        public boolean expired() {
            return expired;
        }

        public Duration timeout() {
            return timeout;
        }

        /**
         * Decided under the lock, so that once {@link #close()} returns, the watch has either expired already
         * or never will: a caller that finished just in time can trust {@link #expired()}.
         */
        private void expire() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                expired = true;
            }
            actions.execute(onExpiry);
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (due != null) {
                due.cancel(false);
            }
        }
    }
}
