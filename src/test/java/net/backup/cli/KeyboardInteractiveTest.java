package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import net.backup.testing.TestSshServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyboard-interactive login answers password questions only, against a real SSH server that asks others. */
class KeyboardInteractiveTest {
    private static final String PASSWORD = "Pw-kbd-8s2m";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"One-time password (from your token):", "Verification code:"})
    void aQuestionThatIsNotAPasswordPromptNeverGetsThePasswordAndTheDeviceFailsNamingIt(String question) throws IOException {
        try (var device = TestSshServer.start(0, question, TestSshServer.newKey("EC", 256))) {
            Path inventory = device.writeInventory(dir.resolve("inventory.yaml"), "csr1", PASSWORD);

            CliRun result = CliRun.of("--inventory", inventory.toString(), "--output-dir", dir.resolve("configs").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--retries", "2", "--retry-delay", "10ms");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("FAILED", "the device asked '" + question
                    + "' during keyboard-interactive login; only password prompts are answered").doesNotContain("attempts");
            assertThat(device.answers()).isNotEmpty().allMatch(String::isEmpty);
            assertThat(device.passwordsSeen()).doesNotContain(PASSWORD);
            assertThat(device.connections()).as("not retried").isEqualTo(1);
        }
    }
}
