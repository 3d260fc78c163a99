package net.backup.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.of(5, Duration.ofSeconds(1));

    @Test
    void eachPauseIsBetweenHalfAndAllOfABackoffThatDoublesFromTheFirstDelay() {
        var random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 5; attempt++) {
            long backoff = 1000L << (attempt - 1);
            for (int draw = 0; draw < 200; draw++) {
                assertThat(policy.delayAfter(attempt, random).toMillis()).as("attempt " + attempt)
                        .isBetween(backoff / 2, backoff);
            }
        }
    }

    @Test
    void theBackoffStopsGrowingAtThirtySecondsHoweverManyAttempts() {
        var random = new SplittableRandom(7);
        for (int attempt : new int[] {6, 10, 21, 64, Integer.MAX_VALUE}) {
            assertThat(policy.delayAfter(attempt, random)).as("attempt " + attempt)
                    .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        }
    }

    @Test
    void pausesAreJitteredSoDevicesBehindOneLinkDoNotReturnTogether() {
        var random = new SplittableRandom(7);
        var seen = new HashSet<Duration>();
        for (int draw = 0; draw < 50; draw++) {
            seen.add(policy.delayAfter(1, random));
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void aZeroFirstDelayMeansNoPause() {
        assertThat(RetryPolicy.of(2, Duration.ZERO).delayAfter(3, new SplittableRandom(1))).isZero();
    }

    @Test
    void aNegativeRetryCountIsRefused() {
        assertThatThrownBy(() -> RetryPolicy.of(-1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
