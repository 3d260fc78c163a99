package net.backup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import net.backup.run.DeviceResult;
import net.backup.run.RunOutcome;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
    @Test
    void sizesHaveOneDecimalRoundedHalfUp() {
        assertThat(ConsoleReport.size(0)).isEqualTo("0 B");
        assertThat(ConsoleReport.size(1023)).isEqualTo("1023 B");
        assertThat(ConsoleReport.size(1024)).isEqualTo("1.0 KB");
        assertThat(ConsoleReport.size(1024 + 51)).isEqualTo("1.0 KB");
        assertThat(ConsoleReport.size(1024 + 52)).isEqualTo("1.1 KB"); // 1.0508 KB
        assertThat(ConsoleReport.size(1280)).isEqualTo("1.3 KB"); // 1.25 KB exactly
        assertThat(ConsoleReport.size(1_310_720)).isEqualTo("1.3 MB"); // 1.25 MB exactly
        assertThat(ConsoleReport.size(1024 * 1024 - 1)).isEqualTo("1024.0 KB");
        assertThat(ConsoleReport.size(1024 * 1024)).isEqualTo("1.0 MB");
        assertThat(ConsoleReport.size(5L * 1024 * 1024 * 1024)).isEqualTo("5120.0 MB");
    }

    /** What String.format("%.1f KB") and "%.1f MB" showed before. */
    @Test
    void sizesReadAsTheFormatterWroteThem() {
        var random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            long bytes = i < 30_000 ? 1024 + i * 17L : 1024 + (long) (random.nextDouble() * (1L << 34));
            String formatted = bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
            assertThat(ConsoleReport.size(bytes)).as("%d bytes", bytes).isEqualTo(formatted);
        }
    }

    @Test
    void aDeviceLineHasItsColumnsAligned() {
        var text = new StringWriter();
        var report = new ConsoleReport(new PrintWriter(text), List.of("csr1", "core-switch-12"));
        report.accept(result("csr1", DeviceResult.Status.NEW, 38_930, 1, Optional.empty()));
        report.accept(result("core-switch-12", DeviceResult.Status.FAILED, 0, 3, Optional.of("authentication failed")));

        assertThat(text.toString().lines()).containsExactly(
                "NEW        csr1              38.0 KB    1.23 s",
                "FAILED     core-switch-12          -    1.23 s  (3 attempts)  authentication failed");
    }

    @Test
    void theSummaryCountsOneDeviceInTheSingular() {
        var one = new StringWriter();
        new ConsoleReport(new PrintWriter(one), List.of("csr1")).summary(new RunOutcome(
                List.of(result("csr1", DeviceResult.Status.NEW, 38_930, 1, Optional.empty())), Duration.ofMillis(610)));
        var two = new StringWriter();
        new ConsoleReport(new PrintWriter(two), List.of("csr1", "csr2")).summary(new RunOutcome(List.of(
                result("csr1", DeviceResult.Status.NEW, 38_930, 1, Optional.empty()),
                result("csr2", DeviceResult.Status.FAILED, 0, 1, Optional.of("authentication failed"))),
                Duration.ofMillis(610)));

        assertThat(one.toString().lines()).first().isEqualTo("1 device: 1 new, 0 changed, 0 unchanged, 0 failed");
        assertThat(two.toString().lines()).first().isEqualTo("2 devices: 1 new, 0 changed, 0 unchanged, 1 failed");
    }

    private static DeviceResult result(String name, DeviceResult.Status status, long bytes, int attempts,
            Optional<String> error) {
        Duration duration = Duration.ofMillis(1234);
        return error.map(message -> DeviceResult.failed(name, "10.0.0.1", attempts, duration,
                DeviceResult.Cause.AUTHENTICATION, message))
                .orElseGet(() -> DeviceResult.stored(name, "10.0.0.1", status, attempts, duration, bytes));
    }
}
