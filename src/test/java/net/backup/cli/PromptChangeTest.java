package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that changes the prompt (FortiOS's 'config system console', a configuration mode, EXOS's prompt that
 * counts commands) leaves the session waiting for the prompt it learned at login. The device did answer, with
 * another prompt: an outside probe was told "no output for 20 s". It is still a timeout, tried again: a device
 * that stalled on a line that reads like a prompt looks the same (the cold review).
 */
class PromptChangeTest {
    private static final String PREVIOUS = "! the last good backup\nend\n";

    @TempDir
    Path dir;

    @Test
    void aSetupCommandThatChangesThePromptIsNamed() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(Lab.DeviceSpec.healthy("r1")), LabSettings.defaults()), dir)) {
            run.writeBackup("r1", PREVIOUS);
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            String ios = new String(getClass().getResourceAsStream("/platforms/cisco_ios.yaml").readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(ios).contains("setup: [term len 0]\n");
            Files.writeString(platforms.resolve("cisco_ios.yaml"), ios.replace("setup: [term len 0]\n",
                    "setup: [term len 0, conf t]\n"));

            CliRun result = run.backup("--platforms", platforms.toString(), "--command-timeout", "1s", "--retries", "0");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("(?m)^FAILED +r1 .*  the device waits after 'conf t' at 'r1\\(config\\)#',"
                    + " a prompt but not the session's \\('r1#'\\), and nothing more came within 1 s \\(command_timeout\\);"
                    + " if a command changed the prompt \\(a configuration mode, a prompt that counts commands\\), it cannot"
                    + " be one of the platform's: a session follows one prompt$");
            assertThat(run.backupOf("r1")).isEqualTo(PREVIOUS);
        }
    }
}
