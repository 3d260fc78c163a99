package net.backup.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import net.backup.run.DeviceResult;
import net.backup.run.RunOutcome;
import net.backup.time.Durations;

/**
 * What a person at the terminal (or reading cron's mail) sees: a line per device as it finishes, then a summary.
 * Device-supplied text is shown with its control characters escaped ({@link TerminalText}).
 */
public final class ConsoleReport implements Consumer<DeviceResult> {
    private final PrintWriter out;
    private final int nameWidth;

    public ConsoleReport(PrintWriter out, List<String> deviceNames) {
        this.out = out;
        this.nameWidth = Math.max(8, deviceNames.stream().mapToInt(String::length).max().orElse(8));
    }

    @Override
    public void accept(DeviceResult result) {
        var line = new StringBuilder(String.format(Locale.ROOT, "%-9s  %-" + nameWidth + "s  %9s  %8s", result.status(),
                result.name(), result.succeeded() ? size(result.bytes()) : "-", Durations.seconds(result.duration())));
        if (result.attempts() > 1) {
            line.append("  (").append(result.attempts()).append(" attempts)");
        }
        result.error().ifPresent(error -> line.append("  ").append(error));
        out.println(TerminalText.escape(line.toString())); // errors quote what devices sent
        out.flush();
    }

    public void summary(RunOutcome outcome) {
        List<DeviceResult> results = outcome.results();
        out.printf(Locale.ROOT, "%d devices: %d new, %d changed, %d unchanged, %d failed%n", results.size(),
                count(results, DeviceResult.Status.NEW), count(results, DeviceResult.Status.CHANGED),
                count(results, DeviceResult.Status.UNCHANGED), count(results, DeviceResult.Status.FAILED));
        out.println("Execution time: " + Durations.seconds(outcome.elapsed()));
        out.flush();
    }

    static long count(List<DeviceResult> results, DeviceResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
