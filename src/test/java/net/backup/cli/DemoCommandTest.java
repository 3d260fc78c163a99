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

    /** An earlier demo's directory that then took real backups is theirs: its mark is gone (the cold review). */
    @Test
    void anEarlierDemosDirectoryThatTookRealBackupsIsRefused() throws Exception {
        Path configs = dir.resolve("configs");
        assertThat(CliRun.of("demo", "--devices", "1", "--latency", "0ms", "-o", configs.toString()).exitCode()).isZero();
        assertThat(configs.resolve(".backup-demo")).exists();
        try (var lab = new net.backup.testing.LabRun(net.backup.lab.Lab.start(net.backup.lab.Lab.healthyFleet("csr", 1),
                net.backup.lab.LabSettings.defaults()), dir)) {
            assertThat(lab.output()).isEqualTo(configs);
            assertThat(lab.backup().exitCode()).isZero();
        }
        String real = Files.readString(configs.resolve("csr1.cfg"));

        CliRun again = CliRun.of("demo", "--devices", "1", "--latency", "0ms", "-o", configs.toString());

        assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(configs.resolve(".backup-demo")).doesNotExist();
        assertThat(configs.resolve("csr1.cfg")).hasContent(real.stripTrailing());
    }
}
