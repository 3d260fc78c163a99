package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that waits on something the next attempt would meet again is failed at once, saying why, instead of
 * being tried again after each command_timeout (probe J: a save question the platform file does not answer cost
 * 3 minutes per device with the defaults; a prompt its pattern does not match, 3 attempts that said only "no
 * output").
 */
class WaitsNotRetriedTest {
    @TempDir
    Path dir;

    private CliRun backUp(ScriptedDevice device, String platform, Path platforms) throws Exception {
        Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", platform);
        return CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "2", "--retry-delay", "0s",
                "--no-history", "--command-timeout", "1s", "--platforms", platforms.toString());
    }

    @Test
    void aSaveQuestionThePlatformDoesNotAnswerFailsTheDeviceOnce() throws Exception {
        Path platforms = Files.createDirectories(dir.resolve("platforms"));
        Files.writeString(platforms.resolve("ios_copy.yaml"), """
                name: ios_copy
                prompt: '[\\w.-]+[>#] ?'
                save: [copy running-config startup-config]
                backup: [show run]
                text_blocks: []
                """);
        try (var device = new ScriptedDevice("R1#", command -> command.equals("copy running-config startup-config")
                ? List.of("Destination filename [startup-config]? ", 30_000L) : List.of())) {
            CliRun result = backUp(device, "ios_copy", platforms);

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("it was waiting after 'Destination filename [startup-config]?', a question: "
                    + "not tried again").doesNotContain("attempts");
            assertThat(device.commands()).containsExactly("copy running-config startup-config");
        }
    }

    @Test
    void aPromptThePlatformsPatternDoesNotMatchIsNamedAndNotTriedAgain() throws Exception {
        Path platforms = Files.createDirectories(dir.resolve("platforms"));
        Files.writeString(platforms.resolve("narrow.yaml"), """
                name: narrow
                prompt: '[\\w-]+@[\\w-]+> ?'
                backup: [show configuration]
                text_blocks: []
                """);
        try (var device = new ScriptedDevice("jsmith@corp.example@mx1> ", command -> List.of())) {
            CliRun result = backUp(device, "narrow", platforms);

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("it was waiting after 'jsmith@corp.example@mx1>', which ends as a prompt "
                    + "does but does not match its platform's prompt pattern ('[\\w-]+@[\\w-]+> ?')")
                    .doesNotContain("attempts");
        }
    }
}
