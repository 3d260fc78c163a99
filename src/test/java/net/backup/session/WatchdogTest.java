package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog has one timer thread that decides expiries in due order. Most tests run the actions on that
 * thread, and hold it inside one action while they arrange the others, so what they check never depends on how
 * fast the machine is; a run's watchdog runs each action on a thread of its own (the last test).
 */
class WatchdogTest {
    private static final long LIMIT_SECONDS = 30;

    private Watchdog watchdog;
    private final CountDownLatch timerHeld = new CountDownLatch(1);
    private final CountDownLatch releaseTimer = new CountDownLatch(1);

    @BeforeEach
    void start() {
        watchdog = new Watchdog(System::nanoTime, Runnable::run);
    }

    @AfterEach
    void stop() {
        releaseTimer.countDown();
        watchdog.close();
    }

    /** Occupies the timer thread until {@link #releaseTimer}; returns once it is occupied. */
    private void holdTheTimer() throws InterruptedException {
        watchdog.watch(Duration.ZERO, () -> {
            timerHeld.countDown();
            await(releaseTimer);
        });
        assertThat(timerHeld.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    /** Releases the timer and waits until every expiry due before now has run. */
    private void drainTheTimer() throws InterruptedException {
        var drained = new CountDownLatch(1);
        releaseTimer.countDown();
        watchdog.watch(Duration.ZERO, drained::countDown);
        assertThat(drained.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWatchThatIsNeverResetExpiresAndRunsItsAction() throws InterruptedException {
        var fired = new CountDownLatch(1);

        Watchdog.Watch watch = watchdog.watch(Duration.ofMillis(1), fired::countDown);

        assertThat(fired.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.expired()).isTrue();
        assertThat(watch.timeout()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aClosedWatchNeverFires() throws InterruptedException {
        holdTheTimer();
        var fired = new AtomicInteger();
        Watchdog.Watch watch = watchdog.watch(Duration.ZERO, fired::incrementAndGet); // due, but the timer is busy

        watch.close();
        drainTheTimer();

        assertThat(fired).hasValue(0);
        assertThat(watch.expired()).isFalse();
    }

    @Test
    void resetsNeverMakeAWatchFireTwice() throws InterruptedException {
        holdTheTimer();
        var fired = new AtomicInteger();
        Watchdog.Watch watch = watchdog.watch(Duration.ZERO, fired::incrementAndGet);

        watch.reset();
        watch.reset();
        drainTheTimer();

        assertThat(fired).hasValue(1);
        assertThat(watch.expired()).isTrue();
    }

    @Test
    void aWatchResetBeforeItsTimeoutDoesNotExpire() throws InterruptedException {
        var fired = new AtomicInteger();
        Watchdog.Watch watch = watchdog.watch(Duration.ofHours(1), fired::incrementAndGet);

        watch.reset();
        holdTheTimer();
        drainTheTimer();

        assertThat(fired).hasValue(0);
        assertThat(watch.expired()).isFalse();
        watch.close();
    }

    /**
     * A reset only notes the time; the timer looks when the deadline as it stood comes, and again at the new
     * one. The watchdog's clock here is the test's, so whether progress came in time never depends on how fast
     * the machine is: the watch must not expire a nanosecond before its last reset plus the timeout, however
     * often the timer looks, and must at that nanosecond.
     */
    @Test
    void aWatchExpiresExactlyATimeoutAfterItsLastReset() throws InterruptedException {
        watchdog.close();
        var now = new AtomicLong();
        var clockRead = new AtomicReference<>(new CountDownLatch(0));
        watchdog = new Watchdog(() -> {
            clockRead.get().countDown();
            return now.get();
        });
        Duration timeout = Duration.ofMillis(20);
        var fired = new CountDownLatch(1);
        Watchdog.Watch watch = watchdog.watch(timeout, fired::countDown);

        long lastReset = 0;
        for (int i = 1; i <= 3; i++) { // each reset moves the deadline past the one the timer is waiting for
            lastReset = i * timeout.toNanos() * 3 / 4;
            now.set(lastReset);
            watch.reset();
            now.set(lastReset + timeout.toNanos() / 2);
            timerLooks(clockRead);
            assertThat(watch.expired()).as("expired before its last reset plus the timeout").isFalse();
        }
        now.set(lastReset + timeout.toNanos() - 1);
        timerLooks(clockRead);
        assertThat(watch.expired()).as("expired a nanosecond early").isFalse();

        now.set(lastReset + timeout.toNanos());
        assertThat(fired.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.expired()).isTrue();
    }

    /**
     * Progress can land while the timer is deciding, between its reading the clock and its reading when progress
     * was last made. This clock makes it land exactly there, at the moment the deadline comes: the watch must
     * see that progress and live on.
     */
    @Test
    void progressMadeWhileTheTimerLooksIsNeverMissed() throws InterruptedException {
        watchdog.close();
        Duration timeout = Duration.ofMillis(20);
        var now = new AtomicLong();
        var watch = new AtomicReference<Watchdog.Watch>();
        var armed = new AtomicBoolean();
        var progressMade = new AtomicBoolean();
        var decided = new CountDownLatch(1); // the timer looked again after the progress, or the watch expired
        watchdog = new Watchdog(() -> {
            if (armed.compareAndSet(true, false)) { // only the timer reads the clock once this is armed
                now.set(timeout.toNanos());
                watch.get().reset();
                progressMade.set(true);
            } else if (progressMade.get()) {
                decided.countDown();
            }
            return now.get();
        });
        watch.set(watchdog.watch(timeout, decided::countDown));

        armed.set(true);

        assertThat(decided.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(progressMade).isTrue();
        assertThat(watch.get().expired()).as("expired although progress came as the deadline did").isFalse();
        watch.get().close();
    }

    /**
     * Returns once the timer has looked at the watch again: only its checks read the clock meanwhile. Until
     * the watch's deadline has come by that clock, a look can only put the check off, never expire it.
     */
    private static void timerLooks(AtomicReference<CountDownLatch> clockRead) throws InterruptedException {
        var looked = new CountDownLatch(1);
        clockRead.set(looked);
        assertThat(looked.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("the timer looked").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An action that never returns (closing a connection whose threads are stuck, probe K) holds neither the timer
     * nor any other watch: on the one timer thread it froze every other session's time limits.
     */
    @Test
    void anActionThatBlocksDoesNotHoldUpAnotherWatch() throws InterruptedException {
        watchdog.close();
        watchdog = new Watchdog();
        var stuck = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        watchdog.watch(Duration.ZERO, () -> {
            started.countDown();
            await(releaseTimer);
            stuck.countDown();
        });
        assertThat(started.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        var fired = new CountDownLatch(1);

        Watchdog.Watch other = watchdog.watch(Duration.ofMillis(1), fired::countDown);

        assertThat(fired.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(other.expired()).isTrue();
        assertThat(stuck.getCount()).as("the first action is still blocked").isEqualTo(1);
    }
}
