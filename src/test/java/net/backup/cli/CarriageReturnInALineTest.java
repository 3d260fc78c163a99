package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CR inside a configuration line (a description set over SNMP or NETCONF, line noise) is neither a line end
 * nor a terminal's redraw to apply: the device fails. Probe G found the configuration check splitting such a line
 * in two, so that {@code description to core\rshutdown} was stored as a description and a top-level
 * {@code shutdown} the device does not have, CHANGED, exit 0.
 */
class CarriageReturnInALineTest {
    @TempDir
    Path dir;

    @Test
    void aCarriageReturnInsideAConfigurationLineFailsTheDeviceAndKeepsItsPreviousBackup() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(Lab.DeviceSpec.healthy("r1")), LabSettings.defaults()), dir)) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            String previous = run.backupOf("r1");
            run.lab().device("r1").setDescription("Loopback7", "to core\rshutdown");
            String config = run.lab().device("r1").stableConfig();
            int at = config.indexOf(" description to core");
            assertThat(at).isPositive();
            int line = (int) config.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            assertThat(line).isPositive();

            CliRun result = run.backup("--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +r1 .*garbage in the output: control character 0x0d in line "
                    + line + "$");
            assertThat(run.backupOf("r1")).isEqualTo(previous);
        }
    }
}
