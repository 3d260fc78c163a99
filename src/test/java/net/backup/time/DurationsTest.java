package net.backup.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void secondsHaveTwoDecimalsRoundedHalfUp() {
        assertThat(Durations.seconds(Duration.ZERO)).isEqualTo("0.00 s");
        assertThat(Durations.seconds(Duration.ofMillis(5))).isEqualTo("0.01 s");
        assertThat(Durations.seconds(Duration.ofNanos(4_999_999))).isEqualTo("0.00 s");
        assertThat(Durations.seconds(Duration.ofMillis(1005))).isEqualTo("1.01 s");
        assertThat(Durations.seconds(Duration.ofMillis(1095))).isEqualTo("1.10 s");
        assertThat(Durations.seconds(Duration.ofMillis(59_999))).isEqualTo("60.00 s");
        assertThat(Durations.seconds(Duration.ofHours(3))).isEqualTo("10800.00 s");
        assertThat(Durations.seconds(Duration.ofMillis(-16))).isEqualTo("-0.02 s");
        assertThat(Durations.seconds(Duration.ofMillis(-1500))).isEqualTo("-1.50 s");
    }

    /** What String.format("%.2f s") showed before, for any time a run can take. */
    @Test
    void secondsReadAsTheFormatterWroteThem() {
        var random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long nanos = i < 20_000 ? i * 500_000L : (long) (random.nextDouble() * 86_400e9);
            nanos = i % 2 == 0 ? nanos : -nanos; // a clock set back can make one negative
            assertThat(Durations.seconds(Duration.ofNanos(nanos))).as("%d ns", nanos)
                    .isEqualTo(String.format(Locale.ROOT, "%.2f s", nanos / 1e9));
        }
    }
}
