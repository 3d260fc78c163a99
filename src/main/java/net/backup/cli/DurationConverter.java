package net.backup.cli;

import java.time.Duration;
import net.backup.time.Durations;
import picocli.CommandLine;

/**
 * Durations on the command line: {@code 100ms}, {@code 2s}, {@code 2.5s}, {@code 1m}, {@code 1h}; a bare number is
 * seconds. At most {@link Durations#LONGEST}, as in the inventory: longer ones overflowed once added to a clock.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (duration.compareTo(Durations.LONGEST) > 0) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' must be at most " + Durations.LONGEST.toHours() + " hours");
        }
        return duration;
    }
}
