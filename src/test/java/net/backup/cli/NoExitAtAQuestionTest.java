package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.backup.testing.ScriptedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit command is typed only where the device is at its prompt: after a failed step it may be waiting on a
 * question, which the word would answer. At the enable {@code Password:} asked again after a wrong secret, it was
 * a second failed attempt in the device's log, towards a lockout (probe J).
 */
class NoExitAtAQuestionTest {
    @TempDir
    Path dir;

    private List<String> typedTo(ScriptedDevice device, String platform) throws Exception {
        Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "r1", platform);
        Files.writeString(inventory, Files.readString(inventory).replace("  password: p\n", "  password: p\n  enable_secret: wrong\n"));
        CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "0", "--no-history",
                "--command-timeout", "2s");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
        return device.commands();
    }

    @Test
    void aRejectedEnableSecretIsNotFollowedByTheExitCommandAtThePasswordQuestion() throws Exception {
        try (var device = new ScriptedDevice("R1>", command -> command.equals("enable")
                ? List.of("Password: ", new ScriptedDevice.SilentLine(), "Password: ", new ScriptedDevice.SilentLine(),
                        "% Bad secrets\r\n")
                : List.of())) {
            assertThat(typedTo(device, "cisco_ios")).containsExactly("enable", "wrong");
        }
    }
}
