package net.backup.lab;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the CLI sessions open across a lab, and the most ever open at once. Concurrency is proven with
 * it without timing: {@link #holdUntilOpen} keeps each new session waiting at login until that many are
 * open together, so a client that runs W sessions at once is seen at exactly W.
 */
public final class SessionCounter {
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Duration gateLimit = Duration.ZERO;

    void opened() {
        int now = open.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        total.incrementAndGet();
        gate.countDown();
        signalChange();
    }

    void closed() {
        open.decrementAndGet();
        signalChange();
    }

    private synchronized void signalChange() {
        notifyAll();
    }

    /** Waits until at least {@code sessions} are open at once; false if that did not happen within {@code limit}. */
    public synchronized boolean awaitOpen(int sessions, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (open.get() < sessions) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return true;
    }

    /** Called by a session before its first prompt; returns once enough sessions are open, or after the limit. */
    void awaitGate() throws InterruptedException {
        gate.await(gateLimit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the first {@code sessions} sessions wait at login until all of them are open (or {@code limit}
     * passes, so a client that never opens that many fails its test instead of hanging it).
     */
    public void holdUntilOpen(int sessions, Duration limit) {
        gateLimit = limit;
        gate = new CountDownLatch(sessions);
    }

    public int open() {
        return open.get();
    }

    public int peak() {
        return peak.get();
    }

    public int total() {
        return total.get();
    }
}
