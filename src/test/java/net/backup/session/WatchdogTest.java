package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog has one timer thread that runs expiries in due order. The tests hold that thread inside
 * one expiry while they arrange the others, so what they check never depends on how fast the machine is.
 */
class WatchdogTest {
    private static final long LIMIT_SECONDS = 30;

    private Watchdog watchdog;
    private final CountDownLatch timerHeld = new CountDownLatch(1);
    private final CountDownLatch releaseTimer = new CountDownLatch(1);

    @BeforeEach
    void start() {
        watchdog = new Watchdog();
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
    void aResetReplacesTheDueExpiryInsteadOfAddingOne() throws InterruptedException {
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
     * A reset only notes the time; the timer looks at the deadline when it comes. Here the first deadline has
     * passed while the timer was busy, and the watch was reset just before the timer got to it: it must not
     * expire then, but a full timeout after the reset.
     */
    @Test
    void aResetJustBeforeTheTimerLooksPostponesTheExpiryByAFullTimeout() throws InterruptedException {
        Duration timeout = Duration.ofSeconds(2);
        holdTheTimer();
        var fired = new CountDownLatch(1);
        Watchdog.Watch watch = watchdog.watch(timeout, fired::countDown);
        Thread.sleep(timeout.toMillis() + 100);
        long resetAt = System.nanoTime();
        watch.reset();
        drainTheTimer();

        assertThat(watch.expired()).as("expired at the deadline that the reset moved").isFalse();
        assertThat(fired.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - resetAt).isGreaterThanOrEqualTo(timeout.toNanos());
        assertThat(watch.expired()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
