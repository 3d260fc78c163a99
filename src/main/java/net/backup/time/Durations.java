package net.backup.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in an inventory or on a command line: {@code 30}, {@code 30s}, {@code 2.5s},
 * {@code 250ms}, {@code 2m}, {@code 1.5m}, {@code 1h}.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(ms|s|m|h)?");
    private static final String EXAMPLES = "(examples: 30, 30s, 2.5s, 250ms, 2m, 1.5m, 1h)";

    /**
     * The longest duration a setting takes, in the inventory or on the command line: a day is longer than any
     * backup should wait, and far below what overflows when the tool adds it to a clock in nanoseconds.
     */
    public static final Duration LONGEST = Duration.ofHours(24);

    private Durations() {
    }

    /**
     * @param text a number, with decimals or not, and an optional unit; a bare number means seconds. The tool
     *             counts in milliseconds, so a fraction of one ({@code 2.5ms}, {@code 1.0001s}) is refused
     * @throws IllegalArgumentException with a message fit to print
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration " + EXAMPLES);
        }
        long unitMillis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1_000;
        };
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis));
        try {
            return Duration.ofMillis(millis.longValueExact());
        } catch (ArithmeticException notWholeMilliseconds) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of milliseconds " + EXAMPLES);
        }
    }

    /** A setting as the user wrote it, near enough: {@code 30 s}, or {@code 500 ms} when not whole seconds. */
    public static String setting(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** {@code 250 ms} below a second, {@code 1.50 s} above: for settings such as latency. */
    public static String human(Duration duration) {
        return duration.compareTo(Duration.ofSeconds(1)) < 0 ? duration.toMillis() + " ms" : seconds(duration);
    }

    /**
     * {@code 1.23 s}, the way the per-device lines and the summary show times: two decimals, rounded half up,
     * as %.2f would, without the formatter's cost on each device's line.
     */
    public static String seconds(Duration duration) {
        long nanos = duration.toNanos();
        long hundredths = (Math.abs(nanos) + 5_000_000) / 10_000_000;
        long fraction = hundredths % 100;
        return (nanos < 0 ? "-" : "") + hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction + " s";
    }
}
