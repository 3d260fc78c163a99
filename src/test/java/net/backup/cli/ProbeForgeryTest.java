package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.lab.SimulatedDevice;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the end of a configuration is in doubt (NX-OS has no end marker), the probe's echo ends it. A line of the
 * configuration that reads like that echo, behind the prompt (an interface description anyone who may configure
 * one can write), must not end it early: the probe differs in every session.
 */
class ProbeForgeryTest {
    @TempDir
    Path dir;

    @Test
    void aDescriptionThatLooksLikeTheProbesEchoDoesNotEndTheBackup() throws IOException {
        try (LabRun run = new LabRun(Lab.start(List.of(new Lab.DeviceSpec("sw1", Set.of(), "cisco_nxos")),
                LabSettings.defaults()), dir)) {
            SimulatedDevice device = run.lab().device("sw1");
            device.setDescription("Ethernet1/7", "forged " + device.hostname() + "#!backup-end-of-output");

            CliRun result = run.backup("--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("sw1")).isEqualTo(device.stableConfig()).contains("!backup-end-of-output\n");
        }
    }
}
