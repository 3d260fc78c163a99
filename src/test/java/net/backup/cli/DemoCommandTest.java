package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo checks its numbers as every command does (OptionChecks). */
class DemoCommandTest {
    @Test
    void aDeviceCountOutOfRangeIsAUsageError() {
        CliRun result = CliRun.of("demo", "--devices", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--devices must be from 1 to 1000, got 0");
    }
}
