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

    /** Columns padded by hand, not by String.format: this runs once per device, and a fleet's worth added up. */
    @Override
    public void accept(DeviceResult result) {
        var line = new StringBuilder(64 + nameWidth);
        padRight(line, result.status().toString(), 9).append("  ");
        padRight(line, result.name(), nameWidth).append("  ");
        padLeft(line, result.succeeded() ? size(result.bytes()) : "-", 9).append("  ");
        padLeft(line, Durations.seconds(result.duration()), 8);
        if (result.attempts() > 1) {
            line.append("  (").append(result.attempts()).append(" attempts)");
        }
        result.error().ifPresent(error -> line.append("  ").append(error));
        result.notes().forEach(note -> line.append("  note: ").append(note));
        out.println(TerminalText.escape(line.toString())); // errors quote what devices sent
        out.flush();
    }

    public void summary(RunOutcome outcome) {
        List<DeviceResult> results = outcome.results();
        out.printf(Locale.ROOT, "%s: %d new, %d changed, %d unchanged, %d failed%n", Plural.of(results.size(), "device"),
                count(results, DeviceResult.Status.NEW), count(results, DeviceResult.Status.CHANGED),
                count(results, DeviceResult.Status.UNCHANGED), count(results, DeviceResult.Status.FAILED));
        out.println("Execution time: " + Durations.seconds(outcome.elapsed()));
        out.flush();
    }

    static long count(List<DeviceResult> results, DeviceResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static StringBuilder padRight(StringBuilder line, String text, int width) {
        return spaces(line.append(text), width - text.length());
    }

    private static StringBuilder padLeft(StringBuilder line, String text, int width) {
        return spaces(line, width - text.length()).append(text);
    }

    private static StringBuilder spaces(StringBuilder line, int count) {
        for (int i = 0; i < count; i++) {
            line.append(' ');
        }
        return line;
    }

    /** {@code 512 B}, {@code 37.5 KB}, {@code 1.2 MB}: one decimal, rounded half up, as %.1f would. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        long unit = bytes < 1024 * 1024 ? 1024 : 1024 * 1024;
        long tenths = (bytes * 10 + unit / 2) / unit;
        return tenths / 10 + "." + tenths % 10 + (unit == 1024 ? " KB" : " MB");
    }
}
