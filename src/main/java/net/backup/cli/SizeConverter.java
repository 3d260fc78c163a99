package net.backup.cli;

import net.backup.size.Sizes;
import picocli.CommandLine;

/** Sizes on the command line: {@code 16MiB}, {@code 512KiB}, {@code 1GiB}; a bare number is bytes. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
