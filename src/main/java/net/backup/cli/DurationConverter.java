package net.backup.cli;

import java.time.Duration;
import net.backup.time.Durations;
import picocli.CommandLine;

/** Durations on the command line: {@code 100ms}, {@code 2s}, {@code 2.5s}, {@code 1m}, {@code 1h}; a bare number is seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
