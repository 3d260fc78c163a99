package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo checks its numbers as every command does (OptionChecks), and never replaces real backups. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceCountOutOfRangeIsAUsageError() {
        CliRun result = CliRun.of("demo", "--devices", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--devices must be from 1 to 1000, got 0");
    }

    /** Its csr1, csr2... are common router names: -o at real backups replaced them silently (probe I). */
    @Test
    void aDirectoryOfRealBackupsIsRefusedAndKept() throws Exception {
        Path configs = Files.createDirectory(dir.resolve("configs"));
        Files.writeString(configs.resolve("csr1.cfg"), "hostname REAL-ROUTER\n");

        CliRun result = CliRun.of("demo", "--devices", "2", "--latency", "0ms", "-o", configs.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: --output-dir " + configs + " holds backups or a history (csr1.cfg), "
                + "which the demo's simulated devices would replace: give it a new or empty directory, or an earlier demo's\n");
        assertThat(configs.resolve("csr1.cfg")).hasContent("hostname REAL-ROUTER");
    }

    @Test
    void anEarlierDemosDirectoryIsUsedAgain() throws Exception {
        Path configs = dir.resolve("demo-configs");

        CliRun first = CliRun.of("demo", "--devices", "2", "--latency", "0ms", "-o", configs.toString());
        CliRun second = CliRun.of("demo", "--devices", "2", "--latency", "0ms", "-o", configs.toString());

        assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.OK);
        assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OK);
        assertThat(configs.resolve("csr1.cfg")).exists();
    }
}
