package net.backup.run;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How often, and after how long, a device that failed for a transient reason (refused, reset, timed out)
 * is tried again: exponential backoff with jitter, so a hundred devices behind one flapping link do not all
 * come back at the same instant.
 *
 * @param retries    attempts after the first
 * @param firstDelay the pause before the first retry; each later pause doubles, up to {@code maxDelay}
 */
public record RetryPolicy(int retries, Duration firstDelay, Duration maxDelay) {
    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    public static RetryPolicy of(int retries, Duration firstDelay) {
        return new RetryPolicy(retries, firstDelay, MAX_DELAY);
    }

    /** The pause after failed attempt {@code attempt} (1-based): between half and all of the backoff. */
    public Duration delayAfter(int attempt, SplittableRandom random) {
        long base = firstDelay.toMillis() << Math.min(20, attempt - 1);
        long capped = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + (capped <= 1 ? 0 : random.nextLong(capped / 2 + 1)));
    }
}
