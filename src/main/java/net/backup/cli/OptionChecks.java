package net.backup.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The checks picocli does not make on numeric options, with the same message for every command. */
final class OptionChecks {
    private OptionChecks() {
    }

    /** @throws CommandLine.ParameterException (exit code 2, with the usage) when {@code value} is outside min..max */
    static void inRange(CommandSpec spec, String option, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    /** @throws CommandLine.ParameterException when a duration that was given is zero */
    static void positive(CommandSpec spec, String option, Duration value) {
        if (value != null && value.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be more than 0");
        }
    }
}
