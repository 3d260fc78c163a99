package net.backup.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void durationsTakeHoursAndDecimalsOfAnyUnitButTheMillisecond() {
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("2.5s")).isEqualTo(Duration.ofMillis(2500));
        assertThat(Durations.parse("2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThat(Durations.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("0.5h")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("0.001s")).isEqualTo(Duration.ofMillis(1));
        assertThat(Durations.parse("2.500s")).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aDurationFinerThanAMillisecondOrNotANumberIsRefusedWithExamples() {
        assertThatThrownBy(() -> Durations.parse("2.5ms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'2.5ms' is not a whole number of milliseconds (examples: 30, 30s, 2.5s, 250ms, 2m, 1.5m, 1h)");
        assertThatThrownBy(() -> Durations.parse("1.0001s")).hasMessageStartingWith("'1.0001s' is not a whole number");
        for (String text : new String[] {"soon", "1d", "1.s", ".5s", "-1s", "1,5s", "1e3s", ""}) {
            assertThatThrownBy(() -> Durations.parse(text)).as(text)
                    .hasMessage("'" + text + "' is not a duration (examples: 30, 30s, 2.5s, 250ms, 2m, 1.5m, 1h)");
        }
    }

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
