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
 * A NUL is padding only where a terminal puts it, after a line end: there it shows nothing and is dropped. In a
 * line's text it is a control character like any other, and the device fails rather than have its line stored
 * without it (an outside probe's {@code nul\0byte} was stored as {@code nulbyte}, CHANGED, exit 0).
 */
class NulBytesTest {
    @TempDir
    Path dir;

    @Test
    void aNulInsideAConfigurationLineFailsTheDeviceAndKeepsItsPreviousBackup() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(Lab.DeviceSpec.healthy("r1")), LabSettings.defaults()), dir)) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            String previous = run.backupOf("r1");
            run.lab().device("r1").setDescription("Loopback7", "nul\0byte");
            List<String> lines = run.lab().device("r1").stableConfig().lines().toList();
            int line = lines.indexOf(" description nul\0byte") + 1;
            assertThat(line).isPositive();

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +r1 .*garbage in the output: control character 0x00 in line "
                    + line + "$");
            assertThat(run.backupOf("r1")).isEqualTo(previous);
        }
    }

    @Test
    void nulPaddingAtTheStartOfALineIsDroppedAndTheRestStoredExactly() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(Lab.DeviceSpec.healthy("r1")), LabSettings.defaults()), dir)) {
            // The lab sends its lines with CR LF, so this NUL follows an LF, as a terminal's padding does.
            run.lab().device("r1").setDescription("Loopback7", "padded\n\0\0 shutdown");

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("r1")).isEqualTo(run.lab().device("r1").stableConfig().replace("\0", ""))
                    .contains(" description padded\n shutdown\n");
        }
    }
}
